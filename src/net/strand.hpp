#pragma once
// Included by the websockets of a call (the carrier media stream, the OpenAI Realtime client):
// their sockets, timers and coroutines name the strand's own type, so no operation on them pays
// for any_io_executor's type erasure. Interfaces between modules keep any_io_executor.

#include <chrono>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/basic_stream_socket.hpp>
#include <boost/asio/basic_waitable_timer.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/strand.hpp>

namespace frontdesk::net {

/// The strand HttpServer gives each accepted connection, and so each call.
using Strand = boost::asio::strand<boost::asio::io_context::executor_type>;
using StrandSocket = boost::asio::basic_stream_socket<boost::asio::ip::tcp, Strand>;
using StrandTimer =
    boost::asio::basic_waitable_timer<std::chrono::steady_clock,
                                      boost::asio::wait_traits<std::chrono::steady_clock>, Strand>;

/// The Strand that `executor` holds. Throws std::invalid_argument when it holds another type of
/// executor: a programming error, as calls run on HttpServer's strands (tests make their own).
[[nodiscard]] Strand strand_of(const boost::asio::any_io_executor& executor);

/// The same connection as a StrandSocket on the strand its executor holds (throws as
/// strand_of). No operation may be pending on `socket`. Should the OS refuse the move, the
/// result is closed and its first operation fails.
[[nodiscard]] StrandSocket to_strand_socket(boost::asio::ip::tcp::socket&& socket);

}  // namespace frontdesk::net
