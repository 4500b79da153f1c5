// Schema migrations: file naming, per-dialect selection, and applying them to a real database.
#include "store/migrations.hpp"

#include <gtest/gtest.h>

#include <future>
#include <set>

#include "unit/store/backend_fixture.hpp"

namespace yq::store {
namespace {

using testkit::BackendTest;

TEST(MigrationsFor, PicksEachDialectsFilesAndRunsSharedSqlFirst) {
  // In the order the build embeds them (sorted by name): the PostgreSQL file sorts before the
  // shared one, yet its statements (triggers on the shared table) must run after it.
  const std::vector<MigrationFile> files = {
      {"001_base.sql", "CREATE TABLE a (x INTEGER);"},
      {"002_extra.postgresql.sql", "-- pg only"},
      {"002_extra.sql", "CREATE TABLE b (x INTEGER);"},
      {"002_extra.sqlite.sql", "-- sqlite only"},
      {"003_pg_only.postgresql.sql", "-- later pg only"},
  };
  const auto sqlite = migrations_for(Dialect::sqlite, files);
  const auto pg = migrations_for(Dialect::postgresql, files);
  ASSERT_EQ(sqlite.size(), 3u);
  ASSERT_EQ(pg.size(), 3u);
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(sqlite[i].version, static_cast<int>(i + 1));
    EXPECT_EQ(pg[i].version, static_cast<int>(i + 1));
  }
  EXPECT_EQ(sqlite[1].name, "extra");
  EXPECT_EQ(pg[2].name, "pg_only");

  EXPECT_NE(sqlite[1].sql.find("sqlite only"), std::string::npos);
  EXPECT_EQ(sqlite[1].sql.find("pg only"), std::string::npos);
  EXPECT_EQ(sqlite[2].sql.find("later pg only"), std::string::npos)
      << "a version with no file for SQLite is still numbered, and empty";
  EXPECT_NE(pg[1].sql.find("pg only"), std::string::npos);
  EXPECT_EQ(pg[1].sql.find("sqlite only"), std::string::npos);

  EXPECT_LT(sqlite[1].sql.find("CREATE TABLE b"), sqlite[1].sql.find("sqlite only"));
  EXPECT_LT(pg[1].sql.find("CREATE TABLE b"), pg[1].sql.find("pg only"));
}

TEST(MigrationsFor, RefusesMalformedNames) {
  for (const char* bad :
       {"1_a.sql", "0001_a.sql", "001-a.sql", "001_a.txt", "001_a.mysql.sql", "abc_a.sql"}) {
    EXPECT_THROW(migrations_for(Dialect::sqlite, {{bad, ""}}), std::logic_error) << bad;
  }
  EXPECT_THROW(migrations_for(Dialect::sqlite, {{"001_a.sql", ""}, {"001_b.sql", ""}}),
               std::logic_error);
}

TEST(MigrationsFor, EmbeddedFilesAreNumberedWithoutGaps) {
  for (const Dialect d : {Dialect::sqlite, Dialect::postgresql}) {
    const auto ms = migrations_for(d, migration_files());
    ASSERT_FALSE(ms.empty());
    for (std::size_t i = 0; i < ms.size(); ++i) {
      EXPECT_EQ(ms[i].version, static_cast<int>(i + 1));
      EXPECT_FALSE(ms[i].name.empty());
    }
  }
}

class MigrateTest : public BackendTest {
 protected:
  std::vector<Migration> expected() { return migrations_for(db_->dialect(), migration_files()); }
  std::int64_t scalar(const std::string& sql, const Params& params = {}) {
    return db_->read([&](Connection& c) { return c.query_one(sql, params)->i64(0); });
  }
};

TEST_P(MigrateTest, AppliesEachOnceAndRecordsIt) {
  const auto ms = expected();
  EXPECT_EQ(current_schema_version(*db_), 0);
  EXPECT_EQ(migrate(*db_), static_cast<int>(ms.size()));
  EXPECT_EQ(current_schema_version(*db_), ms.back().version);

  const Rows rows = db_->read([](Connection& c) {
    return c.query("SELECT version, name, applied_at FROM schema_migrations ORDER BY version");
  });
  ASSERT_EQ(rows.size(), ms.size());
  for (std::size_t i = 0; i < ms.size(); ++i) {
    EXPECT_EQ(rows[i].i64(0), ms[i].version);
    EXPECT_EQ(rows[i].text(1), ms[i].name);
    EXPECT_GT(rows[i].i64(2), 1'700'000'000) << "applied_at is UTC seconds";
  }

  // Idempotent: again, and from a fresh pool as after a restart.
  EXPECT_EQ(migrate(*db_), 0);
  EXPECT_EQ(migrate(*open(1)), 0);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM schema_migrations"), static_cast<std::int64_t>(ms.size()));
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM audit_head"), 1) << "seed rows are inserted once";
}

TEST_P(MigrateTest, NodesStartingTogetherApplyEachMigrationOnce) {
  auto other = open(2);
  auto a = std::async(std::launch::async, [&] { return migrate(*db_); });
  auto b = std::async(std::launch::async, [&] { return migrate(*other); });
  int applied = 0;
  EXPECT_NO_THROW(applied = a.get() + b.get());
  EXPECT_EQ(applied, static_cast<int>(expected().size()));
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM schema_migrations"),
            static_cast<std::int64_t>(expected().size()));
}

TEST_P(MigrateTest, DialectFilesApplyOnlyToTheirEngine) {
  migrate(*db_);
  // Each engine has its own spelling of the audit triggers, and only its own.
  if (postgres()) {
    // This test's schema only: a run that crashed leaves its schema behind in the same database.
    const char* trigger =
        "SELECT COUNT(*) FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
        "WHERE c.relnamespace = current_schema()::regnamespace AND t.tgname = ?";
    EXPECT_EQ(scalar(trigger, {"audit_events_no_truncate"}), 1);
    EXPECT_EQ(scalar(trigger, {"audit_events_no_delete"}), 0);
    EXPECT_EQ(scalar("SELECT COUNT(*) FROM pg_proc WHERE pronamespace = "
                     "current_schema()::regnamespace AND proname = 'audit_events_append_only'"),
              1);
  } else {
    const char* sql = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger' AND name = ?";
    EXPECT_EQ(scalar(sql, {"audit_events_no_update"}), 1);
    EXPECT_EQ(scalar(sql, {"audit_events_no_delete"}), 1);
    EXPECT_EQ(scalar(sql, {"audit_events_no_truncate"}), 0);
  }
}

TEST_P(MigrateTest, AuditEventsRefuseUpdateAndDelete) {
  migrate(*db_);
  db_->write([](Connection& c) {
    c.execute(
        "INSERT INTO audit_events (seq, at, action, outcome, prev_hash, hash) VALUES (?, ?, ?, ?, "
        "?, ?)",
        {1, 1'800'000'000, "record.read", "success", "0", "abc"});
  });
  auto refused = [&](const std::string& sql) {
    try {
      db_->write([&](Connection& c) { c.execute(sql); });
      ADD_FAILURE() << "allowed: " << sql;
    } catch (const DbError& e) {
      EXPECT_NE(std::string(e.what()).find("append-only"), std::string::npos) << e.what();
    }
  };
  refused("UPDATE audit_events SET outcome = 'denied' WHERE seq = 1");
  refused("UPDATE audit_events SET hash = 'forged'");
  refused("DELETE FROM audit_events WHERE seq = 1");
  refused("DELETE FROM audit_events");
  if (postgres()) refused("TRUNCATE audit_events");

  const Row row = *db_->read([](Connection& c) {
    return c.query_one("SELECT COUNT(*), MIN(outcome), MIN(hash) FROM audit_events");
  });
  EXPECT_EQ(row.i64(0), 1);
  EXPECT_EQ(row.text(1), "success");
  EXPECT_EQ(row.text(2), "abc");
  // Appending still works.
  db_->write([](Connection& c) {
    c.execute(
        "INSERT INTO audit_events (seq, at, action, outcome, prev_hash, hash) VALUES (?, ?, ?, ?, "
        "?, ?)",
        {2, 1'800'000'001, "record.read", "denied", "abc", "def"});
  });
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM audit_events"), 2);
}

YQ_INSTANTIATE_ON_ALL_BACKENDS(MigrateTest);

}  // namespace
}  // namespace yq::store
