// Clinical notes on their own, on every engine: drafts, the signature, amendments with reasons,
// what the doctor and the patient see, and the ICD-10 list with names in three languages.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "core/ids.hpp"
#include "records/clinical_notes.hpp"
#include "support/test_databases.hpp"

namespace yq::records {
namespace {

using yq::testing::Backend;

class ClinicalNotes : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    std::string skip;
    db_ = yq::testing::fresh_database(GetParam(), skip, 2);
    if (!db_) GTEST_SKIP() << skip;
    // The rows a note refers to, written straight in: records is tested without consult.
    db_->write([&](store::Connection& c) {
      owner_.organisation_id = core::new_id();
      c.execute(
          "INSERT INTO organisations (id, kind, name_en, name_zh_hant, name_zh_hans, region, "
          "address, created_at, updated_at) VALUES (?, 'clinic', 'Harbour Clinic', '海港診所', "
          "'海港诊所', 'hong_kong', '1 Queen''s Road', 0, 0)",
          {owner_.organisation_id});
      owner_.author_id = account(c, "doctor");
      owner_.patient_id = account(c, "patient");
      const std::string service = core::new_id();
      c.execute(
          "INSERT INTO services (id, organisation_id, name_en, name_zh_hant, name_zh_hans, "
          "specialty, consultation_type, slot_minutes, created_at, updated_at) VALUES (?, ?, "
          "'General practice', '普通科', '普通科', 'general_practice', 'video', 15, 0, 0)",
          {service, owner_.organisation_id});
      const std::string entry = core::new_id();
      c.execute(
          "INSERT INTO queue_entries (id, service_id, patient_id, joined_by, status, joined_at, "
          "seq, last_seen_at) VALUES (?, ?, ?, ?, 'taken', 0, 1, 0)",
          {entry, service, owner_.patient_id, owner_.patient_id});
      owner_.consultation_id = core::new_id();
      c.execute(
          "INSERT INTO consultations (id, queue_entry_id, patient_id, doctor_id, organisation_id, "
          "service_id, media, opens_at, closes_at, status, created_at) VALUES (?, ?, ?, ?, ?, ?, "
          "'video', 0, 3600, 'live', 0)",
          {owner_.consultation_id, entry, owner_.patient_id, owner_.author_id,
           owner_.organisation_id, service});
    });
  }

  static std::string account(store::Connection& c, const std::string& who) {
    const std::string id = core::new_id();
    c.execute(
        "INSERT INTO accounts (id, email, display_name, preferred_lang, password_changed_at, "
        "created_at, updated_at) VALUES (?, ?, ?, 'en', 0, 0, 0)",
        {id, who + "-" + id + "@example.hk", who});
    return id;
  }

  template <class F>
  auto write(F&& f) {
    return db_->write([&](store::Connection& c) { return f(c); });
  }
  core::Result<boost::json::object> save(const NoteText& t, std::int64_t now = 100) {
    return write([&](store::Connection& c) { return save_draft(c, owner_, t, now); });
  }
  core::Result<boost::json::object> sign(std::int64_t now = 200) {
    return write([&](store::Connection& c) {
      return sign_note(c, owner_.consultation_id, owner_.author_id, now);
    });
  }
  core::Result<boost::json::object> amend(const NoteText& t, const std::string& reason,
                                          std::int64_t now = 300) {
    return write([&](store::Connection& c) {
      return amend_note(c, owner_.consultation_id, owner_.author_id, t, reason, now);
    });
  }
  std::optional<boost::json::object> for_doctor() {
    return db_->read(
        [&](store::Connection& c) { return note_for_doctor(c, owner_.consultation_id); });
  }
  std::optional<boost::json::object> for_patient() {
    return db_->read(
        [&](store::Connection& c) { return note_for_patient(c, owner_.consultation_id); });
  }
  std::optional<core::Error> check(const NoteText& t) {
    return db_->read([&](store::Connection& c) { return check_note(c, t); });
  }
  boost::json::array search(const std::string& q, std::int64_t limit = 50) {
    return db_->read([&](store::Connection& c) { return search_diagnoses(c, q, limit); });
  }

  static std::string text(const boost::json::object& note, const char* section) {
    return std::string(note.at("text").at(section).as_string());
  }
  static std::string key_of(const core::Error& e) {
    return e.fields.empty() ? std::string() : e.fields.front().message_key;
  }

  std::unique_ptr<store::Database> db_;
  NoteOwner owner_;
};

TEST_P(ClinicalNotes, ADraftIsReplacedFreelyAndTheAuthorAloneSeesIt) {
  auto first = save({"cough for 3 days", "", "", "", {}}, 100);
  ASSERT_TRUE(first);
  EXPECT_EQ(first->at("status").as_string(), "draft");
  EXPECT_EQ(first->at("version").as_int64(), 0);
  EXPECT_EQ(text(*first, "subjective"), "cough for 3 days");
  const auto again = save({"cough for 4 days", "chest clear", "URTI", "fluids", {"J06.9"}}, 150);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->at("id"), first->at("id")) << "one note per consultation";
  EXPECT_EQ(again->at("created_at").as_int64(), 100);
  EXPECT_EQ(again->at("updated_at").as_int64(), 150);
  EXPECT_EQ(text(*again, "subjective"), "cough for 4 days");
  EXPECT_TRUE(again->at("versions").as_array().empty());
  EXPECT_FALSE(for_patient()) << "a draft is not shown to the patient";
}

TEST_P(ClinicalNotes, DiagnosesCarryTheirNamesInThreeLanguages) {
  const auto note = save({"", "", "", "", {"J06.9", "I10"}});
  ASSERT_TRUE(note);
  const auto& diagnoses = note->at("text").at("diagnoses").as_array();
  ASSERT_EQ(diagnoses.size(), 2u);
  const auto& urti = diagnoses[0].as_object();
  EXPECT_EQ(urti.at("code").as_string(), "J06.9");
  EXPECT_EQ(urti.at("system").as_string(), "ICD-10");
  EXPECT_EQ(urti.at("name").at("en").as_string(), "Acute upper respiratory infection, unspecified");
  EXPECT_EQ(urti.at("name").at("zh-Hant").as_string(), "急性上呼吸道感染，未明示");
  EXPECT_EQ(urti.at("name").at("zh-Hans").as_string(), "急性上呼吸道感染，未特指");
  EXPECT_EQ(diagnoses[1].at("code").as_string(), "I10") << "in the order the doctor gave";
}

TEST_P(ClinicalNotes, CheckRefusesLongSectionsAndCodesNotInTheList) {
  EXPECT_FALSE(check({"a", "b", "c", "d", {"J06.9", "I10"}}));
  const auto long_plan = check({"", "", "", std::string(kMaxNoteSection + 1, 'x'), {}});
  ASSERT_TRUE(long_plan);
  EXPECT_EQ(long_plan->code, core::Errc::validation);
  EXPECT_EQ(long_plan->fields.front().field, "plan");
  EXPECT_EQ(key_of(*long_plan), "field.too_long");
  EXPECT_FALSE(check({"", "", "", std::string(kMaxNoteSection, 'x'), {}})) << "the cap is allowed";
  EXPECT_EQ(key_of(*check({"", "", "", "", {"Z99.999"}})), "field.unknown_diagnosis");
  EXPECT_EQ(key_of(*check({"", "", "", "", {"J06.9", "J06.9"}})), "field.unknown_diagnosis")
      << "a code twice";
  EXPECT_EQ(key_of(*check({"", "", "", "", {std::string(17, 'J')}})), "field.unknown_diagnosis");
  EXPECT_EQ(key_of(*check({"", "", "", "", {"j06.9"}})), "field.unknown_diagnosis")
      << "codes as printed";
  const std::vector<std::string> thirteen(kMaxDiagnoses + 1, "I10");
  const auto many = check({"", "", "", "", thirteen});
  ASSERT_TRUE(many);
  EXPECT_EQ(many->fields.front().field, "diagnoses");
  EXPECT_EQ(key_of(*many), "field.too_long");
}

TEST_P(ClinicalNotes, SigningNeedsAnAssessmentOrADiagnosis) {
  auto none = sign();
  ASSERT_FALSE(none) << "no note at all";
  EXPECT_EQ(key_of(none.error()), "field.note_incomplete");
  ASSERT_TRUE(save({"cough", "", " \n\t", "", {}}));
  auto blank = sign();
  ASSERT_FALSE(blank) << "a blank assessment and no diagnosis";
  EXPECT_EQ(key_of(blank.error()), "field.note_incomplete");
  ASSERT_TRUE(save({"cough", "", "", "", {"J06.9"}}));
  EXPECT_TRUE(sign()) << "a diagnosis is enough";
}

TEST_P(ClinicalNotes, ASignedNoteIsFrozenAsVersionOne) {
  ASSERT_TRUE(save({"cough", "clear chest", "URTI", "rest", {"J06.9"}}));
  const auto signed_note = sign(200);
  ASSERT_TRUE(signed_note);
  EXPECT_EQ(signed_note->at("status").as_string(), "signed");
  EXPECT_EQ(signed_note->at("version").as_int64(), 1);
  const auto& versions = signed_note->at("versions").as_array();
  ASSERT_EQ(versions.size(), 1u);
  EXPECT_EQ(versions[0].at("version").as_int64(), 1);
  EXPECT_EQ(versions[0].at("reason").as_string(), "");
  EXPECT_EQ(versions[0].at("signed_by").as_string(), owner_.author_id);
  EXPECT_EQ(versions[0].at("signed_at").as_int64(), 200);
  EXPECT_EQ(versions[0].at("text").at("assessment").as_string(), "URTI");

  auto edit = save({"changed", "", "", "", {}});
  ASSERT_FALSE(edit);
  EXPECT_EQ(edit.error().code, core::Errc::note_signed);
  auto twice = sign();
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().code, core::Errc::note_signed);
  EXPECT_EQ(text(*for_doctor(), "subjective"), "cough") << "the refused edit changed nothing";

  const auto patient = for_patient();
  ASSERT_TRUE(patient);
  EXPECT_EQ(patient->at("version").as_int64(), 1);
  EXPECT_EQ(patient->at("signed_at").as_int64(), 200);
  EXPECT_EQ(text(*patient, "plan"), "rest");
  EXPECT_FALSE(patient->contains("versions")) << "the patient sees no history";
}

TEST_P(ClinicalNotes, AmendmentsNeedASignedNoteAndAReasonAndKeepEveryVersion) {
  const NoteText changed{"cough", "wheeze", "asthma", "inhaler", {"I10"}};
  ASSERT_TRUE(save({"cough", "clear chest", "URTI", "rest", {"J06.9"}}));
  auto early = amend(changed, "second look");
  ASSERT_FALSE(early);
  EXPECT_EQ(early.error().code, core::Errc::note_not_signed);
  ASSERT_TRUE(sign(200));

  for (const std::string blank : {"", "  \n\t"}) {
    auto r = amend(changed, blank);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().fields.front().field, "reason");
    EXPECT_EQ(key_of(r.error()), "field.required");
  }
  auto too_long = amend(changed, std::string(kMaxAmendmentReason + 1, 'r'));
  ASSERT_FALSE(too_long);
  EXPECT_EQ(key_of(too_long.error()), "field.too_long");

  const auto amended = amend(changed, "wheeze heard on review", 300);
  ASSERT_TRUE(amended);
  EXPECT_EQ(amended->at("status").as_string(), "amended");
  EXPECT_EQ(amended->at("version").as_int64(), 2);
  EXPECT_EQ(text(*amended, "assessment"), "asthma");
  const auto again = amend({"", "", "asthma, mild", "", {}}, "grading", 400);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->at("version").as_int64(), 3);

  const auto& versions = again->at("versions").as_array();
  ASSERT_EQ(versions.size(), 3u);
  EXPECT_EQ(versions[0].at("text").at("assessment").as_string(), "URTI") << "version 1 is kept";
  EXPECT_EQ(versions[1].at("reason").as_string(), "wheeze heard on review");
  EXPECT_EQ(versions[1].at("signed_at").as_int64(), 300);
  EXPECT_EQ(versions[2].at("reason").as_string(), "grading");

  const auto patient = for_patient();
  ASSERT_TRUE(patient);
  EXPECT_EQ(patient->at("version").as_int64(), 3) << "the newest signed text";
  EXPECT_EQ(text(*patient, "assessment"), "asthma, mild");
  auto edit = save({"draft again", "", "", "", {}});
  ASSERT_FALSE(edit);
  EXPECT_EQ(edit.error().code, core::Errc::note_signed) << "an amended note is no draft either";
}

TEST_P(ClinicalNotes, TheCodeListIsFoundByCodeOrNameInAnyLanguage) {
  const auto codes = [](const boost::json::array& a) {
    std::vector<std::string> out;
    for (const auto& d : a) out.emplace_back(d.at("code").as_string());
    return out;
  };
  EXPECT_EQ(codes(search("J06.9")), std::vector<std::string>{"J06.9"});
  EXPECT_EQ(codes(search("j06.9")), std::vector<std::string>{"J06.9"}) << "codes in any case";
  const auto hypertension = codes(search("HYPERTENSION"));
  EXPECT_NE(std::find(hypertension.begin(), hypertension.end(), "I10"), hypertension.end());
  EXPECT_EQ(codes(search("原發性高血壓")), std::vector<std::string>{"I10"}) << "Traditional";
  EXPECT_EQ(codes(search("原发性高血压")), std::vector<std::string>{"I10"}) << "Simplified";
  EXPECT_TRUE(search("no such illness").empty());

  const auto first = search("", 5);
  ASSERT_EQ(first.size(), 5u) << "an empty query lists the codes, up to the limit";
  const auto listed = codes(first);
  EXPECT_TRUE(std::is_sorted(listed.begin(), listed.end())) << "by code";
  const auto& one = first[0].as_object();
  for (const char* lang : {"en", "zh-Hant", "zh-Hans"})
    EXPECT_FALSE(one.at("name").at(lang).as_string().empty()) << lang;
}

INSTANTIATE_TEST_SUITE_P(Engines, ClinicalNotes, ::testing::ValuesIn(yq::testing::backends()),
                         yq::testing::BackendName{});

}  // namespace
}  // namespace yq::records
