#include "telephony/form_body.hpp"

#include <cstdint>

namespace frontdesk::telephony {
namespace {

[[nodiscard]] int hex_value(char c) noexcept {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

[[nodiscard]] bool is_unreserved(char c) noexcept {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
           c == '-' || c == '.' || c == '_' || c == '~';
}

void append_encoded(std::string_view text, std::string& out, bool plus_for_space = true) {
    constexpr std::string_view kHex = "0123456789ABCDEF";
    constexpr unsigned kNibbleBits = 4;
    constexpr unsigned kNibbleMask = 0x0F;
    for (const char c : text) {
        if (is_unreserved(c)) {
            out += c;
        } else if (c == ' ' && plus_for_space) {
            out += '+';
        } else {
            const auto byte = static_cast<std::uint8_t>(c);
            out += '%';
            out += kHex[byte >> kNibbleBits];
            out += kHex[byte & kNibbleMask];
        }
    }
}

}  // namespace

std::optional<std::string> form_decode(std::string_view text) {
    constexpr int kNibbleShift = 4;
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '+') {
            out += ' ';
        } else if (c != '%') {
            out += c;
        } else {
            if (i + 2 >= text.size()) return std::nullopt;
            const int high = hex_value(text[i + 1]);
            const int low = hex_value(text[i + 2]);
            if (high < 0 || low < 0) return std::nullopt;
            out += static_cast<char>((high << kNibbleShift) | low);
            i += 2;
        }
    }
    return out;
}

std::optional<FormParams> parse_form_body(std::string_view body) {
    FormParams params;
    while (!body.empty()) {
        const auto amp = body.find('&');
        const auto field = body.substr(0, amp);
        body = amp == std::string_view::npos ? std::string_view{} : body.substr(amp + 1);
        if (field.empty()) continue;
        const auto eq = field.find('=');
        auto name = form_decode(field.substr(0, eq));
        auto value = form_decode(eq == std::string_view::npos ? std::string_view{}
                                                              : field.substr(eq + 1));
        if (!name || !value) return std::nullopt;
        params.emplace_back(std::move(*name), std::move(*value));
    }
    return params;
}

std::string form_encode(const FormParams& params) {
    std::string out;
    for (const auto& [name, value] : params) {
        if (!out.empty()) out += '&';
        append_encoded(name, out);
        out += '=';
        append_encoded(value, out);
    }
    return out;
}

std::string percent_encode(std::string_view text) {
    std::string out;
    append_encoded(text, out, false);
    return out;
}

std::optional<std::string_view> find_param(const FormParams& params, std::string_view name) {
    for (const auto& [key, value] : params) {
        if (key == name) return std::string_view{value};
    }
    return std::nullopt;
}

}  // namespace frontdesk::telephony
