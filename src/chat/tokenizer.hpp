#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "chat/interpretation.hpp"

namespace frontdesk::chat {

enum class TokenKind : std::uint8_t {
    kWord,    // letters (any non-ASCII byte counts as a letter), apostrophes dropped: "im", "mens"
    kNumber,  // digits, maybe with ':' '.' '/' between digits, maybe a leading '+': "18:30", "+91"
    kDash,    // '-' or an en dash before a digit: "6-8", "2026-11-22", "98450-12345"
    kEmail,   // "asha.rao@example.com", kept whole
    kId,      // an identifier we issued, pasted back: "bk_3f9c0a6d1e2b4c58a7d9e0f1"
};

/// One token: `text` is the normalised form (ASCII lower-case), `raw` the bytes as typed.
struct Token {
    std::string_view text;
    std::string_view raw;
    TokenKind kind = TokenKind::kWord;
};

/// The tokens of one message, in order. Letters and digits are split apart ("6pm" is "6" "pm",
/// "22nd" is "22" "nd", "court3" is "court" "3"); punctuation separates, except as kept above;
/// "&" reads as "and" and a lone "@" as "at". Reads at most kMaxUtteranceBytes and kMaxTokens.
/// Owns the normalised text its tokens view, so it can be neither copied nor moved; it lives on
/// the stack of one interpret() call and never allocates. Not thread-safe; used by one thread.
class Tokens {
public:
    static constexpr std::size_t kMaxTokens = 256;

    explicit Tokens(std::string_view utterance) noexcept;
    Tokens(const Tokens&) = delete;
    Tokens& operator=(const Tokens&) = delete;

    [[nodiscard]] std::size_t size() const noexcept { return count_; }
    [[nodiscard]] const Token& operator[](std::size_t i) const noexcept { return tokens_[i]; }
    [[nodiscard]] bool truncated() const noexcept { return truncated_; }

private:
    void scan(std::string_view text) noexcept;
    std::size_t scan_email(std::string_view text, std::size_t at) noexcept;
    std::size_t scan_identifier(std::string_view text, std::size_t at) noexcept;
    std::size_t scan_word(std::string_view text, std::size_t at) noexcept;
    std::size_t scan_number(std::string_view text, std::size_t at) noexcept;
    void emit(std::size_t text_begin, std::string_view raw, TokenKind kind) noexcept;
    void emit_literal(std::string_view word, std::string_view raw) noexcept;

    std::array<char, kMaxUtteranceBytes> buffer_{};
    std::size_t used_ = 0;  // bytes of buffer_ written
    std::array<Token, kMaxTokens> tokens_{};
    std::size_t count_ = 0;
    std::size_t email_miss_until_ = 0;  // a failed e-mail scan covered the text up to here
    bool truncated_ = false;
};

}  // namespace frontdesk::chat
