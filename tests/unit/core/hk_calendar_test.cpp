// The Hong Kong calendar every module shares: strict dates, local days and times, ages.
#include <gtest/gtest.h>

#include "core/hk_calendar.hpp"

namespace yq::core {
namespace {

// Monday 2026-11-23 02:00 UTC = Monday 10:00 in Hong Kong.
constexpr std::int64_t kMonday10amHk = 1795399200;

TEST(HkCalendar, DaysRoundTrip) {
  const auto d = parse_day("2026-11-23");
  ASSERT_TRUE(d);
  EXPECT_EQ(format_day(*d), "2026-11-23");
  EXPECT_EQ(iso_weekday(*d), 1);  // a Monday
  EXPECT_EQ(iso_weekday(*d + 6), 7);
  EXPECT_EQ(format_day(*parse_day("1900-01-01")), "1900-01-01");
  EXPECT_EQ(format_day(*parse_day("2199-12-31")), "2199-12-31");
}

TEST(HkCalendar, LeapDaysExistOnlyInLeapYears) {
  EXPECT_TRUE(parse_day("2024-02-29"));
  EXPECT_TRUE(parse_day("2028-02-29"));
  EXPECT_TRUE(parse_day("2000-02-29")) << "divisible by 400";
  EXPECT_FALSE(parse_day("2026-02-29"));
  EXPECT_FALSE(parse_day("2100-02-29")) << "divisible by 100, not 400";
}

TEST(HkCalendar, ImpossibleAndMalformedDatesAreRefused) {
  for (const char* bad : {"2026-02-31",     "2026-02-30",       "2026-04-31",
                          "2026-13-01",     "2026-00-10",       "2026-01-00",
                          "2026-01-32",     "1899-12-31",       "2200-01-01",
                          "2026-1-01",      "26-01-01",         "2026/01/01",
                          "2026-01-01 ",    " 2026-01-01",      "2026-01-0a",
                          "2026--1-01",     "2026-+1-01",       "+026-01-01",
                          "２０２６-01-01", "2026-01-01T00:00", ""})
    EXPECT_FALSE(parse_day(bad)) << bad;
  EXPECT_FALSE(parse_day(std::string_view("2026-01\0001", 10))) << "embedded NUL";
}

TEST(HkCalendar, LocalMidnightIsSixteenHundredUtcTheDayBefore) {
  const auto d = *parse_day("2026-11-23");
  EXPECT_EQ(hk_instant(d, 0), 1'795'363'200);  // 2026-11-22T16:00Z
  EXPECT_EQ(hk_day_of(hk_instant(d, 0)), d);
  EXPECT_EQ(hk_day_of(hk_instant(d, 0) - 1), d - 1);
  EXPECT_EQ(hk_day_of(hk_instant(d, 1439)), d);
}

TEST(HkCalendar, LocalTimeIsHongKongAllYear) {
  const auto t = hk_local(kMonday10amHk);
  EXPECT_EQ(t.year, 2026);
  EXPECT_EQ(t.month, 11);
  EXPECT_EQ(t.day, 23);
  EXPECT_EQ(t.iso_weekday, 1);
  EXPECT_EQ(t.minute, 600);
  // 20:00 UTC on Sunday is already Monday 04:00 in Hong Kong; 15:59 UTC is still Sunday 23:59.
  EXPECT_EQ(hk_local(kMonday10amHk - 6 * 3600).iso_weekday, 1);
  const auto late_sunday = hk_local(kMonday10amHk - 10 * 3600 - 60);
  EXPECT_EQ(late_sunday.iso_weekday, 7);
  EXPECT_EQ(late_sunday.day, 22);
  EXPECT_EQ(late_sunday.minute, 1439);
  // The first of March after a leap day.
  const auto march = hk_local(hk_instant(*parse_day("2024-03-01"), 0));
  EXPECT_EQ(march.month, 3);
  EXPECT_EQ(march.day, 1);
}

TEST(HkCalendar, AgeCountsBirthdays) {
  const auto born = *parse_day("2010-06-15");
  EXPECT_EQ(years_between(born, *parse_day("2026-06-14")), 15);
  EXPECT_EQ(years_between(born, *parse_day("2026-06-15")), 16);
  const auto leap = *parse_day("2024-02-29");
  EXPECT_EQ(years_between(leap, *parse_day("2026-02-28")), 1);
  EXPECT_EQ(years_between(leap, *parse_day("2026-03-01")), 2);
}

}  // namespace
}  // namespace yq::core
