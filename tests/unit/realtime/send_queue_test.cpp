// The model send-queue policy (SendQueue): caller audio drops the oldest, control is never dropped.
#include <gtest/gtest.h>

#include "realtime/send_queue.hpp"

namespace frontdesk::realtime {
namespace {

TEST(SendQueue, CallerAudioDropsTheOldestBeyondItsBudget) {
    SendQueue queue{{300, 10'000}};
    EXPECT_EQ(queue.push_audio("a1", 160), 0U);
    EXPECT_TRUE(queue.push_control("ctl"));
    EXPECT_EQ(queue.push_audio("a2", 160), 1U);  // a1 goes
    EXPECT_EQ(queue.dropped_audio(), 1U);
    EXPECT_EQ(queue.queued_audio_bytes(), 160U);
    EXPECT_EQ(queue.pop(), "ctl");  // control survives, order kept
    EXPECT_EQ(queue.pop(), "a2");
    EXPECT_FALSE(queue.pop().has_value());
    EXPECT_EQ(queue.queued_bytes(), 0U);
}

TEST(SendQueue, ControlEventsAreNeverDroppedButCanBeRefused) {
    SendQueue queue{{1000, 10}};
    EXPECT_TRUE(queue.push_control("12345"));
    EXPECT_EQ(queue.push_audio("abcd", 4), 0U);
    // Audio makes room for control? No: control is refused, audio stays bounded by its budget.
    EXPECT_FALSE(queue.push_control("123456"));
    EXPECT_EQ(queue.queued_bytes(), 9U);
    // New audio that does not fit drops older audio, never control.
    EXPECT_EQ(queue.push_audio("efgh", 4), 1U);
    EXPECT_EQ(queue.pop(), "12345");
    EXPECT_EQ(queue.pop(), "efgh");
}

}  // namespace
}  // namespace frontdesk::realtime
