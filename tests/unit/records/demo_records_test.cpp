// The demo record on each engine, loaded as `--demo-data` loads it (identity's people, the
// schedule with its child, then the record): what a newcomer would look at is there. Each patient
// has entries from the three organisations; the HbA1c trend has enough points and comes down; the
// sharing is as described (Chan Tai Man's mental-health restriction hides his psychiatric diagnosis
// from every other organisation, even one he consents to; Greater Bay reads Amy Ho's other
// entries but only its own of Chan Tai Man and 张伟); the corrected and entered-in-error entries,
// the discharge summary PDF, the open referral's care relationship and the child's record.
#include "records/demo_records.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <set>

#include "consent/relationships.hpp"
#include "consent/sharing.hpp"
#include "core/config.hpp"
#include "core/crypto.hpp"
#include "core/hk_calendar.hpp"
#include "core/ids.hpp"
#include "identity/accounts.hpp"
#include "identity/demo_data.hpp"
#include "notify/notifier.hpp"
#include "records/care.hpp"
#include "records/entries.hpp"
#include "records/entry_forms.hpp"
#include "scheduling/demo_schedule.hpp"
#include "scheduling/patient_details.hpp"
#include "support/test_databases.hpp"

namespace yq::records {
namespace {

using yq::testing::Backend;

const std::vector<std::string> kCategories = {
    "encounters", "notes", "conditions", "procedures", "allergies", "medications", "immunisations",
    "vitals",     "labs",  "reports",    "documents",  "referrals", "birth"};

class DemoRecords : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    core::crypto_init();
    std::string skip;
    db_ = yq::testing::fresh_database(GetParam(), skip);
    if (!db_) GTEST_SKIP() << skip;
    cfg_.password_cost = "test";
    accounts_ =
        std::make_unique<identity::AccountService>(*db_, clock_, cfg_, "https://yiqiao.test");
    notifier_ = std::make_unique<notify::Notifier>(*db_, clock_, nullptr);
    env_ = std::make_unique<scheduling::Env>(
        scheduling::Env{*db_, clock_, *notifier_, "https://yiqiao.test", 14});
    blob_dir_ = std::filesystem::temp_directory_path() / ("yq-demo-blobs-" + core::new_id());
    blobs_ = std::make_unique<store::BlobStore>(blob_dir_);
    ASSERT_TRUE(identity::load_demo_data(*db_, *accounts_, clock_));
    ASSERT_TRUE(scheduling::load_demo_schedule(*env_));
    ASSERT_TRUE(load_demo_records(*db_, *blobs_, clock_, &scheduling::date_of_birth));
    db_->read([&](store::Connection& c) {
      chan_ = *identity::demo_account_id(c, "patient@demo.yiqiao.hk");
      amy_ = *identity::demo_account_id(c, "patient2@demo.yiqiao.hk");
      zhang_ = *identity::demo_account_id(c, "patient3@demo.yiqiao.hk");
      harbour_ = *identity::demo_organisation_id(c, "Harbour Health Clinic");
      kowloon_ = *identity::demo_organisation_id(c, "Kowloon East Hospital");
      bayarea_ = *identity::demo_organisation_id(c, "Greater Bay Private Hospital");
      for (const auto& d : consent::dependants_of(c, chan_))
        if (d.relationship == "child") child_ = d.patient_id;
    });
  }
  void TearDown() override {
    std::error_code ec;
    if (!blob_dir_.empty()) std::filesystem::remove_all(blob_dir_, ec);
  }

  // The scope of a reader: the patient's side (org empty) or a clinician of `org` caring now.
  consent::RecordScope scope(store::Connection& c, const std::string& patient,
                             const std::string& org) {
    return consent::record_scope(c, clock_.now(), {org.empty() ? patient : "reader", org, true},
                                 patient);
  }
  // Every entry of the patient the scope shows, all categories, every page.
  std::vector<Entry> everything(store::Connection& c, const consent::RecordScope& s,
                                const std::string& patient) {
    std::vector<Entry> out;
    for (const auto& category : kCategories) {
      std::string before;
      do {
        auto page = category_page(c, s, patient, category, before, kMaxPage);
        EXPECT_TRUE(page.has_value());
        if (!page) break;
        out.insert(out.end(), page->items.begin(), page->items.end());
        before = page->next;
      } while (!before.empty());
    }
    return out;
  }
  std::set<std::string> organisations(const std::vector<Entry>& list) {
    std::set<std::string> out;
    for (const auto& e : list) out.insert(e.organisation_id);
    return out;
  }
  static bool has_code(const std::vector<Entry>& list, const std::string& code) {
    return std::any_of(list.begin(), list.end(),
                       [&](const Entry& e) { return e.index.code == code; });
  }

  core::ManualClock clock_{1'800'000'000};
  core::Config cfg_;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<identity::AccountService> accounts_;
  std::unique_ptr<notify::Notifier> notifier_;
  std::unique_ptr<scheduling::Env> env_;
  std::filesystem::path blob_dir_;
  std::unique_ptr<store::BlobStore> blobs_;
  std::string chan_, amy_, zhang_, child_, harbour_, kowloon_, bayarea_;
};

TEST_P(DemoRecords, EachPatientHasEntriesFromTheThreeOrganisationsAndNothingIsInTheFuture) {
  db_->read([&](store::Connection& c) {
    for (const auto& patient : {chan_, amy_, zhang_}) {
      const auto all = everything(c, scope(c, patient, ""), patient);
      EXPECT_EQ(organisations(all), (std::set<std::string>{harbour_, kowloon_, bayarea_}));
      const auto n = counts(c, scope(c, patient, ""), patient);
      for (const auto* category :
           {"allergies", "conditions", "medications", "immunisations", "vitals", "labs", "reports"})
        EXPECT_GT(n.count(category) ? n.at(category) : 0, 0) << category;
      for (const auto& e : all) {
        EXPECT_LE(e.index.effective_at, clock_.now());
        EXPECT_LE(e.recorded_at, clock_.now());
        EXPECT_GT(e.index.effective_at, clock_.now() - 3 * 366 * 86400);  // about three years
      }
    }
  });
  // A second load leaves the record alone.
  EXPECT_FALSE(load_demo_records(*db_, *blobs_, clock_, &scheduling::date_of_birth));
}

TEST_P(DemoRecords, TheHbA1cTrendHasEnoughPointsAndComesDown) {
  db_->read([&](store::Connection& c) {
    const auto points = trend(c, scope(c, chan_, ""), chan_, "http://loinc.org", "4548-4");
    ASSERT_GE(points.size(), 8u);
    EXPECT_GT(*points.front().index.value_num, *points.back().index.value_num);
    EXPECT_EQ(points.front().details.at("flag").as_string(), "H");
    for (std::size_t i = 1; i < points.size(); ++i)
      EXPECT_LE(points[i - 1].index.effective_at, points[i].index.effective_at);
    for (const auto& p : points) EXPECT_FALSE(p.error);  // the duplicate is not a point
    // eGFR, LDL and creatinine are trended too, some flagged.
    std::set<std::string> flags;
    for (const auto* code : {"62238-1", "22748-8", "14682-9"}) {
      const auto t = trend(c, scope(c, chan_, ""), chan_, "http://loinc.org", code);
      EXPECT_GE(t.size(), 4u) << code;
      for (const auto& p : t) flags.insert(std::string(p.details.at("flag").as_string()));
    }
    EXPECT_TRUE(flags.count("H") && flags.count("N"));
  });
}

TEST_P(DemoRecords, ChanTaiMansRestrictionHidesHisPsychiatricDiagnosisFromOtherOrganisations) {
  db_->write([&](store::Connection& c) {
    // His own side and Kowloon East (which recorded it) see it.
    EXPECT_TRUE(has_code(everything(c, scope(c, chan_, ""), chan_), "F32.1"));
    EXPECT_TRUE(has_code(everything(c, scope(c, chan_, kowloon_), chan_), "F32.1"));
    // Harbour, with his consent, sees Kowloon East's other entries but not the diagnosis.
    const auto s = scope(c, chan_, harbour_);
    EXPECT_EQ(s.sharing, consent::SharingState::consented);
    const auto harbour = everything(c, s, chan_);
    EXPECT_FALSE(has_code(harbour, "F32.1"));
    EXPECT_TRUE(has_code(harbour, "R07.4"));
    EXPECT_TRUE(organisations(harbour).count(kowloon_));
    // Greater Bay has no consent: its own entries only.
    const auto bay = scope(c, chan_, bayarea_);
    EXPECT_EQ(bay.sharing, consent::SharingState::no_consent);
    EXPECT_EQ(organisations(everything(c, bay, chan_)), std::set<std::string>{bayarea_});
    // Were he to consent to Greater Bay, the restriction would still hide the diagnosis there.
    ASSERT_EQ(consent::give_consent(c, clock_.now(), chan_, bayarea_, chan_),
              consent::GiveOutcome::given);
    const auto consented = scope(c, chan_, bayarea_);
    const auto after = everything(c, consented, chan_);
    EXPECT_FALSE(has_code(after, "F32.1"));
    EXPECT_TRUE(has_code(after, "E11.9"));
    const auto n = counts(c, consented, chan_);
    const auto mine = counts(c, scope(c, chan_, ""), chan_);
    EXPECT_EQ(n.at("conditions") + 1, mine.at("conditions"));
    auto page = category_page(c, consented, chan_, "conditions", "", kMaxPage);
    ASSERT_TRUE(page);
    EXPECT_FALSE(has_code(page->items, "F32.1"));
  });
}

TEST_P(DemoRecords, GreaterBaySeesAmyHosOtherEntriesAndOnlyItsOwnOfZhangWei) {
  db_->read([&](store::Connection& c) {
    const auto amy = scope(c, amy_, bayarea_);
    EXPECT_EQ(amy.sharing, consent::SharingState::consented);
    EXPECT_EQ(organisations(everything(c, amy, amy_)),
              (std::set<std::string>{harbour_, kowloon_, bayarea_}));
    EXPECT_EQ(organisations(everything(c, scope(c, amy_, harbour_), amy_)),
              std::set<std::string>{harbour_});  // she consented to Greater Bay only
    const auto zhang = scope(c, zhang_, bayarea_);
    EXPECT_EQ(zhang.sharing, consent::SharingState::not_joined);
    EXPECT_EQ(organisations(everything(c, zhang, zhang_)), std::set<std::string>{bayarea_});
    // Amy's open referral is Greater Bay's care relationship; Chan's completed one is not.
    const auto amy_care = organisations_caring_by_record(c, amy_, clock_.now());
    EXPECT_TRUE(std::count(amy_care.begin(), amy_care.end(), bayarea_));
    EXPECT_TRUE(organisations_caring_by_record(c, chan_, clock_.now()).empty());
  });
}

TEST_P(DemoRecords, ACorrectionAnEnteredInErrorEntryAndTheDischargeSummaryAreThere) {
  db_->read([&](store::Connection& c) {
    const auto all = everything(c, scope(c, chan_, ""), chan_);
    int corrected = 0, in_error = 0, documents = 0;
    for (const auto& e : all) {
      if (e.version > 1 && !e.error) {
        ++corrected;
        const auto v = versions(c, e.id);
        ASSERT_EQ(v.size(), 2u);  // newest first
        EXPECT_EQ(v[0].version, 2);
        EXPECT_FALSE(v[0].reason.empty());
        EXPECT_NE(v[0].details.at("dosage"), v[1].details.at("dosage"));
        EXPECT_EQ(e.index.code, "C08CA01");
      }
      if (e.error) {
        ++in_error;
        EXPECT_FALSE(e.error->reason.empty());
      }
      if (e.index.document_sha256) {
        ++documents;
        EXPECT_EQ(e.organisation_id, kowloon_);
        EXPECT_EQ(e.details.at("kind").as_string(), "discharge_summary");
        const auto pdf = blobs_->get(*e.index.document_sha256);
        ASSERT_TRUE(pdf);
        EXPECT_TRUE(looks_like_pdf(*pdf));
        EXPECT_EQ(static_cast<std::int64_t>(pdf->size()), e.details.at("size").as_int64());
        EXPECT_NE(pdf->find("(DISCHARGE SUMMARY) Tj"), std::string::npos);
        // The cross-reference table points at each object.
        const auto xref = pdf->find("xref\n");
        ASSERT_NE(xref, std::string::npos);
        EXPECT_EQ(pdf->find("1 0 obj"), pdf->find("%PDF") + 15);
        EXPECT_NE(pdf->find("startxref\n" + std::to_string(xref) + "\n"), std::string::npos);
      }
    }
    EXPECT_EQ(corrected, 1);
    EXPECT_EQ(in_error, 1);
    EXPECT_EQ(documents, 1);
    // Entered in error is not counted.
    const auto n = counts(c, scope(c, chan_, ""), chan_);
    std::int64_t labs = 0;
    for (const auto& e : all)
      if (e.index.category == "labs" && !e.error) ++labs;
    EXPECT_EQ(n.at("labs"), labs);
  });
}

TEST_P(DemoRecords, TheChildHasABirthRecordAndChildhoodImmunisations) {
  ASSERT_FALSE(child_.empty());
  db_->read([&](store::Connection& c) {
    // Read by his parent.
    const auto parent = consent::record_scope(c, clock_.now(), {chan_, "", false}, child_);
    ASSERT_TRUE(parent.allowed);
    const auto n = counts(c, parent, child_);
    EXPECT_EQ(n.at("birth"), 1);
    EXPECT_GE(n.at("immunisations"), 10);
    EXPECT_EQ(organisations(everything(c, parent, child_)),
              (std::set<std::string>{harbour_, kowloon_}));
    auto birth = category_page(c, parent, child_, "birth", "", 1);
    ASSERT_TRUE(birth && birth->items.size() == 1);
    EXPECT_EQ(core::format_day(core::hk_day_of(birth->items[0].index.effective_at)),
              *scheduling::date_of_birth(c, child_));
  });
}

INSTANTIATE_TEST_SUITE_P(Engines, DemoRecords, ::testing::ValuesIn(yq::testing::backends()),
                         yq::testing::BackendName{});

}  // namespace
}  // namespace yq::records
