#pragma once
// Random single-character edits of a text, for tests that compare two parsers on inputs near a
// valid document (the JSON fast paths against the DOM path).

#include <cstddef>
#include <random>
#include <string>
#include <string_view>

#include <gtest/gtest.h>

namespace frontdesk::test {

/// Applies one random edit to `text`: replaces, inserts or erases a character at a random
/// position (replacement and insertion draw from `alphabet`). Deterministic for a given seed.
inline void random_edit(std::string& text, std::string_view alphabet, std::mt19937& random) {
    const auto at = random() % (text.size() + 1);
    const char c = alphabet[random() % alphabet.size()];
    switch (random() % 3) {
        case 0:
            if (at < text.size()) text[at] = c;
            break;
        case 1:
            text.insert(text.begin() + static_cast<std::ptrdiff_t>(at), c);
            break;
        default:
            if (at < text.size()) text.erase(at, 1);
            break;
    }
}

/// On how many of `rounds` texts, each `seed` with one random edit, `served` returns true.
/// Stops at the first failed expectation, so that a broken parser reports once, not thousands
/// of times.
template <typename Served>
int count_served_after_random_edits(const std::string& seed, std::string_view alphabet,
                                    std::mt19937& random, int rounds, Served served) {
    int count = 0;
    for (int round = 0; round < rounds && !::testing::Test::HasFailure(); ++round) {
        auto text = seed;
        random_edit(text, alphabet, random);
        if (served(text)) ++count;
    }
    return count;
}

}  // namespace frontdesk::test
