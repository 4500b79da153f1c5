#pragma once
// Hong Kong general holidays, the starting point of every organisation's holiday list. They are
// seeded once per organisation (holiday_seeds remembers it) and then belong to the organisation's
// admin, who may add, rename or remove days: a removed day is not seeded again.
#include <string>
#include <vector>

#include "core/time.hpp"
#include "store/database.hpp"

namespace yq::scheduling {

struct HolidaySeed {
  const char* day;  // YYYY-MM-DD
  const char* en;
  const char* zh_hant;
  const char* zh_hans;
};

// The general holidays of 2026 and 2027 as gazetted (substitute days included).
const std::vector<HolidaySeed>& hk_general_holidays();

// Inside a write transaction: seeds the organisation's list unless it was seeded before. True
// when it seeded now.
bool seed_holidays_once(store::Connection& c, const core::Clock& clock,
                        const std::string& organisation_id);

}  // namespace yq::scheduling
