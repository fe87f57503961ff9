#pragma once
// Included only by code that takes over upgraded connections (telephony's media streams, the
// /realtime debug socket) and by the composition root: it pulls in Beast.

#include <string>

#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

namespace frontdesk::net {

/// What HttpServer hands to an UpgradeHandler when a websocket upgrade arrives for its path.
/// The handler owns everything in it from then on; the HTTP server forgets the connection, so
/// its stop() neither waits for it nor closes it: the new owner joins its own shutdown.
///
/// `stream`'s executor is the connection's strand; build the websocket (and its timers) on it:
///
///     auto ws = websocket::stream<beast::tcp_stream>(std::move(context.stream));
///     ws.set_option(websocket::stream_base::timeout::suggested(beast::role_type::server));
///     co_await ws.async_accept(context.request, asio::as_tuple(asio::use_awaitable));
///
/// Its timeout is already disabled (expires_never), as websocket streams set their own. Bytes
/// the client sent after the upgrade request are not handed over: a websocket client waits for
/// the 101 before it sends a frame.
struct UpgradeContext {
    boost::beast::tcp_stream stream;
    boost::beast::http::request<boost::beast::http::string_body> request;  // the upgrade request
    std::string path;            // decoded, without the query
    std::string request_id;      // "req_…" (or the client's sane X-Request-Id): log with it
    std::string remote_address;  // peer IP, as text
};

}  // namespace frontdesk::net
