#include "net/https_client.hpp"

#include <algorithm>
#include <cctype>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include <boost/url/parse.hpp>
#include <curl/curl.h>

#include "core/logging.hpp"
#include "net/tls_context.hpp"

namespace frontdesk::net {
namespace {

template <auto Fn>
struct CDeleter {
    void operator()(auto* p) const noexcept { Fn(p); }
};
using CurlEasyPtr = std::unique_ptr<CURL, CDeleter<curl_easy_cleanup>>;
using CurlListPtr = std::unique_ptr<curl_slist, CDeleter<curl_slist_free_all>>;

constexpr std::string_view kUserAgent = "frontdesk/0.1";

const std::shared_ptr<spdlog::logger>& log() {
    static const auto kLogger = logger("net");
    return kLogger;
}

std::string to_lower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

std::string_view trim(std::string_view text) {
    constexpr std::string_view kSpace = " \t\r\n";
    const auto first = text.find_first_not_of(kSpace);
    if (first == std::string_view::npos) return {};
    return text.substr(first, text.find_last_not_of(kSpace) - first + 1);
}

// Filled by curl's callbacks on the calling thread, during curl_easy_perform.
struct Capture {
    HttpsResponse response;
    std::size_t max_body = 0;
    bool too_large = false;
};

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
    auto& capture = *static_cast<Capture*>(user);
    const std::size_t bytes = size * count;
    if (capture.response.body.size() + bytes > capture.max_body) {
        capture.too_large = true;
        return 0;  // curl aborts the transfer with CURLE_WRITE_ERROR
    }
    capture.response.body.append(data, bytes);
    return bytes;
}

std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
    auto& headers = static_cast<Capture*>(user)->response.headers;
    const std::size_t bytes = size * count;
    const std::string_view line(data, bytes);
    // A new status line starts a new header block (1xx interim answers come first).
    if (line.starts_with("HTTP/")) {
        headers.clear();
    } else if (const auto colon = line.find(':'); colon != std::string_view::npos) {
        headers.emplace_back(to_lower(trim(line.substr(0, colon))),
                             std::string(trim(line.substr(colon + 1))));
    }
    return bytes;
}

TransportError classify(CURLcode code, bool too_large) {
    if (too_large) return TransportError::kTooLarge;
    switch (code) {
        case CURLE_OPERATION_TIMEDOUT:
            return TransportError::kTimeout;
        case CURLE_COULDNT_RESOLVE_HOST:
        case CURLE_COULDNT_CONNECT:
        case CURLE_SEND_ERROR:
        case CURLE_RECV_ERROR:
        case CURLE_GOT_NOTHING:
            return TransportError::kConnect;
        case CURLE_PEER_FAILED_VERIFICATION:
        case CURLE_SSL_CONNECT_ERROR:
        case CURLE_SSL_CACERT_BADFILE:
        case CURLE_SSL_CERTPROBLEM:
        case CURLE_SSL_CIPHER:
            return TransportError::kTls;
        case CURLE_UNSUPPORTED_PROTOCOL:
        case CURLE_URL_MALFORMAT:
            return TransportError::kRefused;
        default:
            return TransportError::kOther;
    }
}

HttpsResponse transport_failure(TransportError kind, std::string error) {
    HttpsResponse response;
    response.transport_error = kind;
    response.error = std::move(error);
    return response;
}

bool is_loopback(std::string_view host) {
    return host == "127.0.0.1" || host == "localhost" || host == "::1";
}

// Only https leaves the machine: plain http is accepted for loopback fakes alone, so a
// misconfigured base URL cannot send credentials in clear text.
std::optional<std::string> refuse_reason(const std::string& url) {
    const auto parsed = boost::urls::parse_absolute_uri(url);
    if (!parsed) return "malformed URL";
    const std::string_view scheme = parsed->scheme();
    if (scheme == "https") return std::nullopt;
    if (scheme == "http" && is_loopback(parsed->host_address())) return std::nullopt;
    return "only https is allowed (plain http for loopback only)";
}

template <class Value>
void set(CURL* easy, CURLoption option, Value value) {
    // Setting a known option on a valid handle only fails on out-of-memory or a curl built
    // without the feature; both are deployment bugs, not per-request conditions.
    if (const CURLcode code = curl_easy_setopt(easy, option, value); code != CURLE_OK) {
        throw std::runtime_error(std::string("curl_easy_setopt failed: ") +
                                 curl_easy_strerror(code));
    }
}

void set_transport_options(CURL* easy, const HttpsRequest& request) {
    set(easy, CURLOPT_URL, request.url.c_str());
    set(easy, CURLOPT_PROTOCOLS_STR, "https,http");
    set(easy, CURLOPT_NOSIGNAL, 1L);
    set(easy, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(request.connect_timeout.count()));
    set(easy, CURLOPT_TIMEOUT_MS, static_cast<long>(request.total_timeout.count()));
    set(easy, CURLOPT_HTTP_VERSION, static_cast<long>(CURL_HTTP_VERSION_1_1));
    set(easy, CURLOPT_FOLLOWLOCATION, 0L);
    set(easy, CURLOPT_USERAGENT, kUserAgent.data());
    // Verification is never turned off, not even for tests: they trust a test CA instead.
    set(easy, CURLOPT_SSL_VERIFYPEER, 1L);
    set(easy, CURLOPT_SSL_VERIFYHOST, 2L);
    set(easy, CURLOPT_SSLVERSION, static_cast<long>(CURL_SSLVERSION_TLSv1_2));
    if (const std::string ca_file = trusted_ca_file(); !ca_file.empty()) {
        // SSL_CERT_FILE replaces the trust store rather than adding to it (as in
        // make_client_tls_context), so the compiled-in CA directory is switched off too.
        set(easy, CURLOPT_CAINFO, ca_file.c_str());
        set(easy, CURLOPT_CAPATH, static_cast<const char*>(nullptr));
    }
}

void set_method_and_body(CURL* easy, const HttpsRequest& request) {
    if (request.method == "GET") {
        set(easy, CURLOPT_HTTPGET, 1L);
        return;
    }
    if (request.method == "HEAD") {
        set(easy, CURLOPT_NOBODY, 1L);
        return;
    }
    if (request.method != "POST") set(easy, CURLOPT_CUSTOMREQUEST, request.method.c_str());
    if (request.method == "POST" || !request.body.empty()) {
        set(easy, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
        set(easy, CURLOPT_POSTFIELDS, request.body.data());
    }
}

CurlListPtr build_headers(const HttpsRequest& request) {
    CurlListPtr list;
    const auto append = [&list](const std::string& line) {
        curl_slist* grown = curl_slist_append(list.get(), line.c_str());
        if (grown == nullptr) throw std::bad_alloc();
        (void)list.release();  // curl_slist_append returned the (same or new) head
        list.reset(grown);
    };
    for (const auto& [name, value] : request.headers) append(name + ": " + value);
    // No "Expect: 100-continue" round trip before large bodies: it costs a round trip and the
    // peers we call answer at once.
    append("Expect:");
    return list;
}

class CurlHttpsClient final : public HttpsClient {
public:
    HttpsResponse send(const HttpsRequest& request) override;
};

HttpsResponse CurlHttpsClient::send(const HttpsRequest& request) {
    if (auto reason = refuse_reason(request.url)) {
        return transport_failure(TransportError::kRefused, std::move(*reason));
    }
    const CurlEasyPtr easy(curl_easy_init());
    if (!easy) return transport_failure(TransportError::kOther, "curl_easy_init failed");
    Capture capture;
    capture.max_body = request.max_response_bytes;
    char error_buffer[CURL_ERROR_SIZE] = {};
    set_transport_options(easy.get(), request);
    set_method_and_body(easy.get(), request);
    const CurlListPtr headers = build_headers(request);
    set(easy.get(), CURLOPT_HTTPHEADER, headers.get());
    set(easy.get(), CURLOPT_ERRORBUFFER, error_buffer);
    set(easy.get(), CURLOPT_WRITEFUNCTION, &on_body);
    set(easy.get(), CURLOPT_WRITEDATA, &capture);
    set(easy.get(), CURLOPT_HEADERFUNCTION, &on_header);
    set(easy.get(), CURLOPT_HEADERDATA, &capture);

    if (const CURLcode code = curl_easy_perform(easy.get()); code != CURLE_OK) {
        std::string error = curl_easy_strerror(code);
        if (error_buffer[0] != '\0') error += std::string(": ") + error_buffer;
        if (capture.too_large) error = "response body exceeds max_response_bytes";
        log()->debug("https {} failed: {}", request.method, error);
        return transport_failure(classify(code, capture.too_large), std::move(error));
    }
    long status = 0;
    curl_easy_getinfo(easy.get(), CURLINFO_RESPONSE_CODE, &status);
    capture.response.status = static_cast<int>(status);
    return std::move(capture.response);
}

}  // namespace

std::string HttpsResponse::header(std::string_view lower_name) const {
    for (const auto& [name, value] : headers) {
        if (name == lower_name) return value;
    }
    return {};
}

std::unique_ptr<HttpsClient> make_curl_https_client() {
    return std::make_unique<CurlHttpsClient>();
}

CurlGlobal::CurlGlobal() {
    if (const CURLcode code = curl_global_init(CURL_GLOBAL_DEFAULT); code != CURLE_OK) {
        throw std::runtime_error(std::string("curl_global_init failed: ") +
                                 curl_easy_strerror(code));
    }
}

CurlGlobal::~CurlGlobal() { curl_global_cleanup(); }

}  // namespace frontdesk::net
