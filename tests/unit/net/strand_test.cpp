// The concrete call strand: found inside an any_io_executor (and refused when it is not there),
// and a connection moved onto it keeps its bytes and its peer.
#include "net/strand.hpp"

#include <array>
#include <stdexcept>
#include <string_view>

#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <gtest/gtest.h>

namespace frontdesk::net::test {
namespace {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

TEST(Strand, IsFoundInsideAnAnyIoExecutor) {
    asio::io_context ioc;
    const Strand strand = asio::make_strand(ioc);
    EXPECT_EQ(strand_of(asio::any_io_executor{strand}), strand);
}

TEST(Strand, AnotherExecutorTypeIsRefused) {
    asio::io_context ioc;
    EXPECT_THROW((void)strand_of(asio::any_io_executor{ioc.get_executor()}), std::invalid_argument);
}

TEST(Strand, AMovedConnectionKeepsItsBytesAndPeer) {
    asio::io_context ioc;
    const Strand strand = asio::make_strand(ioc);
    tcp::acceptor acceptor{ioc, {asio::ip::address_v4::loopback(), 0}};
    tcp::socket peer{ioc};
    peer.connect(acceptor.local_endpoint());
    tcp::socket accepted{strand};
    acceptor.accept(accepted);
    asio::write(peer, asio::buffer(std::string_view{"sent before the move"}));

    StrandSocket moved = to_strand_socket(std::move(accepted));
    ASSERT_TRUE(moved.is_open());
    EXPECT_FALSE(accepted.is_open());
    EXPECT_EQ(moved.get_executor(), strand);
    EXPECT_EQ(moved.remote_endpoint(), peer.local_endpoint());
    std::array<char, 20> in{};
    asio::read(moved, asio::buffer(in));
    EXPECT_EQ(std::string_view(in.data(), in.size()), "sent before the move");
}

TEST(Strand, AClosedSocketMovesClosed) {
    asio::io_context ioc;
    tcp::socket closed{asio::make_strand(ioc)};
    EXPECT_FALSE(to_strand_socket(std::move(closed)).is_open());
}

}  // namespace
}  // namespace frontdesk::net::test
