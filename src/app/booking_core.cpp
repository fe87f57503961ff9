#include "app/booking_core.hpp"

#include "chat/builtin_agent.hpp"
#include "chat/openai_chat_agent.hpp"
#include "core/logging.hpp"

namespace frontdesk::app {
namespace {

/// The built-in agent always; OpenAI Chat Completions first when a key is configured.
chat::ChatEngines chat_engines(const chat::ChatConfig& config, const tools::ToolRegistry& registry,
                               const Clock& clock, net::HttpsClient* https) {
    chat::ChatEngines engines;
    engines.builtin = [&registry, &clock](const tools::ToolContext& context,
                                          const booking::Facility& facility) {
        return std::make_unique<chat::BuiltinAgent>(registry, context, facility, clock);
    };
    if (config.openai && https != nullptr) {
        engines.remote = [&settings = *config.openai, https, &registry, &clock](
                             const tools::ToolContext& context, const booking::Facility& facility,
                             const chat::ChatCustomer& customer) {
            return std::make_unique<chat::OpenAiChatAgent>(
                settings, *https, registry, context,
                chat::chat_system_prompt(facility, clock, customer));
        };
    }
    return engines;
}

void log_chat_mode(const chat::ChatConfig& config) {
    logger("app")->info("text chat: {}; sessions expire after {} s idle; /chat {}",
                        config.openai ? "openai " + config.openai->model + ", builtin fallback"
                                      : std::string{"builtin agent only"},
                        config.settings.idle_timeout.count(),
                        config.settings.api_key.empty() ? "open" : "needs CHAT_API_KEY");
}

booking::FacilityDirectory load_and_log(const std::string& path) {
    auto facilities = booking::load_facilities(path);
    logger("app")->info("loaded {} facilities from {}", facilities.all().size(), path);
    return facilities;
}

}  // namespace

BookingCore::BookingCore(const AppConfig& config)
    : facilities(load_and_log(config.facilities_path)),
      store(config.db_path),
      bookings(facilities, store, clock, {.quote_hold = config.quote_hold}),
      tools(bookings),
      chat_config(chat::chat_config_from_env(process_env())),
      https(net::make_curl_https_client()),
      chat(facilities, tools, store, clock, chat_engines(chat_config, tools, clock, https.get()),
           chat_config.settings) {
    log_chat_mode(chat_config);
}

BookingCore::~BookingCore() = default;

}  // namespace frontdesk::app
