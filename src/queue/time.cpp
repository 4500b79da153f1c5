#include "queue/time.hpp"

#include <boost/json/parse.hpp>

#include "core/hk_calendar.hpp"

namespace yq::queue {

namespace {

// Generous for 64 windows; anything longer is not a value our editor writes.
constexpr std::size_t kMaxHoursText = 8 * 1024;

std::optional<int> small_int(const boost::json::value* v, int min, int max) {
  if (!v || !v->is_int64()) return std::nullopt;
  const auto n = v->get_int64();
  if (n < min || n > max) return std::nullopt;
  return static_cast<int>(n);
}

}  // namespace

std::optional<QueueHours> parse_queue_hours(std::string_view text) {
  if (text.empty()) return QueueHours{};
  if (text.size() > kMaxHoursText) return std::nullopt;
  boost::system::error_code ec;
  boost::json::parse_options opts;
  opts.max_depth = 4;
  const auto value = boost::json::parse(text, ec, {}, opts);
  if (ec || !value.is_array() || value.get_array().size() > kMaxQueueWindows) return std::nullopt;
  QueueHours hours{false, {}};
  for (const auto& w : value.get_array()) {
    if (!w.is_object()) return std::nullopt;
    const auto& o = w.get_object();
    const auto weekday = small_int(o.if_contains("weekday"), 1, 7);
    const auto from = small_int(o.if_contains("from"), 0, 1439);
    const auto to = small_int(o.if_contains("to"), 1, 1440);
    if (!weekday || !from || !to || *from >= *to) return std::nullopt;
    hours.windows.push_back({*weekday, *from, *to});
  }
  return hours;
}

bool is_open(const QueueHours& hours, std::int64_t now) {
  if (hours.always) return true;
  const auto local = core::hk_local(now);
  for (const auto& w : hours.windows) {
    if (w.weekday == local.iso_weekday && local.minute >= w.from && local.minute < w.to)
      return true;
  }
  return false;
}

std::optional<int> age_in_years(std::string_view dob, std::int64_t now) {
  const auto born = core::parse_day(dob);
  if (!born) return std::nullopt;
  const int age = core::years_between(*born, core::hk_day_of(now));
  if (age < 0) return std::nullopt;
  return age;
}

}  // namespace yq::queue
