#include "net/strand.hpp"

#include <unistd.h>

#include <stdexcept>

namespace frontdesk::net {

Strand strand_of(const boost::asio::any_io_executor& executor) {
    if (const auto* strand = executor.target<Strand>()) return *strand;
    throw std::invalid_argument("executor is not a strand of an io_context");
}

StrandSocket to_strand_socket(boost::asio::ip::tcp::socket&& socket) {
    StrandSocket moved{strand_of(socket.get_executor())};
    boost::system::error_code ec;
    const auto endpoint = socket.local_endpoint(ec);
    if (ec) return moved;  // already closed or failed: so is the result
    // Asio moves a descriptor between executor types only through release and assign.
    const auto handle = socket.release(ec);
    if (ec) return moved;
    moved.assign(endpoint.protocol(), handle, ec);
    if (ec) ::close(handle);
    return moved;
}

}  // namespace frontdesk::net
