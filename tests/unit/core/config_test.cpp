#include "core/config.hpp"

#include <map>

#include <gtest/gtest.h>

namespace frontdesk {
namespace {

EnvLookup env_of(std::map<std::string, std::string> vars) {
    return [vars = std::move(vars)](const std::string& name) -> std::optional<std::string> {
        auto it = vars.find(name);
        if (it == vars.end()) return std::nullopt;
        return it->second;
    };
}

TEST(Config, DefaultsNeedNothing) {
    auto config = parse_config({}, env_of({}));
    ASSERT_TRUE(config);
    EXPECT_EQ(config->host, "0.0.0.0");
    EXPECT_EQ(config->port, 8080);
    EXPECT_EQ(config->db_path, "data/frontdesk.db");
    EXPECT_EQ(config->facilities_path, "facilities");
    EXPECT_EQ(config->public_url, "http://localhost:8080");
    EXPECT_TRUE(config->public_api_key.empty());
    EXPECT_EQ(config->quote_hold, std::chrono::minutes{10});
    EXPECT_EQ(config->max_call_length, std::chrono::minutes{30});
    EXPECT_EQ(config->idle_prompt_after, std::chrono::seconds{15});
}

TEST(Config, CallLimits) {
    auto config = parse_config({"--idle-prompt-seconds", "20"},
                               env_of({{"FRONTDESK_MAX_CALL_MINUTES", "12"}}));
    ASSERT_TRUE(config);
    EXPECT_EQ(config->max_call_length, std::chrono::minutes{12});
    EXPECT_EQ(config->idle_prompt_after, std::chrono::seconds{20});
}

TEST(Config, FlagsWinOverEnvironment) {
    auto config = parse_config(
        {"--port", "9001", "--log-format=json"},
        env_of(
            {{"PORT", "7000"}, {"FRONTDESK_DB", "/tmp/x.db"}, {"PUBLIC_BOOKING_API_KEY", "k1"}}));
    ASSERT_TRUE(config);
    EXPECT_EQ(config->port, 9001);
    EXPECT_EQ(config->db_path, "/tmp/x.db");
    EXPECT_EQ(config->log_format, LogFormat::kJson);
    EXPECT_TRUE(config->public_api_key.matches("k1"));
}

TEST(Config, HelpReturnsNothing) {
    EXPECT_FALSE(parse_config({"--help"}, env_of({})));
    EXPECT_NE(config_help().find("PUBLIC_BOOKING_API_KEY"), std::string::npos);
}

TEST(Config, PublicUrlLosesTrailingSlash) {
    auto config = parse_config({}, env_of({{"FRONTDESK_PUBLIC_URL", "https://desk.example.com/"}}));
    ASSERT_TRUE(config);
    EXPECT_EQ(config->public_url, "https://desk.example.com");
}

void expect_error(const std::vector<std::string>& args, std::map<std::string, std::string> env,
                  const std::string& must_mention) {
    try {
        (void)parse_config(args, env_of(std::move(env)));
        FAIL() << "expected ConfigError mentioning " << must_mention;
    } catch (const ConfigError& e) {
        EXPECT_NE(std::string{e.what()}.find(must_mention), std::string::npos) << e.what();
    }
}

TEST(Config, BadValuesNameTheVariable) {
    expect_error({}, {{"PORT", "80a"}}, "PORT");
    expect_error({}, {{"PORT", "70000"}}, "PORT");
    expect_error({}, {{"LOG_LEVEL", "loud"}}, "LOG_LEVEL");
    expect_error({}, {{"LOG_FORMAT", "xml"}}, "LOG_FORMAT");
    expect_error({}, {{"FRONTDESK_PUBLIC_URL", "ftp://x"}}, "FRONTDESK_PUBLIC_URL");
    expect_error({"--bogus", "1"}, {}, "--bogus");
    expect_error({"--port"}, {}, "--port");
    expect_error({}, {{"HOST", ""}}, "HOST");
    expect_error({}, {{"FRONTDESK_MAX_CALL_MINUTES", "0"}}, "FRONTDESK_MAX_CALL_MINUTES");
    expect_error({"--idle-prompt-seconds", "2"}, {}, "--idle-prompt-seconds");
}

TEST(Config, SecretsAreNotEchoedInErrors) {
    auto config = parse_config({"--owner-api-key", "topsecret"}, env_of({}));
    ASSERT_TRUE(config);
    EXPECT_EQ(fmt::format("{}", config->owner_api_key), "***");
}

}  // namespace
}  // namespace frontdesk
