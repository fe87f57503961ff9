#pragma once

#include <stdexcept>
#include <string>

namespace frontdesk {

/// How a control-plane failure maps onto the outside world (HTTP status, tool error, exit code).
enum class ErrorKind {
    kInvalidArgument,   // 400
    kUnauthorized,      // 401
    kForbidden,         // 403
    kNotFound,          // 404
    kConflict,          // 409
    kPayloadTooLarge,   // 413
    kUnavailable,       // 503
    kDeadlineExceeded,  // 504
    kInternal,          // 500
};

/// Base of every control-plane exception (HTTP API, tool calls, config loading).
/// `code()` is a stable machine-readable code such as "SLOT_UNAVAILABLE"; `what()` is a sentence a
/// person (or an agent reading it aloud) can understand. Thrown by value, caught by const&.
class Error : public std::runtime_error {
public:
    Error(ErrorKind kind, std::string code, const std::string& message)
        : std::runtime_error(message), kind_(kind), code_(std::move(code)) {}

    [[nodiscard]] ErrorKind kind() const noexcept { return kind_; }
    [[nodiscard]] const std::string& code() const noexcept { return code_; }

private:
    ErrorKind kind_;
    std::string code_;
};

/// An Error of one fixed kind; the aliases below are what code throws and catches.
template <ErrorKind Kind>
class KindError : public Error {
public:
    KindError(std::string code, const std::string& message)
        : Error(Kind, std::move(code), message) {}
};

using InvalidArgument = KindError<ErrorKind::kInvalidArgument>;
using Unauthorized = KindError<ErrorKind::kUnauthorized>;
using Forbidden = KindError<ErrorKind::kForbidden>;
using NotFound = KindError<ErrorKind::kNotFound>;
using Conflict = KindError<ErrorKind::kConflict>;
using Unavailable = KindError<ErrorKind::kUnavailable>;
using DeadlineExceeded = KindError<ErrorKind::kDeadlineExceeded>;
using InternalError = KindError<ErrorKind::kInternal>;

/// HTTP status code conventionally used for an error kind.
[[nodiscard]] int http_status(ErrorKind kind) noexcept;

}  // namespace frontdesk
