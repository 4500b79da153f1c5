// The doctor directory on each engine: search by name (either script), specialty, language and
// organisation, what a page shows of each doctor, and a doctor leaving it (role taken away,
// account disabled, organisation closed) or changing what they speak.
#include <gtest/gtest.h>

#include "scheduling/directory/directory.hpp"
#include "unit/scheduling/fixture.hpp"

namespace yq::scheduling {
namespace {

using testing::SchedulingTest;

class DirectoryTest : public SchedulingTest {
 protected:
  void SetUp() override {
    SchedulingTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    db_->write([&](store::Connection& c) {
      clinic_ = add_org(c, "Harbour Clinic");
      hospital_ = add_org(c, "Kowloon Hospital", "public_hospital", "kowloon");
      chan_ = add_doctor(c, "Chan Tai Man", clinic_, "陳大文", {"paediatrics", "general_practice"},
                         {"yue", "en"});
      wong_ = add_doctor(c, "Wong Siu Ming", clinic_, "王小明", {"cardiology"}, {"en", "cmn"});
      lee_ = add_doctor(c, "Lee Ka Yan", hospital_, "李家欣", {"general_practice"}, {"yue"});
    });
    directory_ = std::make_unique<Directory>(*env_);
  }

  // The ids a search answers, in its order.
  std::vector<std::string> found(DirectoryQuery q) {
    const auto r = directory_->search(q);
    EXPECT_TRUE(r) << "search failed";
    std::vector<std::string> out;
    if (!r) return out;
    for (const auto& item : r->at("items").as_array()) out.emplace_back(item.at("id").as_string());
    return out;
  }
  static DirectoryQuery text(std::string t) {
    DirectoryQuery q;
    q.text = std::move(t);
    return q;
  }
  static DirectoryQuery specialty(std::string s) {
    DirectoryQuery q;
    q.specialty = std::move(s);
    return q;
  }
  static DirectoryQuery language(std::string l) {
    DirectoryQuery q;
    q.language = std::move(l);
    return q;
  }

  std::unique_ptr<Directory> directory_;
  std::string clinic_, hospital_, chan_, wong_, lee_;
};

using Ids = std::vector<std::string>;

TEST_P(DirectoryTest, ListsEveryDoctorInNameOrderWithTheirProfile) {
  EXPECT_EQ(found({}), (Ids{chan_, lee_, wong_}));
  const auto r = directory_->search({});
  ASSERT_TRUE(r);
  const auto& chan = r->at("items").as_array()[0].as_object();
  EXPECT_EQ(chan.at("display_name").as_string(), "Chan Tai Man");
  EXPECT_EQ(chan.at("title").as_string(), "Dr");
  EXPECT_EQ(chan.at("name_zh").as_string(), "陳大文");
  EXPECT_EQ(chan.at("fee_cents").as_int64(), 38000);
  EXPECT_EQ(chan.at("currency").as_string(), "HKD");
  EXPECT_FALSE(chan.at("has_photo").as_bool());
  EXPECT_TRUE(chan.at("next_free_slot").is_null()) << "no schedule, no free slot";
  const auto& org = chan.at("organisation").as_object();
  EXPECT_EQ(org.at("id").as_string(), clinic_);
  EXPECT_EQ(org.at("name").at("en").as_string(), "Harbour Clinic");
  EXPECT_EQ(org.at("name").at("zh-Hant").as_string(), "診所");
  EXPECT_EQ(org.at("region").as_string(), "hong_kong");
  EXPECT_EQ(chan.at("specialties"), (boost::json::array{"general_practice", "paediatrics"}));
  EXPECT_EQ(chan.at("languages"), (boost::json::array{"en", "yue"}));
  EXPECT_TRUE(r->at("next_offset").is_null());
}

TEST_P(DirectoryTest, SearchesByNameInEitherScript) {
  EXPECT_EQ(found(text("chan")), Ids{chan_});
  EXPECT_EQ(found(text("Siu Ming")), Ids{wong_});
  EXPECT_EQ(found(text("陳大文")), Ids{chan_});
  EXPECT_EQ(found(text("陈大文")), Ids{chan_}) << "Simplified finds the Traditional name";
  EXPECT_EQ(found(text("nobody")), Ids{});
}

TEST_P(DirectoryTest, FiltersBySpecialtyLanguageAndOrganisation) {
  EXPECT_EQ(found(specialty("general_practice")), (Ids{chan_, lee_}));
  EXPECT_EQ(found(specialty("dermatology")), Ids{});
  EXPECT_EQ(found(language("yue")), (Ids{chan_, lee_}));
  EXPECT_EQ(found(language("cmn")), Ids{wong_});
  // A name search filters on specialty without starting from its index.
  auto q = text("wong");
  q.specialty = "cardiology";
  EXPECT_EQ(found(q), Ids{wong_});
  q.specialty = "general_practice";
  EXPECT_EQ(found(q), Ids{});
  q = specialty("general_practice");
  q.language = "en";
  EXPECT_EQ(found(q), Ids{chan_});
  q = {};
  q.organisation_id = hospital_;
  EXPECT_EQ(found(q), Ids{lee_});
  q = {};
  q.region = "kowloon";
  EXPECT_EQ(found(q), Ids{lee_});
}

TEST_P(DirectoryTest, PagesDoNotOverlap) {
  DirectoryQuery q;
  q.limit = 2;
  const auto first = directory_->search(q);
  ASSERT_TRUE(first);
  EXPECT_EQ(first->at("items").as_array().size(), 2u);
  ASSERT_EQ(first->at("next_offset").as_int64(), 2);
  q.offset = 2;
  EXPECT_EQ(found(q), Ids{wong_});
}

TEST_P(DirectoryTest, ADoctorWhoLosesTheRoleLeavesIt) {
  ASSERT_EQ(found(specialty("cardiology")), Ids{wong_});
  db_->write([&](store::Connection& c) {
    c.execute("DELETE FROM account_roles WHERE account_id = ? AND role = 'doctor'", {wong_});
  });
  EXPECT_EQ(found({}), (Ids{chan_, lee_}));
  EXPECT_EQ(found(specialty("cardiology")), Ids{});
  EXPECT_EQ(found(text("wong")), Ids{});
  // The role back: listed again.
  db_->write([&](store::Connection& c) { grant(c, wong_, "doctor", clinic_); });
  EXPECT_EQ(found(specialty("cardiology")), Ids{wong_});
}

TEST_P(DirectoryTest, ADisabledAccountOrAClosedOrganisationLeavesIt) {
  db_->write([&](store::Connection& c) {
    c.execute("UPDATE accounts SET status = 'disabled' WHERE id = ?", {chan_});
  });
  EXPECT_EQ(found({}), (Ids{lee_, wong_}));
  db_->write([&](store::Connection& c) {
    c.execute("UPDATE organisations SET active = 0 WHERE id = ?", {hospital_});
  });
  EXPECT_EQ(found({}), Ids{wong_});
}

TEST_P(DirectoryTest, FollowsAChangeOfLanguagesAndSpecialties) {
  ASSERT_EQ(found(language("cmn")), Ids{wong_});
  db_->write([&](store::Connection& c) {
    // As identity saves a profile: the lists are replaced.
    c.execute("DELETE FROM doctor_languages WHERE account_id = ?", {wong_});
    c.execute("INSERT INTO doctor_languages (account_id, language) VALUES (?, 'yue')", {wong_});
    c.execute("DELETE FROM doctor_specialties WHERE account_id = ?", {lee_});
    c.execute("INSERT INTO doctor_specialties (account_id, specialty) VALUES (?, 'psychiatry')",
              {lee_});
  });
  EXPECT_EQ(found(language("cmn")), Ids{});
  EXPECT_EQ(found(language("yue")), (Ids{chan_, lee_, wong_}));
  EXPECT_EQ(found(specialty("general_practice")), Ids{chan_});
  EXPECT_EQ(found(specialty("psychiatry")), Ids{lee_});
  const auto r = directory_->search(text("wong"));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->at("items").as_array()[0].at("languages"), boost::json::array{"yue"});
}

YQ_INSTANTIATE_ON_ALL_BACKENDS(DirectoryTest);

}  // namespace
}  // namespace yq::scheduling
