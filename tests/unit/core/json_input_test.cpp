#include "core/json_input.hpp"

#include <gtest/gtest.h>

namespace yq::core {
namespace {

boost::json::object parse(std::string_view s) {
  return parse_json_object(s).value();
}

TEST(JsonInput, RejectsNonObjectsAndDeepNesting) {
  EXPECT_FALSE(parse_json_object("[1,2]"));
  EXPECT_FALSE(parse_json_object("{\"a\":"));
  EXPECT_FALSE(parse_json_object(""));
  EXPECT_FALSE(parse_json_object(std::string(20, '[') + std::string(20, ']')));
  std::string deep = "{\"a\":" + std::string(30, '[') + std::string(30, ']') + "}";
  EXPECT_FALSE(parse_json_object(deep));
  EXPECT_EQ(parse_json_object("[]").error().code, Errc::invalid_json);
  EXPECT_TRUE(parse_json_object("{}"));
}

TEST(JsonInput, CollectsEveryFieldProblemAtOnce) {
  auto obj = parse(R"({"email":"not-an-email","name":42,"age":-1})");
  JsonReader r(obj);
  r.email("email", true);
  r.text("name", 10, true);
  r.integer("age", 0, 150, true);
  r.text("missing", 10, true);
  ASSERT_FALSE(r.ok());
  const auto e = r.error();
  EXPECT_EQ(e.code, Errc::validation);
  ASSERT_EQ(e.fields.size(), 4u);
  EXPECT_EQ(e.fields[0].message_key, "field.invalid_email");
  EXPECT_EQ(e.fields[1].message_key, "field.not_a_string");
  EXPECT_EQ(e.fields[2].message_key, "field.out_of_range");
  EXPECT_EQ(e.fields[3].message_key, "field.required");
}

TEST(JsonInput, TextIsTrimmedAndCountedInCharactersNotBytes) {
  auto obj = parse(R"({"name":"  陳大文  ","long":"一二三四五六"})");
  JsonReader r(obj);
  EXPECT_EQ(r.text("name", 3, true).value(), "陳大文");
  EXPECT_FALSE(r.text("long", 5, true));
  EXPECT_EQ(r.error().fields.at(0).message_key, "field.too_long");
}

TEST(JsonInput, ControlCharactersAreRefusedInShortText) {
  auto obj = parse("{\"name\":\"a\\u0000b\",\"bio\":\"line one\\nline two\"}");
  JsonReader r(obj);
  EXPECT_FALSE(r.text("name", 50, true));
  EXPECT_TRUE(r.text("bio", 2000, true));
}

TEST(JsonInput, EmailsAreLowerCasedAndChecked) {
  auto obj = parse(R"({"a":"Chan.Tai-Man@Example.HK","b":"a@b","c":"x y@z.com"})");
  JsonReader r(obj);
  EXPECT_EQ(r.email("a", true).value(), "chan.tai-man@example.hk");
  EXPECT_FALSE(r.email("b", true));
  EXPECT_FALSE(r.email("c", true));
}

TEST(JsonInput, ChoicesAcceptOnlyListedValuesWithoutDuplicates) {
  auto obj =
      parse(R"({"one":"clinic","many":["yue","en","yue"],"bad":["yue","xx"],"big":["a","b","c"]})");
  JsonReader r(obj);
  EXPECT_EQ(r.choice("one", {"clinic", "pharmacy"}, true).value(), "clinic");
  EXPECT_EQ(r.choices("many", {"yue", "en"}, 5, true).value(),
            (std::vector<std::string>{"yue", "en"}));
  EXPECT_TRUE(r.ok());
  EXPECT_FALSE(r.choices("bad", {"yue", "en"}, 5, true));
  EXPECT_FALSE(r.choices("big", {"a", "b", "c"}, 2, true));
}

TEST(JsonInput, SecretsAreNotTrimmedAndAreCapped) {
  auto obj = parse(R"({"p":"  spaces  ","q":"xxxxxxxxxxx"})");
  JsonReader r(obj);
  EXPECT_EQ(r.secret("p", 100, true).value(), "  spaces  ");
  EXPECT_FALSE(r.secret("q", 10, true));
}

}  // namespace
}  // namespace yq::core
