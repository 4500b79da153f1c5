#pragma once
// Hong Kong calendar arithmetic for queues: opening hours (services.queue_hours) and a patient's
// age. Hong Kong is UTC+8 all year (no daylight saving), so local time is a fixed offset.
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace yq::queue {

struct HkLocalTime {
  int year = 0, month = 0, day = 0;
  int iso_weekday = 0;  // 1 = Monday .. 7 = Sunday
  int minute = 0;       // minute of the day, 0..1439
};
HkLocalTime hk_local(std::int64_t unix_seconds);

// One weekly opening window in local minutes: [from, to) on `weekday` (ISO).
struct QueueWindow {
  int weekday = 0;
  int from = 0;
  int to = 0;
};

struct QueueHours {
  bool always = true;  // '' in the database: open 24x7
  std::vector<QueueWindow> windows;
};

// The stored text: '' (24x7) or JSON [{"weekday":1..7,"from":minute,"to":minute}, ...].
// nullopt for anything else (the service's editor validates; a bad value closes the queue rather
// than opening it at unintended times). At most kMaxQueueWindows windows.
inline constexpr std::size_t kMaxQueueWindows = 64;
std::optional<QueueHours> parse_queue_hours(std::string_view text);

bool is_open(const QueueHours& hours, std::int64_t now);

// Whole years since a 'YYYY-MM-DD' date of birth on today's Hong Kong date; nullopt when the date
// is empty, malformed or in the future.
std::optional<int> age_in_years(std::string_view date_of_birth, std::int64_t now);

}  // namespace yq::queue
