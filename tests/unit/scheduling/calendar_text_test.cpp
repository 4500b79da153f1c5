// Hong Kong calendar arithmetic and the directory's search text: pure functions, no database.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "scheduling/availability/hk_calendar.hpp"
#include "scheduling/booking/idempotency.hpp"
#include "scheduling/directory/search_text.hpp"

namespace yq::scheduling {
namespace {

TEST(HkCalendar, DaysRoundTripAndRefuseImpossibleDates) {
  const auto d = parse_day("2026-11-23");
  ASSERT_TRUE(d);
  EXPECT_EQ(format_day(*d), "2026-11-23");
  EXPECT_EQ(iso_weekday(*d), 1);  // a Monday
  EXPECT_EQ(iso_weekday(*d + 6), 7);
  EXPECT_TRUE(parse_day("2028-02-29"));
  for (const char* bad : {"2026-02-29", "2026-13-01", "2026-1-01", "26-01-01", "2026-04-31", ""})
    EXPECT_FALSE(parse_day(bad)) << bad;
}

TEST(HkCalendar, LocalMidnightIsSixteenHundredUtcTheDayBefore) {
  const auto d = *parse_day("2026-11-23");
  EXPECT_EQ(hk_instant(d, 0), 1'795'363'200);  // 2026-11-22T16:00Z
  EXPECT_EQ(hk_day_of(hk_instant(d, 0)), d);
  EXPECT_EQ(hk_day_of(hk_instant(d, 0) - 1), d - 1);
  EXPECT_EQ(hk_day_of(hk_instant(d, 1439)), d);
}

TEST(HkCalendar, AgeCountsBirthdays) {
  const auto born = *parse_day("2010-06-15");
  EXPECT_EQ(years_between(born, *parse_day("2026-06-14")), 15);
  EXPECT_EQ(years_between(born, *parse_day("2026-06-15")), 16);
}

TEST(SearchText, TraditionalAndSimplifiedMeetInOneKey) {
  EXPECT_EQ(normalise_search_text("陳大文醫生"), normalise_search_text("陈大文医生"));
  EXPECT_EQ(normalise_search_text("黃嘉欣"), "黄嘉欣");
  EXPECT_EQ(normalise_search_text("  Dr.  WONG\tKa Yan "), "dr. wong ka yan");
}

bool has(const std::vector<std::string>& tokens, const std::string& t) {
  return std::find(tokens.begin(), tokens.end(), t) != tokens.end();
}

TEST(SearchText, LatinWordsAreFoundByTheirBeginnings) {
  const auto t = name_tokens(normalise_search_text("Dr. Wong Ka Yan"));
  EXPECT_TRUE(has(t, "wong"));
  EXPECT_TRUE(has(t, "wo"));
  EXPECT_TRUE(has(t, "ka"));
  EXPECT_TRUE(has(t, "dr."));
  EXPECT_FALSE(has(t, "ong")) << "not from the middle of a Latin word";
  EXPECT_FALSE(has(t, "wong ka")) << "one word per token";
}

TEST(SearchText, ChineseNamesAreFoundByAnyPartInEitherScript) {
  const auto t = name_tokens(normalise_search_text("歐陽嘉欣"));
  for (const char* part : {"欧", "欧阳", "阳嘉", "嘉欣", "欣", "欧阳嘉欣"})
    EXPECT_TRUE(has(t, part)) << part;
  EXPECT_EQ(query_tokens(normalise_search_text("歐陽")), std::vector<std::string>{"欧阳"});
}

TEST(SearchText, QueryWordsAreDistinctAndCapped) {
  EXPECT_EQ(query_tokens("wong ka wong"), (std::vector<std::string>{"wong", "ka"}));
  const std::string long_word(40, 'a');
  EXPECT_EQ(query_tokens(long_word), std::vector<std::string>{std::string(kMaxTokenChars, 'a')});
  EXPECT_TRUE(has(name_tokens(long_word), std::string(kMaxTokenChars, 'a')));
  const std::string long_chinese = "一二三四五六七八九十百千万亿";  // 14 characters
  EXPECT_EQ(query_tokens(long_chinese)[0].size(), kMaxTokenChars * 3);
  EXPECT_TRUE(has(name_tokens(long_chinese), query_tokens(long_chinese)[0]));
  EXPECT_TRUE(query_tokens("   ").empty());
}

TEST(Idempotency, KeysAreShortVisibleAscii) {
  EXPECT_TRUE(valid_idempotency_key("3f2a-booking-1"));
  EXPECT_FALSE(valid_idempotency_key(""));
  EXPECT_FALSE(valid_idempotency_key(std::string(129, 'a')));
  EXPECT_FALSE(valid_idempotency_key("has space"));
  EXPECT_FALSE(valid_idempotency_key("é"));
}

}  // namespace
}  // namespace yq::scheduling
