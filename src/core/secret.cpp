#include "core/secret.hpp"

#include <openssl/crypto.h>

namespace frontdesk {

bool Secret::matches(std::string_view candidate) const noexcept {
    if (value_.empty()) return false;
    // Compare equal-length buffers so timing leaks neither content nor the position of a
    // mismatch; the length check itself is folded into the result, not short-circuited.
    const std::string padded = candidate.size() == value_.size() ? std::string{candidate}
                                                                 : std::string(value_.size(), '\0');
    const bool same_bytes = CRYPTO_memcmp(padded.data(), value_.data(), value_.size()) == 0;
    return same_bytes & (candidate.size() == value_.size());
}

}  // namespace frontdesk
