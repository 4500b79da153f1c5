#pragma once
#include <memory>
#include <string>

#include "store/database.hpp"

namespace yq::store::postgres {
// url is a libpq connection URI (postgresql://user:pass@host:port/db?...).
std::unique_ptr<Database> open(const std::string& url, std::size_t pool_size);
}  // namespace yq::store::postgres
