#include "store/sqlite/sqlite_database.hpp"

#include <sqlite3.h>

#include <filesystem>
#include <mutex>
#include <unordered_map>

namespace yq::store::sqlite {

namespace {

DbErrc classify(int rc, int extended) {
  switch (extended) {
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY:
      return DbErrc::unique_violation;
    case SQLITE_CONSTRAINT_FOREIGNKEY:
      return DbErrc::foreign_key_violation;
    case SQLITE_CONSTRAINT_CHECK:
      return DbErrc::check_violation;
    case SQLITE_CONSTRAINT_NOTNULL:
      return DbErrc::not_null_violation;
    default:
      break;
  }
  // With extended result codes on, rc is extended too (SQLITE_BUSY_SNAPSHOT, SQLITE_LOCKED_...):
  // compare the primary code, or those retryable failures would be reported as "other".
  const int primary = rc & 0xff;
  if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) return DbErrc::busy;
  return DbErrc::other;
}

class SqliteConnection final : public Connection {
 public:
  SqliteConnection(const std::string& path, std::mutex& writer) : writer_(writer) {
    const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
      std::string msg = db_ ? sqlite3_errmsg(db_) : "out of memory";
      sqlite3_close(db_);
      throw DbError(DbErrc::connection, "cannot open SQLite database " + path + ": " + msg);
    }
    sqlite3_extended_result_codes(db_, 1);
    // Writers wait for each other instead of failing; transactions retry on top of this.
    sqlite3_busy_timeout(db_, 10000);
    // A 32 MiB page cache per connection (SQLite's default is 2 MB): at pandemic scale a search
    // touches the directory, token, profile and account pages of many doctors, and every page
    // read past the cache is a system call (bench/README.md, directory search). It fills only
    // as pages are read.
    try {
      execute_script(
          "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; "
          "PRAGMA temp_store=MEMORY; PRAGMA cache_size=-32768;");
    } catch (...) {
      sqlite3_close(db_);  // the destructor does not run for a constructor that throws
      throw;
    }
  }

  ~SqliteConnection() override {
    for (auto& [sql, stmt] : cache_) sqlite3_finalize(stmt);
    sqlite3_close(db_);
  }

  Rows query(std::string_view sql, const Params& params) override {
    sqlite3_stmt* stmt = prepare(sql, params);
    Rows rows;
    for (;;) {
      const int rc = sqlite3_step(stmt);
      if (rc == SQLITE_DONE) break;
      if (rc != SQLITE_ROW) fail(stmt, rc);
      const int n = sqlite3_column_count(stmt);
      std::vector<Value> cols;
      cols.reserve(static_cast<std::size_t>(n));
      for (int i = 0; i < n; ++i) {
        switch (sqlite3_column_type(stmt, i)) {
          case SQLITE_NULL:
            cols.emplace_back(Null{});
            break;
          case SQLITE_INTEGER:
            cols.emplace_back(static_cast<std::int64_t>(sqlite3_column_int64(stmt, i)));
            break;
          case SQLITE_FLOAT:
            cols.emplace_back(sqlite3_column_double(stmt, i));
            break;
          default: {
            const auto* p = reinterpret_cast<const char*>(sqlite3_column_blob(stmt, i));
            cols.emplace_back(
                std::string(p ? p : "", static_cast<std::size_t>(sqlite3_column_bytes(stmt, i))));
          }
        }
      }
      rows.emplace_back(std::move(cols));
    }
    sqlite3_reset(stmt);
    return rows;
  }

  std::int64_t execute(std::string_view sql, const Params& params) override {
    sqlite3_stmt* stmt = prepare(sql, params);
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
    }
    if (rc != SQLITE_DONE) fail(stmt, rc);
    sqlite3_reset(stmt);
    return sqlite3_changes64(db_);
  }

  void execute_script(std::string_view sql) override {
    std::string text(sql);
    char* err = nullptr;
    const int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
      std::string msg = err ? err : "unknown error";
      sqlite3_free(err);
      throw DbError(classify(rc, sqlite3_extended_errcode(db_)), msg);
    }
  }

  // Through the statement cache: parsing BEGIN and COMMIT anew cost a sixth of a small read
  // (bench/README.md).
  // Writers of this process queue on a mutex before BEGIN IMMEDIATE: SQLite's busy handler
  // polls with sleeps of up to 100 ms, so under a burst of writes some waited far longer than the
  // work in front of them (booking p99 near a second at 600/s, bench/README.md). The busy timeout
  // still covers writers in other processes.
  void begin(TxMode mode) override {
    if (mode == TxMode::write) {
      std::unique_lock lock(writer_);
      execute("BEGIN IMMEDIATE", {});
      holding_ = std::move(lock);
    } else {
      execute("BEGIN", {});
    }
  }
  void commit() override {
    execute("COMMIT", {});
    if (holding_.owns_lock()) holding_.unlock();
  }
  void rollback() noexcept override {
    if (!sqlite3_get_autocommit(db_)) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    if (holding_.owns_lock()) holding_.unlock();
  }
  bool healthy() override { return db_ != nullptr; }

 private:
  sqlite3_stmt* prepare(std::string_view sql, const Params& params) {
    std::string key(sql);
    sqlite3_stmt* stmt = nullptr;
    if (auto it = cache_.find(key); it != cache_.end()) {
      stmt = it->second;
    } else {
      const int rc = sqlite3_prepare_v3(db_, key.data(), static_cast<int>(key.size()),
                                        SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
      if (rc != SQLITE_OK) {
        throw DbError(classify(rc, sqlite3_extended_errcode(db_)),
                      std::string("SQLite prepare failed: ") + sqlite3_errmsg(db_) + " in: " + key);
      }
      // Bounded: statements are literals in our code, but never let the cache grow without limit.
      if (cache_.size() > 512) {
        for (auto& [s, st] : cache_) sqlite3_finalize(st);
        cache_.clear();
      }
      cache_.emplace(std::move(key), stmt);
    }
    sqlite3_clear_bindings(stmt);
    if (static_cast<int>(params.size()) != sqlite3_bind_parameter_count(stmt)) {
      throw DbError(DbErrc::other, "parameter count mismatch in: " + std::string(sql));
    }
    for (std::size_t i = 0; i < params.size(); ++i) {
      const int idx = static_cast<int>(i + 1);
      const Value& v = params[i].value();
      if (std::holds_alternative<Null>(v))
        sqlite3_bind_null(stmt, idx);
      else if (const auto* n = std::get_if<std::int64_t>(&v))
        sqlite3_bind_int64(stmt, idx, *n);
      else if (const auto* d = std::get_if<double>(&v))
        sqlite3_bind_double(stmt, idx, *d);
      else {
        const auto& s = std::get<std::string>(v);
        sqlite3_bind_text(stmt, idx, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
      }
    }
    return stmt;
  }

  [[noreturn]] void fail(sqlite3_stmt* stmt, int rc) {
    const int extended = sqlite3_extended_errcode(db_);
    std::string msg = sqlite3_errmsg(db_);
    sqlite3_reset(stmt);
    std::string constraint;
    // "UNIQUE constraint failed: bookings.slot_id" -> "bookings.slot_id"
    if (auto pos = msg.find("failed: "); pos != std::string::npos) constraint = msg.substr(pos + 8);
    throw DbError(classify(rc, extended), "SQLite: " + msg, constraint);
  }

  sqlite3* db_ = nullptr;
  std::unordered_map<std::string, sqlite3_stmt*> cache_;
  std::mutex& writer_;
  std::unique_lock<std::mutex> holding_;
};

class SqliteDatabase final : public Database {
 public:
  SqliteDatabase(std::string path, std::size_t pool_size)
      : Database(path == ":memory:" ? 1 : pool_size), path_(std::move(path)) {}
  Dialect dialect() const override { return Dialect::sqlite; }
  std::string describe() const override { return "sqlite:" + path_; }

 protected:
  std::unique_ptr<Connection> open_connection() override {
    return std::make_unique<SqliteConnection>(path_, writer_);
  }

 private:
  std::string path_;
  std::mutex writer_;  // one writing transaction of this process at a time
};

}  // namespace

std::unique_ptr<Database> open(const std::string& path, std::size_t pool_size) {
  if (path.empty()) throw std::invalid_argument("sqlite: needs a file path");
  if (path != ":memory:") {
    const auto parent = std::filesystem::path(path).parent_path();
    if (!parent.empty()) std::filesystem::create_directories(parent);
  }
  // SQLite counts every allocation under one process-wide mutex unless told not to; we never read
  // the counts, and with several threads reading that mutex was contended. Only possible before
  // SQLite initialises, so a second call (or a program that used SQLite first) just keeps the
  // default.
  static std::once_flag no_memstatus;
  std::call_once(no_memstatus, [] { sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
  auto db = std::make_unique<SqliteDatabase>(path, pool_size);
  if (!db->ping()) throw DbError(DbErrc::connection, "cannot use SQLite database " + path);
  return db;
}

}  // namespace yq::store::sqlite
