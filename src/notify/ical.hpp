#pragma once
// iCalendar (RFC 5545) output: one appointment as a downloadable .ics, and a whole calendar for the
// per-account feed URL. Pure functions: the callers decide what goes in and who may see it.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace yq::notify {

struct IcsEvent {
  std::string uid;  // stable across updates, so a calendar app replaces rather than duplicates
  std::int64_t starts_at = 0, ends_at = 0;  // UTC seconds
  std::string summary, description, location;
  bool cancelled = false;
  std::int64_t stamp = 0;  // DTSTAMP (UTC seconds); 0 means "now"
};

// One VCALENDAR holding one VEVENT.
std::string appointment_ics(const IcsEvent& event);
// One VCALENDAR holding every event; `name` becomes X-WR-CALNAME.
std::string calendar_ics(const std::vector<IcsEvent>& events, std::string_view name);

}  // namespace yq::notify
