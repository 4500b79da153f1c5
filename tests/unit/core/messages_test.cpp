#include "core/messages.hpp"

#include <gtest/gtest.h>

#include <set>

#include "core/error.hpp"

namespace yq::core {
namespace {

TEST(Messages, EveryMessageHasAllThreeLanguages) {
  std::set<std::string_view> keys;
  for (const auto& m : all_messages()) {
    EXPECT_TRUE(keys.insert(m.key).second) << "duplicate key " << m.key;
    EXPECT_FALSE(m.en.empty()) << m.key;
    EXPECT_FALSE(m.zh_hant.empty()) << m.key;
    EXPECT_FALSE(m.zh_hans.empty()) << m.key;
    // A Chinese text that is just the English one copied is a missing translation.
    EXPECT_NE(m.en, m.zh_hant) << m.key;
    EXPECT_NE(m.en, m.zh_hans) << m.key;
  }
}

TEST(Messages, EveryErrorInTheCatalogueHasATextAndAUniqueCode) {
  std::set<std::string_view> slugs;
  for (const auto& e : all_errors()) {
    EXPECT_TRUE(has_message(e.message)) << e.slug;
    EXPECT_TRUE(slugs.insert(e.slug).second) << e.slug;
    EXPECT_GE(e.http_status, 400);
    EXPECT_LT(e.http_status, 600);
    EXPECT_EQ(error_info(e.code).slug, e.slug);
  }
}

TEST(Messages, EveryWebSocketCodeHasATextAndAUniqueCode) {
  std::set<std::string_view> slugs;
  for (const auto& e : all_ws_errors()) {
    EXPECT_TRUE(has_message(e.message)) << e.slug;
    EXPECT_TRUE(slugs.insert(e.slug).second) << e.slug;
    EXPECT_EQ(ws_error_info(e.code).slug, e.slug);
  }
  // A refusal by a message type's policy carries the HTTP code, which has its text already.
  for (const Errc refused : {Errc::forbidden, Errc::unauthenticated, Errc::mfa_enrolment_required})
    EXPECT_TRUE(has_message(error_info(refused).message)) << error_info(refused).slug;
}

TEST(Messages, PlaceholdersAppearInEveryLanguage) {
  for (const auto& m : all_messages()) {
    for (std::string_view ph : {"{link}", "{org}"}) {
      const bool in_en = m.en.find(ph) != std::string_view::npos;
      EXPECT_EQ(in_en, m.zh_hant.find(ph) != std::string_view::npos) << m.key << ph;
      EXPECT_EQ(in_en, m.zh_hans.find(ph) != std::string_view::npos) << m.key << ph;
    }
  }
}

TEST(Messages, LookupFallsBackToTheKey) {
  EXPECT_EQ(message("error.not_found", Lang::zh_hant), "找不到你要求的內容。");
  EXPECT_EQ(message("no.such.key", Lang::en), "no.such.key");
}

}  // namespace
}  // namespace yq::core
