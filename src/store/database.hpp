#pragma once
// The one storage interface. Two implementations: sqlite/ (embedded default) and postgres/.
//
// SQL is written once, in the subset both engines share, with '?' placeholders (the PostgreSQL
// connection rewrites them to $1..$n). Integer parameters are 64-bit on PostgreSQL: a function
// that wants a 32-bit one needs CAST(? AS INTEGER), and `? IS NULL` on a text or NULL parameter
// needs CAST(? AS TEXT). A failed statement aborts a PostgreSQL transaction (SQLite undoes only
// the statement), so never catch a DbError inside a transaction and carry on. Ids are
// application-generated text (core::new_id), times are BIGINT UTC seconds, booleans are INTEGER
// 0/1, so one statement runs unchanged on both.
//
// Database errors are exceptions (DbError): most are unexpected. The expected ones (a unique or
// check constraint refusing a row) carry a kind the calling service turns into a core::Error.
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

namespace yq::store {

enum class Dialect { sqlite, postgresql };

struct Null {};
using Value = std::variant<Null, std::int64_t, double, std::string>;

// A statement parameter: built implicitly from the usual C++ types.
class Param {
 public:
  Param(std::nullptr_t) : v_(Null{}) {}
  Param(std::nullopt_t) : v_(Null{}) {}
  Param(int v) : v_(static_cast<std::int64_t>(v)) {}
  Param(long v) : v_(static_cast<std::int64_t>(v)) {}
  Param(long long v) : v_(static_cast<std::int64_t>(v)) {}
  Param(unsigned v) : v_(static_cast<std::int64_t>(v)) {}
  Param(unsigned long v) : v_(static_cast<std::int64_t>(v)) {}
  Param(bool v) : v_(static_cast<std::int64_t>(v ? 1 : 0)) {}
  Param(double v) : v_(v) {}
  Param(std::string v) : v_(std::move(v)) {}
  Param(std::string_view v) : v_(std::string(v)) {}
  Param(const char* v) : v_(std::string(v)) {}
  template <class T>
  Param(const std::optional<T>& v) : v_(Null{}) {
    if (v) v_ = Param(*v).v_;
  }
  const Value& value() const { return v_; }

 private:
  Value v_;
};
using Params = std::vector<Param>;

class Row {
 public:
  explicit Row(std::vector<Value> cols) : cols_(std::move(cols)) {}
  std::size_t size() const { return cols_.size(); }
  bool is_null(std::size_t i) const;
  std::int64_t i64(std::size_t i) const;  // NULL reads as 0
  double f64(std::size_t i) const;
  bool boolean(std::size_t i) const { return i64(i) != 0; }
  std::string text(std::size_t i) const;  // NULL reads as ""
  std::optional<std::string> opt_text(std::size_t i) const;
  std::optional<std::int64_t> opt_i64(std::size_t i) const;

 private:
  std::vector<Value> cols_;
};
using Rows = std::vector<Row>;

enum class DbErrc {
  unique_violation,
  foreign_key_violation,
  check_violation,
  not_null_violation,
  busy,        // SQLite busy/locked, PostgreSQL serialization failure or deadlock: retryable
  connection,  // the server is unreachable or the connection broke
  other,
};

class DbError : public std::runtime_error {
 public:
  DbError(DbErrc code, std::string message, std::string constraint = {})
      : std::runtime_error(std::move(message)), code_(code), constraint_(std::move(constraint)) {}
  DbErrc code() const { return code_; }
  // Name of the violated constraint or index when the engine reports it (PostgreSQL does;
  // SQLite reports "table.column" for unique violations).
  const std::string& constraint() const { return constraint_; }

 private:
  DbErrc code_;
  std::string constraint_;
};

enum class TxMode { read, write };

// One connection. Not thread-safe: a connection is used by one thread at a time (see Database).
class Connection {
 public:
  virtual ~Connection() = default;
  virtual Rows query(std::string_view sql, const Params& params = {}) = 0;
  // Returns the number of rows changed.
  virtual std::int64_t execute(std::string_view sql, const Params& params = {}) = 0;
  // Runs several ';'-separated statements without parameters (migrations).
  virtual void execute_script(std::string_view sql) = 0;
  virtual void begin(TxMode mode) = 0;
  virtual void commit() = 0;
  virtual void rollback() noexcept = 0;
  virtual bool healthy() = 0;

  std::optional<Row> query_one(std::string_view sql, const Params& params = {}) {
    Rows rows = query(sql, params);
    if (rows.empty()) return std::nullopt;
    return std::move(rows.front());
  }
};

// A pool of connections plus transactions with retry. Call only from worker threads: acquiring a
// connection and running statements block.
class Database {
 public:
  virtual ~Database() = default;
  virtual Dialect dialect() const = 0;
  // Human-readable target without secrets, e.g. "sqlite:var/yiqiao.db" or
  // "postgresql://host:port/db".
  virtual std::string describe() const = 0;

  // Runs fn(Connection&) inside a transaction; commits when it returns, rolls back when it throws
  // or when it returns a result holding an error (core::Result), so a refused change leaves nothing
  // half-done. Retryable failures (busy, serialization) rerun fn from the start, so fn must not
  // have side effects outside the database.
  template <class F>
  auto transaction(TxMode mode, F&& fn) -> std::invoke_result_t<F, Connection&> {
    using R = std::invoke_result_t<F, Connection&>;
    if constexpr (std::is_void_v<R>) {
      run_transaction(mode, [&](Connection& c) {
        fn(c);
        return true;
      });
    } else {
      std::optional<R> out;
      run_transaction(mode, [&](Connection& c) {
        out.reset();
        out.emplace(fn(c));
        if constexpr (requires { out->has_error(); }) return !out->has_error();
        return true;
      });
      return std::move(*out);
    }
  }
  template <class F>
  auto read(F&& fn) {
    return transaction(TxMode::read, std::forward<F>(fn));
  }
  template <class F>
  auto write(F&& fn) {
    return transaction(TxMode::write, std::forward<F>(fn));
  }

  // True when a connection answers a trivial query (readiness probe).
  bool ping();

 protected:
  explicit Database(std::size_t pool_size) : pool_size_(pool_size == 0 ? 1 : pool_size) {}
  virtual std::unique_ptr<Connection> open_connection() = 0;

 private:
  class Lease;
  std::unique_ptr<Connection> acquire();
  void release(std::unique_ptr<Connection> conn, bool reusable);
  void run_transaction(TxMode mode, const std::function<bool(Connection&)>& fn);

  std::size_t pool_size_;
  std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<Connection>> idle_;
  std::size_t open_count_ = 0;
};

// Opens "sqlite:PATH", "sqlite::memory:" or "postgresql://..." (also "postgres://...").
std::unique_ptr<Database> open_database(const std::string& url, std::size_t pool_size);

}  // namespace yq::store
