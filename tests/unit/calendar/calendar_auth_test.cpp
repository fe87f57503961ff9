// Service-account key parsing, the RS256 JWT, token caching, error classes, backoff, config.
#include <fstream>

#include "calendar/calendar_config.hpp"
#include "calendar/event_mapping.hpp"
#include "calendar_test_support.hpp"
#include "unit/booking/store_test_support.hpp"

namespace frontdesk::calendar::test {
namespace {

std::string config_error_of(std::string_view text) {
    try {
        (void)parse_service_account_key(text, "/etc/frontdesk/sa.json");
    } catch (const ConfigError& e) {
        return e.what();
    }
    return "no error";
}

TEST(ServiceAccountJwt, IsSignedRs256AndVerifiesWithThePublicKey) {
    const auto key = parse_service_account_key(
        frontdesk::test::service_account_json(kServiceEmail, test_keys().private_pem,
                                              "https://oauth2.googleapis.com/token"),
        "sa.json");
    const Instant iat{std::chrono::seconds{1735700000}};
    const auto jwt = sign_jwt(key, {kServiceEmail, std::string{kCalendarScope},
                                    key.token_uri, iat, iat + 3600s, "owner@club.example"});
    const auto claims = frontdesk::test::verify_jwt(jwt, test_keys().public_pem);
    ASSERT_TRUE(claims);
    EXPECT_EQ((*claims)["iss"], kServiceEmail);
    EXPECT_EQ((*claims)["scope"], kCalendarScope);
    EXPECT_EQ((*claims)["aud"], "https://oauth2.googleapis.com/token");
    EXPECT_EQ((*claims)["iat"], 1735700000);
    EXPECT_EQ((*claims)["exp"], 1735703600);
    EXPECT_EQ((*claims)["sub"], "owner@club.example");
    EXPECT_EQ(jwt.find('='), std::string::npos);  // unpadded base64url

    auto tampered = jwt;
    tampered[jwt.find('.') + 3] ^= 1;
    EXPECT_FALSE(frontdesk::test::verify_jwt(tampered, test_keys().public_pem));
    const auto other = frontdesk::test::make_test_rsa_key();
    EXPECT_FALSE(frontdesk::test::verify_jwt(jwt, other.public_pem));
}

TEST(ServiceAccountKeyFile, ErrorsNameTheFileAndTheField) {
    EXPECT_NE(config_error_of("{nope").find("/etc/frontdesk/sa.json"), std::string::npos);
    EXPECT_NE(config_error_of("{nope").find("not a JSON object"), std::string::npos);
    const auto missing = config_error_of(R"({"type":"service_account","token_uri":"https://x"})");
    EXPECT_NE(missing.find("client_email: is missing"), std::string::npos) << missing;
    const auto not_key = config_error_of(
        R"({"client_email":"a@b","token_uri":"https://x","private_key":"-----BEGIN CERT"})");
    EXPECT_NE(not_key.find("private_key: is not a PEM private key"), std::string::npos) << not_key;
    const auto oauth = config_error_of(R"({"type":"authorized_user"})");
    EXPECT_NE(oauth.find("type"), std::string::npos);
    try {
        (void)load_service_account_key("/nonexistent/sa.json");
        FAIL() << "no error";
    } catch (const ConfigError& e) {
        EXPECT_NE(std::string{e.what()}.find("/nonexistent/sa.json"), std::string::npos);
    }
}

TEST_F(CalendarTest, TokenIsCachedAndRefreshedBeforeExpiry) {
    google_.set_token_lifetime(60s);
    const auto first = tokens_.token();
    EXPECT_EQ(tokens_.token().reveal(), first.reveal());
    EXPECT_EQ(tokens_.fetches(), 1);
    clock_.advance(29s);
    (void)tokens_.token();
    EXPECT_EQ(tokens_.fetches(), 1);
    clock_.advance(2s);  // past half the short lifetime: refreshed before Google expires it
    EXPECT_NE(tokens_.token().reveal(), first.reveal());
    EXPECT_EQ(tokens_.fetches(), 2);
    EXPECT_EQ(fmt::format("{}", first), "***");
}

TEST_F(CalendarTest, ExpiredTokenIsReplacedAfterA401) {
    google_.set_token_lifetime(60s);
    ASSERT_FALSE(client_.free_busy({kClubCalendar}, utc(kSaturday, 9), utc(kSaturday, 10), 1s).error);
    // Our cache trusts the token for 30 s; the fake forgets it sooner if the clock jumps.
    clock_.advance(61s);
    EXPECT_FALSE(client_.free_busy({kClubCalendar}, utc(kSaturday, 9), utc(kSaturday, 10), 1s).error);
    EXPECT_EQ(google_.tokens_issued(), 2);
}

TEST(CalendarErrors, AreClassifiedPerGoogle) {
    using Kind = CalendarError::Kind;
    auto of = [](int status, std::string reason, bool listing = false,
                 std::vector<std::pair<std::string, std::string>> headers = {}) {
        const std::string body = R"({"error":{"code":)" + std::to_string(status) +
                                 R"(,"message":"m","errors":[{"reason":")" + reason + R"("}]}})";
        return classify_response(net::HttpsResponse{status, std::move(headers), body, {}}, listing);
    };
    EXPECT_FALSE(of(200, ""));
    EXPECT_EQ(of(400, "timeRangeEmpty")->kind, Kind::kPermanent);
    EXPECT_EQ(of(403, "rateLimitExceeded")->kind, Kind::kRetryable);
    EXPECT_EQ(of(403, "userRateLimitExceeded")->kind, Kind::kRetryable);
    EXPECT_EQ(of(403, "quotaExceeded")->kind, Kind::kPermanent);
    EXPECT_EQ(of(403, "forbiddenForNonOrganizer")->kind, Kind::kPermanent);
    EXPECT_EQ(of(404, "notFound")->kind, Kind::kNotFound);
    EXPECT_EQ(of(409, "duplicate")->kind, Kind::kDuplicate);
    EXPECT_EQ(of(410, "fullSyncRequired", true)->kind, Kind::kSyncExpired);
    EXPECT_EQ(of(410, "deleted")->kind, Kind::kNotFound);
    const auto limited = of(429, "rateLimitExceeded", false, {{"retry-after", "17"}});
    EXPECT_EQ(limited->kind, Kind::kRetryable);
    EXPECT_EQ(limited->retry_after, 17s);
    EXPECT_EQ(of(503, "backendError")->kind, Kind::kRetryable);
    EXPECT_EQ(classify_response(net::HttpsResponse{0, {}, {}, "timeout"})->kind, Kind::kRetryable);
}

TEST(CalendarBackoff, GrowsWithJitterAndHonoursRetryAfter) {
    const BackoffSettings settings{2s, 600s};
    for (std::uint64_t r : {0ULL, 1ULL, 12345ULL, ~0ULL}) {
        const auto d3 = backoff_delay(3, std::nullopt, settings, r);
        EXPECT_GE(d3, 8s);
        EXPECT_LE(d3, 16s);
        EXPECT_LE(backoff_delay(30, std::nullopt, settings, r), 600s);
        EXPECT_GE(backoff_delay(0, 45s, settings, r), 45s);
    }
}

TEST(CalendarEventIds, AreBase32HexAndStable) {
    const auto id = event_id_for("bk_3f9c0a6d1e2b4c58a7d9e0f1");
    EXPECT_EQ(id, event_id_for("bk_3f9c0a6d1e2b4c58a7d9e0f1"));
    EXPECT_NE(id, event_id_for("bk_3f9c0a6d1e2b4c58a7d9e0f2"));
    EXPECT_GE(id.size(), 5U);
    for (char c : id) EXPECT_TRUE((c >= '0' && c <= '9') || (c >= 'a' && c <= 'v')) << id;
    EXPECT_EQ(event_id_for("f"), "co");  // RFC 4648 base32hex test vector, lower case
    EXPECT_EQ(event_id_for("foobar"), "cpnmuoj1e8");
}

TEST(CalendarConfigTest, ReadsTheEnvironment) {
    std::map<std::string, std::string> vars = {
        {"GOOGLE_SERVICE_ACCOUNT_FILE", "/k.json"},
        {"GOOGLE_CALENDAR_BASE_URL", "https://127.0.0.1:8443/calendar/v3/"},
        {"GOOGLE_SYNC_INTERVAL_SECONDS", "15"},
        {"GOOGLE_FREEBUSY_TIMEOUT_MS", "800"},
        {"GOOGLE_FREEBUSY_POLICY", "reject"}};
    const EnvLookup env = [&vars](const std::string& name) -> std::optional<std::string> {
        const auto it = vars.find(name);
        if (it == vars.end()) return std::nullopt;
        return it->second;
    };
    const auto config = parse_calendar_config(env);
    EXPECT_TRUE(config.enabled());
    EXPECT_EQ(config.base_url, "https://127.0.0.1:8443/calendar/v3");
    EXPECT_EQ(config.sync_interval, 15s);
    EXPECT_EQ(config.freebusy_timeout, 800ms);
    EXPECT_EQ(config.freebusy_policy, FreeBusyPolicy::kReject);
    EXPECT_FALSE(config.default_calendar_id);
    vars["GOOGLE_FREEBUSY_POLICY"] = "maybe";
    EXPECT_THROW((void)parse_calendar_config(env), ConfigError);
    vars["GOOGLE_FREEBUSY_POLICY"] = "confirm";
    vars["GOOGLE_SYNC_INTERVAL_SECONDS"] = "0";
    EXPECT_THROW((void)parse_calendar_config(env), ConfigError);
}

}  // namespace
}  // namespace frontdesk::calendar::test
