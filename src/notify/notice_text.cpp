#include "notify/notice_text.hpp"

#include <array>
#include "core/hk_calendar.hpp"
#include "core/localised_text.hpp"
#include "core/messages.hpp"

namespace yq::notify {

namespace {

constexpr std::array<std::string_view, 7> kWeekdaysEn{"Sunday",   "Monday", "Tuesday", "Wednesday",
                                                      "Thursday", "Friday", "Saturday"};
constexpr std::array<std::string_view, 12> kMonthsEn{
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};
// 星期日 .. 星期六 are the same in both scripts.
constexpr std::array<std::string_view, 7> kWeekdaysZh{"日", "一", "二", "三", "四", "五", "六"};

std::string two_digits(int n) {
  std::string s = std::to_string(n);
  return n < 10 ? "0" + s : s;
}

// Chinese names the part of the day rather than writing am/pm.
// The words are the same in both scripts.
std::string_view zh_day_part(int hour) {
  if (hour < 6) return "凌晨";
  if (hour < 12) return "上午";
  if (hour == 12) return "中午";
  if (hour < 18) return "下午";
  return "晚上";
}

std::string param_text(std::string_view name, const boost::json::value& v, core::Lang lang) {
  const bool is_time = name == "when" || name.ends_with("_when");
  if (v.is_string()) return std::string(v.get_string());
  if (v.is_int64()) {
    return is_time ? format_hk_time(v.get_int64(), lang) : std::to_string(v.get_int64());
  }
  if (v.is_uint64()) return std::to_string(v.get_uint64());
  if (v.is_object()) {
    const auto& o = v.get_object();
    if (const auto* t = o.if_contains(core::lang_tag(lang)); t && t->is_string())
      return std::string(t->get_string());
    if (const auto* t = o.if_contains("en"); t && t->is_string())
      return std::string(t->get_string());
  }
  return {};
}

}  // namespace

boost::json::object doctor_names(const std::string& title, const std::string& display_name,
                                 const std::string& name_zh) {
  // English puts the title first (unless the name already starts with it, as "Dr. Wong" often
  // does); Chinese puts 醫生 after the Chinese name when there is one.
  const bool titled = title.empty() || display_name.rfind(title + " ", 0) == 0;
  const std::string en = titled ? display_name : title + " " + display_name;
  return core::LocalisedText{en, name_zh.empty() ? en : name_zh + "醫生",
                             name_zh.empty() ? en : name_zh + "医生"}
      .to_json();
}

std::string format_hk_time(std::int64_t unix_seconds, core::Lang lang) {
  const core::HkLocalTime t = core::hk_local(unix_seconds);
  const int hour = t.minute / 60, minute = t.minute % 60;
  const int weekday = t.iso_weekday % 7;  // 0 = Sunday, the tables' order
  if (lang == core::Lang::en) {
    const int h12 = hour % 12 == 0 ? 12 : hour % 12;
    return std::string(kWeekdaysEn[weekday]) + " " + std::to_string(t.day) + " " +
           std::string(kMonthsEn[t.month - 1]) + " " + std::to_string(t.year) + ", " +
           std::to_string(h12) + ":" + two_digits(minute) + (hour < 12 ? " am" : " pm");
  }
  const int h12 = hour > 12 ? hour - 12 : (hour == 0 ? 12 : hour);
  return std::to_string(t.year) + "年" + std::to_string(t.month) + "月" + std::to_string(t.day) +
         "日（星期" + std::string(kWeekdaysZh[weekday]) + "）" + std::string(zh_day_part(hour)) +
         std::to_string(h12) + ":" + two_digits(minute);
}

std::string fill_placeholders(std::string_view text, const boost::json::object& params,
                              core::Lang lang) {
  std::string out;
  out.reserve(text.size() + 64);
  while (!text.empty()) {
    const auto open = text.find('{');
    const auto close = open == std::string_view::npos ? open : text.find('}', open);
    if (close == std::string_view::npos) {
      out.append(text);
      break;
    }
    out.append(text.substr(0, open));
    const auto name = text.substr(open + 1, close - open - 1);
    if (const auto* v = params.if_contains(name)) out += param_text(name, *v, lang);
    text.remove_prefix(close + 1);
  }
  return out;
}

NoticeText render_notice(std::string_view kind, const boost::json::object& params,
                         core::Lang lang) {
  const std::string base = "notice." + std::string(kind);
  return {fill_placeholders(core::message(base + ".title", lang), params, lang),
          fill_placeholders(core::message(base + ".body", lang), params, lang)};
}

}  // namespace yq::notify
