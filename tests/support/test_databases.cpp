#include "support/test_databases.hpp"

#include <cstdlib>
#include <filesystem>

#include "core/crypto.hpp"
#include "core/ids.hpp"
#include "store/migrations.hpp"

namespace yq::testing {

namespace {
// What fresh_database() made, removed when the test program ends so runs leave nothing behind.
struct Leftovers {
  std::vector<std::filesystem::path> folders;
  std::vector<std::string> schemas;
  std::string postgres_url;
  ~Leftovers() {
    for (const auto& f : folders) {
      std::error_code ec;
      std::filesystem::remove_all(f, ec);
    }
    if (schemas.empty()) return;
    try {
      auto db = store::open_database(postgres_url, 1);
      for (const auto& s : schemas) {
        db->write([&](store::Connection& c) {
          c.execute_script("DROP SCHEMA IF EXISTS " + s + " CASCADE");
        });
      }
    } catch (const std::exception&) {
      // the throwaway server may already be gone; it is deleted with its folder anyway
    }
  }
};
Leftovers& leftovers() {
  static Leftovers l;
  return l;
}
}  // namespace

std::vector<Backend> backends() {
  return {Backend::sqlite, Backend::postgresql};
}

std::string backend_name(Backend b) {
  return b == Backend::sqlite ? "SQLite" : "PostgreSQL";
}

std::unique_ptr<store::Database> fresh_database(Backend b, std::string& skip,
                                                std::size_t pool_size) {
  core::crypto_init();
  std::unique_ptr<store::Database> db;
  if (b == Backend::sqlite) {
    const auto dir = std::filesystem::temp_directory_path() / ("yq-test-" + core::new_id());
    std::filesystem::create_directories(dir);
    leftovers().folders.push_back(dir);
    db = store::open_database("sqlite:" + (dir / "test.db").string(), pool_size);
  } else {
    const char* url = std::getenv("YIQIAO_TEST_POSTGRES");
    if (!url || !*url) {
      skip = "PostgreSQL not configured: set YIQIAO_TEST_POSTGRES (scripts/test does)";
      return nullptr;
    }
    const std::string schema = "yq_t_" + core::new_id();
    store::open_database(url, 1)->write(
        [&](store::Connection& c) { c.execute_script("CREATE SCHEMA " + schema); });
    leftovers().postgres_url = url;
    leftovers().schemas.push_back(schema);
    const std::string base(url);
    db = store::open_database(base + (base.find('?') == std::string::npos ? "?" : "&") +
                                  "options=-csearch_path%3D" + schema,
                              pool_size);
  }
  store::migrate(*db);
  return db;
}

}  // namespace yq::testing
