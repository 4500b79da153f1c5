#pragma once
// Turns a stored notice (kind + params) into text in one language. Notices are stored as kind and
// params rather than as text so that each reader sees them in their own language, including one
// they switch to later.
#include <boost/json/object.hpp>

#include <cstdint>
#include <string>
#include <string_view>

#include "core/i18n.hpp"

namespace yq::notify {

struct NoticeText {
  std::string title;
  std::string body;
};

// "notice.<kind>.title" and "notice.<kind>.body" with their {placeholders} filled from params.
NoticeText render_notice(std::string_view kind, const boost::json::object& params, core::Lang lang);

// Fills {name} placeholders. A param may be a string, a number, an object holding one text per
// language ({"en": ..., "zh-Hant": ..., "zh-Hans": ...}), or, for "when" and names ending in
// "_when", UTC seconds shown as Hong Kong local time. Missing params read as empty text.
std::string fill_placeholders(std::string_view text, const boost::json::object& params,
                              core::Lang lang);

// A doctor's name in each language ({"en": "Dr. Chan Tai Man", "zh-Hant": "陳大文醫生", ...}), for
// the {doctor} placeholder.
boost::json::object doctor_names(const std::string& title, const std::string& display_name,
                                 const std::string& name_zh);

// UTC seconds as a Hong Kong (UTC+8, no daylight saving) date and time, the way each language
// writes it: "Monday 23 November 2026, 10:30 am", "2026年11月23日（星期一）上午10:30".
std::string format_hk_time(std::int64_t unix_seconds, core::Lang lang);

}  // namespace yq::notify
