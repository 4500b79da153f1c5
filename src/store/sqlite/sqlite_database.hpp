#pragma once
#include <memory>
#include <string>

#include "store/database.hpp"

namespace yq::store::sqlite {
// path is a file path (its folder is created) or ":memory:" (one shared connection, for unit
// tests). Every connection runs in WAL mode with synchronous=FULL, foreign keys on and a busy
// timeout; write transactions start with BEGIN IMMEDIATE so writers queue instead of failing to
// upgrade.
std::unique_ptr<Database> open(const std::string& path, std::size_t pool_size);
}  // namespace yq::store::sqlite
