#include "core/i18n.hpp"

#include <gtest/gtest.h>

namespace yq::core {
namespace {

TEST(I18n, HongKongTaiwanMacaoReadTraditional) {
  for (const char* tag : {"zh-HK", "zh-TW", "zh-MO", "zh-Hant", "zh-Hant-HK", "zh_hk"}) {
    Lang l;
    ASSERT_TRUE(parse_lang_tag(tag, l)) << tag;
    EXPECT_EQ(l, Lang::zh_hant) << tag;
  }
}

TEST(I18n, MainlandAndSingaporeReadSimplified) {
  for (const char* tag : {"zh", "zh-CN", "zh-SG", "zh-Hans", "zh-Hans-HK"}) {
    Lang l;
    ASSERT_TRUE(parse_lang_tag(tag, l)) << tag;
    EXPECT_EQ(l, Lang::zh_hans) << tag;
  }
}

TEST(I18n, AcceptLanguageHonoursQualityValues) {
  EXPECT_EQ(negotiate_lang("", "fr-FR, zh-HK;q=0.9, en;q=0.8"), Lang::zh_hant);
  EXPECT_EQ(negotiate_lang("", "en;q=0.5, zh-CN;q=0.7"), Lang::zh_hans);
  EXPECT_EQ(negotiate_lang("", "de, fr"), Lang::en);
  EXPECT_EQ(negotiate_lang("", ""), Lang::en);
  EXPECT_EQ(negotiate_lang("", ";;;,,,q=,zh-TW;q=abc"), Lang::en);
}

TEST(I18n, HeadersThatNameNoneOfOurLanguagesAreNoted) {
  EXPECT_TRUE(names_our_lang("zh-HK"));
  EXPECT_TRUE(names_our_lang("fr, en;q=0.1"));
  EXPECT_FALSE(names_our_lang(""));
  EXPECT_FALSE(names_our_lang("*"));  // what fetch() sends unless told otherwise
  EXPECT_FALSE(names_our_lang("fr-CH, de;q=0.8"));
  EXPECT_FALSE(names_our_lang("en;q=0"));
}

TEST(I18n, AnExplicitChoiceBeatsTheBrowser) {
  EXPECT_EQ(negotiate_lang("zh-Hans", "zh-HK"), Lang::zh_hans);
  EXPECT_EQ(negotiate_lang("klingon", "zh-HK"), Lang::zh_hant);
}

TEST(I18n, TagsWeEmit) {
  EXPECT_EQ(lang_tag(Lang::en), "en");
  EXPECT_EQ(lang_tag(Lang::zh_hant), "zh-Hant");
  EXPECT_EQ(lang_tag(Lang::zh_hans), "zh-Hans");
}

}  // namespace
}  // namespace yq::core
