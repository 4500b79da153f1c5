// The shared record's store on each engine: the consent scope applied in SQL agrees with
// RecordScope::visible for every kind of entry and reader; corrections keep every version and
// refuse a stale one; entered-in-error entries stay but are not counted or trended; forms become
// FHIR resources; a consultation becomes an Encounter with its signed note; the record's own care
// relationships.
#include "records/entries.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "core/hk_calendar.hpp"
#include "core/ids.hpp"
#include "records/care.hpp"
#include "records/consultation_record.hpp"
#include "records/entry_forms.hpp"
#include "unit/notify/notify_fixture.hpp"

namespace yq::records {
namespace {

using notify::testrows::NotifyTest;
namespace json = boost::json;

class RecordEntries : public NotifyTest {
 protected:
  void SetUp() override {
    NotifyTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    db_->write([&](store::Connection& c) {
      other_org_ = core::new_id();
      c.execute(
          "INSERT INTO organisations (id, kind, name_en, name_zh_hant, name_zh_hans, region, "
          "address, created_at, updated_at) VALUES (?, 'public_hospital', 'Kowloon East', "
          "'九龍東', '九龙东', 'hong_kong', '1 Road', 0, 0)",
          {other_org_});
      // A code of the unit's own, so the test does not depend on the seeded lists.
      c.execute(
          "INSERT INTO record_codes (code_set, system, code, name_en, name_zh_hant, "
          "name_zh_hans, unit, ref_low, ref_high) VALUES ('lab', 'urn:test', 'A1C', "
          "'Haemoglobin A1c', '糖化血紅素', '糖化血红蛋白', '%', 4.0, 6.0)");
    });
  }
  template <class F>
  auto write(F f) {
    return db_->write([&](store::Connection& c) { return f(c); });
  }
  Author author(const std::string& org) const {
    return {people_.patient, org, people_.doctor, clock_.now()};
  }
  std::string add(const std::string& org, const json::object& form) {
    return write([&](store::Connection& c) {
      auto built = build_from_form(c, form, author(org));
      EXPECT_TRUE(built.has_value()) << (built ? "" : built.error().fields.front().field);
      return create_entry(c, clock_.now(), people_.patient, org, people_.doctor, built->index,
                          built->details, std::move(built->resource));
    });
  }
  std::string other_org_;
};

TEST_P(RecordEntries, TheScopeInSqlAgreesWithVisibleForEveryEntryAndReader) {
  // Entries of two organisations in several categories, a psychiatric diagnosis, an encounter with
  // its note.
  std::vector<std::string> ids;
  for (const auto& org : {people_.org, other_org_}) {
    ids.push_back(add(org, {{"type", "condition"}, {"code", "E11.9"}}));
    ids.push_back(add(org, {{"type", "condition"}, {"code", "F32.9"}}));
    ids.push_back(add(
        org, {{"type", "allergy"}, {"substance_text", "Peanut"}, {"allergy_category", "food"}}));
    ids.push_back(add(org, {{"type", "lab_result"}, {"code", "A1C"}, {"value", 7.0}}));
  }
  const std::string consultation = core::new_id();
  write([&](store::Connection& c) {
    ConsultationFacts facts;
    facts.consultation_id = consultation;
    facts.doctor_id = people_.doctor;
    facts.started_at = clock_.now() - 600;
    facts.ended_at = clock_.now();
    facts.diagnoses = {"J06.9"};
    record_consultation(c, clock_.now(), author(other_org_), facts);
  });
  const auto encounter = db_->read([&](store::Connection& c) {
    return entry_by_source(c, "consultation:" + consultation, "Encounter");
  });
  ASSERT_TRUE(encounter);

  using consent::RecordScope;
  std::vector<RecordScope> scopes;
  RecordScope everything;
  everything.allowed = everything.everything = true;
  scopes.push_back(everything);
  RecordScope own;
  own.allowed = true;
  own.own_organisation = people_.org;
  scopes.push_back(own);
  RecordScope shared = own;
  shared.other_organisations = true;
  scopes.push_back(shared);
  RecordScope no_mental = shared;
  no_mental.restricted_categories = {"mental_health"};
  scopes.push_back(no_mental);
  RecordScope no_labs_no_entry = shared;
  no_labs_no_entry.restricted_categories = {"labs"};
  no_labs_no_entry.restricted_entries = {ids[6], encounter->id};  // an allergy and the encounter
  scopes.push_back(no_labs_no_entry);
  RecordScope refused;
  scopes.push_back(refused);

  const auto all = db_->read([&](store::Connection& c) {
    return c.query(
        "SELECT id, organisation_id, category, sensitivity, COALESCE(parent_id, '') "
        "FROM record_entries WHERE patient_id = ?",
        {people_.patient});
  });
  ASSERT_EQ(all.size(), 8u + 1u);  // eight entries and the encounter (no signed note yet)
  for (std::size_t i = 0; i < scopes.size(); ++i) {
    const auto& s = scopes[i];
    std::set<std::string> by_sql, by_rule;
    db_->read([&](store::Connection& c) {
      const auto f = scope_filter(s);
      store::Params p{people_.patient};
      p.insert(p.end(), f.params.begin(), f.params.end());
      for (const auto& r : c.query("SELECT e.id FROM record_entries e WHERE e.patient_id = ? "
                                   "AND (" +
                                       f.sql + ")",
                                   p))
        by_sql.insert(r.text(0));
    });
    for (const auto& r : all)
      if (s.visible(r.text(1), r.text(2), r.text(3), r.text(0), r.text(4)))
        by_rule.insert(r.text(0));
    EXPECT_EQ(by_sql, by_rule) << "scope " << i;
  }
  // And the rule itself: own entries are never hidden from their organisation; the restriction
  // hides the other organisation's psychiatric diagnosis only.
  EXPECT_TRUE(no_mental.visible(people_.org, "conditions", "mental_health", ids[1]));
  EXPECT_FALSE(no_mental.visible(other_org_, "conditions", "mental_health", ids[5]));
  EXPECT_TRUE(no_mental.visible(other_org_, "conditions", "", ids[4]));
}

TEST_P(RecordEntries, ANoteGoesWithItsEncounterWhenTheEncounterIsRestricted) {
  const std::string consultation = core::new_id();
  // A signed note on the consultation, then the consultation charted.
  write([&](store::Connection& c) {
    // The room of a queue visit (the rows consult would have written).
    const std::string visit = core::new_id();
    c.execute(
        "INSERT INTO queue_entries (id, service_id, patient_id, joined_by, status, joined_at, seq, "
        "last_seen_at) VALUES (?, ?, ?, ?, 'completed', 0, 1, 0)",
        {visit, people_.service, people_.patient, people_.patient});
    c.execute(
        "INSERT INTO consultations (id, queue_entry_id, patient_id, doctor_id, organisation_id, "
        "service_id, media, opens_at, closes_at, status, created_at) VALUES (?, ?, ?, ?, ?, ?, "
        "'video', 0, 0, 'ended', 0)",
        {consultation, visit, people_.patient, people_.doctor, people_.org, people_.service});
    const std::string note = core::new_id();
    c.execute(
        "INSERT INTO clinical_notes (id, consultation_id, patient_id, author_id, "
        "organisation_id, status, version, subjective, objective, assessment, plan, diagnoses, "
        "created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'signed', 1, 'Low mood', '', "
        "'Depression', 'CBT', '[\"F32.9\"]', 0, 0)",
        {note, consultation, people_.patient, people_.doctor, other_org_});
    c.execute(
        "INSERT INTO clinical_note_versions (note_id, version, subjective, objective, "
        "assessment, plan, diagnoses, signed_by, signed_at) VALUES (?, 1, 'Low mood', '', "
        "'Depression', 'CBT', '[\"F32.9\"]', ?, 0)",
        {note, people_.doctor});
    ConsultationFacts facts;
    facts.consultation_id = consultation;
    facts.doctor_id = people_.doctor;
    facts.started_at = clock_.now();
    record_consultation(c, clock_.now(), author(other_org_), facts);
  });
  const auto [encounter, note] = db_->read([&](store::Connection& c) {
    return std::pair{*entry_by_source(c, "consultation:" + consultation, "Encounter"),
                     *entry_by_source(c, "consultation:" + consultation, "Composition")};
  });
  EXPECT_EQ(encounter.index.sensitivity, "mental_health") << "a psychiatric diagnosis";
  EXPECT_EQ(note.index.sensitivity, "mental_health");
  EXPECT_EQ(note.index.parent_id, encounter.id);
  EXPECT_EQ(note.resource.at("resourceType").as_string(), "Composition");
  EXPECT_EQ(note.resource.at("encounter").at("reference").as_string(), "Encounter/" + encounter.id);

  consent::RecordScope s;
  s.allowed = true;
  s.own_organisation = people_.org;
  s.other_organisations = true;
  s.restricted_entries = {encounter.id};
  const auto seen = db_->read(
      [&](store::Connection& c) { return children(c, s, people_.patient, {encounter.id}); });
  EXPECT_TRUE(seen.empty()) << "the note of a restricted encounter is hidden with it";
  EXPECT_FALSE(s.visible(other_org_, "notes", "", note.id, encounter.id));
}

TEST_P(RecordEntries, ACorrectionKeepsTheOldVersionAndRefusesAStaleOne) {
  const std::string id =
      add(people_.org, {{"type", "lab_result"}, {"code", "A1C"}, {"value", 7.4}});
  const auto corrected = write([&](store::Connection& c) -> core::Result<Entry> {
    auto built =
        build_from_form(c, {{"code", "A1C"}, {"value", 7.1}}, author(people_.org), "lab_result");
    return correct_entry(c, clock_.now(), id, 1, people_.doctor, built->index, built->details,
                         std::move(built->resource), "Transcription error");
  });
  ASSERT_TRUE(corrected);
  EXPECT_EQ(corrected->version, 2);
  EXPECT_EQ(corrected->resource.at("meta").at("versionId").as_string(), "2");
  const auto stale = write([&](store::Connection& c) -> core::Result<Entry> {
    auto built =
        build_from_form(c, {{"code", "A1C"}, {"value", 9.0}}, author(people_.org), "lab_result");
    return correct_entry(c, clock_.now(), id, 1, people_.doctor, built->index, built->details,
                         std::move(built->resource), "Again");
  });
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, core::Errc::version_conflict);
  const auto history = db_->read([&](store::Connection& c) { return versions(c, id); });
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[0].details.at("value").as_double(), 7.1);
  EXPECT_EQ(history[1].details.at("value").as_double(), 7.4);
  EXPECT_EQ(history[0].reason, "Transcription error");
}

TEST_P(RecordEntries, AnEntryEnteredInErrorStaysButIsNotCountedOrTrended) {
  const std::string a = add(people_.org, {{"type", "lab_result"}, {"code", "A1C"}, {"value", 7.4}});
  add(people_.org, {{"type", "lab_result"}, {"code", "A1C"}, {"value", 6.5}});
  const auto marked = write([&](store::Connection& c) {
    return mark_entered_in_error(c, clock_.now(), a, people_.doctor, "Wrong patient");
  });
  ASSERT_TRUE(marked);
  EXPECT_EQ(marked->index.status, "entered-in-error");
  EXPECT_EQ(marked->resource.at("status").as_string(), "entered-in-error");
  const auto again = write([&](store::Connection& c) {
    return mark_entered_in_error(c, clock_.now(), a, people_.doctor, "Twice");
  });
  EXPECT_FALSE(again);
  consent::RecordScope all;
  all.allowed = all.everything = true;
  db_->read([&](store::Connection& c) {
    EXPECT_EQ(counts(c, all, people_.patient).at("labs"), 1);
    const auto points = trend(c, all, people_.patient, "urn:test", "A1C");
    ASSERT_EQ(points.size(), 1u);
    EXPECT_EQ(*points[0].index.value_num, 6.5);
    const auto page = category_page(c, all, people_.patient, "labs", "", 10);
    EXPECT_EQ(page->items.size(), 2u) << "still listed";
  });
}

TEST_P(RecordEntries, FormsBecomeFhirResourcesAndBadFieldsAreAllNamed) {
  db_->read([&](store::Connection& c) {
    auto lab = build_from_form(c, {{"type", "lab_result"}, {"code", "A1C"}, {"value", 3.5}},
                               author(people_.org));
    ASSERT_TRUE(lab);
    EXPECT_EQ(lab->details.at("flag").as_string(), "L");
    EXPECT_EQ(lab->resource.at("valueQuantity").at("unit").as_string(), "%");
    EXPECT_EQ(lab->resource.at("referenceRange").at(0).at("high").at("value").as_double(), 6.0);
    auto own_range = build_from_form(c,
                                     {{"type", "lab_result"},
                                      {"code", "A1C"},
                                      {"value", 6.5},
                                      {"reference_range", {{"low", 4.0}, {"high", 7.0}}}},
                                     author(people_.org));
    EXPECT_EQ(own_range->details.at("flag").as_string(), "N") << "the laboratory's own range";
    auto psych =
        build_from_form(c, {{"type", "condition"}, {"code", "F32.9"}}, author(people_.org));
    ASSERT_TRUE(psych);
    EXPECT_EQ(psych->index.sensitivity, "mental_health");
    auto dm = build_from_form(c, {{"type", "condition"}, {"code", "E11.9"}}, author(people_.org));
    ASSERT_TRUE(dm);
    EXPECT_EQ(dm->index.sensitivity, "");
    EXPECT_EQ(dm->resource.at("code").at("coding").at(0).at("system").as_string(),
              "http://hl7.org/fhir/sid/icd-10");
    const auto tomorrow = core::format_day(core::hk_day_of(clock_.now()) + 1);
    auto bad = build_from_form(c,
                               {{"type", "lab_result"},
                                {"code", "nope"},
                                {"value", "high"},
                                {"date", tomorrow},
                                {"note", std::string(3000, 'x')}},
                               author(people_.org));
    ASSERT_FALSE(bad);
    std::set<std::string> fields;
    for (const auto& f : bad.error().fields) fields.insert(f.field);
    EXPECT_EQ(fields, (std::set<std::string>{"code", "value", "date", "note"}));
    auto unknown = build_from_form(c, {{"type", "xray"}}, author(people_.org));
    EXPECT_FALSE(unknown);
    auto mismatch = build_from_form(c, {{"type", "allergy"}}, author(people_.org), "lab_result");
    EXPECT_FALSE(mismatch) << "a correction cannot change the kind of entry";
  });
  EXPECT_TRUE(looks_like_pdf("%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n"));
  EXPECT_FALSE(looks_like_pdf("<html>%PDF-1.4 %%EOF</html>"));
  EXPECT_FALSE(looks_like_pdf("%PDF-1.4 but no end"));
}

TEST_P(RecordEntries, TheRecordItselfKeepsACareRelationshipForFollowUpsAndReferrals) {
  const std::string consultation = core::new_id();
  write([&](store::Connection& c) {
    ConsultationFacts facts;
    facts.consultation_id = consultation;
    facts.doctor_id = people_.doctor;
    facts.started_at = clock_.now() - 3600;
    facts.ended_at = clock_.now() - 3000;
    facts.follow_up_until = clock_.now() + 7 * 86400;
    record_consultation(c, clock_.now(), author(people_.org), facts);
  });
  add(people_.org, {{"type", "referral"},
                    {"to_organisation", other_org_},
                    {"specialty", "Cardiology"},
                    {"referral_reason", "Chest pain on exertion"}});
  Care care;
  db_->read([&](store::Connection& c) {
    EXPECT_TRUE(care.cares(c, people_.patient, people_.org, clock_.now())) << "follow-up period";
    EXPECT_TRUE(care.cares(c, people_.patient, other_org_, clock_.now())) << "open referral";
    EXPECT_FALSE(care.cares(c, people_.patient, people_.org, clock_.now() + 8 * 86400));
    EXPECT_FALSE(care.cares(c, people_.patient, other_org_, clock_.now() + kReferralCareSeconds))
        << "a referral nobody acted on for half a year";
    // An organisation cannot refer the patient to itself to keep reading.
    auto self = build_from_form(c,
                                {{"type", "referral"},
                                 {"to_organisation", people_.org},
                                 {"referral_reason", "Keep reading"}},
                                author(people_.org));
    ASSERT_FALSE(self);
    EXPECT_EQ(self.error().fields.front().field, "to_organisation");
  });
  // A source wired from another module counts as well.
  care.add_source([&](store::Connection&, const std::string& patient, std::int64_t) {
    return patient == people_.child ? std::vector<std::string>{people_.org}
                                    : std::vector<std::string>{};
  });
  db_->read([&](store::Connection& c) {
    EXPECT_TRUE(care.cares(c, people_.child, people_.org, clock_.now()));
    EXPECT_FALSE(care.cares(c, people_.child, other_org_, clock_.now()));
  });
}

YQ_INSTANTIATE_ON_ALL_BACKENDS(RecordEntries);

}  // namespace
}  // namespace yq::records
