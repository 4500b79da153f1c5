// Finding: every unauthenticated request (a sign-in to an unknown address, a reset for one) wrote
// its own audit row under the write lock. They are summed in memory and written per bucket.
#include "audit/anonymous_tally.hpp"

#include <gtest/gtest.h>

#include "support/test_databases.hpp"

namespace yq::audit {
namespace {

using yq::testing::Backend;

class Tally : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    std::string skip;
    db_ = yq::testing::fresh_database(GetParam(), skip, 2);
    if (!db_) GTEST_SKIP() << skip;
  }
  static Event failed(const std::string& ip, const std::string& action = "auth.sign_in") {
    Event e;
    e.action = action;
    e.outcome = "failure";
    e.detail = "unknown account";
    e.ip = ip;
    return e;
  }
  std::int64_t rows() {
    return db_->read([](store::Connection& c) {
      return c.query_one("SELECT COUNT(*) FROM audit_events")->i64(0);
    });
  }
  core::ManualClock clock_{1'800'000'000};
  std::unique_ptr<store::Database> db_;
};

TEST_P(Tally, FiveHundredAnonymousFailuresBecomeOneRowPerBucket) {
  AnonymousTally tally(clock_);
  for (int i = 0; i < 500; ++i) {
    tally.note(failed("203.0.113.7", i % 2 ? "auth.sign_in" : "auth.password_reset_requested"));
    if (i % 100 == 0) clock_.advance(1);
  }
  EXPECT_EQ(rows(), 0) << "nothing written before the flush";
  EXPECT_EQ(tally.flush(*db_), 2u);
  EXPECT_EQ(rows(), 2);
  const auto events = db_->read([](store::Connection& c) { return list(c, 0, 10); });
  for (const auto& s : events) {
    EXPECT_EQ(s.event.actor_id, "");
    EXPECT_EQ(s.event.actor_role, "anonymous");
    EXPECT_EQ(s.event.ip, "203.0.113.7");
    EXPECT_EQ(s.event.outcome, "failure");
    EXPECT_EQ(s.event.detail.rfind("unknown account; count=250 from=2027-01-15T08:00:0", 0), 0u)
        << s.event.detail;
    EXPECT_NE(s.event.detail.find(" to=2027-01-15T08:00:05Z"), std::string::npos) << s.event.detail;
  }
  EXPECT_EQ(tally.flush(*db_), 0u) << "a flush empties the tally";
  EXPECT_TRUE(verify(*db_).ok);
}

TEST_P(Tally, ManyAddressesAreCappedAndTheRestSummed) {
  AnonymousTally tally(clock_, 10);
  for (int i = 0; i < 500; ++i) tally.note(failed("198.51.100." + std::to_string(i % 250)));
  EXPECT_EQ(tally.buckets(), 11u);
  EXPECT_EQ(tally.flush(*db_), 11u);
  const auto other = db_->read([](store::Connection& c) {
    return c.query_one("SELECT detail FROM audit_events WHERE ip = ?",
                       {AnonymousTally::kOtherAddresses});
  });
  ASSERT_TRUE(other);
  EXPECT_NE(other->text(0).find("count=480 "), std::string::npos) << other->text(0);
}

TEST_P(Tally, AFailedFlushKeepsTheCounts) {
  AnonymousTally tally(clock_);
  for (int i = 0; i < 3; ++i) tally.note(failed("192.0.2.9"));
  db_->write([](store::Connection& c) { c.execute("DELETE FROM audit_head"); });
  EXPECT_ANY_THROW(tally.flush(*db_));
  EXPECT_EQ(tally.buckets(), 1u);
}

INSTANTIATE_TEST_SUITE_P(Backends, Tally, ::testing::ValuesIn(yq::testing::backends()),
                         yq::testing::BackendName{});

}  // namespace
}  // namespace yq::audit
