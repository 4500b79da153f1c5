#include "store/migrations.hpp"

#include <algorithm>
#include <map>
#include <stdexcept>

#include "core/log.hpp"
#include "core/time.hpp"

namespace yq::store {

std::vector<Migration> migrations_for(Dialect dialect, const std::vector<MigrationFile>& files) {
  const std::string ours = dialect == Dialect::sqlite ? "sqlite" : "postgresql";
  std::map<int, Migration> by_version;
  // The shared file runs first: dialect files add to what it creates (triggers on its tables).
  std::map<int, std::string> dialect_sql;
  for (const auto& f : files) {
    // NNN_name.sql | NNN_name.<dialect>.sql
    const auto underscore = f.file_name.find('_');
    if (underscore != 3 || !f.file_name.ends_with(".sql")) {
      throw std::logic_error("migration file name must be NNN_name.sql: " + f.file_name);
    }
    const int version = std::stoi(f.file_name.substr(0, 3));
    std::string stem = f.file_name.substr(4, f.file_name.size() - 8);
    std::string only_for;
    if (const auto dot = stem.rfind('.'); dot != std::string::npos) {
      only_for = stem.substr(dot + 1);
      stem.resize(dot);
      if (only_for != "sqlite" && only_for != "postgresql") {
        throw std::logic_error("unknown dialect in migration " + f.file_name);
      }
    }
    auto& m = by_version[version];
    if (!m.name.empty() && m.name != stem) {
      throw std::logic_error("two migrations share number " + std::to_string(version));
    }
    m.version = version;
    m.name = stem;
    if (only_for.empty())
      m.sql = f.sql + "\n" + m.sql;
    else if (only_for == ours)
      dialect_sql[version] += f.sql + "\n";
  }
  std::vector<Migration> out;
  for (auto& [v, m] : by_version) {
    m.sql += dialect_sql[v];
    out.push_back(std::move(m));
  }
  return out;
}

namespace {
void ensure_table(Connection& c) {
  c.execute_script(
      "CREATE TABLE IF NOT EXISTS schema_migrations ("
      " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)");
}
}  // namespace

int current_schema_version(Database& db) {
  return static_cast<int>(db.write([](Connection& c) {
    ensure_table(c);
    return c.query_one("SELECT COALESCE(MAX(version), 0) FROM schema_migrations")->i64(0);
  }));
}

int migrate(Database& db) {
  const auto migrations = migrations_for(db.dialect(), migration_files());
  const core::SystemClock clock;
  int applied = 0;
  for (const auto& m : migrations) {
    const bool ran = db.write([&](Connection& c) {
      if (db.dialect() == Dialect::postgresql) {
        // Nodes starting together take turns; SQLite's BEGIN IMMEDIATE already serialises.
        c.query("SELECT pg_advisory_xact_lock(7477001)");
      }
      ensure_table(c);
      if (c.query_one("SELECT 1 FROM schema_migrations WHERE version = ?", {m.version}))
        return false;
      c.execute_script(m.sql);
      c.execute("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                {m.version, m.name, clock.now()});
      return true;
    });
    if (ran) {
      ++applied;
      core::log::info("migration_applied", {{"version", m.version}, {"name", m.name}});
    }
  }
  return applied;
}

}  // namespace yq::store
