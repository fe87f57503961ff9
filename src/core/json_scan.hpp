#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

// A strict, allocation-free JSON reader for the frame path, where building a DOM for every 20 ms
// audio event costs more than the rest of the bridge. Pure: no I/O, any thread, never throws.

namespace frontdesk {

/// The kind of a JSON value (or key: always kString).
enum class JsonKind : std::uint8_t { kNull, kBool, kNumber, kString, kObject, kArray };

/// One key or value as written in the text. Views into the scanned text.
struct JsonToken {
    JsonKind kind = JsonKind::kNull;
    std::string_view text;  // as written; a string without its quotes, a container whole
    bool escaped = false;   // a string holding backslash escapes: `text` is not its value

    /// A string whose value is `text` itself (no escapes to decode).
    [[nodiscard]] bool is_plain_string() const noexcept {
        return kind == JsonKind::kString && !escaped;
    }
};

/// Forward-only reader over one JSON text that validates every byte it passes: the members of
/// the objects the caller enters one by one, every other value skipped whole but checked.
///
/// It accepts a strict subset of what nlohmann::json::parse accepts (RFC 8259, UTF-8 checked):
/// any text it accepts is valid JSON, but it also refuses a few forms nlohmann takes (a byte
/// order mark, numbers with an exponent or more than kMaxIntegerDigits integer digits, nesting
/// deeper than kMaxSkipDepth, a NUL byte after the value, where nlohmann stops reading), so a
/// caller needs a full parser as the fallback whenever it fails. Calls out of grammar order fail
/// too. After the first failure every call fails.
///
/// Use: enter_object(); then next_member() and, for each member, read_value() or
/// enter_object() (and its own loop), until next_member() returns false; then finish().
/// Borrows the text, which must outlive the scanner and the tokens it returns. One per text;
/// any thread.
class JsonScanner {
public:
    static constexpr std::size_t kMaxIntegerDigits = 18;  // always fits std::int64_t
    static constexpr std::size_t kMaxSkipDepth = 64;      // one bit each in a std::uint64_t

    explicit JsonScanner(std::string_view text) noexcept : text_{text} {}

    /// The kind of the next value, from its first character, without consuming it.
    [[nodiscard]] std::optional<JsonKind> peek() noexcept;

    /// Consumes the '{' of the next value and enters that object; false when it is no object.
    [[nodiscard]] bool enter_object() noexcept;

    /// Reads the next member's key and ':' of the innermost entered object, leaving its value
    /// next. false at the object's '}' (consumed) and on failure: tell them apart by failed().
    [[nodiscard]] bool next_member(JsonToken& key) noexcept;

    /// Reads the next value whole (objects and arrays are skipped, but validated).
    [[nodiscard]] std::optional<JsonToken> read_value() noexcept;

    /// Whether the text held exactly one complete value, then only whitespace, and nothing
    /// failed.
    [[nodiscard]] bool finish() noexcept;

    [[nodiscard]] bool failed() const noexcept { return failed_; }

private:
    bool fail() noexcept;
    void skip_whitespace() noexcept;
    [[nodiscard]] bool at_end() const noexcept { return pos_ >= text_.size(); }
    void start_value() noexcept;
    [[nodiscard]] bool scan_value(JsonKind kind) noexcept;
    [[nodiscard]] bool scan_string(JsonToken& token) noexcept;
    [[nodiscard]] bool scan_escape(bool& escaped) noexcept;
    [[nodiscard]] bool scan_utf8() noexcept;
    [[nodiscard]] bool scan_number() noexcept;
    [[nodiscard]] bool scan_literal(std::string_view literal) noexcept;
    [[nodiscard]] bool scan_key_and_colon(JsonToken& key) noexcept;
    [[nodiscard]] bool skip_container() noexcept;

    std::string_view text_;        // borrowed, see the class comment
    std::size_t pos_ = 0;          // next byte to read
    std::size_t depth_ = 0;        // objects entered and not yet closed
    bool value_expected_ = false;  // a key and ':' were read, its value not yet
    bool object_opened_ = false;   // a '{' was just consumed: no ',' before the first member
    bool root_read_ = false;       // the top-level value has started
    bool failed_ = false;
};

}  // namespace frontdesk
