#include "support/test_databases.hpp"

#include <cstdlib>
#include <filesystem>

#include "core/crypto.hpp"
#include "core/ids.hpp"
#include "store/migrations.hpp"

namespace yq::testing {

std::vector<Backend> backends() { return {Backend::sqlite, Backend::postgresql}; }

std::string backend_name(Backend b) { return b == Backend::sqlite ? "SQLite" : "PostgreSQL"; }

std::unique_ptr<store::Database> fresh_database(Backend b, std::string& skip, std::size_t pool_size) {
  core::crypto_init();
  std::unique_ptr<store::Database> db;
  if (b == Backend::sqlite) {
    const auto dir = std::filesystem::temp_directory_path() / ("yq-test-" + core::new_id());
    std::filesystem::create_directories(dir);
    db = store::open_database("sqlite:" + (dir / "test.db").string(), pool_size);
  } else {
    const char* url = std::getenv("YIQIAO_TEST_POSTGRES");
    if (!url || !*url) {
      skip = "PostgreSQL not configured: set YIQIAO_TEST_POSTGRES (scripts/test does)";
      return nullptr;
    }
    const std::string schema = "yq_t_" + core::new_id();
    store::open_database(url, 1)->write([&](store::Connection& c) { c.execute_script("CREATE SCHEMA " + schema); });
    const std::string base(url);
    db = store::open_database(base + (base.find('?') == std::string::npos ? "?" : "&") +
                                  "options=-csearch_path%3D" + schema,
                              pool_size);
  }
  store::migrate(*db);
  return db;
}

}  // namespace yq::testing
