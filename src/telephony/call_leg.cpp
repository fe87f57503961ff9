#include "telephony/call_leg.hpp"

namespace frontdesk::telephony {

std::string_view to_string(LegEnd reason) noexcept {
    switch (reason) {
        case LegEnd::kCallerHungUp:
            return "caller_hung_up";
        case LegEnd::kLocalHangup:
            return "local_hangup";
        case LegEnd::kTransferred:
            return "transferred";
        case LegEnd::kProtocolError:
            return "protocol_error";
        case LegEnd::kSlowConsumer:
            return "slow_consumer";
        case LegEnd::kTransportError:
            return "transport_error";
        case LegEnd::kModelFailure:
            return "model_failure";
        case LegEnd::kShutdown:
            return "shutdown";
    }
    return "unknown";
}

}  // namespace frontdesk::telephony
