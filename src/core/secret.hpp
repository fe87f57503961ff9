#pragma once

#include <string>

#include <spdlog/fmt/fmt.h>

namespace frontdesk {

/// A credential (API key, token, password). Formats as "***" so it cannot reach a log line by
/// accident; `reveal()` is called only where a header or a comparison needs the value.
class Secret {
public:
    Secret() = default;
    explicit Secret(std::string value) : value_(std::move(value)) {}

    [[nodiscard]] bool empty() const noexcept { return value_.empty(); }
    [[nodiscard]] const std::string& reveal() const noexcept { return value_; }

    /// Constant-time comparison (its duration does not depend on where the inputs differ).
    [[nodiscard]] bool matches(std::string_view candidate) const noexcept;

private:
    std::string value_;
};

}  // namespace frontdesk

template <>
struct fmt::formatter<frontdesk::Secret> : fmt::formatter<std::string_view> {
    template <typename FormatContext>
    auto format(const frontdesk::Secret&, FormatContext& ctx) const {
        return fmt::formatter<std::string_view>::format("***", ctx);
    }
};
