#include "queue/time.hpp"

#include <boost/json/parse.hpp>

#include <charconv>
#include <ctime>

namespace yq::queue {

namespace {

constexpr std::int64_t kHongKongOffset = 8 * 3600;
// Generous for 64 windows; anything longer is not a value our editor writes.
constexpr std::size_t kMaxHoursText = 8 * 1024;

std::optional<int> small_int(const boost::json::value* v, int min, int max) {
  if (!v || !v->is_int64()) return std::nullopt;
  const auto n = v->get_int64();
  if (n < min || n > max) return std::nullopt;
  return static_cast<int>(n);
}

std::optional<int> digits(std::string_view s) {
  int n = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
  if (ec != std::errc{} || p != s.data() + s.size()) return std::nullopt;
  return n;
}

}  // namespace

HkLocalTime hk_local(std::int64_t unix_seconds) {
  const std::time_t t = static_cast<std::time_t>(unix_seconds + kHongKongOffset);
  std::tm tm{};
  gmtime_r(&t, &tm);
  return HkLocalTime{tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_wday == 0 ? 7 : tm.tm_wday,
                     tm.tm_hour * 60 + tm.tm_min};
}

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
  const auto local = hk_local(now);
  for (const auto& w : hours.windows) {
    if (w.weekday == local.iso_weekday && local.minute >= w.from && local.minute < w.to)
      return true;
  }
  return false;
}

std::optional<int> age_in_years(std::string_view dob, std::int64_t now) {
  if (dob.size() != 10 || dob[4] != '-' || dob[7] != '-') return std::nullopt;
  const auto y = digits(dob.substr(0, 4));
  const auto m = digits(dob.substr(5, 2));
  const auto d = digits(dob.substr(8, 2));
  if (!y || !m || !d || *m < 1 || *m > 12 || *d < 1 || *d > 31) return std::nullopt;
  const auto today = hk_local(now);
  int age = today.year - *y;
  // Not yet had this year's birthday (someone born on 29 February has it on 1 March).
  if (today.month < *m || (today.month == *m && today.day < *d)) --age;
  if (age < 0) return std::nullopt;
  return age;
}

}  // namespace yq::queue
