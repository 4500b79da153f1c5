// The clinical note's rules, at the records module's own functions (consult decides who may call
// them; tests/unit/consult covers that): what a draft may hold, what signing needs, that a signed
// note only changes by an amendment with a reason, and that every signed version stays as it was.
// The consultation the note belongs to is a real room, opened through consult (the fixture).
#include <gtest/gtest.h>

#include <string>

#include "records/clinical_notes.hpp"
#include "unit/consult/fixture.hpp"

namespace yq::records {
namespace {

using core::Errc;

class ClinicalNotes : public consult::testing::ConsultTest {
 protected:
  void SetUp() override {
    ConsultTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    room_ = open_room();
    owner_ = {room_, patient_, doctor_, org_};
  }

  static NoteText text(std::string assessment, std::vector<std::string> codes = {"J02.9"}) {
    return {"sore throat", "throat red", std::move(assessment), "rest, fluids", std::move(codes)};
  }
  template <typename F>
  auto write(F&& f) {
    return db_->write([&](store::Connection& c) { return f(c); });
  }
  std::optional<core::Error> check(const NoteText& t) {
    return db_->read([&](store::Connection& c) { return check_note(c, t); });
  }
  static bool has_field(const core::Error& e, const std::string& field, const std::string& code) {
    for (const auto& f : e.fields)
      if (f.field == field && f.message_key == code) return true;
    return false;
  }
  boost::json::object doctor_view() {
    return *db_->read([&](store::Connection& c) { return note_for_doctor(c, room_); });
  }
  std::optional<boost::json::object> patient_view() {
    return db_->read([&](store::Connection& c) { return note_for_patient(c, room_); });
  }

  std::string room_;
  NoteOwner owner_;
};

TEST_P(ClinicalNotes, ADraftHoldsAtMostItsCapsAndOnlyCodesOfTheList) {
  EXPECT_FALSE(check(text("pharyngitis")).has_value());

  NoteText long_plan = text("pharyngitis");
  long_plan.plan.assign(kMaxNoteSection + 1, 'x');
  const auto too_long = check(long_plan);
  ASSERT_TRUE(too_long);
  EXPECT_TRUE(has_field(*too_long, "plan", "field.too_long"));

  const auto unknown = check(text("pharyngitis", {"J02.9", "NOT-A-CODE"}));
  ASSERT_TRUE(unknown);
  EXPECT_TRUE(has_field(*unknown, "diagnoses", "field.unknown_diagnosis"));

  const auto many =
      check(text("pharyngitis", std::vector<std::string>(kMaxDiagnoses + 1, "J02.9")));
  ASSERT_TRUE(many);
  EXPECT_TRUE(has_field(*many, "diagnoses", "field.too_long"));
}

TEST_P(ClinicalNotes, SigningNeedsAnAssessmentOrADiagnosisAndFreezesTheDraft) {
  const auto now = clock_.now();
  EXPECT_EQ(write([&](auto& c) { return sign_note(c, room_, doctor_, now); }).error().code,
            Errc::validation)
      << "no draft yet";
  ASSERT_TRUE(write([&](auto& c) { return save_draft(c, owner_, text("  ", {}), now); }));
  const auto empty = write([&](auto& c) { return sign_note(c, room_, doctor_, now); });
  ASSERT_FALSE(empty) << "neither an assessment nor a diagnosis";
  EXPECT_TRUE(has_field(empty.error(), "assessment", "field.note_incomplete"));
  EXPECT_FALSE(patient_view()) << "the patient sees no draft";

  ASSERT_TRUE(write([&](auto& c) { return save_draft(c, owner_, text("pharyngitis"), now); }));
  const auto signed_note = write([&](auto& c) { return sign_note(c, room_, doctor_, now + 60); });
  ASSERT_TRUE(signed_note) << "assessment and diagnosis";
  EXPECT_EQ(signed_note->at("status").as_string(), "signed");
  EXPECT_EQ(signed_note->at("version").as_int64(), 1);

  EXPECT_EQ(
      write([&](auto& c) { return save_draft(c, owner_, text("changed"), now); }).error().code,
      Errc::note_signed);
  EXPECT_EQ(write([&](auto& c) { return sign_note(c, room_, doctor_, now); }).error().code,
            Errc::note_signed);
  EXPECT_EQ(doctor_view().at("text").at("assessment").as_string(), "pharyngitis");
  const auto seen = patient_view();
  ASSERT_TRUE(seen);
  EXPECT_EQ(seen->at("text").at("assessment").as_string(), "pharyngitis");
  EXPECT_EQ(seen->at("text").at("diagnoses").at(0).at("code").as_string(), "J02.9");
  EXPECT_FALSE(seen->at("text").at("diagnoses").at(0).at("name").at("en").as_string().empty())
      << "the code is named from the ICD-10 list";
}

TEST_P(ClinicalNotes, AnAmendmentNeedsASignedNoteAndAReasonAndKeepsEveryVersion) {
  const auto now = clock_.now();
  ASSERT_TRUE(write([&](auto& c) { return save_draft(c, owner_, text("pharyngitis"), now); }));
  EXPECT_EQ(write([&](auto& c) {
              return amend_note(c, room_, doctor_, text("tonsillitis"), "lab result", now);
            })
                .error()
                .code,
            Errc::note_not_signed);
  ASSERT_TRUE(write([&](auto& c) { return sign_note(c, room_, doctor_, now); }));

  const auto no_reason =
      write([&](auto& c) { return amend_note(c, room_, doctor_, text("tonsillitis"), "", now); });
  ASSERT_FALSE(no_reason);
  EXPECT_TRUE(has_field(no_reason.error(), "reason", "field.required"));
  const auto long_reason = write([&](auto& c) {
    return amend_note(c, room_, doctor_, text("tonsillitis"),
                      std::string(kMaxAmendmentReason + 1, 'r'), now);
  });
  ASSERT_FALSE(long_reason);
  EXPECT_TRUE(has_field(long_reason.error(), "reason", "field.too_long"));

  ASSERT_TRUE(write([&](auto& c) {
    return amend_note(c, room_, doctor2_, text("tonsillitis"), "throat swab result", now + 100);
  }));
  ASSERT_TRUE(write([&](auto& c) {
    return amend_note(c, room_, doctor_, text("streptococcal tonsillitis", {"J03.9"}),
                      "culture confirmed", now + 200);
  }));

  const auto mine = doctor_view();
  EXPECT_EQ(mine.at("status").as_string(), "amended");
  EXPECT_EQ(mine.at("version").as_int64(), 3);
  const auto& versions = mine.at("versions").as_array();
  ASSERT_EQ(versions.size(), 3u);
  EXPECT_EQ(versions[0].at("text").at("assessment").as_string(), "pharyngitis")
      << "version 1 is as it was signed";
  EXPECT_EQ(versions[0].at("reason").as_string(), "");
  EXPECT_EQ(versions[1].at("reason").as_string(), "throat swab result");
  EXPECT_EQ(versions[1].at("signed_by").as_string(), doctor2_);
  EXPECT_EQ(versions[2].at("text").at("assessment").as_string(), "streptococcal tonsillitis");

  const auto seen = patient_view();
  ASSERT_TRUE(seen);
  EXPECT_EQ(seen->at("version").as_int64(), 3) << "the patient reads the newest version only";
  EXPECT_EQ(seen->at("text").at("diagnoses").at(0).at("code").as_string(), "J03.9");
  EXPECT_FALSE(seen->contains("versions"));
}

TEST_P(ClinicalNotes, TheDiagnosisListIsSearchedByCodeAndByNameInEachLanguage) {
  const auto search = [&](const std::string& q) {
    return db_->read([&](store::Connection& c) { return search_diagnoses(c, q, kMaxCodeResults); });
  };
  const auto by_code = search("j02");
  ASSERT_FALSE(by_code.empty());
  EXPECT_EQ(std::string(by_code.at(0).at("code").as_string()).substr(0, 3), "J02");
  const std::string zh(by_code.at(0).at("name").at("zh-Hant").as_string());
  ASSERT_FALSE(zh.empty());
  bool found = false;
  for (const auto& d : search(zh)) found = found || d.at("code") == by_code.at(0).at("code");
  EXPECT_TRUE(found) << "a Chinese name finds its code";
  EXPECT_EQ(search("").size(), static_cast<std::size_t>(kMaxCodeResults)) << "capped";
}

YQ_INSTANTIATE_ON_ALL_BACKENDS(ClinicalNotes);

}  // namespace
}  // namespace yq::records
