#include "realtime/prompt_audio.hpp"

#include <fstream>
#include <iterator>

#include "core/error.hpp"

namespace frontdesk::realtime {

std::vector<std::uint8_t> load_prompt_audio(const std::filesystem::path& file) {
    std::ifstream in{file, std::ios::binary};
    std::vector<std::uint8_t> bytes{std::istreambuf_iterator<char>{in},
                                    std::istreambuf_iterator<char>{}};
    if (!in.good() && !in.eof()) bytes.clear();
    if (bytes.empty()) {
        throw InvalidArgument("PROMPT_UNREADABLE",
                              file.string() + ": cannot read the prompt audio (or it is empty)");
    }
    return bytes;
}

}  // namespace frontdesk::realtime
