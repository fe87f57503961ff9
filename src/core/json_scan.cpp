#include "core/json_scan.hpp"

#include <bit>
#include <cstring>
#include <utility>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace frontdesk {
namespace {

constexpr std::uint64_t kEveryByte = 0x0101010101010101U;
constexpr std::uint64_t kHighBits = 0x8080808080808080U;
constexpr std::size_t kWordBytes = sizeof(std::uint64_t);

/// Whether any of the 8 bytes in `word` ends a plain run inside a string: '"', '\\', a control
/// character (< 0x20) or a non-ASCII byte. The classic SWAR tests: (x - 0x01…) & ~x has the high
/// bit set in some byte exactly when some byte of x is zero (likewise below 0x20).
[[nodiscard]] constexpr bool has_special_byte(std::uint64_t word) noexcept {
    const auto quote = word ^ (kEveryByte * '"');
    const auto backslash = word ^ (kEveryByte * '\\');
    const auto is_zero = [](std::uint64_t x) { return (x - kEveryByte) & ~x; };
    const auto below_space = (word - kEveryByte * 0x20U) & ~word;
    return ((is_zero(quote) | is_zero(backslash) | below_space | word) & kHighBits) != 0;
}

[[nodiscard]] constexpr bool is_plain_byte(unsigned char byte) noexcept {
    return byte >= 0x20U && byte < 0x80U && byte != '"' && byte != '\\';
}

/// How many bytes from `at` on are plain string content, i.e. none of the bytes that
/// has_special_byte() looks for. Base64 audio is one long plain run: SSE2 (every x86-64) tests
/// 16 bytes at a time and finds the first special byte's offset directly; elsewhere, and for
/// the tail, a word at a time, then byte by byte.
[[nodiscard]] std::size_t plain_run_length(const char* at, std::size_t size) noexcept {
    std::size_t run = 0;
#if defined(__SSE2__)
    constexpr std::size_t kBlockBytes = sizeof(__m128i);
    const __m128i quote = _mm_set1_epi8('"');
    const __m128i backslash = _mm_set1_epi8('\\');
    const __m128i last_control = _mm_set1_epi8(0x1F);
    for (; size - run >= kBlockBytes; run += kBlockBytes) {
        const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(at + run));
        // Unsigned bytes <= 0x1F are the ones min(byte, 0x1F) leaves unchanged.
        const __m128i control = _mm_cmpeq_epi8(_mm_min_epu8(bytes, last_control), bytes);
        const __m128i special = _mm_or_si128(
            _mm_or_si128(_mm_cmpeq_epi8(bytes, quote), _mm_cmpeq_epi8(bytes, backslash)), control);
        // The movemask of the bytes themselves adds the non-ASCII ones (high bit set).
        const auto mask = static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(special, bytes)));
        if (mask != 0) return run + static_cast<std::size_t>(std::countr_zero(mask));
    }
#endif
    for (; size - run >= kWordBytes; run += kWordBytes) {
        std::uint64_t word = 0;
        std::memcpy(&word, at + run, kWordBytes);
        if (has_special_byte(word)) break;
    }
    while (run < size && is_plain_byte(static_cast<unsigned char>(at[run]))) ++run;
    return run;
}

[[nodiscard]] constexpr std::optional<JsonKind> kind_of(char c) noexcept {
    switch (c) {
        case '{':
            return JsonKind::kObject;
        case '[':
            return JsonKind::kArray;
        case '"':
            return JsonKind::kString;
        case 't':
        case 'f':
            return JsonKind::kBool;
        case 'n':
            return JsonKind::kNull;
        default:
            break;
    }
    if (c == '-' || (c >= '0' && c <= '9')) return JsonKind::kNumber;
    return std::nullopt;
}

[[nodiscard]] constexpr bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

[[nodiscard]] constexpr int hex_value(char c) noexcept {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/// The code unit of the four hex digits at `text[at]`, or -1.
[[nodiscard]] int hex4(std::string_view text, std::size_t at) noexcept {
    constexpr std::size_t kDigits = 4;
    if (text.size() - at < kDigits) return -1;
    int unit = 0;
    for (std::size_t i = 0; i < kDigits; ++i) {
        const int digit = hex_value(text[at + i]);
        if (digit < 0) return -1;
        unit = unit * 16 + digit;
    }
    return unit;
}

constexpr int kHighSurrogateFirst = 0xD800;
constexpr int kLowSurrogateFirst = 0xDC00;
constexpr int kLowSurrogateLast = 0xDFFF;

}  // namespace

std::optional<JsonKind> JsonScanner::peek() noexcept {
    // A value may start only where the grammar has one: the root, or after a member's ':'.
    if (failed_ || (depth_ == 0 ? root_read_ : !value_expected_)) {
        fail();
        return std::nullopt;
    }
    skip_whitespace();
    const auto kind = at_end() ? std::nullopt : kind_of(text_[pos_]);
    if (!kind) fail();
    return kind;
}

bool JsonScanner::enter_object() noexcept {
    if (peek() != JsonKind::kObject) return false;
    start_value();
    ++pos_;
    ++depth_;
    object_opened_ = true;
    return true;
}

bool JsonScanner::next_member(JsonToken& key) noexcept {
    if (failed_ || depth_ == 0 || value_expected_) return fail();
    skip_whitespace();
    if (at_end()) return fail();
    if (text_[pos_] == '}') {
        ++pos_;
        --depth_;
        object_opened_ = false;
        return false;
    }
    if (!std::exchange(object_opened_, false)) {
        if (text_[pos_] != ',') return fail();
        ++pos_;
        skip_whitespace();
    }
    if (!scan_key_and_colon(key)) return false;
    value_expected_ = true;
    return true;
}

std::optional<JsonToken> JsonScanner::read_value() noexcept {
    const auto kind = peek();
    if (!kind) return std::nullopt;
    start_value();
    JsonToken token{*kind, {}, false};
    const auto start = pos_;
    if (*kind == JsonKind::kString) {
        if (!scan_string(token)) return std::nullopt;
        return token;
    }
    if (!scan_value(*kind)) return std::nullopt;
    token.text = text_.substr(start, pos_ - start);
    return token;
}

bool JsonScanner::finish() noexcept {
    if (failed_ || !root_read_ || depth_ != 0 || value_expected_) return fail();
    skip_whitespace();
    return at_end() || fail();
}

bool JsonScanner::fail() noexcept {
    failed_ = true;
    return false;
}

void JsonScanner::skip_whitespace() noexcept {
    while (!at_end()) {
        const char c = text_[pos_];
        if (c != ' ' && c != '\n' && c != '\r' && c != '\t') return;
        ++pos_;
    }
}

void JsonScanner::start_value() noexcept {
    if (depth_ == 0) {
        root_read_ = true;
    } else {
        value_expected_ = false;
    }
}

bool JsonScanner::scan_value(JsonKind kind) noexcept {
    switch (kind) {
        case JsonKind::kString: {
            JsonToken ignored;
            return scan_string(ignored);
        }
        case JsonKind::kNumber:
            return scan_number();
        case JsonKind::kBool:
            return scan_literal(text_[pos_] == 't' ? "true" : "false");
        case JsonKind::kNull:
            return scan_literal("null");
        case JsonKind::kObject:
        case JsonKind::kArray:
            return skip_container();
    }
    return fail();
}

bool JsonScanner::scan_string(JsonToken& token) noexcept {
    token.kind = JsonKind::kString;
    token.escaped = false;
    const auto start = ++pos_;  // past the opening quote
    for (;;) {
        pos_ += plain_run_length(text_.data() + pos_, text_.size() - pos_);
        if (at_end()) return fail();
        const auto byte = static_cast<unsigned char>(text_[pos_]);
        if (byte == '"') {
            token.text = text_.substr(start, pos_ - start);
            ++pos_;
            return true;
        }
        if (byte == '\\') {
            if (!scan_escape(token.escaped)) return false;
        } else if (byte < 0x20U) {
            return fail();  // control characters must be escaped
        } else if (!scan_utf8()) {
            return false;  // what is left is a non-ASCII byte, and it is not valid UTF-8
        }
    }
}

bool JsonScanner::scan_escape(bool& escaped) noexcept {
    escaped = true;
    if (text_.size() - pos_ < 2) return fail();
    switch (text_[pos_ + 1]) {
        case '"':
        case '\\':
        case '/':
        case 'b':
        case 'f':
        case 'n':
        case 'r':
        case 't':
            pos_ += 2;
            return true;
        case 'u':
            break;
        default:
            return fail();
    }
    constexpr std::size_t kEscapeChars = 6;  // \uXXXX
    const int unit = hex4(text_, pos_ + 2);
    if (unit < 0) return fail();
    pos_ += kEscapeChars;
    if (unit >= kLowSurrogateFirst && unit <= kLowSurrogateLast) return fail();
    if (unit < kHighSurrogateFirst || unit > kLowSurrogateLast) return true;
    // A high surrogate: the low half must follow as its own escape.
    if (text_.size() - pos_ < 2 || text_[pos_] != '\\' || text_[pos_ + 1] != 'u') return fail();
    const int low = hex4(text_, pos_ + 2);
    if (low < kLowSurrogateFirst || low > kLowSurrogateLast) return fail();
    pos_ += kEscapeChars;
    return true;
}

bool JsonScanner::scan_utf8() noexcept {
    // Well-formed UTF-8 (RFC 3629 §4): no overlong forms, no surrogates, nothing past U+10FFFF.
    const auto lead = static_cast<unsigned char>(text_[pos_]);
    std::size_t continuation = 0;
    unsigned char low = 0x80U;
    unsigned char high = 0xBFU;
    if (lead >= 0xC2U && lead <= 0xDFU) {
        continuation = 1;
    } else if (lead >= 0xE0U && lead <= 0xEFU) {
        continuation = 2;
        if (lead == 0xE0U) low = 0xA0U;
        if (lead == 0xEDU) high = 0x9FU;
    } else if (lead >= 0xF0U && lead <= 0xF4U) {
        continuation = 3;
        if (lead == 0xF0U) low = 0x90U;
        if (lead == 0xF4U) high = 0x8FU;
    } else {
        return fail();
    }
    if (text_.size() - pos_ <= continuation) return fail();
    for (std::size_t i = 1; i <= continuation; ++i) {
        const auto byte = static_cast<unsigned char>(text_[pos_ + i]);
        if (byte < low || byte > high) return fail();
        low = 0x80U;
        high = 0xBFU;
    }
    pos_ += continuation + 1;
    return true;
}

bool JsonScanner::scan_number() noexcept {
    if (text_[pos_] == '-') ++pos_;
    if (at_end() || !is_digit(text_[pos_])) return fail();
    const auto digits_start = pos_;
    if (text_[pos_] == '0') {
        ++pos_;  // no leading zeros: what follows "0" is not part of this number
    } else {
        while (!at_end() && is_digit(text_[pos_])) ++pos_;
    }
    // Refused though valid: past 18 digits a number may overflow to infinity, which
    // nlohmann rejects; telling which is more work than the frame path needs.
    if (pos_ - digits_start > kMaxIntegerDigits) return fail();
    if (!at_end() && text_[pos_] == '.') {
        ++pos_;
        if (at_end() || !is_digit(text_[pos_])) return fail();
        while (!at_end() && is_digit(text_[pos_])) ++pos_;
    }
    // Exponents are refused for the same reason.
    if (!at_end() && (text_[pos_] == 'e' || text_[pos_] == 'E')) return fail();
    return true;
}

bool JsonScanner::scan_literal(std::string_view literal) noexcept {
    if (text_.substr(pos_, literal.size()) != literal) return fail();
    pos_ += literal.size();
    return true;
}

bool JsonScanner::scan_key_and_colon(JsonToken& key) noexcept {
    if (at_end() || text_[pos_] != '"' || !scan_string(key)) return fail();
    skip_whitespace();
    if (at_end() || text_[pos_] != ':') return fail();
    ++pos_;
    return true;
}

bool JsonScanner::skip_container() noexcept {
    // Iterative, so hostile nesting cannot exhaust the stack: one bit per open level says
    // whether it is an object.
    std::uint64_t object_levels = 0;
    std::size_t depth = 0;
    JsonToken key;
    for (;;) {
        // Here: at the first byte of a value.
        const char c = text_[pos_];
        if (c == '{' || c == '[') {
            if (depth == kMaxSkipDepth) return fail();
            const bool is_object = c == '{';
            object_levels = (object_levels << 1U) | (is_object ? 1U : 0U);
            ++depth;
            ++pos_;
            skip_whitespace();
            if (at_end()) return fail();
            if (text_[pos_] != (is_object ? '}' : ']')) {
                if (is_object && !scan_key_and_colon(key)) return false;
                skip_whitespace();
                if (at_end()) return fail();
                continue;  // to the first element
            }
            ++pos_;  // empty: closes at once, then counts as a value of the enclosing level
            object_levels >>= 1U;
            --depth;
        } else {
            const auto kind = kind_of(c);
            if (!kind || !scan_value(*kind)) return fail();
        }
        // After a value: close every level that ends here, then move to the next element.
        for (;;) {
            if (depth == 0) return true;
            skip_whitespace();
            if (at_end()) return fail();
            const bool in_object = (object_levels & 1U) != 0;
            const char next = text_[pos_++];
            if (next == (in_object ? '}' : ']')) {
                object_levels >>= 1U;
                --depth;
                continue;
            }
            if (next != ',') return fail();
            skip_whitespace();
            if (in_object && !scan_key_and_colon(key)) return false;
            skip_whitespace();
            if (at_end()) return fail();
            break;
        }
    }
}

}  // namespace frontdesk
