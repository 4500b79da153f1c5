#include "store/database.hpp"

#include <charconv>
#include <chrono>
#include <thread>

#include "store/postgres/postgres_database.hpp"
#include "store/sqlite/sqlite_database.hpp"

namespace yq::store {

bool Row::is_null(std::size_t i) const {
  return std::holds_alternative<Null>(cols_.at(i));
}

std::int64_t Row::i64(std::size_t i) const {
  const Value& v = cols_.at(i);
  if (const auto* n = std::get_if<std::int64_t>(&v)) return *n;
  if (const auto* d = std::get_if<double>(&v)) return static_cast<std::int64_t>(*d);
  if (const auto* s = std::get_if<std::string>(&v)) return s->empty() ? 0 : std::stoll(*s);
  return 0;
}

double Row::f64(std::size_t i) const {
  const Value& v = cols_.at(i);
  if (const auto* d = std::get_if<double>(&v)) return *d;
  if (const auto* n = std::get_if<std::int64_t>(&v)) return static_cast<double>(*n);
  if (const auto* s = std::get_if<std::string>(&v)) return s->empty() ? 0 : std::stod(*s);
  return 0;
}

std::string Row::text(std::size_t i) const {
  const Value& v = cols_.at(i);
  if (const auto* s = std::get_if<std::string>(&v)) return *s;
  if (const auto* n = std::get_if<std::int64_t>(&v)) return std::to_string(*n);
  if (const auto* d = std::get_if<double>(&v)) {
    // Shortest text that reads back as the same double (std::to_string would print "%f").
    char buf[32];
    return std::string(buf, std::to_chars(buf, buf + sizeof buf, *d).ptr);
  }
  return {};
}

std::optional<std::string> Row::opt_text(std::size_t i) const {
  if (is_null(i)) return std::nullopt;
  return text(i);
}

std::optional<std::int64_t> Row::opt_i64(std::size_t i) const {
  if (is_null(i)) return std::nullopt;
  return i64(i);
}

std::unique_ptr<Connection> Database::acquire() {
  std::unique_lock lock(mutex_);
  available_.wait(lock, [&] { return !idle_.empty() || open_count_ < pool_size_; });
  if (!idle_.empty()) {
    auto conn = std::move(idle_.back());
    idle_.pop_back();
    return conn;
  }
  ++open_count_;
  lock.unlock();
  try {
    return open_connection();
  } catch (...) {
    std::lock_guard relock(mutex_);
    --open_count_;
    available_.notify_one();
    throw;
  }
}

void Database::release(std::unique_ptr<Connection> conn, bool reusable) {
  std::lock_guard lock(mutex_);
  if (reusable) {
    idle_.push_back(std::move(conn));
  } else {
    --open_count_;
  }
  available_.notify_one();
}

void Database::run_transaction(TxMode mode, const std::function<bool(Connection&)>& fn) {
  constexpr int kMaxAttempts = 8;
  for (int attempt = 1;; ++attempt) {
    auto conn = acquire();
    try {
      conn->begin(mode);
      if (fn(*conn))
        conn->commit();
      else
        conn->rollback();
      release(std::move(conn), true);
      return;
    } catch (const DbError& e) {
      conn->rollback();
      const bool reusable = e.code() != DbErrc::connection && conn->healthy();
      release(std::move(conn), reusable);
      const bool retryable =
          e.code() == DbErrc::busy || (e.code() == DbErrc::connection && attempt < 2);
      if (!retryable || attempt >= kMaxAttempts) throw;
      // A read transaction that failed busy also writes (an audit event, say). On SQLite its
      // snapshot went stale while it read, and it would lose the same race again under load:
      // rerun it as a write, which takes the write lock before reading.
      if (e.code() == DbErrc::busy) mode = TxMode::write;
      // Back off a little more each time so competing writers spread out.
      std::this_thread::sleep_for(std::chrono::milliseconds(attempt * attempt * 2));
    } catch (...) {
      conn->rollback();
      const bool healthy = conn->healthy();
      release(std::move(conn), healthy);
      throw;
    }
  }
}

bool Database::ping() {
  try {
    return read([](Connection& c) { return c.query_one("SELECT 1").has_value(); });
  } catch (const std::exception&) {
    return false;
  }
}

std::unique_ptr<Database> open_database(const std::string& url, std::size_t pool_size) {
  if (url.starts_with("sqlite:")) return sqlite::open(url.substr(7), pool_size);
  if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
    return postgres::open(url, pool_size);
  }
  throw std::invalid_argument("database URL must start with sqlite: or postgresql://");
}

}  // namespace yq::store
