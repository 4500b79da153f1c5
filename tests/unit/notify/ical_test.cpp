#include "notify/ical.hpp"

#include <gtest/gtest.h>

#include <sstream>

namespace yq::notify {
namespace {

std::vector<std::string> physical_lines(const std::string& ics) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (auto end = ics.find("\r\n"); end != std::string::npos; end = ics.find("\r\n", start)) {
    out.push_back(ics.substr(start, end - start));
    start = end + 2;
  }
  EXPECT_EQ(start, ics.size()) << "the text ends with CRLF";
  return out;
}

// RFC 5545 3.1 unfolding: a CRLF followed by one space or tab is removed.
std::string unfold(const std::string& ics) {
  std::string out;
  for (std::size_t i = 0; i < ics.size(); ++i) {
    if (ics.compare(i, 3, "\r\n ") == 0) {
      i += 2;
      continue;
    }
    out += ics[i];
  }
  return out;
}

bool valid_utf8(const std::string& s) {
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    const int n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    for (int k = 1; k < n; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    i += n;
  }
  return true;
}

IcsEvent sample() {
  IcsEvent e;
  e.uid = "01hx@yiqiao";
  e.starts_at = 1'800'000'000;  // 2027-01-15T08:00:00Z
  e.ends_at = 1'800'000'000 + 900;
  e.stamp = 1'799'000'000;
  e.summary = "General practice with Dr. Chan";
  e.location = "Harbour Health Clinic, 1 Queen's Road";
  return e;
}

TEST(Ical, OneEventIsAWholeCalendarWithCrlfLinesAndUtcTimes) {
  const std::string ics = appointment_ics(sample());
  const auto lines = physical_lines(ics);
  ASSERT_GE(lines.size(), 10u);
  EXPECT_EQ(lines.front(), "BEGIN:VCALENDAR");
  EXPECT_EQ(lines.back(), "END:VCALENDAR");
  EXPECT_EQ(ics.find('\n', 0) - 1, ics.find('\r')) << "every line break is CRLF";
  for (const char* expected : {"VERSION:2.0", "METHOD:PUBLISH", "BEGIN:VEVENT", "UID:01hx@yiqiao",
                               "DTSTART:20270115T080000Z", "DTEND:20270115T081500Z",
                               "DTSTAMP:20270103T181320Z", "STATUS:CONFIRMED", "END:VEVENT"}) {
    EXPECT_NE(std::find(lines.begin(), lines.end(), expected), lines.end()) << expected;
  }
  EXPECT_NE(ics.find("\r\nPRODID:-//Yiqiao//"), std::string::npos);
  // Bare LF nowhere.
  for (std::size_t i = ics.find('\n'); i != std::string::npos; i = ics.find('\n', i + 1))
    EXPECT_EQ(ics[i - 1], '\r');
}

TEST(Ical, TextIsEscaped) {
  IcsEvent e = sample();
  e.summary = "a,b;c\\d\ne\r\nf\x01g";
  e.description = "line one\nline two";
  const std::string ics = unfold(appointment_ics(e));
  EXPECT_NE(ics.find("SUMMARY:a\\,b\\;c\\\\d\\ne\\nfg\r\n"), std::string::npos) << ics;
  EXPECT_NE(ics.find("DESCRIPTION:line one\\nline two\r\n"), std::string::npos);
  EXPECT_NE(ics.find("LOCATION:Harbour Health Clinic\\, 1 Queen's Road\r\n"), std::string::npos);
}

TEST(Ical, LongLinesFoldAt75OctetsWithoutSplittingCharacters) {
  IcsEvent e = sample();
  e.summary = "普通科門診（陳大文醫生）";
  for (int i = 0; i < 8; ++i) e.summary += "醫橋預約提提你，請準時出席。abc";
  e.description = std::string(300, 'x');
  const std::string ics = appointment_ics(e);
  for (const auto& line : physical_lines(ics)) {
    EXPECT_LE(line.size(), 75u) << line;
    EXPECT_TRUE(valid_utf8(line)) << "a character was split: " << line;
  }
  const std::string unfolded = unfold(ics);
  EXPECT_NE(unfolded.find("SUMMARY:" + e.summary + "\r\n"), std::string::npos);
  EXPECT_NE(unfolded.find("DESCRIPTION:" + e.description + "\r\n"), std::string::npos);
}

TEST(Ical, CancelledEventsSaySoAndTheFeedHasItsName) {
  IcsEvent a = sample();
  IcsEvent b = sample();
  b.uid = "02hx@yiqiao";
  b.cancelled = true;
  const std::string ics = calendar_ics({a, b}, "醫橋預約, family");
  EXPECT_NE(ics.find("X-WR-CALNAME:醫橋預約\\, family\r\n"), std::string::npos);
  EXPECT_NE(ics.find("STATUS:CANCELLED\r\n"), std::string::npos);
  std::size_t events = 0;
  for (auto i = ics.find("BEGIN:VEVENT"); i != std::string::npos;
       i = ics.find("BEGIN:VEVENT", i + 1))
    ++events;
  EXPECT_EQ(events, 2u);
  EXPECT_EQ(physical_lines(calendar_ics({}, "x")).back(), "END:VCALENDAR");
}

}  // namespace
}  // namespace yq::notify
