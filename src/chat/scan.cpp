#include "chat/scan.hpp"

namespace frontdesk::chat {

void Scan::claim(std::size_t first, std::size_t count, Claim by) noexcept {
    for (std::size_t i = first; i < first + count && valid(i); ++i) claims_[i] = by;
}

std::size_t Scan::match(std::size_t i, std::string_view phrase) const noexcept {
    // Hot: every phrase table is tried at every position, so reject on the first byte and
    // never search the phrase for spaces.
    std::size_t matched = 0;
    std::size_t pos = 0;
    while (true) {
        const auto word = text(i + matched);
        if (word.empty() || pos >= phrase.size() || phrase[pos] != word.front() ||
            !free(i + matched) || phrase.compare(pos, word.size(), word) != 0) {
            return 0;
        }
        const auto end = pos + word.size();
        ++matched;
        if (end == phrase.size()) return matched;
        if (phrase[end] != ' ') return 0;
        pos = end + 1;
    }
}

std::optional<std::size_t> Scan::find(std::string_view phrase) const noexcept {
    for (std::size_t i = 0; i < size(); ++i) {
        if (match(i, phrase) > 0) return i;
    }
    return std::nullopt;
}

bool Scan::contains_any(std::initializer_list<std::string_view> phrases) const noexcept {
    return std::any_of(phrases.begin(), phrases.end(),
                       [this](std::string_view phrase) { return contains(phrase); });
}

bool Scan::take(std::string_view phrase, Claim by) noexcept {
    bool found = false;
    for (std::size_t i = 0; i < size(); ++i) {
        if (const auto length = match(i, phrase); length > 0) {
            claim(i, length, by);
            found = true;
        }
    }
    return found;
}

}  // namespace frontdesk::chat
