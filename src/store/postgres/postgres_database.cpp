#include "store/postgres/postgres_database.hpp"

#include <libpq-fe.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/log.hpp"

namespace yq::store::postgres {

namespace {

// Type OIDs from catalog/pg_type_d.h, which is a server header and not installed with libpq.
constexpr Oid kBoolOid = 16, kInt8Oid = 20, kInt2Oid = 21, kInt4Oid = 23, kOidOid = 26;
constexpr Oid kFloat4Oid = 700, kFloat8Oid = 701, kNumericOid = 1700;

// Statements are literals in our code, so the cache stays small; the bound guards against a caller
// that builds SQL dynamically.
constexpr std::size_t kMaxPrepared = 256;

struct ResultDeleter {
  void operator()(PGresult* r) const { PQclear(r); }
};
using Result = std::unique_ptr<PGresult, ResultDeleter>;

bool ident_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$' ||
         static_cast<unsigned char>(c) >= 0x80;
}

// Rewrites '?' to $1..$n. A '?' inside a string, quoted identifier, dollar-quoted body or comment
// is text, not a parameter, so those are copied through untouched.
std::string rewrite_placeholders(std::string_view sql, int& count) {
  std::string out;
  out.reserve(sql.size() + 16);
  count = 0;
  const std::size_t n = sql.size();
  std::size_t i = 0;
  auto copy_to = [&](std::size_t end) {  // copies sql[i, end) and moves i there; npos: to the end
    end = std::min(end, n);
    out.append(sql.substr(i, end - i));
    i = end;
  };
  while (i < n) {
    const char c = sql[i];
    if (c == '\'') {
      // E'...' strings honour backslash escapes; standard strings only double the quote.
      const bool escapes =
          i > 0 && (sql[i - 1] == 'E' || sql[i - 1] == 'e') && (i < 2 || !ident_char(sql[i - 2]));
      std::size_t j = i + 1;
      for (; j < n; j += escapes && sql[j] == '\\' ? 2 : 1) {
        if (sql[j] == '\'' && (j + 1 == n || sql[j + 1] != '\'')) break;
        if (sql[j] == '\'') ++j;  // '' is a quote inside the string
      }
      copy_to(j + 1);
    } else if (c == '"') {
      const std::size_t close = sql.find('"', i + 1);  // "" inside reads as two adjacent names
      copy_to(close == std::string_view::npos ? n : close + 1);
    } else if (c == '-' && i + 1 < n && sql[i + 1] == '-') {
      copy_to(sql.find('\n', i));
    } else if (c == '/' && i + 1 < n && sql[i + 1] == '*') {
      std::size_t j = i + 2;
      for (int depth = 1; j < n && depth > 0; ++j) {  // PostgreSQL block comments nest
        const int step = sql.compare(j, 2, "/*") == 0 ? 1 : sql.compare(j, 2, "*/") == 0 ? -1 : 0;
        depth += step;
        j += step != 0;
      }
      copy_to(j);
    } else if (c == '$' && (i == 0 || !ident_char(sql[i - 1]))) {
      // $tag$ ... $tag$ (tag possibly empty); "$1" is a positional parameter and is copied as is.
      std::size_t j = i + 1;
      while (j < n && ident_char(sql[j]) && sql[j] != '$') ++j;
      if (j < n && sql[j] == '$' &&
          !(j > i + 1 && std::isdigit(static_cast<unsigned char>(sql[i + 1])))) {
        const std::string_view tag = sql.substr(i, j - i + 1);
        const std::size_t close = sql.find(tag, j + 1);
        copy_to(close == std::string_view::npos ? n : close + tag.size());
      } else {
        copy_to(j);
      }
    } else if (c == '?') {
      out += '$';
      out += std::to_string(++count);
      ++i;
    } else {
      out += c;
      ++i;
    }
  }
  return out;
}

DbErrc classify(std::string_view state) {
  if (state == "23505") return DbErrc::unique_violation;
  if (state == "23503") return DbErrc::foreign_key_violation;
  if (state == "23514") return DbErrc::check_violation;
  if (state == "23502") return DbErrc::not_null_violation;
  if (state == "40001" || state == "40P01" || state == "55P03") return DbErrc::busy;
  if (state.starts_with("08")) return DbErrc::connection;
  return DbErrc::other;
}

std::string field(const PGresult* r, int code) {
  const char* v = r ? PQresultErrorField(r, code) : nullptr;
  return v ? v : "";
}

std::string trim(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

// The password as written in a URL or key=value string, raw and percent-decoded, so it can be cut
// out of libpq's messages: some of them (a malformed %-escape, for one) quote the offending text.
std::vector<std::string> secrets_in(const std::string& url) {
  std::vector<std::string> out;
  if (const auto scheme = url.find("://"); scheme != std::string::npos) {
    const auto start = scheme + 3;
    const auto at = url.find('@', start);
    if (at != std::string::npos && at < url.find('/', start)) {
      if (const auto colon = url.find(':', start); colon < at)
        out.push_back(url.substr(colon + 1, at - colon - 1));
    }
  }
  for (auto pos = url.find("password="); pos != std::string::npos;
       pos = url.find("password=", pos + 1)) {
    const auto start = pos + 9;
    out.push_back(url.substr(start, url.find_first_of("& ", start) - start));
  }
  for (std::size_t k = 0, raw = out.size(); k < raw; ++k) {
    std::string d;
    for (std::size_t i = 0; i < out[k].size(); ++i) {
      const char* p = out[k].data() + i;
      unsigned v = 0;
      const bool escape =
          *p == '%' && i + 2 < out[k].size() && std::from_chars(p + 1, p + 3, v, 16).ptr == p + 3;
      d += escape ? static_cast<char>(v) : *p;
      i += escape ? 2 : 0;
    }
    out.push_back(std::move(d));
  }
  std::erase_if(out, [](const std::string& s) { return s.size() < 2; });
  return out;
}

std::string scrub(std::string msg, const std::vector<std::string>& secrets) {
  for (const auto& s : secrets) {
    for (auto pos = msg.find(s); pos != std::string::npos; pos = msg.find(s, pos + 3)) {
      msg.replace(pos, s.size(), "***");
    }
  }
  return msg;
}

// Server warnings go to the structured log instead of libpq's default bare line on stderr.
void log_notice(void*, const char* message) {
  core::log::warn("postgres_notice", {{"message", trim(message)}});
}

Value convert(Oid type, const char* text, int len) {
  const char* end = text + len;
  switch (type) {
    case kInt2Oid:
    case kInt4Oid:
    case kInt8Oid:
    case kOidOid: {
      std::int64_t v = 0;
      if (std::from_chars(text, end, v).ptr == end) return v;
      break;
    }
    case kFloat4Oid:
    case kFloat8Oid:
    case kNumericOid: {
      double v = 0;
      if (std::from_chars(text, end, v).ptr == end) return v;
      break;  // a numeric beyond double's range stays text rather than turning into infinity
    }
    case kBoolOid:
      return std::int64_t{text[0] == 't'};
    default:
      break;
  }
  return std::string(text, static_cast<std::size_t>(len));
}

class PgConnection final : public Connection {
 public:
  PgConnection(const std::string& url, std::vector<std::string> secrets)
      : secrets_(std::move(secrets)) {
    // Entries before dbname are defaults the URL may override; dbname is expanded as the URL.
    const char* keys[] = {"connect_timeout", "application_name", "dbname", nullptr};
    const char* values[] = {"10", "yiqiao", url.c_str(), nullptr};
    conn_ = PQconnectdbParams(keys, values, 1);
    if (!conn_ || PQstatus(conn_) != CONNECTION_OK) {
      std::string msg = conn_ ? trim(PQerrorMessage(conn_)) : "out of memory";
      PQfinish(conn_);
      conn_ = nullptr;
      throw DbError(DbErrc::connection, "cannot connect to PostgreSQL: " + scrub(msg, secrets_));
    }
    PQsetNoticeProcessor(conn_, log_notice, nullptr);
    // Applied after connecting, not via the "options" parameter, so options in the URL (such as a
    // search_path) still apply. UTC keeps any server-side time function in line with our storage.
    try {
      execute_script("SET client_min_messages = warning; SET TimeZone = 'UTC'");
    } catch (...) {
      PQfinish(conn_);
      throw;
    }
  }

  ~PgConnection() override { PQfinish(conn_); }

  Rows query(std::string_view sql, const Params& params) override {
    Result r = run(sql, params);
    const int nrows = PQntuples(r.get());
    const int ncols = PQnfields(r.get());
    Rows rows;
    rows.reserve(static_cast<std::size_t>(nrows));
    for (int i = 0; i < nrows; ++i) {
      std::vector<Value> cols;
      cols.reserve(static_cast<std::size_t>(ncols));
      for (int j = 0; j < ncols; ++j) {
        cols.push_back(PQgetisnull(r.get(), i, j)
                           ? Value(Null{})
                           : convert(PQftype(r.get(), j), PQgetvalue(r.get(), i, j),
                                     PQgetlength(r.get(), i, j)));
      }
      rows.emplace_back(std::move(cols));
    }
    return rows;
  }

  std::int64_t execute(std::string_view sql, const Params& params) override {
    Result r = run(sql, params);
    const char* n = PQcmdTuples(r.get());  // "" for statements that report no count
    std::int64_t changed = 0;
    std::from_chars(n, n + std::char_traits<char>::length(n), changed);
    return changed;
  }

  void execute_script(std::string_view sql) override {
    Result r(PQexec(conn_, std::string(sql).c_str()));
    const auto status = r ? PQresultStatus(r.get()) : PGRES_FATAL_ERROR;
    // EMPTY_QUERY: a script of only comments, e.g. a migration that does nothing on this engine.
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK && status != PGRES_EMPTY_QUERY) {
      throw error(r.get(), sql);
    }
  }

  // Plain BEGIN (READ COMMITTED) for both modes: read transactions may still append audit events.
  void begin(TxMode) override { execute_script("BEGIN"); }

  void commit() override {
    // COMMIT of a transaction an earlier statement aborted reports success while rolling back. That
    // happens when fn caught a DbError and carried on: fail instead of losing its writes silently.
    if (PQtransactionStatus(conn_) == PQTRANS_INERROR) {
      throw DbError(DbErrc::other,
                    "PostgreSQL: transaction aborted by an earlier failed statement");
    }
    try {
      execute_script("COMMIT");
    } catch (const DbError& e) {
      // The server may have committed before the connection broke: not retryable, or a rerun of
      // fn could apply the same change twice.
      if (e.code() != DbErrc::connection) throw;
      throw DbError(DbErrc::other, std::string("outcome of COMMIT unknown: ") + e.what());
    }
  }

  void rollback() noexcept override {
    const auto status = PQtransactionStatus(conn_);
    if (status == PQTRANS_INTRANS || status == PQTRANS_INERROR) PQclear(PQexec(conn_, "ROLLBACK"));
  }

  bool healthy() override { return PQstatus(conn_) == CONNECTION_OK; }

 private:
  Result run(std::string_view sql, const Params& params) {
    // Integers and doubles are typed so "SELECT ?" or "INSERT ... SELECT ?" keep their type; text
    // and NULL stay untyped so PostgreSQL infers them from context, as SQLite's affinity would.
    std::vector<Oid> types(params.size(), 0);
    std::vector<std::string> text(params.size());
    std::vector<const char*> values(params.size(), nullptr);
    std::string key(sql);
    key += '\0';
    for (std::size_t i = 0; i < params.size(); ++i) {
      const Value& v = params[i].value();
      if (const auto* n = std::get_if<std::int64_t>(&v)) {
        types[i] = kInt8Oid;
        text[i] = std::to_string(*n);
      } else if (const auto* d = std::get_if<double>(&v)) {
        types[i] = kFloat8Oid;
        char buf[32];  // shortest text that reads back as the same double
        text[i] = std::isnan(*d) ? "NaN" : std::string(buf, std::to_chars(buf, buf + 32, *d).ptr);
      } else if (const auto* s = std::get_if<std::string>(&v)) {
        // Text-format parameters end at the first NUL; refuse rather than store a truncated value.
        if (s->find('\0') != std::string::npos) {
          throw DbError(DbErrc::other, "PostgreSQL text cannot contain NUL bytes");
        }
        text[i] = *s;
      }
      if (!std::holds_alternative<Null>(v)) values[i] = text[i].c_str();
      key += types[i] == kInt8Oid ? 'i' : types[i] == kFloat8Oid ? 'd' : 'u';
    }

    auto it = prepared_.find(key);
    if (it == prepared_.end()) {
      int count = 0;
      const std::string rewritten = rewrite_placeholders(sql, count);
      if (static_cast<std::size_t>(count) != params.size()) {
        throw DbError(DbErrc::other, "parameter count mismatch in: " + std::string(sql));
      }
      if (prepared_.size() >= kMaxPrepared) {
        execute_script("DEALLOCATE ALL");
        prepared_.clear();
      }
      std::string name = "yq" + std::to_string(++statement_counter_);
      Result r(PQprepare(conn_, name.c_str(), rewritten.c_str(), static_cast<int>(params.size()),
                         types.data()));
      if (!r || PQresultStatus(r.get()) != PGRES_COMMAND_OK) throw error(r.get(), sql);
      it = prepared_.emplace(std::move(key), std::move(name)).first;
    }

    Result r(PQexecPrepared(conn_, it->second.c_str(), static_cast<int>(params.size()),
                            values.data(), nullptr, nullptr, 0));
    const auto status = r ? PQresultStatus(r.get()) : PGRES_FATAL_ERROR;
    if (status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK) return r;
    // A table altered under a cached statement (another node migrating) fails it with 0A000
    // "cached plan must not change result type": prepare afresh on the retry instead.
    if (field(r.get(), PG_DIAG_SQLSTATE) == "0A000") {
      prepared_.erase(it);
      DbError e = error(r.get(), sql);
      throw DbError(DbErrc::busy, e.what());
    }
    throw error(r.get(), sql);
  }

  DbError error(const PGresult* r, std::string_view sql) const {
    if (!r || PQstatus(conn_) == CONNECTION_BAD) {
      return DbError(DbErrc::connection, "PostgreSQL connection failed: " +
                                             scrub(trim(PQerrorMessage(conn_)), secrets_));
    }
    const std::string state = field(r, PG_DIAG_SQLSTATE);
    const DbErrc code = classify(state);
    std::string constraint = field(r, PG_DIAG_CONSTRAINT_NAME);
    // NOT NULL has no constraint name; name the column like SQLite does ("table.column").
    if (code == DbErrc::not_null_violation && constraint.empty()) {
      constraint = field(r, PG_DIAG_TABLE_NAME) + "." + field(r, PG_DIAG_COLUMN_NAME);
    }
    // Only the primary message: the DETAIL line quotes row values, which may be personal data.
    std::string msg = "PostgreSQL " + state + ": " + field(r, PG_DIAG_MESSAGE_PRIMARY);
    if (code == DbErrc::other) msg += " in: " + std::string(sql.substr(0, 300));
    return DbError(code, std::move(msg), std::move(constraint));
  }

  PGconn* conn_ = nullptr;
  std::vector<std::string> secrets_;
  std::unordered_map<std::string, std::string> prepared_;  // SQL, NUL, type codes -> statement
  std::uint64_t statement_counter_ = 0;
};

class PostgresDatabase final : public Database {
 public:
  PostgresDatabase(std::string url, std::vector<std::string> secrets, std::string describe,
                   std::size_t pool_size)
      : Database(pool_size),
        url_(std::move(url)),
        secrets_(std::move(secrets)),
        describe_(std::move(describe)) {}
  Dialect dialect() const override { return Dialect::postgresql; }
  std::string describe() const override { return describe_; }

 protected:
  std::unique_ptr<Connection> open_connection() override {
    return std::make_unique<PgConnection>(url_, secrets_);
  }

 private:
  std::string url_;
  std::vector<std::string> secrets_;
  std::string describe_;
};

}  // namespace

std::unique_ptr<Database> open(const std::string& url, std::size_t pool_size) {
  std::vector<std::string> secrets = secrets_in(url);
  char* err = nullptr;
  PQconninfoOption* opts = PQconninfoParse(url.c_str(), &err);
  if (!opts) {
    std::string msg = err ? trim(err) : "out of memory";
    PQfreemem(err);
    throw std::invalid_argument("invalid PostgreSQL URL: " + scrub(msg, secrets));
  }
  std::unordered_map<std::string, std::string> given;
  for (auto* o = opts; o->keyword; ++o) given[o->keyword] = o->val ? o->val : "";
  PQconninfoFree(opts);
  if (!given["password"].empty()) secrets.push_back(given["password"]);
  const std::string host = given["host"].empty() ? given["hostaddr"] : given["host"];
  const std::string& port = given["port"];
  const std::string describe = "postgresql://" + host + (port.empty() ? "" : ":" + port) + "/" +
                               (given["dbname"].empty() ? given["user"] : given["dbname"]);
  auto db = std::make_unique<PostgresDatabase>(url, std::move(secrets), describe, pool_size);
  // Fail at start with the server's reason rather than on the first request.
  db->read([](Connection& c) { c.query("SELECT 1"); });
  return db;
}

}  // namespace yq::store::postgres
