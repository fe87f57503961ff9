#include "support/twilio_webhook_call.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

#include <boost/url/parse.hpp>

#include "core/secret.hpp"
#include "telephony/form_body.hpp"
#include "telephony/twilio_signature.hpp"

namespace frontdesk::test {
namespace {

constexpr std::string_view kWebhookPath = "/voice/webhook";

/// Form encoding written here rather than borrowed from the server, so a bug there cannot
/// cancel out: unreserved characters as is, everything else %XX.
std::string form_encode(const telephony::FormParams& params) {
    constexpr std::string_view kHex = "0123456789ABCDEF";
    std::string body;
    for (const auto& [name, value] : params) {
        if (!body.empty()) body += '&';
        for (const auto* part : {&name, &value}) {
            for (const char c : *part) {
                const auto byte = static_cast<unsigned char>(c);
                if (std::isalnum(byte) != 0 || c == '-' || c == '.' || c == '_' || c == '~') {
                    body += c;
                } else {
                    body += '%';
                    body += kHex[byte >> 4U];
                    body += kHex[byte & 0x0FU];
                }
            }
            if (part == &name) body += '=';
        }
    }
    return body;
}

/// XML character references: the five named entities and numeric ones below 128.
std::string xml_unescape(std::string_view text) {
    static const std::vector<std::pair<std::string_view, char>> kNamed = {
        {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&apos;", '\''}};
    std::string out;
    for (std::size_t i = 0; i < text.size();) {
        bool replaced = false;
        if (text[i] == '&') {
            for (const auto& [entity, c] : kNamed) {
                if (text.substr(i).starts_with(entity)) {
                    out += c;
                    i += entity.size();
                    replaced = true;
                    break;
                }
            }
            const auto end = text.find(';', i);
            if (!replaced && text.substr(i).starts_with("&#") && end != std::string_view::npos) {
                const bool hex = text.substr(i).starts_with("&#x");
                const std::size_t prefix = hex ? 3U : 2U;
                const auto digits = text.substr(i + prefix, end - i - prefix);
                unsigned code = 0;
                const auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(),
                                                       code, hex ? 16 : 10);
                if (ec == std::errc{} && ptr == digits.data() + digits.size() && code < 128) {
                    out += static_cast<char>(code);
                    i = end + 1;
                    replaced = true;
                }
            }
        }
        if (!replaced) out += text[i++];
    }
    return out;
}

struct XmlTag {
    std::string name;
    std::map<std::string, std::string> attributes;  // unescaped values
};

/// Every start or empty-element tag of `xml` in document order. Enough XML for TwiML: no
/// comments, CDATA or DTDs are expected, and processing instructions are skipped.
std::vector<XmlTag> start_tags(std::string_view xml) {
    const auto is_space = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
    const auto is_name = [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == ':' ||
               c == '-' || c == '.';
    };
    std::vector<XmlTag> tags;
    std::size_t i = 0;
    while ((i = xml.find('<', i)) != std::string_view::npos) {
        ++i;
        if (i >= xml.size() || xml[i] == '/' || xml[i] == '?' || xml[i] == '!') continue;
        XmlTag tag;
        while (i < xml.size() && is_name(xml[i])) tag.name += xml[i++];
        while (i < xml.size() && xml[i] != '>') {
            if (is_space(xml[i]) || xml[i] == '/') {
                ++i;
                continue;
            }
            std::string name;
            while (i < xml.size() && is_name(xml[i])) name += xml[i++];
            while (i < xml.size() && is_space(xml[i])) ++i;
            if (name.empty() || i >= xml.size() || xml[i] != '=') break;  // not TwiML we sent
            ++i;
            while (i < xml.size() && is_space(xml[i])) ++i;
            if (i >= xml.size() || (xml[i] != '"' && xml[i] != '\'')) break;
            const char quote = xml[i++];
            const auto close = xml.find(quote, i);
            if (close == std::string_view::npos) break;
            tag.attributes[name] = xml_unescape(xml.substr(i, close - i));
            i = close + 1;
        }
        tags.push_back(std::move(tag));
    }
    return tags;
}

std::string path_of(const std::string& url) {
    const auto parsed = boost::urls::parse_uri(url);
    if (!parsed || parsed->encoded_path().empty()) return "/";
    return std::string{parsed->encoded_path()};
}

}  // namespace

TwilioWebhookAnswer ring_voice_webhook(HttpClient& http, const IncomingTwilioCall& incoming) {
    const telephony::FormParams form{{"AccountSid", incoming.account_sid},
                                     {"ApiVersion", "2010-04-01"},
                                     {"CallSid", incoming.call_sid},
                                     {"CallStatus", "ringing"},
                                     {"Called", incoming.to},
                                     {"Caller", incoming.from},
                                     {"Direction", "inbound"},
                                     {"From", incoming.from},
                                     {"To", incoming.to}};
    const Secret auth_token{incoming.auth_token};
    std::string webhook_url = incoming.public_url;
    while (!webhook_url.empty() && webhook_url.back() == '/') webhook_url.pop_back();
    webhook_url += kWebhookPath;
    const auto signature = telephony::compute_twilio_signature(auth_token, webhook_url, form);
    const auto result = http.request(
        "POST", std::string{kWebhookPath}, form_encode(form),
        {{"Content-Type", "application/x-www-form-urlencoded"}, {"X-Twilio-Signature", signature}});

    TwilioWebhookAnswer answer;
    answer.status = result.status;
    answer.twiml = result.body;
    bool in_stream = false;
    for (auto& tag : start_tags(answer.twiml)) {
        if (tag.name == "Stream" && answer.stream_url.empty()) {
            answer.stream_url = tag.attributes["url"];
            in_stream = true;
        } else if (tag.name == "Parameter" && in_stream) {
            answer.parameters[tag.attributes["name"]] = tag.attributes["value"];
        }
    }
    if (answer.status != 200 || answer.stream_url.empty()) return answer;

    FakeTwilioCall call;
    call.call_sid = incoming.call_sid;
    call.account_sid = incoming.account_sid;
    // Twilio's stream ids look like its call ids: a prefix and 32 hex digits.
    call.stream_sid =
        "MZ" + incoming.call_sid.substr(std::min<std::size_t>(2, incoming.call_sid.size()));
    call.parameters = answer.parameters;
    call.path = path_of(answer.stream_url);
    // The upgrade is signed over the stream URL exactly as the TwiML gave it, no parameters.
    call.signature = telephony::compute_twilio_signature(auth_token, answer.stream_url, {});
    answer.call = std::move(call);
    return answer;
}

}  // namespace frontdesk::test
