// The directory's search text and idempotency keys: pure functions, no database.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "scheduling/booking/idempotency.hpp"
#include "scheduling/directory/search_text.hpp"

namespace yq::scheduling {
namespace {

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
