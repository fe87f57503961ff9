#pragma once

#include "booking/facility.hpp"
#include "chat/interpretation.hpp"
#include "core/clock.hpp"

namespace frontdesk::chat {

/// The context for one turn at `facility`: "now" converted to the facility's zone, its resource
/// kind, resources, services and opening hours. The result borrows from `facility`, which must
/// outlive it (facilities live for the process). Any thread.
[[nodiscard]] InterpretContext make_interpret_context(const booking::Facility& facility,
                                                      Instant now, PendingSlot pending = {});

}  // namespace frontdesk::chat
