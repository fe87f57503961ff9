#pragma once

#include <cstdint>
#include <filesystem>
#include <string_view>
#include <vector>

namespace frontdesk::realtime {

/// The apology played when the model fails (see assets/audio/README.md), relative to the
/// source tree / install root.
/// The apology prompt, relative to the assets folder (FRONTDESK_ASSETS, default "assets").
inline constexpr std::string_view kApologyPrompt = "audio/apology_8k.ulaw";

/// Reads a raw 8 kHz μ-law prompt. Blocking file I/O: call it at start-up, never on a loop.
/// Throws frontdesk::InvalidArgument("PROMPT_UNREADABLE") naming the file when it cannot be
/// read or is empty.
[[nodiscard]] std::vector<std::uint8_t> load_prompt_audio(const std::filesystem::path& file);

}  // namespace frontdesk::realtime
