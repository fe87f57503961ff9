// The delta fast path (audio and agent transcript) against the DOM path: for every input both
// must give the same event (the fast path may only decline), and the fast path must actually
// serve real deltas.
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "realtime/realtime_events.hpp"
#include "support/event_fixture.hpp"
#include "support/json_edge_cases.hpp"
#include "support/random_edits.hpp"

namespace frontdesk::realtime {
namespace {

using namespace std::string_literals;
using frontdesk::test::object_of;

std::string describe(const std::optional<ServerEvent>& event) {
    if (!event) return "none";
    if (const auto* delta = std::get_if<AudioDelta>(&*event)) {
        return "delta response_id=" + delta->response_id + " item_id=" + delta->item_id +
               " audio=" + delta->audio_base64;
    }
    if (const auto* transcript = std::get_if<AgentTranscript>(&*event)) {
        return "transcript item_id=" + transcript->item_id + " text=" + transcript->text +
               " done=" + std::to_string(transcript->done);
    }
    if (const auto* other = std::get_if<OtherEvent>(&*event)) return "other " + other->type;
    return "event " + std::to_string(event->index());
}

/// The fast path against the DOM path on `text` (test::expect_fast_path_agrees); returns
/// whether the fast path answered.
bool expect_same(const std::string& text) {
    return test::expect_fast_path_agrees(text, detail::parse_server_event_dom,
                                         detail::scan_delta_event, parse_server_event, describe);
}

std::vector<std::string> delta_members() {
    return {R"("type":"response.output_audio.delta")",
            R"("event_id":"event_4950")",
            R"("response_id":"resp_001")",
            R"("item_id":"item_008")",
            R"("output_index":0)",
            R"("content_index":0)",
            R"("delta":"f39/f38AAQL+/w==")"};
}

std::string delta_with(const std::string& member) {
    return R"({"type":"response.output_audio.delta","delta":"AAAA",)" + member + "}";
}

TEST(DeltaFastPath, ServesRealDeltasInAnyKeyOrder) {
    EXPECT_TRUE(expect_same(test::event_fixture("realtime/output_audio_delta.json")));
    EXPECT_TRUE(expect_same(test::event_fixture("realtime/audio_delta_beta.json")));
    EXPECT_TRUE(expect_same(nlohmann::json::parse(object_of(delta_members())).dump(4)));
    const auto orders = test::every_member_order(delta_members());
    EXPECT_EQ(orders.size(), 5040U);
    for (const auto& delta : orders) ASSERT_TRUE(expect_same(delta)) << delta;
}

TEST(DeltaFastPath, WhitespaceAnywhere) {
    const auto delta = object_of(delta_members());
    for (const auto& space : frontdesk::test::whitespace_variants()) {
        for (const auto& text : frontdesk::test::insertions_into(delta, space)) expect_same(text);
    }
}

TEST(DeltaFastPath, UnknownFieldsOfAnyShape) {
    for (const auto& [extra, served] : frontdesk::test::unknown_members()) {
        for (const auto& members : frontdesk::test::insertions_into(delta_members(), extra)) {
            EXPECT_EQ(expect_same(object_of(members)), served) << extra;
        }
    }
}

TEST(DeltaFastPath, FieldsItReadsWithEscapesOrOtherTypes) {
    const std::vector<std::pair<std::string, bool>> cases{
        // {member next to type and delta, whether the fast path serves it}
        {R"("response_id":"resp_1","item_id":"item_1")", true},
        {R"("response_id":null,"item_id":5)", true},
        {R"("response_id":{},"item_id":["a"])", true},
        {R"("response_id":true,"item_id":"")", true},
        {R"("item_id":"item\u005f1")", false},
        {R"("response_id":"resp\/1")", false},
        {R"("r\u0065sponse_id":"resp_1")", false},
        {R"("extra":"\u0041")", true},
    };
    for (const auto& [member, served] : cases) {
        EXPECT_EQ(expect_same(delta_with(member)), served) << member;
    }
    const std::vector<std::string> declined{
        R"({"type":"response.output_audio.delta"})",
        R"({"type":"response.output_audio.delta","delta":null})",
        R"({"type":"response.output_audio.delta","delta":5})",
        R"({"type":"response.output_audio.delta","delta":["AAAA"]})",
        R"({"type":"response.output_audio.delta","delta":"\/\/8="})",
        R"({"type":"response.output_audio.delt\u0061","delta":"AAAA"})",
        R"({"typ\u0065":"response.output_audio.delta","delta":"AAAA"})",
        R"({"type":"response.output_audio.delta","d\u0065lta":"AAAA"})",
        R"({"delta":"AAAA"})",
        R"({"type":null,"delta":"AAAA"})",
        R"({"type":7,"delta":"AAAA"})",
        R"({"type":"response.output_audio.done","delta":"AAAA"})",
        R"({"type":"Response.output_audio.delta","delta":"AAAA"})",
        R"({"type":"error","error":{"type":"x","code":"y","message":"z"}})",
        R"({})",
    };
    for (const auto& text : declined) EXPECT_FALSE(expect_same(text)) << text;
    EXPECT_TRUE(expect_same(R"({"type":"response.audio.delta","delta":""})"));
    EXPECT_TRUE(expect_same(R"({"type":"response.output_audio_transcript.delta","delta":"Hi"})"));
}

TEST(DeltaFastPath, RepeatedKeysAreLeftToTheDom) {
    const std::vector<std::string> deltas{
        R"({"type":"response.output_audio.delta","type":"response.output_audio.delta","delta":"A"})",
        R"({"type":"response.output_audio.delta","delta":"AAAA","type":"error"})",
        R"({"type":"error","type":"response.output_audio.delta","delta":"AAAA"})",
        R"({"type":"response.output_audio.delta","delta":"AAAA","delta":"BBBB"})",
        R"({"type":"response.output_audio.delta","delta":"AAAA","delta":null})",
        R"({"type":"response.output_audio.delta","delta":"A","item_id":"a","item_id":"b"})",
        R"({"type":"response.output_audio.delta","delta":"A","response_id":1,"response_id":2})",
    };
    for (const auto& text : deltas) EXPECT_FALSE(expect_same(text)) << text;
    EXPECT_TRUE(expect_same(delta_with(R"("x":1,"x":2)")));
}

TEST(DeltaFastPath, TruncatedAtEveryByte) {
    for (const auto& delta :
         {object_of(delta_members()), test::event_fixture("realtime/output_audio_delta.json"),
          nlohmann::json::parse(object_of(delta_members())).dump(2)}) {
        EXPECT_TRUE(expect_same(delta)) << delta;
        for (std::size_t size = 0; size < delta.size(); ++size) {
            EXPECT_FALSE(expect_same(delta.substr(0, size))) << delta.substr(0, size);
        }
    }
}

TEST(DeltaFastPath, GarbageAfterTheDocumentAndOtherRoots) {
    const auto delta = object_of(delta_members());
    for (const auto& tail :
         std::vector<std::string>{" x", "}", "{}", ",", "\0"s, "]", "0", "\xC3\xA9"}) {
        EXPECT_FALSE(expect_same(delta + tail)) << tail;
    }
    EXPECT_TRUE(expect_same(delta + "\n"));
    for (const auto& text :
         std::vector<std::string>{"[]"s, "[" + delta + "]", R"("response.output_audio.delta")"s,
                                  "1"s, "null"s, ""s, "\xEF\xBB\xBF" + delta, delta.substr(1)}) {
        EXPECT_FALSE(expect_same(text)) << text;
    }
}

TEST(DeltaFastPath, OtherEventsTakeTheDomPath) {
    for (const auto* name :
         {"conversation_item_added.json", "error.json", "function_call_arguments_done.json",
          "input_audio_transcription_completed.json", "output_audio_transcript_done.json",
          "rate_limits_updated.json", "response_created.json", "response_done.json",
          "response_done_cancelled.json", "session_created_ga.json", "session_updated_beta.json",
          "session_updated_pcmu.json", "speech_started.json", "speech_stopped.json"}) {
        EXPECT_FALSE(expect_same(test::event_fixture(std::string{"realtime/"} + name))) << name;
    }
}

/// An agent transcript delta: the audio delta's members with its own type and text.
std::vector<std::string> transcript_members() {
    auto members = delta_members();
    members.front() = R"("type":"response.output_audio_transcript.delta")";
    members.back() = R"("delta":"Court 3 is free ")";
    return members;
}

TEST(DeltaFastPath, ServesAgentTranscriptDeltasInAnyKeyOrder) {
    EXPECT_TRUE(expect_same(test::event_fixture("realtime/output_audio_transcript_delta.json")));
    const auto orders = test::every_member_order(transcript_members());
    EXPECT_EQ(orders.size(), 5040U);
    for (const auto& delta : orders) ASSERT_TRUE(expect_same(delta)) << delta;
    EXPECT_EQ(describe(parse_server_event(object_of(transcript_members()))),
              "transcript item_id=item_008 text=Court 3 is free  done=0");
}

TEST(DeltaFastPath, AgentTranscriptDeltasWithEscapesOrOtherTypes) {
    const std::vector<std::pair<std::string, bool>> cases{
        // {the event, whether the fast path serves it}
        {R"({"type":"response.audio_transcript.delta","delta":"Hi","item_id":"i1"})", true},
        {"{\"type\":\"response.output_audio_transcript.delta\",\"delta\":\"caf\xC3\xA9\"}", true},
        {R"({"type":"response.output_audio_transcript.delta","delta":"caf\u00e9"})", false},
        {R"({"type":"response.output_audio_transcript.delta","delta":"say \"yes\""})", false},
        {R"({"type":"response.output_audio_transcript.delta","delta":"line\n"})", false},
        {R"({"type":"response.output_audio_transcript.delta","delta":null})", false},
        {R"({"type":"response.output_audio_transcript.delta","delta":["Hi"]})", false},
        {R"({"type":"response.output_audio_transcript.delta"})", false},
        {R"({"type":"response.output_audio_transcript.delta","delta":"Hi","item_id":"i\/1"})",
         false},
        {R"({"type":"response.output_audio_transcript.delta","delta":"Hi","item_id":7})", true},
        // The DOM path does not read a transcript's response_id, so neither does this one.
        {R"({"type":"response.output_audio_transcript.delta","delta":"Hi","response_id":"r\/1"})",
         true},
        {R"({"type":"response.output_audio_transcript.done","transcript":"Hi"})", false},
        {R"({"type":"response.output_audio_transcript.delt\u0061","delta":"Hi"})", false},
    };
    for (const auto& [text, served] : cases) EXPECT_EQ(expect_same(text), served) << text;
    const auto transcript = object_of(transcript_members());
    for (std::size_t size = 0; size < transcript.size(); ++size) {
        EXPECT_FALSE(expect_same(transcript.substr(0, size))) << size;
    }
}

TEST(DeltaFastPath, RandomEditsNeverChangeTheResult) {
    const auto audio_seed = R"({"type":"response.output_audio.delta","event_id":"event_4950",)"
                            R"("response_id":"resp_001","item_id":"item_008","output_index":0,)"
                            R"("content_index":[0,{"a":null}],"delta":"f39/f38="})"s;
    const auto transcript_seed =
        R"({"type":"response.output_audio_transcript.delta","response_id":"resp_001",)"
        R"("item_id":"item_008","content_index":[0,{"a":null}],"delta":"Court 3 "})"s;
    constexpr std::string_view kAlphabet = "{}[]:,\"\\ -.0123456789eEtrufalsndypo_/\x01\xC3";
    std::mt19937 random{11};
    for (const auto& seed : {audio_seed, transcript_seed}) {
        EXPECT_GT(
            test::count_served_after_random_edits(seed, kAlphabet, random, 20000, expect_same),
            2000)
            << seed;
    }
}

}  // namespace
}  // namespace frontdesk::realtime
