#pragma once
// Queue opening hours (services.queue_hours) and a patient's age, on the Hong Kong calendar of
// core/hk_calendar.hpp.
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace yq::queue {

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
// is empty, not a real date (core::parse_day) or in the future.
std::optional<int> age_in_years(std::string_view date_of_birth, std::int64_t now);

}  // namespace yq::queue
