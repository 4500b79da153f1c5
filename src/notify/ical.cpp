#include "notify/ical.hpp"

#include <ctime>

namespace yq::notify {

namespace {

constexpr std::string_view kCrlf = "\r\n";
// RFC 5545 3.1: a content line is at most 75 octets, excluding the line break; a continuation
// line starts with one space, which counts towards its 75.
constexpr std::size_t kMaxLineOctets = 75;

// 20261123T023604Z (RFC 5545 3.3.5, form 2: UTC).
std::string utc_stamp(std::int64_t unix_seconds) {
  std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[20];
  std::strftime(buf, sizeof buf, "%Y%m%dT%H%M%SZ", &tm);
  return buf;
}

// TEXT values (RFC 5545 3.3.11): backslash, semicolon and comma are escaped, a line break becomes
// "\n". Other control characters are not allowed in TEXT at all, so they are dropped.
std::string escape_text(std::string_view in) {
  std::string out;
  out.reserve(in.size() + 8);
  for (std::size_t i = 0; i < in.size(); ++i) {
    const char ch = in[i];
    switch (ch) {
      case '\\':
        out += "\\\\";
        break;
      case ';':
        out += "\\;";
        break;
      case ',':
        out += "\\,";
        break;
      case '\r':
        if (i + 1 < in.size() && in[i + 1] == '\n') ++i;
        out += "\\n";
        break;
      case '\n':
        out += "\\n";
        break;
      default:
        if (static_cast<unsigned char>(ch) < 0x20 && ch != '\t') break;
        if (ch == 0x7f) break;
        out += ch;
    }
  }
  return out;
}

bool utf8_continuation(char ch) {
  return (static_cast<unsigned char>(ch) & 0xC0) == 0x80;
}

// Appends one content line, folded so that no physical line exceeds 75 octets and no UTF-8
// character is split across lines (a split character would be garbage to every reader).
void put_line(std::string& out, std::string_view line) {
  std::size_t limit = kMaxLineOctets;
  while (line.size() > limit) {
    std::size_t cut = limit;
    while (cut > 0 && utf8_continuation(line[cut])) --cut;
    if (cut == 0) cut = limit;  // not UTF-8 at all: any cut is as good as another
    out.append(line.substr(0, cut));
    out.append(kCrlf);
    out.push_back(' ');
    line.remove_prefix(cut);
    limit = kMaxLineOctets - 1;
  }
  out.append(line);
  out.append(kCrlf);
}

void put_property(std::string& out, std::string_view name, std::string_view value) {
  std::string line(name);
  line += ':';
  line += value;
  put_line(out, line);
}

void put_text(std::string& out, std::string_view name, std::string_view value) {
  put_property(out, name, escape_text(value));
}

void open_calendar(std::string& out) {
  put_property(out, "BEGIN", "VCALENDAR");
  put_property(out, "VERSION", "2.0");
  put_property(out, "PRODID", "-//Yiqiao//Yiqiao appointments//EN");
  put_property(out, "CALSCALE", "GREGORIAN");
  put_property(out, "METHOD", "PUBLISH");
}

void put_event(std::string& out, const IcsEvent& e, std::int64_t now) {
  put_property(out, "BEGIN", "VEVENT");
  put_text(out, "UID", e.uid);
  put_property(out, "DTSTAMP", utc_stamp(e.stamp != 0 ? e.stamp : now));
  put_property(out, "DTSTART", utc_stamp(e.starts_at));
  put_property(out, "DTEND", utc_stamp(e.ends_at > e.starts_at ? e.ends_at : e.starts_at));
  put_text(out, "SUMMARY", e.summary);
  if (!e.description.empty()) put_text(out, "DESCRIPTION", e.description);
  if (!e.location.empty()) put_text(out, "LOCATION", e.location);
  put_property(out, "STATUS", e.cancelled ? "CANCELLED" : "CONFIRMED");
  // Cancelled events must not block time in the reader's calendar.
  put_property(out, "TRANSP", e.cancelled ? "TRANSPARENT" : "OPAQUE");
  put_property(out, "END", "VEVENT");
}

std::int64_t now_seconds() {
  return static_cast<std::int64_t>(std::time(nullptr));
}

}  // namespace

std::string appointment_ics(const IcsEvent& event) {
  std::string out;
  open_calendar(out);
  put_event(out, event, now_seconds());
  put_property(out, "END", "VCALENDAR");
  return out;
}

std::string calendar_ics(const std::vector<IcsEvent>& events, std::string_view name) {
  std::string out;
  out.reserve(512 + events.size() * 400);
  open_calendar(out);
  if (!name.empty()) put_text(out, "X-WR-CALNAME", name);
  const std::int64_t now = now_seconds();
  for (const auto& e : events) put_event(out, e, now);
  put_property(out, "END", "VCALENDAR");
  return out;
}

}  // namespace yq::notify
