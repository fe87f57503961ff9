// E-mail, pasted ids, phone and the person's name.
#include <array>
#include <string>

#include "chat/extractors.hpp"
#include "chat/number_words.hpp"

namespace frontdesk::chat::detail {
namespace {

// Phone numbers: 10 digits is a local Indian or North American number; up to 15 is E.164.
constexpr std::size_t kMinPhoneDigits = 10;
constexpr std::size_t kMaxPhoneDigits = 15;
constexpr std::size_t kMaxNameWords = 3;

// A phone number as it is read: '+' and digits, at most kMaxPhoneDigits of them.
class PhoneDigits {
public:
    bool add(char c) noexcept {
        if (c != '+') ++digits_;
        if (size_ == buffer_.size()) return false;
        buffer_[size_++] = c;
        return true;
    }
    [[nodiscard]] std::size_t digits() const noexcept { return digits_; }
    [[nodiscard]] std::string_view view() const noexcept { return {buffer_.data(), size_}; }

private:
    std::array<char, kMaxPhoneDigits + 2> buffer_{};
    std::size_t size_ = 0;
    std::size_t digits_ = 0;
};

bool is_plain_number(std::string_view text, bool first) noexcept {
    if (first && !text.empty() && text.front() == '+') text.remove_prefix(1);
    return parse_digits(text).has_value() ||
           (text.size() > 9 && text.find_first_not_of("0123456789") == std::string_view::npos);
}

// Appends the digits of token `j` ("98450", "nine", "double five"); the tokens used, or 0.
std::size_t append_phone_part(const Scan& scan, std::size_t j, bool first, PhoneDigits& phone) {
    if (!scan.free(j)) return 0;
    if (scan.kind(j) == TokenKind::kNumber && is_plain_number(scan.text(j), first)) {
        for (const char c : scan.text(j)) phone.add(c);
        return 1;
    }
    if (scan.kind(j) == TokenKind::kDash && !first) return 1;
    if (const auto digit = digit_word(scan.text(j))) {
        phone.add(static_cast<char>('0' + *digit));
        return 1;
    }
    const auto repeat = scan.text(j) == "double" ? 2 : scan.text(j) == "triple" ? 3 : 0;
    const auto digit = digit_word(scan.text(j + 1));
    if (repeat == 0 || !digit || !scan.free(j + 1)) return 0;
    for (int k = 0; k < repeat; ++k) phone.add(static_cast<char>('0' + *digit));
    return 2;
}

// A leading short number belongs to something else ("at 6 98450 12345").
bool leads_with_stray_number(const Scan& scan, std::size_t i, std::size_t digits) noexcept {
    const auto first = scan.text(i);
    return scan.kind(i) == TokenKind::kNumber && first.front() != '+' && first.size() <= 2 &&
           digits > kMinPhoneDigits && digits - first.size() >= kMinPhoneDigits;
}

void extract_phone(Scan& scan, Interpretation& out) {
    std::size_t i = 0;
    while (i < scan.size() && !out.phone) {
        PhoneDigits phone;
        std::size_t j = i;
        while (j < scan.size() && phone.digits() <= kMaxPhoneDigits) {
            const auto used = append_phone_part(scan, j, j == i, phone);
            if (used == 0) break;
            j += used;
        }
        if (j == i) {
            ++i;
            continue;
        }
        if (leads_with_stray_number(scan, i, phone.digits())) {
            ++i;
            continue;
        }
        if (phone.digits() >= kMinPhoneDigits && phone.digits() <= kMaxPhoneDigits) {
            out.phone = std::string{phone.view()};
            scan.claim(i, j - i, Claim::kContact);
        }
        i = j;
    }
}

// Words that can never be (part of) a name.
bool is_structural(std::string_view w) noexcept {
    return is_one_of(
        w, {"a",       "an",       "the",     "and",     "or",        "but",        "so",
            "to",      "for",      "from",    "with",    "at",        "on",         "in",
            "of",      "by",       "about",   "as",      "is",        "are",        "am",
            "was",     "be",       "it",      "its",     "this",      "that",       "there",
            "here",    "my",       "your",    "our",     "me",        "i",          "im",
            "we",      "you",      "he",      "she",     "they",      "us",         "what",
            "when",    "where",    "which",   "who",     "how",       "why",        "if",
            "then",    "not",      "no",      "yes",     "please",    "thanks",     "thank",
            "hi",      "hello",    "hey",     "ok",      "okay",      "just",       "also",
            "too",     "very",     "any",     "some",    "all",       "both",       "today",
            "tonight", "tomorrow", "weekend", "morning", "afternoon", "evening",    "night",
            "noon",    "pm",       "hour",    "hours",   "minutes",   "court",      "courts",
            "phone",   "number",   "mobile",  "email",   "mail",      "contact",    "whatsapp",
            "book",    "booking",  "cancel",  "move",    "change",    "reschedule", "want",
            "need",    "would",    "could",   "can",     "will",      "calling",    "call",
            "name"});
}

// Words that follow "I'm" / "this is" far more often than a name does.
bool is_common_after_im(std::string_view w) noexcept {
    return is_one_of(
        w, {"looking", "trying", "interested", "wondering", "planning", "thinking", "hoping",
            "going",   "gonna",  "wanting",    "asking",    "checking", "coming",   "free",
            "good",    "fine",   "great",      "well",      "sorry",    "afraid",   "sure",
            "new",     "back",   "done",       "late",      "early",    "ready",    "busy",
            "glad",    "happy",  "available",  "still",     "only",     "actually", "currently",
            "again",   "booked", "confused",   "unable",    "able",     "off",      "really",
            "also",    "with",   "calling",    "from",      "okay",     "ok",       "alright",
            "fine",    "doing",  "having"});
}

bool is_name_word(const Scan& scan, std::size_t i, bool strong) noexcept {
    if (!scan.free(i) || !scan.is_word(i)) return false;
    const auto w = scan.text(i);
    if (is_structural(w) || digit_word(w) || read_cardinal(scan, i) || read_ordinal(scan, i)) {
        return false;
    }
    return strong || !is_common_after_im(w);
}

std::string title_cased(const Scan& scan, std::size_t first, std::size_t count) {
    std::string name;
    for (std::size_t k = first; k < first + count; ++k) {
        if (!name.empty()) name += ' ';
        name += scan.raw(k);
    }
    // Capitalise each ASCII word start; other scripts are left exactly as typed.
    for (std::size_t k = 0; k < name.size(); ++k) {
        const bool word_start = k == 0 || name[k - 1] == ' ';
        if (word_start && name[k] >= 'a' && name[k] <= 'z') {
            name[k] = static_cast<char>(name[k] - 'a' + 'A');
        }
    }
    return name;
}

struct NameCue {
    std::string_view phrase;
    bool strong;  // the words after it are a name unless they plainly are not
};

constexpr std::array<NameCue, 12> kNameCues = {{
    {"my name is", true},
    {"my names", true},
    {"name is", true},
    {"call me", true},
    {"under the name of", true},
    {"under the name", true},
    {"in the name of", true},
    {"name", true},
    {"im", false},
    {"i am", false},
    {"this is", false},
    {"its", false},
}};

void extract_name(Scan& scan, Interpretation& out) {
    for (std::size_t i = 0; i < scan.size(); ++i) {
        for (const auto& cue : kNameCues) {
            const auto cue_length = scan.match(i, cue.phrase);
            if (cue_length == 0) continue;
            const auto first = i + cue_length;
            std::size_t count = 0;
            while (count < kMaxNameWords &&
                   is_name_word(scan, first + count, cue.strong && count == 0)) {
                ++count;
            }
            if (count == 0) continue;
            out.name = title_cased(scan, first, count);
            scan.claim(i, cue_length + count, Claim::kContact);
            return;
        }
    }
}

}  // namespace

void extract_contact(Scan& scan, Interpretation& out) noexcept {
    for (std::size_t i = 0; i < scan.size(); ++i) {
        if (scan.kind(i) == TokenKind::kEmail && !out.email) {
            out.email = std::string{scan.raw(i)};
            scan.claim(i, 1, Claim::kContact);
        }
        if (scan.kind(i) == TokenKind::kId && !out.reference) {
            out.reference = std::string{scan.text(i)};
            scan.claim(i, 1, Claim::kContact);
        }
    }
    extract_phone(scan, out);
    extract_name(scan, out);
}

}  // namespace frontdesk::chat::detail
