// Start-up: bad configuration stops the server with exit code 2 and a message naming the
// culprit; SIGTERM shuts down cleanly with exit code 0.
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "integration/integration_fixture.hpp"

namespace frontdesk::test {
namespace {

struct Exit {
    int code = 0;
    std::string output;
};

Exit run_frontdesk(const std::string& env_and_args) {
    const std::string command = env_and_args + " 2>&1";
    std::string full = "env " + command;
    std::string output;
    FILE* pipe = ::popen(full.c_str(), "r");
    char buffer[4096];
    while (pipe != nullptr && std::fgets(buffer, sizeof buffer, pipe) != nullptr) output += buffer;
    const int status = pipe != nullptr ? ::pclose(pipe) : -1;
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, output};
}

std::string bin() { return frontdesk_binary().string(); }

TEST(Startup, InvalidVariableExitsWithTwo) {
    auto result = run_frontdesk("PORT=eighty " + bin());
    EXPECT_EQ(result.code, 2) << result.output;
    EXPECT_NE(result.output.find("PORT"), std::string::npos) << result.output;
}

TEST(Startup, InvalidFacilityFileNamesFileFacilityAndField) {
    TempDir dir;
    const auto file = dir.path() / "broken.json";
    std::ofstream{file} << R"({"facility_id":"broken_club","facility_name":"Broken",
        "phone_number":"+15550000009","number_of_courts":2,"open_time":"09:00",
        "close_time":"25:00","pricing":{"weekday_per_hour":10,"weekend_per_hour":10}})";
    auto result = run_frontdesk("FRONTDESK_FACILITIES=" + file.string() +
                                " FRONTDESK_DB=" + (dir.path() / "x.db").string() + " " + bin());
    EXPECT_EQ(result.code, 2) << result.output;
    EXPECT_NE(result.output.find("broken.json"), std::string::npos) << result.output;
    EXPECT_NE(result.output.find("broken_club"), std::string::npos) << result.output;
    EXPECT_NE(result.output.find("close_time"), std::string::npos) << result.output;
}

TEST(Startup, MissingServiceAccountKeyExitsWithTwo) {
    TempDir dir;
    auto result = run_frontdesk("GOOGLE_SERVICE_ACCOUNT_FILE=" + (dir.path() / "nope.json").string() +
                                " FRONTDESK_DB=" + (dir.path() / "x.db").string() +
                                " FRONTDESK_FACILITIES=" FRONTDESK_FACILITIES_DIR
                                " FRONTDESK_ASSETS=" FRONTDESK_SOURCE_DIR "/assets PORT=0 " + bin());
    EXPECT_EQ(result.code, 2) << result.output;
    EXPECT_NE(result.output.find("nope.json"), std::string::npos) << result.output;
}

TEST(Startup, HelpListsEveryVariable) {
    auto result = run_frontdesk(bin() + " --help");
    EXPECT_EQ(result.code, 0);
    for (const char* name :
         {"HOST", "PORT", "FRONTDESK_PUBLIC_URL", "FRONTDESK_DB", "FRONTDESK_FACILITIES",
          "PUBLIC_BOOKING_API_KEY", "OWNER_API_KEY", "LOG_LEVEL", "LOG_FORMAT"}) {
        EXPECT_NE(result.output.find(name), std::string::npos) << name;
    }
}

class ShutdownTest : public ServerTest {};

TEST_F(ShutdownTest, SigtermExitsCleanly) {
    EXPECT_EQ(client().get("/health").status, 200);
    EXPECT_EQ(server_->terminate(), 0) << server_->log();
}

TEST_F(ShutdownTest, SecretsNeverReachTheLog) {
    auto http = client();
    (void)http.get("/public/business?facility_id=pickle_x_mysore", public_auth());
    (void)http.get("/owner/bookings", owner_auth());
    (void)server_->terminate();
    const auto log = server_->log();
    EXPECT_EQ(log.find(kPublicKey), std::string::npos);
    EXPECT_EQ(log.find(kOwnerKey), std::string::npos);
}

class JsonLogTest : public ServerTest {
protected:
    void SetUp() override { start_server(FRONTDESK_FACILITIES_DIR, {{"LOG_FORMAT", "json"}}); }
};

TEST_F(JsonLogTest, EveryLogLineIsJson) {
    auto http = client();
    // Requests of several kinds (404, 200) and the start and stop lines: all must be JSON.
    (void)http.get("/nope%22%5C");
    (void)http.get("/health");
    (void)server_->terminate();
    std::istringstream lines{server_->log()};
    int parsed = 0;
    for (std::string line; std::getline(lines, line);) {
        if (line.empty()) continue;
        const auto entry = nlohmann::json::parse(line, nullptr, false);
        ASSERT_FALSE(entry.is_discarded()) << line;
        EXPECT_TRUE(entry.contains("msg") && entry.contains("level")) << line;
        ++parsed;
    }
    EXPECT_GE(parsed, 4);
}

}  // namespace
}  // namespace frontdesk::test
