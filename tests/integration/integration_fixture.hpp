#pragma once

#include <chrono>
#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "support/http_client.hpp"
#include "support/server_process.hpp"

namespace frontdesk::test {

inline constexpr const char* kPublicKey = "it-public-key";
inline constexpr const char* kOwnerKey = "it-owner-key";

/// Starts a fresh server (own temp database, the repository's sample facilities unless told
/// otherwise) for each test.
class ServerTest : public ::testing::Test {
protected:
    void start_server(const std::string& facilities = FRONTDESK_FACILITIES_DIR,
                      std::map<std::string, std::string> extra_env = {}) {
        std::map<std::string, std::string> env{{"FRONTDESK_DB", db_path()},
                                               {"FRONTDESK_FACILITIES", facilities},
                                               {"PUBLIC_BOOKING_API_KEY", kPublicKey},
                                               {"OWNER_API_KEY", kOwnerKey},
                                               {"FRONTDESK_ASSETS", FRONTDESK_SOURCE_DIR "/assets"},
                                               {"LOG_LEVEL", "info"}};
        extra_env.merge(env);  // extra_env wins
        server_ = std::make_unique<ServerProcess>(frontdesk_binary(), std::move(extra_env));
    }
    void SetUp() override { start_server(); }

    /// Starts the server (sample facilities) with the voice agent pointed at a fake OpenAI
    /// Realtime peer listening on `model_port`: TLS, the test CA trusted through SSL_CERT_FILE.
    void start_server_with_model(std::uint16_t model_port,
                                 std::map<std::string, std::string> extra_env = {});

    [[nodiscard]] std::string db_path() const { return (dir_.path() / "frontdesk.db").string(); }
    [[nodiscard]] HttpClient client() const { return HttpClient{"127.0.0.1", server_->port()}; }
    [[nodiscard]] std::unique_ptr<HttpClient> new_client() const {
        return std::make_unique<HttpClient>("127.0.0.1", server_->port());
    }

    static std::vector<std::pair<std::string, std::string>> public_auth() {
        return {{"X-API-Key", kPublicKey}};
    }
    static std::vector<std::pair<std::string, std::string>> owner_auth() {
        return {{"Authorization", std::string{"Bearer "} + kOwnerKey}};
    }

    TempDir dir_;
    std::unique_ptr<ServerProcess> server_;
};

/// A ServerTest for voice: the server starts only once the test's fake model listens (the test
/// calls start_server_with_model).
class ModelServerTest : public ServerTest {
protected:
    void SetUp() override {}
};

/// A local date `days` from today in `zone`, "YYYY-MM-DD" (via the system tz database).
std::string local_date_in(const std::string& zone, int days);

}  // namespace frontdesk::test
