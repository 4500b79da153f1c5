// The chat and the consultation note on each engine: who writes and reads them and when, what the
// patient takes home, and that every read is audited.
#include <gtest/gtest.h>

#include "unit/consult/fixture.hpp"

namespace yq::consult {
namespace {

using core::Errc;
using testing::ConsultTest;

using ChatTest = ConsultTest;
using NoteTest = ConsultTest;

std::vector<std::string> bodies(const core::Result<boost::json::object>& list) {
  std::vector<std::string> out;
  for (const auto& m : list->at("items").as_array()) out.emplace_back(m.at("body").as_string());
  return out;
}

TEST_P(ChatTest, TheWaitingRoomHasChatAndEachRetryKeyKeepsOneCopy) {
  const std::string room = open_room();
  const auto first = consult_->chat.post(patient(), room, "I have a fever", "key-1", client_);
  ASSERT_TRUE(first);
  EXPECT_EQ(first->at("sender").at("name").at("en").as_string(), "Mei Ling");
  const auto again = consult_->chat.post(patient(), room, "I have a fever", "key-1", client_);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->at("id"), first->at("id"));
  ASSERT_TRUE(consult_->chat.post(doctor(), room, "Since when?", "", client_));

  const auto seen = consult_->chat.list(doctor(), room, "", 50, client_);
  ASSERT_TRUE(seen);
  EXPECT_EQ(bodies(seen), (std::vector<std::string>{"I have a fever", "Since when?"}));
  EXPECT_TRUE(seen->at("can_write").as_bool());
  EXPECT_EQ(audited("consult.chat_read", room).size(), 1u);
  EXPECT_EQ(consult_->chat.list(stranger(), room, "", 50, client_).error().code, Errc::not_found);
  EXPECT_EQ(consult_->chat.post(stranger(), room, "hello", "", client_).error().code,
            Errc::not_found);
}

TEST_P(ChatTest, AfterTheEndMessagesGoOnUntilTheFollowUpPeriodRunsOut) {
  const std::string room = open_room();
  ASSERT_TRUE(consult_->rooms.end(doctor(), room, 2, client_));
  ASSERT_TRUE(consult_->chat.post(patient(), room, "The fever is gone", "", client_));
  EXPECT_EQ(count("SELECT COUNT(*) FROM notifications WHERE account_id = ? AND kind = "
                  "'consult.message'",
                  {doctor_}),
            1)
      << "the doctor is told of a follow-up question";
  clock_.advance(2 * 86400);
  EXPECT_EQ(consult_->chat.post(patient(), room, "one more", "", client_).error().code,
            Errc::follow_up_closed);
  // Still there to read.
  EXPECT_EQ(bodies(consult_->chat.list(patient(), room, "", 50, client_)),
            (std::vector<std::string>{"The fever is gone"}));
}

TEST_P(ChatTest, AGuestReadsOnlyWhatWasSaidAfterTheirAdmission) {
  const std::string room = open_room();
  ASSERT_TRUE(consult_->chat.post(patient(), room, "before the guest", "", client_));
  ASSERT_TRUE(consult_->rooms.invite(doctor(), room, email_of("Guest", guest_), client_));
  EXPECT_EQ(consult_->chat.list(guest(), room, "", 50, client_).error().code, Errc::not_found);
  ASSERT_TRUE(consult_->rooms.join(guest(), room, client_));
  clock_.advance(1);
  ASSERT_TRUE(consult_->rooms.admit(doctor(), room, guest_, client_));
  clock_.advance(1);
  ASSERT_TRUE(consult_->chat.post(doctor(), room, "welcome", "", client_));
  EXPECT_EQ(bodies(consult_->chat.list(guest(), room, "", 50, client_)),
            (std::vector<std::string>{"welcome"}));
}

records::NoteText note(std::string assessment) {
  return {"fever for two days", "throat red", std::move(assessment), "rest, fluids", {"J02.9"}};
}

TEST_P(NoteTest, TheDoctorWritesAndSignsThePatientSeesOnlyTheSignedText) {
  const std::string room = open_room();
  EXPECT_EQ(consult_->notes.save(patient(), room, note("mine"), client_).error().code,
            Errc::forbidden);
  ASSERT_TRUE(consult_->notes.save(doctor(), room, note("acute pharyngitis"), client_));
  const auto draft_summary = consult_->notes.summary(patient(), room, client_);
  ASSERT_TRUE(draft_summary);
  EXPECT_TRUE(draft_summary->at("note").is_null()) << "a draft is the doctor's";

  const auto signed_note = consult_->notes.sign(doctor(), room, client_);
  ASSERT_TRUE(signed_note);
  EXPECT_EQ(signed_note->at("note").at("version").as_int64(), 1);
  const auto summary = consult_->notes.summary(patient(), room, client_);
  ASSERT_TRUE(summary);
  EXPECT_EQ(summary->at("note").at("text").at("assessment").as_string(), "acute pharyngitis");
  EXPECT_EQ(summary->at("room").at("id").as_string(), room);
  EXPECT_EQ(audited("consult.summary_read", room).size(), 2u);
  EXPECT_EQ(consult_->notes.summary(stranger(), room, client_).error().code, Errc::not_found);
}

TEST_P(NoteTest, AnAmendmentKeepsEveryVersionForTheDoctorAndShowsThePatientTheNewest) {
  const std::string room = open_room();
  ASSERT_TRUE(consult_->notes.save(doctor(), room, note("pharyngitis"), client_));
  ASSERT_TRUE(consult_->notes.sign(doctor(), room, client_));
  EXPECT_EQ(consult_->notes.save(doctor(), room, note("changed"), client_).error().code,
            Errc::note_signed)
      << "a signed note changes only by amendment";
  ASSERT_TRUE(consult_->notes.amend(doctor(), room, note("tonsillitis"), "swab result", client_));

  const auto mine = consult_->notes.read(doctor(), room, client_);
  ASSERT_TRUE(mine);
  const auto& versions = mine->at("note").at("versions").as_array();
  ASSERT_EQ(versions.size(), 2u);
  EXPECT_EQ(versions[0].at("text").at("assessment").as_string(), "pharyngitis");
  EXPECT_EQ(versions[1].at("reason").as_string(), "swab result");
  const auto theirs = consult_->notes.read(patient(), room, client_);
  ASSERT_TRUE(theirs);
  EXPECT_EQ(theirs->at("note").at("text").at("assessment").as_string(), "tonsillitis");
  EXPECT_FALSE(theirs->at("note").as_object().contains("versions"));
  EXPECT_EQ(audited("note.read", room).size(), 2u);
  EXPECT_EQ(audited("note.amended", room).size(), 1u);
}

YQ_INSTANTIATE_ON_ALL_BACKENDS(ChatTest);
YQ_INSTANTIATE_ON_ALL_BACKENDS(NoteTest);

}  // namespace
}  // namespace yq::consult
