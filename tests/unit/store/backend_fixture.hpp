#pragma once
// Runs a storage test on each engine: SQLite on a fresh temporary file always, and PostgreSQL in a
// fresh schema when YIQIAO_TEST_POSTGRES holds a server URL (scripts/lib/pg-throwaway.sh starts a
// throwaway one). Without the variable the PostgreSQL instances skip, saying why.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <random>
#include <string>

#include "store/database.hpp"

namespace yq::store::testkit {

enum class Backend { sqlite, postgresql };

inline std::string backend_name(const ::testing::TestParamInfo<Backend>& info) {
  return info.param == Backend::sqlite ? "SQLite" : "PostgreSQL";
}

inline std::string random_suffix() {
  std::random_device rd;
  std::uniform_int_distribution<unsigned> hex(0, 15);
  std::string s;
  for (int i = 0; i < 12; ++i) s += "0123456789abcdef"[hex(rd)];
  return s;
}

class BackendTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    if (GetParam() == Backend::postgresql) {
      const char* base = std::getenv("YIQIAO_TEST_POSTGRES");
      if (base == nullptr || *base == '\0') {
        GTEST_SKIP() << "YIQIAO_TEST_POSTGRES is not set, so PostgreSQL is not tested; set it to a "
                        "server URL, e.g. from scripts/lib/pg-throwaway.sh start DIR";
      }
      base_url_ = base;
      // Each test gets its own schema (search_path set through the URL), so tests never see each
      // other's tables, even on a server shared with other runs.
      schema_ = "yq_test_" + random_suffix();
      admin_ = open_database(base_url_, 1);
      admin_->write([&](Connection& c) {
        c.execute_script("DROP SCHEMA IF EXISTS " + schema_ + " CASCADE; CREATE SCHEMA " + schema_);
      });
      url_ = base_url_ + (base_url_.find('?') == std::string::npos ? "?" : "&") +
             "options=-csearch_path%3D" + schema_;
    } else {
      dir_ = std::filesystem::temp_directory_path() / ("yq_test_" + random_suffix());
      std::filesystem::create_directories(dir_);
      url_ = "sqlite:" + (dir_ / "test.db").string();
    }
    db_ = open(4);
  }

  void TearDown() override {
    db_.reset();
    if (admin_) {
      try {
        admin_->write([&](Connection& c) {
          c.execute_script("DROP SCHEMA IF EXISTS " + schema_ + " CASCADE");
        });
      } catch (const std::exception& e) {
        ADD_FAILURE() << "cannot drop test schema " << schema_ << ": " << e.what();
      }
    }
    if (!dir_.empty()) {
      std::error_code ec;
      std::filesystem::remove_all(dir_, ec);
    }
  }

  // Another pool on the same database, like a second node or a restart.
  std::unique_ptr<Database> open(std::size_t pool_size) { return open_database(url_, pool_size); }
  bool postgres() const { return GetParam() == Backend::postgresql; }

  std::unique_ptr<Database> db_;
  std::string url_;
  std::string base_url_;  // PostgreSQL only: the server URL without the test schema

 private:
  std::string schema_;
  std::unique_ptr<Database> admin_;
  std::filesystem::path dir_;
};

}  // namespace yq::store::testkit

#define YQ_INSTANTIATE_ON_ALL_BACKENDS(suite)                                            \
  INSTANTIATE_TEST_SUITE_P(Engines, suite,                                               \
                           ::testing::Values(::yq::store::testkit::Backend::sqlite,      \
                                             ::yq::store::testkit::Backend::postgresql), \
                           ::yq::store::testkit::backend_name)
