#include "core/error.hpp"

namespace frontdesk {

int http_status(ErrorKind kind) noexcept {
    switch (kind) {
        case ErrorKind::kInvalidArgument:
            return 400;
        case ErrorKind::kUnauthorized:
            return 401;
        case ErrorKind::kForbidden:
            return 403;
        case ErrorKind::kNotFound:
            return 404;
        case ErrorKind::kConflict:
            return 409;
        case ErrorKind::kPayloadTooLarge:
            return 413;
        case ErrorKind::kUnavailable:
            return 503;
        case ErrorKind::kDeadlineExceeded:
            return 504;
        case ErrorKind::kInternal:
            return 500;
    }
    return 500;
}

}  // namespace frontdesk
