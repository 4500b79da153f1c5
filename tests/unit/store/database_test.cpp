// The storage interface as services use it, on SQLite and (when configured) PostgreSQL.
#include "store/database.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <latch>
#include <limits>
#include <mutex>
#include <thread>

#include "store/in_list.hpp"
#include "store/postgres/postgres_database.hpp"
#include "unit/store/backend_fixture.hpp"

namespace yq::store {
namespace {

using testkit::BackendTest;

class DatabaseTest : public BackendTest {
 protected:
  void create(const std::string& ddl) {
    db_->write([&](Connection& c) { c.execute_script(ddl); });
  }
  std::int64_t count(const std::string& table) {
    return db_->read(
        [&](Connection& c) { return c.query_one("SELECT COUNT(*) FROM " + table)->i64(0); });
  }
};

// Runs fn, expects it to throw DbError with the given code and returns the error.
template <class F>
DbError expect_db_error(DbErrc code, F&& fn) {
  try {
    fn();
  } catch (const DbError& e) {
    EXPECT_EQ(static_cast<int>(e.code()), static_cast<int>(code)) << e.what();
    return e;
  }
  ADD_FAILURE() << "no DbError thrown";
  return DbError(DbErrc::other, "");
}

struct FakeResult {  // shaped like core::Result: transaction() rolls back when has_error()
  bool error = false;
  int value = 0;
  bool has_error() const { return error; }
};

TEST_P(DatabaseTest, RoundTripsEveryValueType) {
  create("CREATE TABLE vals (k INTEGER PRIMARY KEY, i BIGINT, d DOUBLE PRECISION, s TEXT)");
  const std::string chinese = "醫生視像診症：預約已確認 ✓ 🩺 医生";
  const std::string awkward = "it's \"quoted\", has ? and $1 and \\ and a\nnewline";
  db_->write([&](Connection& c) {
    const char* insert = "INSERT INTO vals (k, i, d, s) VALUES (?, ?, ?, ?)";
    EXPECT_EQ(c.execute(insert, {1, std::numeric_limits<std::int64_t>::max(), 3.25, chinese}), 1);
    EXPECT_EQ(c.execute(insert, {2, std::numeric_limits<std::int64_t>::min(), -1e300, ""}), 1);
    EXPECT_EQ(c.execute(insert, {3, nullptr, std::nullopt, std::optional<std::string>{}}), 1);
    EXPECT_EQ(c.execute(insert, {4, true, 1.0 / 3.0, awkward}), 1);
    EXPECT_EQ(c.execute(insert, {5, std::optional<long>(-1), 0.0, std::string_view("view")}), 1);
  });

  const Rows rows =
      db_->read([](Connection& c) { return c.query("SELECT k, i, d, s FROM vals ORDER BY k"); });
  ASSERT_EQ(rows.size(), 5u);
  EXPECT_EQ(rows[0].i64(1), std::numeric_limits<std::int64_t>::max());
  EXPECT_EQ(rows[0].f64(2), 3.25);
  EXPECT_EQ(rows[0].text(3), chinese);
  EXPECT_EQ(rows[1].i64(1), std::numeric_limits<std::int64_t>::min());
  EXPECT_EQ(rows[1].f64(2), -1e300);
  EXPECT_EQ(rows[1].text(3), "");
  EXPECT_FALSE(rows[1].is_null(3)) << "an empty string is not NULL";
  for (std::size_t col = 1; col <= 3; ++col) {
    EXPECT_TRUE(rows[2].is_null(col)) << col;
    EXPECT_EQ(rows[2].opt_text(col), std::nullopt);
    EXPECT_EQ(rows[2].opt_i64(col), std::nullopt);
  }
  EXPECT_EQ(rows[2].i64(1), 0) << "NULL reads as 0";
  EXPECT_EQ(rows[2].text(3), "") << "NULL reads as an empty string";
  EXPECT_TRUE(rows[3].boolean(1));
  EXPECT_EQ(rows[3].f64(2), 1.0 / 3.0) << "doubles round-trip exactly";
  EXPECT_EQ(std::stod(rows[3].text(2)), 1.0 / 3.0) << "also through text()";
  EXPECT_EQ(rows[3].text(3), awkward);
  EXPECT_EQ(rows[4].opt_i64(1), -1);
  EXPECT_EQ(rows[4].text(3), "view");

  // Looking a row up by a Chinese value finds it (parameters are compared as UTF-8 text).
  const auto found = db_->read(
      [&](Connection& c) { return c.query_one("SELECT k FROM vals WHERE s = ?", {chinese}); });
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->i64(0), 1);
}

TEST_P(DatabaseTest, ExpressionsAndParametersReadBackTyped) {
  const Row row = *db_->read([](Connection& c) {
    return c.query_one("SELECT 1 + 1, 2.5, 'x', NULL, 1 = 1, 1 = 0, ?, ?, ?", {42, 0.5, "中文"});
  });
  ASSERT_EQ(row.size(), 9u);
  EXPECT_EQ(row.i64(0), 2);
  EXPECT_EQ(row.f64(1), 2.5);
  EXPECT_EQ(row.text(1), "2.5") << "a double reads as its shortest exact text";
  EXPECT_EQ(row.text(2), "x");
  EXPECT_TRUE(row.is_null(3));
  EXPECT_TRUE(row.boolean(4)) << "a comparison reads as boolean on both engines";
  EXPECT_FALSE(row.boolean(5));
  EXPECT_EQ(row.i64(6), 42);
  EXPECT_EQ(row.text(6), "42");
  EXPECT_EQ(row.f64(7), 0.5);
  EXPECT_EQ(row.text(8), "中文");
  EXPECT_FALSE(
      db_->read([](Connection& c) { return c.query_one("SELECT 1 WHERE 1 = 0"); }).has_value());
}

TEST_P(DatabaseTest, InListBindsEachValueOnceAndAnEmptyListMatchesNothing) {
  create("CREATE TABLE t (id TEXT PRIMARY KEY, n INTEGER NOT NULL)");
  db_->write([](Connection& c) {
    c.execute("INSERT INTO t (id, n) VALUES ('a', 1), ('b', 2), ('c', 3)");
  });
  const auto ids = [&](const std::vector<std::string>& values) {
    return db_->read([&](Connection& c) {
      Params params;
      const std::string list = in_list(values, params);
      params.emplace_back(std::int64_t{3});  // a parameter after the list keeps its place
      std::vector<std::string> out;
      for (const auto& r :
           c.query("SELECT id FROM t WHERE id IN " + list + " AND n < ? ORDER BY id", params))
        out.push_back(r.text(0));
      return std::make_pair(out, params.size());
    });
  };
  const auto many = ids({"b", "a", "b", "b", "nobody", "a", "c"});
  EXPECT_EQ(many.first, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(many.second, 5u) << "a, b, nobody, c and the parameter after";
  const auto none = ids({});
  EXPECT_TRUE(none.first.empty());
  EXPECT_EQ(none.second, 1u);
}

TEST_P(DatabaseTest, ExecuteReturnsAffectedRows) {
  create("CREATE TABLE t (id TEXT PRIMARY KEY, n INTEGER NOT NULL)");
  db_->write([](Connection& c) {
    EXPECT_EQ(c.execute("INSERT INTO t (id, n) VALUES (?, ?)", {"a", 1}), 1);
    EXPECT_EQ(c.execute("INSERT INTO t (id, n) VALUES (?, ?), (?, ?)", {"b", 2, "c", 3}), 2);
    EXPECT_EQ(c.execute("UPDATE t SET n = n + 10 WHERE n >= ?", {2}), 2);
    EXPECT_EQ(c.execute("UPDATE t SET n = 0 WHERE id = ?", {"nobody"}), 0);
    EXPECT_EQ(c.execute("DELETE FROM t WHERE id = ?", {"a"}), 1);
  });
  EXPECT_EQ(count("t"), 2);
  EXPECT_EQ(db_->read([](Connection& c) { return c.query_one("SELECT SUM(n) FROM t")->i64(0); }),
            25);
}

TEST_P(DatabaseTest, ConstraintViolationsCarryTheirKind) {
  create(
      "CREATE TABLE parents (id TEXT PRIMARY KEY, email TEXT NOT NULL UNIQUE,"
      " age INTEGER NOT NULL CONSTRAINT parents_age_check CHECK (age >= 0));"
      "CREATE TABLE children (id TEXT PRIMARY KEY, parent_id TEXT NOT NULL REFERENCES "
      "parents(id));");
  const char* insert = "INSERT INTO parents (id, email, age) VALUES (?, ?, ?)";
  db_->write([&](Connection& c) { c.execute(insert, {"p1", "a@example.hk", 30}); });

  int calls = 0;
  auto insert_parent = [&](Params p) {
    return [&, p] { db_->write([&](Connection& c) { ++calls, c.execute(insert, p); }); };
  };
  DbError e = expect_db_error(DbErrc::unique_violation, insert_parent({"p2", "a@example.hk", 1}));
  EXPECT_NE(e.constraint().find("email"), std::string::npos) << e.constraint();
  EXPECT_EQ(calls, 1) << "a constraint violation is not retried";
  e = expect_db_error(DbErrc::unique_violation, insert_parent({"p1", "b@example.hk", 1}));
  EXPECT_FALSE(e.constraint().empty());

  e = expect_db_error(DbErrc::check_violation, insert_parent({"p3", "c@example.hk", -1}));
  EXPECT_EQ(e.constraint(), "parents_age_check");

  e = expect_db_error(DbErrc::not_null_violation, insert_parent({"p4", nullptr, 1}));
  EXPECT_EQ(e.constraint(), "parents.email");

  e = expect_db_error(DbErrc::foreign_key_violation, [&] {
    db_->write([](Connection& c) {
      c.execute("INSERT INTO children (id, parent_id) VALUES (?, ?)", {"c1", "nobody"});
    });
  });
  if (postgres()) {
    EXPECT_EQ(e.constraint(), "children_parent_id_fkey");
  }
  EXPECT_EQ(count("parents"), 1);
  EXPECT_EQ(count("children"), 0);
  // The message never quotes the refused values (they may be personal data).
  e = expect_db_error(DbErrc::unique_violation, insert_parent({"p5", "a@example.hk", 1}));
  EXPECT_EQ(std::string(e.what()).find("a@example.hk"), std::string::npos) << e.what();
}

TEST_P(DatabaseTest, TransactionThatThrowsIsRolledBack) {
  create("CREATE TABLE t (id TEXT PRIMARY KEY)");
  EXPECT_THROW(db_->write([](Connection& c) {
    c.execute("INSERT INTO t (id) VALUES (?)", {"a"});
    throw std::runtime_error("service failed half-way");
  }),
               std::runtime_error);
  EXPECT_EQ(count("t"), 0);

  EXPECT_THROW(db_->write([](Connection& c) {
    c.execute("INSERT INTO t (id) VALUES (?)", {"b"});
    c.execute("INSERT INTO t (id) VALUES (?)", {"b"});
  }),
               DbError);
  EXPECT_EQ(count("t"), 0) << "the first insert went with the failed second";

  // A returned error result rolls back too, and is handed back to the caller.
  FakeResult r = db_->write([](Connection& c) {
    c.execute("INSERT INTO t (id) VALUES (?)", {"c"});
    return FakeResult{true, 7};
  });
  EXPECT_TRUE(r.has_error());
  EXPECT_EQ(r.value, 7);
  EXPECT_EQ(count("t"), 0);

  r = db_->write([](Connection& c) {
    c.execute("INSERT INTO t (id) VALUES (?)", {"d"});
    return FakeResult{false, 8};
  });
  EXPECT_EQ(r.value, 8);
  EXPECT_EQ(count("t"), 1);

  // The connection that saw the failures is still usable.
  for (int i = 0; i < 8; ++i) EXPECT_TRUE(db_->ping());
}

// A service that catches a statement's error and carries on must never be told "committed" when
// nothing was: SQLite keeps the transaction (the failed statement alone is undone); PostgreSQL has
// aborted the whole transaction, so the commit must fail loudly.
TEST_P(DatabaseTest, CaughtStatementErrorNeverLosesWritesSilently) {
  create("CREATE TABLE t (id TEXT PRIMARY KEY)");
  auto fn = [](Connection& c) {
    c.execute("INSERT INTO t (id) VALUES (?)", {"a"});
    try {
      c.execute("INSERT INTO t (id) VALUES (?)", {"a"});
    } catch (const DbError&) {
    }
  };
  if (postgres()) {
    EXPECT_THROW(db_->write(fn), DbError);
    EXPECT_EQ(count("t"), 0);
  } else {
    db_->write(fn);
    EXPECT_EQ(count("t"), 1);
  }
}

TEST_P(DatabaseTest, TransactionsRetryOnBusy) {
  create(
      "CREATE TABLE acc (id TEXT PRIMARY KEY, n INTEGER NOT NULL);"
      "INSERT INTO acc (id, n) VALUES ('x', 1), ('y', 1);");
  std::atomic<int> attempts{0};
  if (!postgres()) {
    // A read transaction that writes (as read paths do to record audit events) after another
    // writer committed: its snapshot is stale and SQLite refuses the upgrade at once
    // (SQLITE_BUSY_SNAPSHOT). That must surface as busy and be retried, not reach the caller.
    std::latch a_has_read(1), b_committed(1);
    auto a = std::async(std::launch::async, [&] {
      db_->read([&](Connection& c) {
        const bool first = ++attempts == 1;
        c.query("SELECT n FROM acc WHERE id = 'x'");
        if (first) {
          a_has_read.count_down();
          b_committed.wait();
        }
        c.execute("UPDATE acc SET n = n + 1 WHERE id = 'x'");
      });
    });
    a_has_read.wait();
    db_->write([](Connection& c) { c.execute("UPDATE acc SET n = n + 1 WHERE id = 'x'"); });
    b_committed.count_down();
    EXPECT_NO_THROW(a.get());
    EXPECT_EQ(attempts.load(), 2);
  } else {
    // Two writers locking the same rows in opposite order: PostgreSQL aborts one (deadlock, 40P01)
    // and write() reruns it after the other commits.
    std::latch both_locked_first(2);
    auto worker = [&](const char* first_row, const char* second_row) {
      bool first_attempt = true;
      db_->write([&](Connection& c) {
        ++attempts;
        c.execute("UPDATE acc SET n = n + 1 WHERE id = ?", {first_row});
        if (first_attempt) {
          first_attempt = false;
          both_locked_first.arrive_and_wait();
        }
        c.execute("UPDATE acc SET n = n + 1 WHERE id = ?", {second_row});
      });
    };
    auto a = std::async(std::launch::async, worker, "x", "y");
    auto b = std::async(std::launch::async, worker, "y", "x");
    EXPECT_NO_THROW(a.get());
    EXPECT_NO_THROW(b.get());
    EXPECT_EQ(attempts.load(), 3) << "exactly one of the two was rerun";
    EXPECT_EQ(db_->read([](Connection& c) {
      return c.query_one("SELECT n FROM acc WHERE id = 'y'")->i64(0);
    }),
              3);
  }
  EXPECT_EQ(db_->read([](Connection& c) {
    return c.query_one("SELECT n FROM acc WHERE id = 'x'")->i64(0);
  }),
            3);
}

TEST_P(DatabaseTest, ConcurrentWritersAllSucceed) {
  create(
      "CREATE TABLE counter (id INTEGER PRIMARY KEY, n BIGINT NOT NULL);"
      "INSERT INTO counter (id, n) VALUES (1, 0);"
      "CREATE TABLE events (id TEXT PRIMARY KEY, thread INTEGER NOT NULL);");
  db_ = open(8);
  constexpr int kThreads = 8, kRounds = 40;
  std::mutex errors_mutex;
  std::vector<std::string> errors;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kRounds; ++i) {
        const std::string id = std::to_string(t) + "-" + std::to_string(i);
        try {
          if (i % 4 == 3) {
            // A read path that records an event, like an audited record view.
            db_->read([&](Connection& c) {
              c.query("SELECT n FROM counter WHERE id = 1");
              c.execute("INSERT INTO events (id, thread) VALUES (?, ?)", {id, t});
            });
          } else {
            db_->write([&](Connection& c) {
              c.execute("UPDATE counter SET n = n + 1 WHERE id = 1");
              c.execute("INSERT INTO events (id, thread) VALUES (?, ?)", {id, t});
            });
          }
        } catch (const std::exception& e) {
          std::lock_guard lock(errors_mutex);
          errors.push_back(e.what());
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_TRUE(errors.empty()) << errors.size() << " failed, first: " << errors.front();
  EXPECT_EQ(count("events"), kThreads * kRounds);
  EXPECT_EQ(db_->read([](Connection& c) { return c.query_one("SELECT n FROM counter")->i64(0); }),
            kThreads * kRounds * 3 / 4);
}

TEST_P(DatabaseTest, PingAndDescribe) {
  EXPECT_TRUE(db_->ping());
  EXPECT_EQ(db_->dialect(), postgres() ? Dialect::postgresql : Dialect::sqlite);
  EXPECT_TRUE(db_->describe().starts_with(postgres() ? "postgresql://" : "sqlite:"))
      << db_->describe();
}

TEST_P(DatabaseTest, ParameterCountMustMatch) {
  expect_db_error(DbErrc::other, [&] { db_->read([](Connection& c) { c.query("SELECT ?"); }); });
  expect_db_error(DbErrc::other,
                  [&] { db_->read([](Connection& c) { c.query("SELECT 1", {1}); }); });
  EXPECT_TRUE(db_->ping());
}

TEST_P(DatabaseTest, QuestionMarksInLiteralsAreNotParameters) {
  create("CREATE TABLE qm (\"q?\" TEXT, v TEXT)");
  db_->write([](Connection& c) {
    EXPECT_EQ(c.execute("INSERT INTO qm (\"q?\", v) VALUES ('it''s ?', ?) -- why?\n", {"p"}), 1);
  });
  const Row row = *db_->read([](Connection& c) {
    return c.query_one("SELECT \"q?\", v, 'what?' /* a ? here */ FROM qm WHERE v = ?", {"p"});
  });
  EXPECT_EQ(row.text(0), "it's ?");
  EXPECT_EQ(row.text(1), "p");
  EXPECT_EQ(row.text(2), "what?");
  if (postgres()) {
    const Row pg = *db_->read([](Connection& c) {
      return c.query_one("SELECT $$a?b$$, $tag$ ? $$ ? $tag$, E'\\'?', ?, /* ? /* ? */ ? */ ?",
                         {"one", "two"});
    });
    EXPECT_EQ(pg.text(0), "a?b");
    EXPECT_EQ(pg.text(1), " ? $$ ? ");
    EXPECT_EQ(pg.text(2), "'?");
    EXPECT_EQ(pg.text(3), "one");
    EXPECT_EQ(pg.text(4), "two");
  }
}

// Another node migrating changes a table this pool has cached statements for.
TEST_P(DatabaseTest, CachedStatementsSurviveSchemaChanges) {
  create("CREATE TABLE t (id TEXT PRIMARY KEY); INSERT INTO t (id) VALUES ('a');");
  db_ = open(1);
  auto read_all = [&] {
    return db_->read([](Connection& c) { return c.query("SELECT * FROM t"); });
  };
  ASSERT_EQ(read_all().at(0).size(), 1u);
  open(1)->write([](Connection& c) {
    c.execute_script("ALTER TABLE t ADD COLUMN note TEXT NOT NULL DEFAULT 'n'");
  });
  Rows rows;
  ASSERT_NO_THROW(rows = read_all());
  ASSERT_EQ(rows.at(0).size(), 2u);
  EXPECT_EQ(rows[0].text(1), "n");
}

TEST_P(DatabaseTest, DroppedConnectionIsReplaced) {
  if (!postgres()) GTEST_SKIP() << "SQLite has no server connection to lose";
  db_ = open(1);
  const std::int64_t pid =
      db_->read([](Connection& c) { return c.query_one("SELECT pg_backend_pid()")->i64(0); });
  // pg_terminate_backend takes an int4: '?' parameters are int8, so the SQL casts.
  EXPECT_TRUE(open(1)->read([&](Connection& c) {
    return c.query_one("SELECT pg_terminate_backend(CAST(? AS INTEGER))", {pid})->boolean(0);
  }));
  std::int64_t new_pid = 0;
  EXPECT_NO_THROW(new_pid = db_->read([](Connection& c) {
    return c.query_one("SELECT pg_backend_pid()")->i64(0);
  }));
  EXPECT_NE(new_pid, pid);
  EXPECT_TRUE(db_->ping());
}

TEST_P(DatabaseTest, DescribeNeverShowsThePassword) {
  if (!postgres()) GTEST_SKIP() << "SQLite URLs carry no password";
  const auto at = base_url_.find('@');
  ASSERT_NE(at, std::string::npos) << "expected a URL with a user: " << base_url_;
  // The throwaway cluster trusts loopback, so the password is accepted and ignored.
  const std::string url = base_url_.substr(0, at) + ":Hunter2-secret@" + base_url_.substr(at + 1);
  auto db = open_database(url, 1);
  EXPECT_TRUE(db->ping());
  EXPECT_EQ(db->describe().find("Hunter2"), std::string::npos) << db->describe();
}

YQ_INSTANTIATE_ON_ALL_BACKENDS(DatabaseTest);

// No server needed: these fail before or while connecting.
TEST(PostgresOpen, ConnectionErrorsNeverShowThePassword) {
  const DbError e = expect_db_error(DbErrc::connection, [] {
    postgres::open("postgresql://yq:Hunter2-secret@127.0.0.1:1/yiqiao?connect_timeout=2", 1);
  });
  EXPECT_EQ(std::string(e.what()).find("Hunter2"), std::string::npos) << e.what();

  try {
    postgres::open("postgresql://yq:Hunter2%zz-secret@127.0.0.1:1/yiqiao", 1);
    ADD_FAILURE() << "a malformed URL was accepted";
  } catch (const std::exception& e) {
    EXPECT_EQ(std::string(e.what()).find("Hunter2"), std::string::npos) << e.what();
  }
}

TEST(OpenDatabase, RejectsUnknownSchemes) {
  EXPECT_THROW(open_database("mysql://localhost/db", 1), std::invalid_argument);
}

}  // namespace
}  // namespace yq::store
