#pragma once
// The databases every storage-touching test runs on: SQLite always, PostgreSQL when
// YIQIAO_TEST_POSTGRES names a server (scripts/test starts a throwaway one). Each call gives a
// fresh, migrated, isolated database: a new SQLite file, or a new PostgreSQL schema.
#include <memory>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace yq::testing {

enum class Backend { sqlite, postgresql };

std::vector<Backend> backends();
std::string backend_name(Backend b);

// nullptr (and the reason in `skip`) when the backend is not available.
std::unique_ptr<store::Database> fresh_database(Backend b, std::string& skip,
                                                std::size_t pool_size = 4);

}  // namespace yq::testing

// For INSTANTIATE_TEST_SUITE_P(..., ::testing::ValuesIn(yq::testing::backends()),
// yq::testing::BackendName{}).
namespace yq::testing {
struct BackendName {
  template <class Info>
  std::string operator()(const Info& info) const {
    return backend_name(info.param);
  }
};
}  // namespace yq::testing
