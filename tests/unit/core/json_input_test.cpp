#include "core/json_input.hpp"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

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

TEST(JsonInput, LocalisedTextReadsTheThreeLanguagesAndNamesEachProblem) {
  const auto errors_of = [](const JsonReader& r) {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& f : r.error().fields) out.emplace_back(f.field, f.message_key);
    return out;
  };
  auto full = parse(R"({"name":{"en":" Harbour ","zh-Hant":"海港","zh-Hans":"海港"}})");
  JsonReader ok(full);
  const auto name = ok.localised("name", 10, true, true);
  ASSERT_TRUE(name);
  EXPECT_EQ(name->en, "Harbour") << "trimmed";
  EXPECT_EQ(name->zh_hant, "海港");
  EXPECT_TRUE(ok.ok());

  auto partial = parse(R"({"name":{"en":"Harbour","zh-Hant":"","zh-Hans":"海港海港海港"}})");
  JsonReader strict(partial);
  EXPECT_FALSE(strict.localised("name", 4, true, true));
  EXPECT_EQ(errors_of(strict),
            (std::vector<std::pair<std::string, std::string>>{{"name.en", "field.too_long"},
                                                              {"name.zh-Hant", "field.required"},
                                                              {"name.zh-Hans", "field.too_long"}}));
  auto some = parse(R"({"bio":{"en":"Hi"}})");
  JsonReader lenient(some);
  const auto bio = lenient.localised("bio", 10, false, false);
  ASSERT_TRUE(bio) << "languages may be left out";
  EXPECT_EQ(bio->zh_hans, "");

  auto shapes = parse(R"({"a":null,"b":"text"})");
  JsonReader r(shapes);
  EXPECT_FALSE(r.localised("a", 10, false, true));
  EXPECT_TRUE(r.ok()) << "null is absent";
  EXPECT_FALSE(r.localised("missing", 10, true, true));
  EXPECT_FALSE(r.localised("b", 10, false, true));
  EXPECT_EQ(errors_of(r), (std::vector<std::pair<std::string, std::string>>{
                              {"missing", "field.required"}, {"b", "field.invalid"}}));
}

}  // namespace
}  // namespace yq::core

namespace yq::core {
namespace {

TEST(VisibleLength, CountsWhatAReaderSeesNotSpacesOrInvisibleCharacters) {
  EXPECT_EQ(visible_length("Chest pain"), 9u);
  EXPECT_EQ(visible_length("胸口痛，昏迷"), 6u);
  EXPECT_EQ(visible_length("\xE2\x80\x8B\xE2\x80\x8B\xE2\x80\x8B\xE2\x80\x8B"), 0u)
      << "four zero-width spaces";
  EXPECT_EQ(visible_length("\xEF\xBB\xBF a \xC2\xAD\xE3\x80\x80"
                           "b\t\n"),
            2u)
      << "a BOM, a soft hyphen and an ideographic space are not counted";
}

}  // namespace
}  // namespace yq::core
