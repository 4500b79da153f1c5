// Texts in three languages: the JSON shape every answer uses and picking one language.
#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>

#include "core/localised_text.hpp"

namespace yq::core {
namespace {

TEST(LocalisedText, JsonHasTheThreeLanguageTagsInOrder) {
  const LocalisedText t{"Harbour Clinic", "海港診所", "海港诊所"};
  EXPECT_EQ(boost::json::serialize(t.to_json()),
            R"({"en":"Harbour Clinic","zh-Hant":"海港診所","zh-Hans":"海港诊所"})");
  EXPECT_EQ(boost::json::serialize(LocalisedText{}.to_json()),
            R"({"en":"","zh-Hant":"","zh-Hans":""})");
}

TEST(LocalisedText, PicksTheLanguageAsked) {
  const LocalisedText t{"Harbour Clinic", "海港診所", "海港诊所"};
  EXPECT_EQ(t.pick(Lang::en), "Harbour Clinic");
  EXPECT_EQ(t.pick(Lang::zh_hant), "海港診所");
  EXPECT_EQ(t.pick(Lang::zh_hans), "海港诊所");
}

}  // namespace
}  // namespace yq::core
