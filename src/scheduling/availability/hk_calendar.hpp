#pragma once
// Hong Kong calendar arithmetic for schedules. Templates speak in local days and minutes; storage
// speaks in UTC seconds. Hong Kong is UTC+8 all year (no daylight saving since 1979), so a local
// day is exactly 86,400 seconds and the conversion is a fixed offset: no time zone database.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace yq::scheduling {

inline constexpr std::int64_t kHkOffsetSeconds = 8 * 3600;
inline constexpr std::int64_t kDaySeconds = 86400;

// A local calendar day as days since 1970-01-01 (Hong Kong time).
using DayNumber = std::int64_t;

// "YYYY-MM-DD" (a real date between 2000 and 2199) → day number.
std::optional<DayNumber> parse_day(std::string_view text);
std::string format_day(DayNumber day);
// ISO weekday: 1 = Monday .. 7 = Sunday.
int iso_weekday(DayNumber day);
// The Hong Kong day a UTC instant falls on, and the UTC instant of a local day + minute.
DayNumber hk_day_of(std::int64_t unix_seconds);
std::int64_t hk_instant(DayNumber day, int minute_of_day);
// Whole years between a date of birth and a day (the age on that day).
int years_between(DayNumber born, DayNumber on);

}  // namespace yq::scheduling
