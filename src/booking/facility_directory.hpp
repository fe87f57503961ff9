#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "booking/facility.hpp"

namespace frontdesk::booking {

/// The facilities the server serves, immutable after loading. Any thread.
class FacilityDirectory {
public:
    explicit FacilityDirectory(std::vector<Facility> facilities);

    [[nodiscard]] const std::vector<Facility>& all() const noexcept { return facilities_; }
    /// nullptr when unknown.
    [[nodiscard]] const Facility* find(std::string_view facility_id) const noexcept;
    /// Throws NotFound("FACILITY_NOT_FOUND").
    [[nodiscard]] const Facility& get(std::string_view facility_id) const;
    /// By any of its phone numbers (digits compared, "+1 (312) 555-0100" == "+13125550100").
    [[nodiscard]] const Facility* find_by_phone(std::string_view phone_number) const noexcept;

private:
    std::vector<Facility> facilities_;
};

/// A facility file that cannot be used. what() names the file, the facility and the field,
/// e.g. "facilities/club.json: facility 'lakeside': pricing.weekday_per_hour: must be ≥ 0".
class FacilityConfigError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// Loads a facilities.json of the seed's shape (an object of facilities), a file holding one
/// facility, or a folder of such files (*.json, sorted by name). Duplicate ids or phone numbers
/// across files are errors. Throws FacilityConfigError.
[[nodiscard]] FacilityDirectory load_facilities(const std::filesystem::path& file_or_folder);

/// The facilities in the text of one file, in any shape load_facilities accepts; `file_name` only
/// labels errors. Checks duplicate ids and phone numbers within the text. Throws
/// FacilityConfigError.
[[nodiscard]] std::vector<Facility> parse_facilities(std::string_view json_text,
                                                     std::string_view file_name);

}  // namespace frontdesk::booking
