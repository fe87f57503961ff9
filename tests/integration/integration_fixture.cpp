#include "integration/integration_fixture.hpp"

#include <chrono>

#include <date/tz.h>

#include "support/test_ca.hpp"

namespace frontdesk::test {

void ServerTest::start_server_with_model(std::uint16_t model_port,
                                         std::map<std::string, std::string> extra_env) {
    extra_env.merge(std::map<std::string, std::string>{
        {"OPENAI_API_KEY", "sk-test-key"},
        {"OPENAI_BASE_URL", "https://127.0.0.1:" + std::to_string(model_port) + "/v1"},
        {"SSL_CERT_FILE", test_certificates().ca_cert.string()}});
    start_server(FRONTDESK_FACILITIES_DIR, std::move(extra_env));
}

std::string local_date_in(const std::string& zone, int days) {
    const auto now = std::chrono::system_clock::now() + std::chrono::days{days};
    const date::zoned_time local{zone, std::chrono::floor<std::chrono::seconds>(now)};
    return date::format("%F", local.get_local_time());
}

}  // namespace frontdesk::test
