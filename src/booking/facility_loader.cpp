// Reads facility files: the seed's keyed facilities.json, one facility per file, or a folder.
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <set>
#include <sstream>

#include "booking/config_node.hpp"
#include "booking/facility_directory.hpp"
#include "booking/facility_parse.hpp"

namespace frontdesk::booking {
namespace {

using config::Json;
using config::Origin;

// The position nlohmann reports is one past the character that failed; step back onto it (and
// off trailing white space) so "line 3, column 7" points at the offending token.
std::string position_of(std::string_view text, std::size_t byte) {
    std::size_t index = std::min(byte, text.size());
    if (index > 0) --index;
    while (index > 0 && (text[index] == '\n' || text[index] == ' ' || text[index] == '\r' ||
                         text[index] == '\t')) {
        --index;
    }
    std::size_t line = 1;
    std::size_t column = 1;
    for (std::size_t i = 0; i < index; ++i) {
        column = text[i] == '\n' ? 1 : column + 1;
        line += text[i] == '\n' ? 1U : 0U;
    }
    return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

// nlohmann's message minus its "[json.exception…] parse error at line …, column …: " prefix.
std::string parse_problem(const std::string& what) {
    const auto column = what.find("column ");
    const auto colon = what.find(": ", column == std::string::npos ? 0 : column);
    return colon == std::string::npos ? what : what.substr(colon + 2);
}

Json parse_json(std::string_view text, std::string_view file_name) {
    // A repeated key would silently replace the first one, so it is an error.
    std::vector<std::set<std::string>> keys_by_depth;
    const Json::parser_callback_t reject_duplicates = [&](int, Json::parse_event_t event,
                                                          Json& parsed) {
        if (event == Json::parse_event_t::object_start) keys_by_depth.emplace_back();
        if (event == Json::parse_event_t::object_end) keys_by_depth.pop_back();
        if (event == Json::parse_event_t::key &&
            !keys_by_depth.back().insert(parsed.get<std::string>()).second) {
            throw FacilityConfigError(std::string{file_name} + ": invalid JSON: key '" +
                                      parsed.get<std::string>() + "' appears twice in one object");
        }
        return true;
    };
    try {
        return Json::parse(text, reject_duplicates);
    } catch (const Json::parse_error& e) {
        throw FacilityConfigError(std::string{file_name} + ": invalid JSON at " +
                                  position_of(text, e.byte) + ": " + parse_problem(e.what()));
    }
}

// A bare facility has facility fields at the top; the seed's shape keys facilities by id.
bool is_single_facility(const Json& document) {
    static constexpr std::string_view kFacilityFields[] = {
        "facility_id", "facility_name", "phone_number", "open_time", "hours", "booking_rules"};
    return std::any_of(std::begin(kFacilityFields), std::end(kFacilityFields),
                       [&document](std::string_view key) { return document.contains(key); });
}

std::vector<Facility> parse_document(const Json& document, std::string_view file_name) {
    std::vector<Facility> out;
    Origin origin{std::string{file_name}, ""};
    if (document.is_array()) {
        for (const auto& item : document) {
            origin.facility.clear();
            out.push_back(config::parse_facility(item, "", origin));
        }
    } else if (document.is_object() && is_single_facility(document)) {
        out.push_back(config::parse_facility(document, "", origin));
    } else if (document.is_object()) {
        for (const auto& [key, item] : document.items()) {
            if (key.starts_with('_')) continue;
            origin.facility = key;
            if (!item.is_object()) config::Node{item, "", origin}.fail("must be a facility object");
            out.push_back(config::parse_facility(item, key, origin));
        }
    } else {
        throw FacilityConfigError(std::string{file_name} +
                                  ": must hold a facility object, an object of facilities keyed "
                                  "by id, or a list of facilities");
    }
    if (out.empty()) throw FacilityConfigError(std::string{file_name} + ": holds no facility");
    return out;
}

std::string digits_of(std::string_view phone) {
    std::string digits;
    std::copy_if(phone.begin(), phone.end(), std::back_inserter(digits),
                 [](char c) { return c >= '0' && c <= '9'; });
    return digits;
}

struct Loaded {
    Facility facility;
    std::string file;
};

void check_unique(const std::vector<Loaded>& loaded) {
    for (std::size_t i = 0; i < loaded.size(); ++i) {
        const auto& later = loaded[i];
        const Origin origin{later.file, later.facility.id};
        for (std::size_t j = 0; j < i; ++j) {
            const auto& earlier = loaded[j];
            if (earlier.facility.id == later.facility.id) {
                throw FacilityConfigError(config::describe(
                    origin, "facility_id", "the same id is used in " + earlier.file));
            }
            for (const auto& phone : later.facility.phone_numbers) {
                for (const auto& other : earlier.facility.phone_numbers) {
                    if (digits_of(phone) != digits_of(other)) continue;
                    throw FacilityConfigError(config::describe(
                        origin, "phone_number",
                        phone + " also belongs to facility '" + earlier.facility.id + "' (" +
                            earlier.file + "); calls could not be routed"));
                }
            }
        }
    }
}

std::string read_file(const std::filesystem::path& file) {
    std::ifstream in{file, std::ios::binary};
    if (!in) {
        throw FacilityConfigError(file.string() + ": cannot read: " + std::strerror(errno));
    }
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::vector<std::filesystem::path> facility_files(const std::filesystem::path& file_or_folder) {
    std::error_code error;
    if (!std::filesystem::is_directory(file_or_folder, error)) {
        if (!std::filesystem::exists(file_or_folder, error)) {
            throw FacilityConfigError(file_or_folder.string() + ": no such file or folder");
        }
        return {file_or_folder};
    }
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator{file_or_folder}) {
        if (entry.is_regular_file() && entry.path().extension() == ".json") {
            files.push_back(entry.path());
        }
    }
    if (files.empty()) {
        throw FacilityConfigError(file_or_folder.string() + ": the folder has no *.json files");
    }
    std::sort(files.begin(), files.end());
    return files;
}

}  // namespace

std::vector<Facility> parse_facilities(std::string_view json_text, std::string_view file_name) {
    std::vector<Loaded> loaded;
    for (auto& facility : parse_document(parse_json(json_text, file_name), file_name)) {
        loaded.push_back(Loaded{std::move(facility), std::string{file_name}});
    }
    check_unique(loaded);
    std::vector<Facility> out;
    for (auto& item : loaded) out.push_back(std::move(item.facility));
    return out;
}

FacilityDirectory load_facilities(const std::filesystem::path& file_or_folder) {
    std::vector<Loaded> loaded;
    for (const auto& file : facility_files(file_or_folder)) {
        const auto name = file.string();
        for (auto& facility : parse_document(parse_json(read_file(file), name), name)) {
            loaded.push_back(Loaded{std::move(facility), name});
        }
    }
    check_unique(loaded);
    std::vector<Facility> facilities;
    for (auto& item : loaded) facilities.push_back(std::move(item.facility));
    return FacilityDirectory{std::move(facilities)};
}

}  // namespace frontdesk::booking
