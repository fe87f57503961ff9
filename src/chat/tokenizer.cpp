#include "chat/tokenizer.hpp"

namespace frontdesk::chat {
namespace {

// Multi-byte characters that act as punctuation. Every other byte >= 0x80 is part of a word,
// so names in any script survive as tokens.
enum class Special : std::uint8_t { kNone, kApostrophe, kDash, kSpace, kQuote };

struct SpecialAt {
    Special kind = Special::kNone;
    std::size_t length = 1;
};

SpecialAt special_at(std::string_view text, std::size_t i) noexcept {
    const auto byte = [&](std::size_t k) {
        return i + k < text.size() ? static_cast<unsigned char>(text[i + k]) : 0U;
    };
    if (byte(0) == 0xC2 && byte(1) == 0xA0) return {Special::kSpace, 2};  // no-break space
    if (byte(0) != 0xE2 || byte(1) != 0x80) return {};
    switch (byte(2)) {
        case 0x98:
        case 0x99:
            return {Special::kApostrophe, 3};  // ‘ ’
        case 0x93:
        case 0x94:
            return {Special::kDash, 3};  // – —
        case 0x9C:
        case 0x9D:
            return {Special::kQuote, 3};  // “ ”
        default:
            return {};
    }
}

bool is_ascii_alpha(char c) noexcept { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }
bool is_high(char c) noexcept { return static_cast<unsigned char>(c) >= 0x80; }
char to_lower(char c) noexcept {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

bool is_letter_at(std::string_view text, std::size_t i) noexcept {
    if (i >= text.size()) return false;
    if (is_ascii_alpha(text[i])) return true;
    return is_high(text[i]) && special_at(text, i).kind == Special::kNone;
}

bool is_email_char(char c) noexcept {
    return is_ascii_alpha(c) || is_digit(c) || c == '.' || c == '_' || c == '%' || c == '+' ||
           c == '-' || c == '@';
}

bool next_nonspace_is_digit(std::string_view text, std::size_t i) noexcept {
    while (i < text.size() && text[i] == ' ') ++i;
    return i < text.size() && is_digit(text[i]);
}

// Cuts an over-long message at the last space before the limit, or else at a UTF-8 boundary,
// so no token (a name, say) ends in half a character.
std::string_view clip(std::string_view text) noexcept {
    if (text.size() <= kMaxUtteranceBytes) return text;
    std::size_t cut = kMaxUtteranceBytes;
    const auto space = text.rfind(' ', cut);
    if (space != std::string_view::npos && space > 0) return text.substr(0, space);
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0U) == 0x80U) --cut;
    return text.substr(0, cut);
}

}  // namespace

Tokens::Tokens(std::string_view utterance) noexcept {
    const auto text = clip(utterance);
    truncated_ = text.size() < utterance.size();
    scan(text);
}

void Tokens::scan(std::string_view text) noexcept {
    std::size_t i = 0;
    while (i < text.size() && count_ < kMaxTokens) {
        const char c = text[i];
        if ((is_ascii_alpha(c) || is_digit(c)) && i >= email_miss_until_) {
            if (const auto length = scan_email(text, i); length > 0) {
                i += length;
                continue;
            }
        }
        if (is_ascii_alpha(c)) {
            if (const auto length = scan_identifier(text, i); length > 0) {
                i += length;
                continue;
            }
        }
        const auto special = special_at(text, i);
        if (is_digit(c) || (c == '+' && i + 1 < text.size() && is_digit(text[i + 1]))) {
            i = scan_number(text, i);
        } else if (is_letter_at(text, i)) {
            i = scan_word(text, i);
        } else if (c == '-' || special.kind == Special::kDash) {
            // A dash matters only between numbers: ranges, ISO dates, phone groups.
            if (count_ > 0 && next_nonspace_is_digit(text, i + special.length)) {
                emit(used_, text.substr(i, special.length), TokenKind::kDash);
            }
            i += special.length;
        } else {
            if (c == '&') emit_literal("and", text.substr(i, 1));
            if (c == '@') emit_literal("at", text.substr(i, 1));
            i += special.length;
        }
    }
    if (i < text.size()) truncated_ = true;
}

std::size_t Tokens::scan_email(std::string_view text, std::size_t at) noexcept {
    std::size_t end = at;
    std::size_t at_sign = std::string_view::npos;
    int at_signs = 0;
    for (; end < text.size() && is_email_char(text[end]); ++end) {
        if (text[end] == '@') {
            at_sign = end;
            ++at_signs;
        }
    }
    const auto run_end = end;
    while (end > at && (text[end - 1] == '.' || text[end - 1] == '-')) --end;
    const auto domain = at_signs == 1 ? text.substr(at_sign + 1, end - at_sign - 1) : "";
    const auto dot = domain.rfind('.');
    if (at_signs != 1 || at_sign == at || dot == std::string_view::npos || dot == 0 ||
        dot + 1 == domain.size()) {
        email_miss_until_ = run_end;
        return 0;
    }
    const auto start = used_;
    for (std::size_t k = at; k < end; ++k) buffer_[used_++] = to_lower(text[k]);
    emit(start, text.substr(at, end - at), TokenKind::kEmail);
    return end - at;
}

// Our ids are a short prefix, '_' and a long run of letters and digits ("bk_3f9c…", see
// core/ids.hpp); split like words they would read as digits and nonsense.
std::size_t Tokens::scan_identifier(std::string_view text, std::size_t at) noexcept {
    constexpr std::size_t kMinIdBody = 6;
    constexpr std::size_t kMaxIdPrefix = 8;
    std::size_t end = at;
    while (end < text.size() && is_ascii_alpha(text[end])) ++end;
    const auto prefix = end - at;
    if (prefix > kMaxIdPrefix || end >= text.size() || text[end] != '_') return 0;
    std::size_t body_end = end + 1;
    while (body_end < text.size() && (is_ascii_alpha(text[body_end]) || is_digit(text[body_end]))) {
        ++body_end;
    }
    if (body_end - end - 1 < kMinIdBody) return 0;
    const auto start = used_;
    for (std::size_t k = at; k < body_end; ++k) buffer_[used_++] = to_lower(text[k]);
    emit(start, text.substr(at, body_end - at), TokenKind::kId);
    return body_end - at;
}

std::size_t Tokens::scan_word(std::string_view text, std::size_t at) noexcept {
    const auto start = used_;
    std::size_t i = at;
    while (i < text.size()) {
        const auto special = special_at(text, i);
        const bool apostrophe = text[i] == '\'' || special.kind == Special::kApostrophe;
        if (apostrophe && used_ > start && is_letter_at(text, i + special.length)) {
            i += special.length;  // "I'm" reads as "im", "men's" as "mens"
            continue;
        }
        if (!is_letter_at(text, i)) break;
        buffer_[used_++] = to_lower(text[i]);
        ++i;
    }
    emit(start, text.substr(at, i - at), TokenKind::kWord);
    return i;
}

std::size_t Tokens::scan_number(std::string_view text, std::size_t at) noexcept {
    const auto start = used_;
    std::size_t i = at;
    if (text[i] == '+') buffer_[used_++] = text[i++];
    while (i < text.size()) {
        const char c = text[i];
        const bool inner_separator = (c == ':' || c == '.' || c == '/') && used_ > start &&
                                     i + 1 < text.size() && is_digit(text[i + 1]);
        if (!is_digit(c) && !inner_separator) break;
        buffer_[used_++] = c;
        ++i;
    }
    emit(start, text.substr(at, i - at), TokenKind::kNumber);
    return i;
}

void Tokens::emit(std::size_t text_begin, std::string_view raw, TokenKind kind) noexcept {
    if (count_ == kMaxTokens) return;
    const std::string_view text{buffer_.data() + text_begin, used_ - text_begin};
    tokens_[count_++] = Token{kind == TokenKind::kDash ? std::string_view{"-"} : text, raw, kind};
}

void Tokens::emit_literal(std::string_view word, std::string_view raw) noexcept {
    if (count_ == kMaxTokens) return;
    tokens_[count_++] = Token{word, raw, TokenKind::kWord};
}

}  // namespace frontdesk::chat
