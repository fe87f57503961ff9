#include "chat/reply_phrasing.hpp"

#include <array>
#include <cctype>

#include <nlohmann/json.hpp>

#include "booking/spoken.hpp"

namespace frontdesk::chat {
namespace {

using nlohmann::json;

constexpr std::array<std::string_view, 7> kWeekdayKeys{
    "sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"};
// Words that answer a question but are never a name ("ok", "sure"), so a bare reply of one of
// them is not taken as the caller's name.
constexpr std::array<std::string_view, 24> kNotNames{
    "yes",  "no",    "ok",    "okay",  "sure", "thanks", "thank", "hi",
    "hello", "hey",  "bye",   "what",  "why",  "how",    "when",  "please",
    "the",  "a",     "court", "courts", "book", "help",   "maybe", "later"};
constexpr std::size_t kMaxNameWords = 3;

const json& member(const json& object, std::string_view key) {
    static const json kNull;
    if (!object.is_object()) return kNull;
    const auto it = object.find(key);
    return it == object.end() ? kNull : *it;
}

std::optional<TimeOfDay> time_field(const json& object, std::string_view key) {
    return parse_time_of_day(text_field(object, key));
}

std::string resource_names(const json& span) {
    std::vector<std::string> names;
    const auto& list = member(span, "resources");
    if (list.is_array()) {
        for (const auto& resource : list) names.push_back(text_field(resource, "name"));
    }
    return booking::spoken_list(names);
}

std::string hours_of(const json& day) {
    std::vector<booking::DayInterval> spans;
    if (!day.is_array()) return {};
    for (const auto& span : day) {
        const auto open = time_field(span, "open");
        const auto close = time_field(span, "close");
        if (open && close) spans.push_back({*open, *close});
    }
    return booking::spoken_hours(spans);
}

// "Monday to Friday", "Saturday", "Saturday and Sunday": a run of days [first, last] (Monday
// first, so weekday_index (i + 1) % 7).
std::string day_run(std::size_t first, std::size_t last) {
    const auto name = [](std::size_t i) { return std::string{booking::weekday_name(static_cast<unsigned>((i + 1) % 7))}; };
    if (first == last) return name(first);
    return name(first) + (last == first + 1 ? " and " : " to ") + name(last);
}

bool is_name_word(std::string_view word) {
    if (word.empty()) return false;
    for (const char c : word) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x80 && std::isalpha(byte) == 0 && c != '\'' && c != '-' && c != '.') {
            return false;
        }
    }
    std::string lower{word};
    for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return std::find(kNotNames.begin(), kNotNames.end(), lower) == kNotNames.end();
}

}  // namespace

std::string text_field(const json& object, std::string_view key) {
    const auto& value = member(object, key);
    return value.is_string() ? value.get<std::string>() : std::string{};
}

std::string error_code(const json& result) { return text_field(member(result, "error"), "code"); }

std::string error_message(const json& result) {
    auto message = text_field(member(result, "error"), "message");
    return message.empty() ? "Sorry, I couldn't do that." : message;
}

std::string money_text(const json& money) {
    auto amount = text_field(money, "amount");
    if (amount.ends_with(".00")) amount.resize(amount.size() - 3);
    const auto currency = text_field(money, "currency");
    if (currency == "INR") return "₹" + amount;
    if (currency == "USD") return "$" + amount;
    if (currency == "EUR") return "€" + amount;
    if (currency == "GBP") return "£" + amount;
    return amount + " " + currency;
}

std::string day_phrase(LocalDate date, LocalDate today) {
    const auto spoken = booking::spoken_date(date);
    if (date == today) return "today (" + spoken + ")";
    if (date == add_days(today, 1)) return "tomorrow (" + spoken + ")";
    return "on " + spoken;
}

std::string times_text(const std::vector<TimeOfDay>& times) {
    std::vector<std::string> words;
    for (const auto time : times) words.push_back(booking::spoken_time(time));
    return booking::spoken_list(words);
}

std::string span_summary(const json& span, std::string_view kind) {
    const auto date = parse_date(text_field(span, "date"));
    const auto start = time_field(span, "start_time");
    const auto end = time_field(span, "end_time");
    if (!date || !start || !end) return "that booking";
    const auto& resources = member(span, "resources");
    const auto count = resources.is_array() ? resources.size() : 0;
    std::string out;
    if (count == 1) {
        out = resource_names(span);
    } else {
        out = std::to_string(count) + " " + booking::plural(kind) + " (" + resource_names(span) +
              ")";
    }
    return out + " on " + booking::spoken_date(*date) + " from " + booking::spoken_time(*start) +
           " to " + booking::spoken_time(*end);
}

std::optional<BookingRef> booking_ref(const json& booking, std::string_view kind) {
    const auto date = parse_date(text_field(booking, "date"));
    const auto start = time_field(booking, "start_time");
    const auto end = time_field(booking, "end_time");
    auto id = text_field(booking, "booking_id");
    if (!date || !start || !end || id.empty()) return std::nullopt;
    return BookingRef{std::move(id), *date, *start, *end, span_summary(booking, kind)};
}

std::vector<OfferedStart> offered_starts(const json& slots) {
    std::vector<OfferedStart> out;
    if (!slots.is_array()) return out;
    for (const auto& slot : slots) {
        const auto date = parse_date(text_field(slot, "date"));
        const auto start = time_field(slot, "start_time");
        if (date && start) out.push_back({*date, *start});
    }
    return out;
}

std::string offers_text(const std::vector<OfferedStart>& offers, LocalDate day, LocalDate today) {
    std::vector<std::string> words;
    for (const auto& offer : offers) {
        auto word = booking::spoken_time(offer.start);
        if (offer.date != day) word += " " + day_phrase(offer.date, today);
        words.push_back(std::move(word));
    }
    return booking::spoken_list(words);
}

std::string weekly_hours_text(const json& hours) {
    std::array<std::string, 7> by_day;  // Monday first
    for (std::size_t i = 0; i < 7; ++i) by_day[i] = hours_of(member(hours, kWeekdayKeys[(i + 1) % 7]));
    if (std::all_of(by_day.begin(), by_day.end(), [&](const auto& h) { return h == by_day[0]; })) {
        return by_day[0].empty() ? "I don't have our opening hours here."
                                 : "We're open every day " + by_day[0] + ".";
    }
    std::vector<std::string> parts;
    std::vector<std::string> closed;
    for (std::size_t first = 0; first < 7;) {
        std::size_t last = first;
        while (last + 1 < 7 && by_day[last + 1] == by_day[first]) ++last;
        if (by_day[first].empty()) {
            closed.push_back(day_run(first, last));
        } else {
            parts.push_back(day_run(first, last) + " " + by_day[first]);
        }
        first = last + 1;
    }
    auto out = "We're open " + booking::spoken_list(parts) + ".";
    if (!closed.empty()) out += " We're closed on " + booking::spoken_list(closed) + ".";
    return out;
}

std::string day_hours_text(const json& hours, LocalDate date) {
    return hours_of(member(hours, kWeekdayKeys[weekday_index(date)]));
}

std::optional<std::string> bare_name(std::string_view message) {
    std::vector<std::string> words;
    std::string word;
    const auto flush = [&] {
        if (!word.empty()) words.push_back(std::exchange(word, {}));
    };
    for (const char c : message) {
        if (c == ' ' || c == ',' || c == '!' || c == '\t' || c == '\n') {
            flush();
        } else {
            word += c;
        }
    }
    flush();
    if (words.empty() || words.size() > kMaxNameWords) return std::nullopt;
    std::string name;
    for (auto& part : words) {
        if (part.ends_with('.')) part.pop_back();
        if (!is_name_word(part)) return std::nullopt;
        part[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(part[0])));
        name += (name.empty() ? "" : " ") + part;
    }
    return name;
}

}  // namespace frontdesk::chat
