#include "chat/interpret_context.hpp"

namespace frontdesk::chat {

InterpretContext make_interpret_context(const booking::Facility& facility, Instant now,
                                        PendingSlot pending) {
    const auto local = facility.time_zone.to_local(now);
    InterpretContext context;
    context.today = local.date;
    context.now = local.time;
    context.resource_kind = facility.resource_kind;
    context.resources = facility.resources;
    context.services = facility.services;
    context.weekly_hours = facility.weekly_hours;
    context.pending = pending;
    return context;
}

}  // namespace frontdesk::chat
