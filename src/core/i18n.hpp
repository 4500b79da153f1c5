#pragma once
// Languages the platform speaks and how a request picks one.
#include <array>
#include <string_view>

namespace yq::core {

enum class Lang { en, zh_hant, zh_hans };

inline constexpr std::array<Lang, 3> kAllLangs{Lang::en, Lang::zh_hant, Lang::zh_hans};

// BCP 47 tag we emit for a language: "en", "zh-Hant", "zh-Hans".
std::string_view lang_tag(Lang lang);

// Maps one tag ("zh-HK", "zh-Hant-TW", "zh_CN", "en-GB", ...) to a supported language.
// Returns false when the tag names none of ours.
bool parse_lang_tag(std::string_view tag, Lang& out);

// Picks the best language from an explicit choice (cookie / account setting) first, then the
// Accept-Language header (quality values honoured), then English.
Lang negotiate_lang(std::string_view explicit_choice, std::string_view accept_language);

// Whether an Accept-Language header names one of our languages (with q > 0). An empty header, "*"
// (which fetch() sends by default) or only other languages do not: then a signed-in person's own
// choice applies instead of English.
bool names_our_lang(std::string_view accept_language);

}  // namespace yq::core
