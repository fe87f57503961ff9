#include "telephony/twiml.hpp"

#include <boost/url/parse.hpp>
#include <boost/url/url.hpp>

namespace frontdesk::telephony {
namespace {

constexpr std::string_view kXmlDeclaration = R"(<?xml version="1.0" encoding="UTF-8"?>)";

void append_say(std::string_view text, std::string& out) {
    if (text.empty()) return;
    out += "<Say>";
    out += xml_escape(text);
    out += "</Say>";
}

}  // namespace

std::string xml_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&apos;";
                break;
            default:
                out += c;
        }
    }
    return out;
}

std::optional<std::string> stream_url_from_public_url(std::string_view public_url,
                                                      std::string_view path) {
    auto parsed = boost::urls::parse_uri(public_url);
    if (!parsed || !parsed->has_authority() || parsed->encoded_host().empty()) {
        return std::nullopt;
    }
    boost::urls::url url{*parsed};
    if (url.scheme() == "https") {
        url.set_scheme("wss");
    } else if (url.scheme() == "http") {
        url.set_scheme("ws");
    } else {
        return std::nullopt;
    }
    std::string base{url.encoded_path()};
    while (!base.empty() && base.back() == '/') base.pop_back();
    if (!path.empty() && path.front() != '/') base += '/';
    url.set_encoded_path(base + std::string{path});
    url.remove_query();
    url.remove_fragment();
    url.remove_userinfo();
    return std::string{url.buffer()};
}

std::string connect_stream_twiml(const StreamTwiml& twiml) {
    std::string out{kXmlDeclaration};
    out += "<Response><Connect><Stream url=\"";
    out += xml_escape(twiml.stream_url);
    out += "\">";
    for (const auto& [name, value] : twiml.parameters) {
        out += "<Parameter name=\"";
        out += xml_escape(name);
        out += "\" value=\"";
        out += xml_escape(value);
        out += "\"/>";
    }
    out += "</Stream></Connect></Response>";
    return out;
}

std::string say_and_hang_up_twiml(std::string_view text) {
    std::string out{kXmlDeclaration};
    out += "<Response>";
    append_say(text, out);
    out += "<Hangup/></Response>";
    return out;
}

std::string dial_twiml(std::string_view phone_number, std::string_view say) {
    std::string out = "<Response>";
    append_say(say, out);
    out += "<Dial>";
    out += xml_escape(phone_number);
    out += "</Dial></Response>";
    return out;
}

}  // namespace frontdesk::telephony
