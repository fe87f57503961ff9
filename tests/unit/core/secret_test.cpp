#include "core/secret.hpp"

#include <gtest/gtest.h>

namespace frontdesk {
namespace {

TEST(Secret, MatchesOnlyTheExactValue) {
    Secret key{"s3cret-key"};
    EXPECT_TRUE(key.matches("s3cret-key"));
    EXPECT_FALSE(key.matches("s3cret-kez"));
    EXPECT_FALSE(key.matches("s3cret-key-longer"));
    EXPECT_FALSE(key.matches("s3cret"));
    EXPECT_FALSE(key.matches(""));
}

TEST(Secret, EmptySecretMatchesNothing) {
    Secret none;
    EXPECT_FALSE(none.matches(""));
    EXPECT_FALSE(none.matches("anything"));
}

TEST(Secret, NeverFormatsItsValue) {
    Secret key{"s3cret-key"};
    EXPECT_EQ(fmt::format("key={}", key), "key=***");
}

}  // namespace
}  // namespace frontdesk
