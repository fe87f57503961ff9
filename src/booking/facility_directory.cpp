#include "booking/facility_directory.hpp"

#include <algorithm>

#include "core/error.hpp"
#include "core/phone.hpp"

namespace frontdesk::booking {

FacilityDirectory::FacilityDirectory(std::vector<Facility> facilities)
    : facilities_(std::move(facilities)) {
    // load_facilities reports these with file names; this guards directories built by hand.
    for (std::size_t i = 0; i < facilities_.size(); ++i) {
        for (std::size_t j = 0; j < i; ++j) {
            if (facilities_[i].id == facilities_[j].id) {
                throw FacilityConfigError("facility '" + facilities_[i].id + "' is given twice");
            }
        }
    }
}

const Facility* FacilityDirectory::find(std::string_view facility_id) const noexcept {
    const auto it = std::find_if(facilities_.begin(), facilities_.end(),
                                 [facility_id](const Facility& f) { return f.id == facility_id; });
    return it == facilities_.end() ? nullptr : &*it;
}

const Facility& FacilityDirectory::get(std::string_view facility_id) const {
    if (const auto* facility = find(facility_id)) return *facility;
    throw NotFound("FACILITY_NOT_FOUND",
                   "I don't know a facility called '" + std::string{facility_id} + "'.");
}

const Facility* FacilityDirectory::find_by_phone(std::string_view phone_number) const noexcept {
    for (const auto& facility : facilities_) {
        for (const auto& number : facility.phone_numbers) {
            if (same_phone_number(number, phone_number)) return &facility;
        }
    }
    return nullptr;
}

}  // namespace frontdesk::booking
