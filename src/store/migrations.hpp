#pragma once
// Numbered schema migrations, applied in order at start, each in its own transaction and recorded
// in schema_migrations. File names: NNN_name.sql runs on both engines; NNN_name.sqlite.sql and
// NNN_name.postgresql.sql run only on that engine (for the few things the dialects spell
// differently, such as triggers). All files with one number form one migration.
#include <string>
#include <vector>

#include "store/database.hpp"

namespace yq::store {

struct MigrationFile {
  std::string file_name;
  std::string sql;
};
// Embedded at build time from src/store/migrations.
const std::vector<MigrationFile>& migration_files();

struct Migration {
  int version = 0;
  std::string name;
  std::string sql;  // the statements for the dialect it was built for
};

// The migrations for one dialect, in version order. Throws on a malformed or duplicate file name.
std::vector<Migration> migrations_for(Dialect dialect, const std::vector<MigrationFile>& files);

// Applies what is pending; safe when several nodes start at once. Returns how many were applied.
int migrate(Database& db);
int current_schema_version(Database& db);

}  // namespace yq::store
