#include "core/hk_calendar.hpp"

#include <charconv>
#include <cstdio>

namespace yq::core {

namespace {

// Howard Hinnant's days_from_civil / civil_from_days (proleptic Gregorian).
DayNumber days_from_civil(int y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return static_cast<DayNumber>(era) * 146097 + static_cast<DayNumber>(doe) - 719468;
}

struct Civil {
  int y;
  unsigned m, d;
};

Civil civil_from_days(DayNumber z) {
  z += 719468;
  const DayNumber era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int y = static_cast<int>(yoe) + static_cast<int>(era) * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {y + (m <= 2), m, d};
}

// Only ASCII digits: from_chars alone would take a leading '-' ("2026--1-01").
bool digits(std::string_view s, int& out) {
  for (const char ch : s)
    if (ch < '0' || ch > '9') return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc{} && p == s.data() + s.size();
}

}  // namespace

std::optional<DayNumber> parse_day(std::string_view t) {
  if (t.size() != 10 || t[4] != '-' || t[7] != '-') return std::nullopt;
  int y = 0, m = 0, d = 0;
  if (!digits(t.substr(0, 4), y) || !digits(t.substr(5, 2), m) || !digits(t.substr(8, 2), d))
    return std::nullopt;
  if (y < 1900 || y > 2199 || m < 1 || m > 12 || d < 1 || d > 31) return std::nullopt;
  const DayNumber n = days_from_civil(y, static_cast<unsigned>(m), static_cast<unsigned>(d));
  // 31 February comes back as 3 March: refuse dates that do not round-trip.
  const Civil c = civil_from_days(n);
  if (c.y != y || c.m != static_cast<unsigned>(m) || c.d != static_cast<unsigned>(d))
    return std::nullopt;
  return n;
}

std::string format_day(DayNumber day) {
  const Civil c = civil_from_days(day);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", c.y, c.m, c.d);
  return buf;
}

int iso_weekday(DayNumber day) {
  // 1970-01-01 was a Thursday (ISO 4).
  const DayNumber w = ((day % 7) + 7 + 3) % 7;  // 0 = Monday
  return static_cast<int>(w) + 1;
}

DayNumber hk_day_of(std::int64_t unix_seconds) {
  const std::int64_t local = unix_seconds + kHkOffsetSeconds;
  return local >= 0 ? local / kDaySeconds : (local - kDaySeconds + 1) / kDaySeconds;
}

std::int64_t hk_instant(DayNumber day, int minute_of_day) {
  return day * kDaySeconds + static_cast<std::int64_t>(minute_of_day) * 60 - kHkOffsetSeconds;
}

HkLocalTime hk_local(std::int64_t unix_seconds) {
  const DayNumber day = hk_day_of(unix_seconds);
  const Civil c = civil_from_days(day);
  const std::int64_t seconds_into_day = unix_seconds + kHkOffsetSeconds - day * kDaySeconds;
  return HkLocalTime{c.y, static_cast<int>(c.m), static_cast<int>(c.d), iso_weekday(day),
                     static_cast<int>(seconds_into_day / 60)};
}

int years_between(DayNumber born, DayNumber on) {
  const Civil b = civil_from_days(born);
  const Civil o = civil_from_days(on);
  int years = o.y - b.y;
  if (o.m < b.m || (o.m == b.m && o.d < b.d)) --years;
  return years;
}

}  // namespace yq::core
