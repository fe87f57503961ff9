#pragma once
// The recorded protocol events under tests/fixtures/events, for the parser tests. Needs
// FRONTDESK_FIXTURES_DIR, which the unit test targets define.

#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

namespace frontdesk::test {

/// The text of tests/fixtures/events/<name> ("realtime/…" for the Realtime API's), without its
/// trailing newline and spaces, so that every shorter prefix is truncated JSON. An empty or
/// missing file fails the test.
inline std::string event_fixture(const std::string& name) {
    std::ifstream in{std::string{FRONTDESK_FIXTURES_DIR} + "/events/" + name};
    std::ostringstream text;
    text << in.rdbuf();
    auto out = text.str();
    EXPECT_FALSE(out.empty()) << name;
    while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
    return out;
}

}  // namespace frontdesk::test
