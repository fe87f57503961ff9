#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <span>
#include <string_view>

#include "chat/tokenizer.hpp"

namespace frontdesk::chat {

/// Which extractor took a token. Later extractors skip taken tokens, so "22nd" read as a date is
/// never read again as a time, and "two hours" never makes "hours" ask for opening hours.
enum class Claim : std::uint8_t { kNone, kContact, kPhrase, kQuantity, kOffering, kDate, kTime };

/// Word lists are small: a linear search is cheaper than building anything.
[[nodiscard]] inline bool is_one_of(std::string_view word,
                                    std::span<const std::string_view> words) noexcept {
    return std::find(words.begin(), words.end(), word) != words.end();
}
[[nodiscard]] inline bool is_one_of(std::string_view word,
                                    std::initializer_list<std::string_view> words) noexcept {
    return is_one_of(word, std::span{words.begin(), words.size()});
}

/// The tokens of one message plus who has claimed each. Lookups past either end return an empty
/// text, so extractors may peek ahead or behind without bounds checks. Borrows the Tokens; lives
/// on the stack of one interpret() call. Not thread-safe.
class Scan {
public:
    explicit Scan(const Tokens& tokens) noexcept : tokens_(tokens) {}
    Scan(const Scan&) = delete;
    Scan& operator=(const Scan&) = delete;

    [[nodiscard]] std::size_t size() const noexcept { return tokens_.size(); }
    [[nodiscard]] bool valid(std::size_t i) const noexcept { return i < tokens_.size(); }
    [[nodiscard]] std::string_view text(std::size_t i) const noexcept {
        return valid(i) ? tokens_[i].text : std::string_view{};
    }
    [[nodiscard]] std::string_view raw(std::size_t i) const noexcept {
        return valid(i) ? tokens_[i].raw : std::string_view{};
    }
    [[nodiscard]] std::optional<TokenKind> kind(std::size_t i) const noexcept {
        return valid(i) ? std::optional{tokens_[i].kind} : std::nullopt;
    }
    [[nodiscard]] bool is_word(std::size_t i) const noexcept { return kind(i) == TokenKind::kWord; }
    [[nodiscard]] Claim claim_of(std::size_t i) const noexcept {
        return valid(i) ? claims_[i] : Claim::kNone;
    }
    [[nodiscard]] bool free(std::size_t i) const noexcept {
        return valid(i) && claims_[i] == Claim::kNone;
    }
    // The token is free and its text one of `words`.
    [[nodiscard]] bool free_is(std::size_t i,
                               std::initializer_list<std::string_view> words) const noexcept {
        return free(i) && is_one_of(text(i), words);
    }
    // i - 1, or a position past the end when i is 0 (so text() of it is empty).
    [[nodiscard]] static std::size_t before(std::size_t i) noexcept {
        return i == 0 ? static_cast<std::size_t>(-1) : i - 1;
    }

    void claim(std::size_t first, std::size_t count, Claim by) noexcept;

    /// Tokens matched when the free tokens from `i` spell `phrase` (words separated by single
    /// spaces); 0 when they do not.
    [[nodiscard]] std::size_t match(std::size_t i, std::string_view phrase) const noexcept;
    /// The first position where `phrase` matches free tokens.
    [[nodiscard]] std::optional<std::size_t> find(std::string_view phrase) const noexcept;
    [[nodiscard]] bool contains(std::string_view phrase) const noexcept {
        return find(phrase).has_value();
    }
    [[nodiscard]] bool contains_any(std::initializer_list<std::string_view> phrases) const noexcept;
    /// Claims every occurrence of `phrase`; true when there was one.
    bool take(std::string_view phrase, Claim by) noexcept;

private:
    const Tokens& tokens_;
    std::array<Claim, Tokens::kMaxTokens> claims_{};
};

}  // namespace frontdesk::chat
