#include "notify/notice_text.hpp"

#include <gtest/gtest.h>

#include <regex>
#include <set>

#include "core/messages.hpp"

namespace yq::notify {
namespace {

const std::vector<std::string> kKinds{"appointment.booked",
                                      "appointment.cancelled",
                                      "appointment.rescheduled",
                                      "appointment.needs_rebooking",
                                      "appointment.reminder_24h",
                                      "appointment.reminder_1h",
                                      "queue.dropped",
                                      "queue.taken",
                                      "carer.requested",
                                      "carer.accepted",
                                      "doctor.appointment.booked",
                                      "doctor.appointment.cancelled",
                                      "doctor.appointment.rescheduled"};

std::set<std::string> placeholders(std::string_view text) {
  std::set<std::string> out;
  const std::string s(text);
  const std::regex re("\\{[a-z_]+\\}");
  for (auto it = std::sregex_iterator(s.begin(), s.end(), re); it != std::sregex_iterator(); ++it)
    out.insert(it->str());
  return out;
}

TEST(NoticeText, EveryKindHasATitleAndBodyWithTheSamePlaceholdersInEachLanguage) {
  for (const auto& kind : kKinds) {
    for (const char* part : {".title", ".body"}) {
      const std::string key = "notice." + kind + part;
      ASSERT_TRUE(core::has_message(key)) << key;
    }
  }
  for (const auto& m : core::all_messages()) {
    if (!m.key.starts_with("notice.") && !m.key.starts_with("calendar.")) continue;
    EXPECT_EQ(placeholders(m.en), placeholders(m.zh_hant)) << m.key;
    EXPECT_EQ(placeholders(m.en), placeholders(m.zh_hans)) << m.key;
  }
}

TEST(NoticeText, TimesAreHongKongLocalTimeWrittenTheWayEachLanguageWritesThem) {
  // 2026-11-23T02:30:00Z is 10:30 on Monday 23 November in Hong Kong.
  const std::int64_t t = 1'795'401'000;
  EXPECT_EQ(format_hk_time(t, core::Lang::en), "Monday 23 November 2026, 10:30 am");
  EXPECT_EQ(format_hk_time(t, core::Lang::zh_hant), "2026年11月23日（星期一）上午10:30");
  EXPECT_EQ(format_hk_time(t, core::Lang::zh_hans), "2026年11月23日（星期一）上午10:30");
  // 16:00 UTC is midnight in Hong Kong: the next day.
  EXPECT_EQ(format_hk_time(t + 13 * 3600 + 1800, core::Lang::en),
            "Tuesday 24 November 2026, 12:00 am");
  EXPECT_EQ(format_hk_time(t + 5 * 3600 + 1800, core::Lang::zh_hant),
            "2026年11月23日（星期一）下午4:00");
  EXPECT_EQ(format_hk_time(t + 1800 + 3600, core::Lang::zh_hans),
            "2026年11月23日（星期一）中午12:00");
  EXPECT_EQ(format_hk_time(t + 1800 + 3600, core::Lang::en), "Monday 23 November 2026, 12:00 pm");
}

TEST(NoticeText, ParamsFillPlaceholdersPerLanguage) {
  const boost::json::object params{
      {"doctor", {{"en", "Dr. Chan"}, {"zh-Hant", "陳醫生"}, {"zh-Hans", "陈医生"}}},
      {"service", {{"en", "General practice"}, {"zh-Hant", "普通科"}, {"zh-Hans", "普通科"}}},
      {"when", 1'795'401'000}};
  const auto en = render_notice("appointment.booked", params, core::Lang::en);
  EXPECT_EQ(en.title, "Appointment booked");
  EXPECT_EQ(en.body,
            "Your appointment with Dr. Chan (General practice) is booked for Monday 23 November "
            "2026, 10:30 am.");
  const auto hans = render_notice("appointment.booked", params, core::Lang::zh_hans);
  EXPECT_EQ(hans.body, "你已预约陈医生的普通科，时间为2026年11月23日（星期一）上午10:30。");
  // A plain string serves every language; a missing one reads as nothing rather than "{name}".
  EXPECT_EQ(
      fill_placeholders("{name} / {missing} / {n}", {{"name", "Ann"}, {"n", 3}}, core::Lang::en),
      "Ann /  / 3");
  EXPECT_EQ(fill_placeholders("unclosed {brace", {}, core::Lang::en), "unclosed {brace");
}

TEST(NoticeText, DoctorNamesCarryTheTitleOnce) {
  const auto titled = doctor_names("Dr.", "Wong Ka Yan", "王嘉欣");
  EXPECT_EQ(titled.at("en").as_string(), "Dr. Wong Ka Yan");
  EXPECT_EQ(titled.at("zh-Hant").as_string(), "王嘉欣醫生");
  EXPECT_EQ(titled.at("zh-Hans").as_string(), "王嘉欣医生");
  // Many accounts already write the title in the name; it must not be doubled.
  EXPECT_EQ(doctor_names("Dr.", "Dr. Wong Ka Yan", "").at("en").as_string(), "Dr. Wong Ka Yan");
  EXPECT_EQ(doctor_names("Dr.", "Dr. Wong Ka Yan", "").at("zh-Hant").as_string(),
            "Dr. Wong Ka Yan");
  EXPECT_EQ(doctor_names("", "Wong Ka Yan", "").at("en").as_string(), "Wong Ka Yan");
}

}  // namespace
}  // namespace yq::notify
