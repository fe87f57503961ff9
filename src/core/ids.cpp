#include "core/ids.hpp"

#include <openssl/rand.h>

#include <array>
#include <stdexcept>

namespace frontdesk {

std::string new_id(std::string_view prefix) {
    std::array<unsigned char, 12> bytes{};
    if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) {
        throw std::runtime_error("RAND_bytes failed");
    }
    static constexpr char kHex[] = "0123456789abcdef";
    std::string id{prefix};
    id += '_';
    for (unsigned char b : bytes) {
        id += kHex[b >> 4];
        id += kHex[b & 0x0f];
    }
    return id;
}

}  // namespace frontdesk
