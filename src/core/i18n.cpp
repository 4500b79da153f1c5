#include "core/i18n.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <optional>
#include <string>

namespace yq::core {

std::string_view lang_tag(Lang lang) {
  switch (lang) {
    case Lang::zh_hant:
      return "zh-Hant";
    case Lang::zh_hans:
      return "zh-Hans";
    case Lang::en:
      break;
  }
  return "en";
}

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) {
    return c == '_' ? '-' : static_cast<char>(std::tolower(c));
  });
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

bool parse_lang_tag(std::string_view raw, Lang& out) {
  const std::string tag = lower(trim(raw));
  if (tag.empty() || tag.size() > 35) return false;
  if (tag == "en" || tag.starts_with("en-")) {
    out = Lang::en;
    return true;
  }
  if (tag != "zh" && !tag.starts_with("zh-")) return false;
  // Script subtags win over regions; regions of traditional script otherwise.
  if (tag.find("-hant") != std::string::npos) {
    out = Lang::zh_hant;
    return true;
  }
  if (tag.find("-hans") != std::string::npos) {
    out = Lang::zh_hans;
    return true;
  }
  for (std::string_view region : {"-hk", "-tw", "-mo"}) {
    if (tag.ends_with(region)) {
      out = Lang::zh_hant;
      return true;
    }
  }
  out = Lang::zh_hans;
  return true;
}

namespace {

// The best of our languages the header names, or nothing when it names none of them.
std::optional<Lang> best_accepted(std::string_view accept_language) {
  double best_q = -1;
  std::optional<Lang> best;
  int items = 0;
  while (!accept_language.empty() && items++ < 32) {
    const auto comma = accept_language.find(',');
    std::string_view item = accept_language.substr(0, comma);
    accept_language =
        comma == std::string_view::npos ? std::string_view{} : accept_language.substr(comma + 1);
    double q = 1.0;
    if (const auto semi = item.find(';'); semi != std::string_view::npos) {
      std::string_view params = trim(item.substr(semi + 1));
      item = item.substr(0, semi);
      if (params.starts_with("q=")) {
        params.remove_prefix(2);
        double parsed = 0;
        auto [ptr, ec] = std::from_chars(params.data(), params.data() + params.size(), parsed);
        q = ec == std::errc{} ? parsed : 0.0;
      }
    }
    Lang candidate;
    // q=0 (or an unreadable q) means "not acceptable" (RFC 9110 12.4.2).
    if (q > 0 && q > best_q && parse_lang_tag(trim(item), candidate)) {
      best_q = q;
      best = candidate;
    }
  }
  return best;
}

}  // namespace

Lang negotiate_lang(std::string_view explicit_choice, std::string_view accept_language) {
  Lang lang = Lang::en;
  if (!explicit_choice.empty() && parse_lang_tag(explicit_choice, lang)) return lang;
  return best_accepted(accept_language).value_or(Lang::en);
}

bool names_our_lang(std::string_view accept_language) {
  return best_accepted(accept_language).has_value();
}

}  // namespace yq::core
