// What the facility offers, named in the message: resources ("court 3", "with Maria") and
// services ("a women's haircut").
#include <array>

#include "chat/extractors.hpp"
#include "chat/number_words.hpp"

namespace frontdesk::chat::detail {
namespace {

constexpr std::size_t kMaxWordBytes = 32;

char lower(char c) noexcept {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}
bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }
bool is_word_byte(char c) noexcept {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           static_cast<unsigned char>(c) >= 0x80;
}

// The next word of an owner-typed name, split as the tokenizer splits messages: at anything
// that is not a letter or digit (apostrophes stay inside words) and between letters and digits.
std::string_view next_name_word(std::string_view& rest) noexcept {
    std::size_t begin = 0;
    while (begin < rest.size() && !is_word_byte(rest[begin]) && !is_digit(rest[begin])) ++begin;
    std::size_t end = begin;
    const bool digits = begin < rest.size() && is_digit(rest[begin]);
    while (end < rest.size()) {
        const char c = rest[end];
        const bool same = digits ? is_digit(c) : (is_word_byte(c) || c == '\'');
        if (!same) break;
        ++end;
    }
    const auto word = rest.substr(begin, end - begin);
    rest.remove_prefix(end);
    return word;
}

// A name word folded like a token: ASCII lower-case, apostrophes (straight or curly) dropped.
class FoldedWord {
public:
    explicit FoldedWord(std::string_view word) noexcept {
        for (std::size_t k = 0; k < word.size() && size_ < chars_.size(); ++k) {
            if (word[k] == '\'') continue;
            if (word.substr(k, 3) == "\xE2\x80\x99") {
                k += 2;
                continue;
            }
            chars_[size_++] = lower(word[k]);
        }
    }
    [[nodiscard]] std::string_view view() const noexcept { return {chars_.data(), size_}; }

private:
    std::array<char, kMaxWordBytes> chars_{};
    std::size_t size_ = 0;
};

// Plural and possessive endings do not matter when matching names: "mens" is "men".
std::string_view stem(std::string_view word) noexcept {
    return word.size() > 3 && word.back() == 's' ? word.substr(0, word.size() - 1) : word;
}

// What customers say for the words owners put in service names.
std::string_view alias(std::string_view word) noexcept {
    struct Alias {
        std::string_view said;
        std::string_view means;
    };
    static constexpr std::array<Alias, 13> kAliases = {{
        {"ladies", "women"},
        {"lady", "women"},
        {"woman", "women"},
        {"gents", "men"},
        {"gentlemen", "men"},
        {"man", "men"},
        {"child", "kid"},
        {"children", "kid"},
        {"colour", "color"},
        {"coloring", "color"},
        {"colouring", "color"},
        {"cut", "haircut"},
        {"centre", "center"},
    }};
    for (const auto& entry : kAliases) {
        if (entry.said == word) return entry.means;
    }
    return word;
}

bool same_word(std::string_view token, std::string_view name_word) noexcept {
    const FoldedWord folded{name_word};
    return stem(alias(token)) == stem(folded.view());
}

// The number of tokens from `i` that spell `name` word by word, or 0.
std::size_t match_name(const Scan& scan, std::size_t i, std::string_view name) noexcept {
    std::size_t matched = 0;
    for (auto word = next_name_word(name); !word.empty(); word = next_name_word(name)) {
        if (!scan.free(i + matched) || !same_word(scan.text(i + matched), word)) return 0;
        ++matched;
    }
    return matched;
}

void add_resource(const InterpretContext& context, int number, Interpretation& out) {
    for (std::size_t r = 0; r < context.resources.size(); ++r) {
        if (context.resources[r].number == number) {
            out.resources.push_back(r);
            return;
        }
    }
    out.unknown_resource_number = number;
}

// "court 3", "court number 3", "courts 1 and 2", "courts 1, 2 and 3": tokens used, or 0.
std::size_t read_numbered(const Scan& scan, std::size_t i, const InterpretContext& context,
                          Interpretation& out) {
    if (!scan.free(i) || !is_kind_word(scan.text(i), context.resource_kind)) return 0;
    const bool plural = !equals_folded(scan.text(i), context.resource_kind);
    // "2 courts 3 hours" names a count, not court 3.
    if (plural && read_cardinal(scan, Scan::before(i))) return 0;
    std::size_t k = i + 1;
    if (scan.free_is(k, {"number", "no", "num"})) ++k;
    auto number = read_cardinal(scan, k);
    if (!number) return 0;
    while (number) {
        add_resource(context, number->value, out);
        k += number->length;
        const auto joiner = scan.free_is(k, {"and", "or"}) ? std::size_t{1} : std::size_t{0};
        number = plural ? read_cardinal(scan, k + joiner) : std::nullopt;
        if (number) k += joiner;
    }
    return k - i;
}

// "the third court", "3rd court".
std::size_t read_ordinal_resource(const Scan& scan, std::size_t i, const InterpretContext& context,
                                  Interpretation& out) {
    const auto ordinal = read_ordinal(scan, i);
    if (!ordinal || !scan.free(i + ordinal->length) ||
        !is_kind_word(scan.text(i + ordinal->length), context.resource_kind)) {
        return 0;
    }
    add_resource(context, ordinal->value, out);
    return ordinal->length + 1;
}

void extract_named_resources(Scan& scan, const InterpretContext& context, Interpretation& out) {
    for (std::size_t r = 0; r < context.resources.size(); ++r) {
        for (std::size_t i = 0; i < scan.size(); ++i) {
            const auto length = match_name(scan, i, context.resources[r].name);
            if (length == 0) continue;
            out.resources.push_back(r);
            scan.claim(i, length, Claim::kOffering);
            break;
        }
    }
}

bool is_filler(std::string_view word) noexcept {
    return is_one_of(word, {"and", "the", "of", "a", "an", "for", "with", "&"});
}

// How many distinct words of `name` appear among the free tokens.
int name_score(const Scan& scan, std::string_view name) noexcept {
    int score = 0;
    for (auto word = next_name_word(name); !word.empty(); word = next_name_word(name)) {
        if (is_filler(FoldedWord{word}.view())) continue;
        for (std::size_t i = 0; i < scan.size(); ++i) {
            if (scan.free(i) && scan.is_word(i) && same_word(scan.text(i), word)) {
                ++score;
                break;
            }
        }
    }
    return score;
}

void claim_name_words(Scan& scan, std::string_view name) noexcept {
    for (auto word = next_name_word(name); !word.empty(); word = next_name_word(name)) {
        for (std::size_t i = 0; i < scan.size(); ++i) {
            if (scan.free(i) && scan.is_word(i) && same_word(scan.text(i), word) &&
                !is_filler(scan.text(i))) {
                scan.claim(i, 1, Claim::kOffering);
            }
        }
    }
}

}  // namespace

bool equals_folded(std::string_view word, std::string_view name) noexcept {
    return word == FoldedWord{name}.view();
}

bool is_kind_word(std::string_view word, std::string_view kind) noexcept {
    if (kind.empty() || word.empty()) return false;
    if (equals_folded(word, kind)) return true;
    return word.size() == kind.size() + 1 && word.back() == 's' &&
           equals_folded(word.substr(0, kind.size()), kind);
}

void extract_resources(Scan& scan, const InterpretContext& context, Interpretation& out) noexcept {
    for (std::size_t i = 0; i < scan.size(); ++i) {
        auto length = read_numbered(scan, i, context, out);
        if (length == 0) length = read_ordinal_resource(scan, i, context, out);
        if (length > 0) scan.claim(i, length, Claim::kOffering);
    }
    extract_named_resources(scan, context, out);
}

void extract_service(Scan& scan, const InterpretContext& context, Interpretation& out) noexcept {
    int best = 0;
    for (std::size_t s = 0; s < context.services.size(); ++s) {
        const int score = name_score(scan, context.services[s].name);
        if (score == 0 || score < best) continue;
        if (score > best) out.service_candidates.clear();
        best = score;
        out.service_candidates.push_back(s);
    }
    for (const auto s : out.service_candidates) claim_name_words(scan, context.services[s].name);
    if (out.service_candidates.size() == 1) {
        out.service = out.service_candidates.front();
        out.service_candidates.clear();
    }
}

}  // namespace frontdesk::chat::detail
