#include "http/request_text.hpp"

#include <gtest/gtest.h>

namespace yq::http {
namespace {

// Issue 12, "invalid UTF-8 in a query string or header answers 400": the checks underneath.
TEST(RequestText, Utf8IsCheckedStrictly) {
  EXPECT_TRUE(is_valid_utf8(""));
  EXPECT_TRUE(is_valid_utf8("plain ascii"));
  EXPECT_TRUE(is_valid_utf8("陳大文 чай 🩺"));
  EXPECT_FALSE(is_valid_utf8("\xff"));
  EXPECT_FALSE(is_valid_utf8("\xc3\x28")) << "a lead byte without its continuation";
  EXPECT_FALSE(is_valid_utf8("\xc0\xaf")) << "overlong /";
  EXPECT_FALSE(is_valid_utf8("\xe0\x80\xaf")) << "overlong, three bytes";
  EXPECT_FALSE(is_valid_utf8("\xed\xa0\x80")) << "a UTF-16 surrogate";
  EXPECT_FALSE(is_valid_utf8("\xf4\x90\x80\x80")) << "above U+10FFFF";
  EXPECT_FALSE(is_valid_utf8("\xe4\xb8")) << "cut short";
}

TEST(RequestText, PrefixesEndAtACharacter) {
  const std::string text = "ab中";  // 中 is three bytes
  EXPECT_EQ(utf8_prefix(text, 3), "ab");
  EXPECT_EQ(utf8_prefix(text, 4), "ab");
  EXPECT_EQ(utf8_prefix(text, 5), "ab中");
  EXPECT_EQ(printable("a\xff"
                      "b"),
            "a?b");
}

TEST(RequestText, QueriesDecodeLikeAFormAndRefuseBadText) {
  auto params = decode_query("q=%E9%99%B3+%E5%A4%A7&empty=&flag&x=a%2Bb");
  ASSERT_TRUE(params);
  ASSERT_EQ(params->size(), 4u);
  EXPECT_EQ((*params)[0], (std::pair<std::string, std::string>{"q", "陳 大"}));
  EXPECT_EQ((*params)[1].second, "");
  EXPECT_EQ((*params)[2].first, "flag");
  EXPECT_EQ((*params)[3].second, "a+b");
  EXPECT_EQ(decode_query("q=%FF").error().code, core::Errc::invalid_encoding);
  EXPECT_EQ(decode_query("q=a%00").error().code, core::Errc::invalid_encoding);
  EXPECT_EQ(decode_query("%FF=1").error().code, core::Errc::invalid_encoding);
  EXPECT_EQ(decode_query("q=%zz").error().code, core::Errc::bad_request);
  EXPECT_EQ(decode_query("q=%4").error().code, core::Errc::bad_request);
}

TEST(RequestText, EveryHeaderValueAndTheTargetAreChecked) {
  namespace bhttp = boost::beast::http;
  BeastRequest ok{bhttp::verb::get, "/api/v1/doctors?q=%E4%B8%AD", 11};
  ok.set(bhttp::field::user_agent, "瀏覽器/1.0");
  EXPECT_EQ(check_request_text(ok), std::nullopt);
  BeastRequest agent = ok;
  agent.set(bhttp::field::user_agent, "Mozilla \xe9");
  EXPECT_EQ(check_request_text(agent), core::Errc::invalid_encoding);
  BeastRequest custom = ok;
  custom.set("X-Anything", "\xc3");
  EXPECT_EQ(check_request_text(custom), core::Errc::invalid_encoding);
  EXPECT_EQ(check_request_text(BeastRequest{bhttp::verb::get, "/a/%FF", 11}),
            core::Errc::invalid_encoding);
  EXPECT_EQ(check_request_text(BeastRequest{bhttp::verb::get, "/a/%", 11}),
            core::Errc::bad_request);
}

}  // namespace
}  // namespace yq::http
