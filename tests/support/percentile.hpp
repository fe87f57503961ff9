#pragma once

#include <algorithm>
#include <cstddef>
#include <vector>

namespace frontdesk::test {

/// The p-th quantile (0..1) of `values` by nearest rank; reorders `values`. 0 when empty.
/// For the load tools' latency reports.
inline double percentile(std::vector<double>& values, double p) {
    if (values.empty()) return 0;
    const auto index = static_cast<std::size_t>(p * static_cast<double>(values.size() - 1));
    std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(index),
                     values.end());
    return values[index];
}

}  // namespace frontdesk::test
