#include "audit/audit_log.hpp"

#include <gtest/gtest.h>

#include <thread>

#include "support/test_databases.hpp"

namespace yq::audit {
namespace {

using yq::testing::Backend;

class AuditLog : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    std::string skip;
    db_ = yq::testing::fresh_database(GetParam(), skip, 8);
    if (!db_) GTEST_SKIP() << skip;
  }
  void add(const std::string& action, const std::string& actor = "acct") {
    db_->write([&](store::Connection& c) {
      Event e;
      e.actor_id = actor;
      e.action = action;
      e.ip = "192.0.2.1";
      record(c, clock_, e);
    });
  }
  // Tampering needs the append-only triggers out of the way first, as an attacker with database
  // access would do.
  void tamper(const std::string& sql) {
    db_->write([&](store::Connection& c) {
      if (GetParam() == Backend::sqlite) {
        c.execute_script(
            "DROP TRIGGER audit_events_no_update; DROP TRIGGER audit_events_no_delete;");
      } else {
        c.execute_script("ALTER TABLE audit_events DISABLE TRIGGER USER;");
      }
      c.execute_script(sql);
    });
  }

  core::ManualClock clock_{1'800'000'000};
  std::unique_ptr<store::Database> db_;
};

TEST_P(AuditLog, AnIntactChainVerifies) {
  for (int i = 0; i < 25; ++i) add("auth.sign_in");
  const auto report = verify(*db_);
  EXPECT_TRUE(report.ok) << report.problem;
  EXPECT_EQ(report.events, 25);
}

TEST_P(AuditLog, TheDatabaseRefusesEditsAndDeletes) {
  add("auth.sign_in");
  EXPECT_THROW(
      db_->write([](store::Connection& c) { c.execute("UPDATE audit_events SET actor_id = 'x'"); }),
      store::DbError);
  EXPECT_THROW(db_->write([](store::Connection& c) { c.execute("DELETE FROM audit_events"); }),
               store::DbError);
  EXPECT_TRUE(verify(*db_).ok);
}

TEST_P(AuditLog, AnEditedEventIsFound) {
  for (int i = 0; i < 5; ++i) add("record.read");
  tamper("UPDATE audit_events SET actor_id = 'someone-else' WHERE seq = 3");
  const auto report = verify(*db_);
  EXPECT_FALSE(report.ok);
  EXPECT_EQ(report.first_bad_seq, 3);
  EXPECT_EQ(report.events, 2);
}

TEST_P(AuditLog, ADeletedEventIsFound) {
  for (int i = 0; i < 5; ++i) add("record.read");
  tamper("DELETE FROM audit_events WHERE seq = 2");
  const auto report = verify(*db_);
  EXPECT_FALSE(report.ok);
  EXPECT_EQ(report.first_bad_seq, 2);
}

TEST_P(AuditLog, CuttingOffTheNewestEventsIsFound) {
  for (int i = 0; i < 5; ++i) add("record.read");
  tamper("DELETE FROM audit_events WHERE seq >= 4");
  const auto report = verify(*db_);
  EXPECT_FALSE(report.ok);
  EXPECT_EQ(report.first_bad_seq, 4);
}

TEST_P(AuditLog, ARecomputedHashStillBreaksTheChain) {
  for (int i = 0; i < 4; ++i) add("record.read");
  // An attacker who edits an event and fixes its own hash breaks the link to the next one.
  auto events = db_->read([](store::Connection& c) { return list(c, 0, 10); });
  const auto& second = events.at(2);  // seq 2
  Event forged = second.event;
  forged.actor_id = "forged";
  const auto forged_hash = chain_hash(second.prev_hash, second.seq, second.at, forged);
  tamper("UPDATE audit_events SET actor_id = 'forged', hash = '" + forged_hash + "' WHERE seq = 2");
  const auto report = verify(*db_);
  EXPECT_FALSE(report.ok);
  EXPECT_EQ(report.first_bad_seq, 3);
}

TEST_P(AuditLog, ConcurrentWritersKeepOneUnbrokenChain) {
  std::vector<std::thread> threads;
  for (int t = 0; t < 6; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 20; ++i) add("concurrent", "actor" + std::to_string(t));
    });
  }
  for (auto& th : threads) th.join();
  const auto report = verify(*db_);
  EXPECT_TRUE(report.ok) << report.problem;
  EXPECT_EQ(report.events, 120);
}

INSTANTIATE_TEST_SUITE_P(Backends, AuditLog, ::testing::ValuesIn(yq::testing::backends()),
                         yq::testing::BackendName{});

}  // namespace
}  // namespace yq::audit
