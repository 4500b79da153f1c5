// Finding: "%" and "_" in the diagnosis search acted as wildcards. The ICD-10 table (migration 010)
// holds no code or name with either character, so a search for them must find nothing.
#include <gtest/gtest.h>

#include "records/clinical_notes.hpp"
#include "store/like.hpp"
#include "support/test_databases.hpp"

namespace yq::records {
namespace {

using yq::testing::Backend;

class DiagnosisSearch : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    std::string skip;
    db_ = yq::testing::fresh_database(GetParam(), skip, 2);
    if (!db_) GTEST_SKIP() << skip;
  }
  boost::json::array search(const std::string& q) {
    return db_->read([&](store::Connection& c) { return search_diagnoses(c, q, 50); });
  }
  std::unique_ptr<store::Database> db_;
};

TEST_P(DiagnosisSearch, PercentAndUnderscoreAreNotWildcards) {
  ASSERT_FALSE(search("J06").empty()) << "the search itself works";
  EXPECT_TRUE(search("%").empty());
  EXPECT_TRUE(search("_").empty());
  EXPECT_TRUE(search("J_6").empty());
  EXPECT_TRUE(search("J%").empty());
  EXPECT_TRUE(search("\\").empty());
}

TEST_P(DiagnosisSearch, LikeContainsMatchesItsTextLiterallyOnEveryEngine) {
  db_->write([](store::Connection& c) {
    c.execute_script("CREATE TABLE like_probe (v TEXT NOT NULL)");
    for (const char* v : {"100% sure", "100 sure", "a_b", "axb", "back\\slash", "backslash"})
      c.execute("INSERT INTO like_probe (v) VALUES (?)", {v});
  });
  const auto matches = [&](const std::string& text) {
    return db_->read([&](store::Connection& c) {
      std::vector<std::string> out;
      for (const auto& r : c.query(std::string("SELECT v FROM like_probe WHERE v LIKE ?") +
                                       store::kLikeEscape + " ORDER BY v",
                                   {store::like_contains(text)}))
        out.push_back(r.text(0));
      return out;
    });
  };
  EXPECT_EQ(matches("%"), std::vector<std::string>{"100% sure"});
  EXPECT_EQ(matches("_"), std::vector<std::string>{"a_b"});
  EXPECT_EQ(matches("\\"), std::vector<std::string>{"back\\slash"});
  EXPECT_EQ(matches("sure").size(), 2u);
}

INSTANTIATE_TEST_SUITE_P(Engines, DiagnosisSearch, ::testing::ValuesIn(yq::testing::backends()),
                         yq::testing::BackendName{});

}  // namespace
}  // namespace yq::records
