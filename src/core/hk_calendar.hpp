#pragma once
// The one Hong Kong calendar: local days, dates and times for schedules, queues and ages. Storage
// speaks in UTC seconds. Hong Kong is UTC+8 all year (no daylight saving since 1979), so a local
// day is exactly 86,400 seconds and the conversion is a fixed offset: no time zone database.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace yq::core {

inline constexpr std::int64_t kHkOffsetSeconds = 8 * 3600;
inline constexpr std::int64_t kDaySeconds = 86400;

// A local calendar day as days since 1970-01-01 (Hong Kong time).
using DayNumber = std::int64_t;

// Strict "YYYY-MM-DD": exactly four, two and two digits, a year from 1900 to 2199 and a day that
// exists in its month (2026-02-31 and 2026-02-29 are refused, 2024-02-29 is a date).
std::optional<DayNumber> parse_day(std::string_view text);
std::string format_day(DayNumber day);
// ISO weekday: 1 = Monday .. 7 = Sunday.
int iso_weekday(DayNumber day);
// The Hong Kong day a UTC instant falls on, and the UTC instant of a local day + minute.
DayNumber hk_day_of(std::int64_t unix_seconds);
std::int64_t hk_instant(DayNumber day, int minute_of_day);
// Whole years between a date of birth and a day (the age on that day; someone born on 29 February
// has their birthday on 1 March in other years).
int years_between(DayNumber born, DayNumber on);

// A UTC instant as Hong Kong wall-clock fields.
struct HkLocalTime {
  int year = 0, month = 0, day = 0;
  int iso_weekday = 0;  // 1 = Monday .. 7 = Sunday
  int minute = 0;       // minute of the day, 0..1439
};
HkLocalTime hk_local(std::int64_t unix_seconds);

}  // namespace yq::core
