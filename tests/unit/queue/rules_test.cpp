// The queue's pure rules: opening hours in Hong Kong time, age, triage, wait estimates.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "core/hk_calendar.hpp"
#include "queue/time.hpp"
#include "queue/triage.hpp"
#include "queue/wait.hpp"

namespace yq::queue {
namespace {

// Monday 2026-11-23 02:00 UTC = Monday 10:00 in Hong Kong.
constexpr std::int64_t kMonday10amHk = 1795399200;

TEST(QueueTime, LocalTimeIsHongKongAllYear) {
  const auto t = core::hk_local(kMonday10amHk);
  EXPECT_EQ(t.year, 2026);
  EXPECT_EQ(t.month, 11);
  EXPECT_EQ(t.day, 23);
  EXPECT_EQ(t.iso_weekday, 1);
  EXPECT_EQ(t.minute, 600);
  // 20:00 UTC on Sunday is already Monday 04:00 in Hong Kong.
  EXPECT_EQ(core::hk_local(kMonday10amHk - 6 * 3600).iso_weekday, 1);
  EXPECT_EQ(core::hk_local(kMonday10amHk - 11 * 3600).iso_weekday, 7);
}

TEST(QueueTime, EmptyHoursAreAlwaysOpenAndWindowsAreHalfOpen) {
  const auto always = parse_queue_hours("");
  ASSERT_TRUE(always);
  EXPECT_TRUE(is_open(*always, kMonday10amHk));
  const auto hours = parse_queue_hours(R"([{"weekday":1,"from":540,"to":600},
                                           {"weekday":2,"from":0,"to":1440}])");
  ASSERT_TRUE(hours);
  EXPECT_TRUE(is_open(*hours, kMonday10amHk - 60));  // 09:59 Monday
  EXPECT_FALSE(is_open(*hours, kMonday10amHk));      // 10:00 is the end
  EXPECT_TRUE(is_open(*hours, kMonday10amHk + 24 * 3600));
  EXPECT_FALSE(is_open(*hours, kMonday10amHk + 2 * 24 * 3600));
}

TEST(QueueTime, MalformedHoursAreRefused) {
  for (const char* bad :
       {"{}", "[1]", R"([{"weekday":8,"from":0,"to":10}])",
        R"([{"weekday":1,"from":600,"to":600}])", R"([{"weekday":1,"from":-1,"to":10}])",
        R"([{"weekday":1,"from":0}])", "not json"}) {
    EXPECT_FALSE(parse_queue_hours(bad)) << bad;
  }
  std::string many = "[";
  for (std::size_t i = 0; i <= kMaxQueueWindows; ++i)
    many += std::string(i ? "," : "") + R"({"weekday":1,"from":0,"to":10})";
  EXPECT_FALSE(parse_queue_hours(many + "]")) << "more windows than the cap";
}

TEST(QueueTime, AgeCountsBirthdaysOnTheHongKongDate) {
  EXPECT_EQ(age_in_years("1961-11-23", kMonday10amHk), 65);
  EXPECT_EQ(age_in_years("1961-11-24", kMonday10amHk), 64);
  // 23:00 UTC on 22 November is already the 23rd in Hong Kong.
  EXPECT_EQ(age_in_years("1961-11-23", kMonday10amHk - 3 * 3600), 65);
  EXPECT_FALSE(age_in_years("", kMonday10amHk));
  EXPECT_FALSE(age_in_years("1961-13-01", kMonday10amHk));
  EXPECT_FALSE(age_in_years("2030-01-01", kMonday10amHk));
  EXPECT_FALSE(age_in_years("61-11-23", kMonday10amHk));
  EXPECT_FALSE(age_in_years("1961-02-31", kMonday10amHk)) << "not a date";
}

core::Result<Triage> triage_of(const char* json) {
  return read_triage(boost::json::parse(json).as_object());
}

TEST(QueueTriage, RedFlagsAreFoundAndNamed) {
  const auto t = triage_of(R"({"symptoms":["cough","chest_pain","suicidal_thoughts"]})");
  ASSERT_TRUE(t);
  EXPECT_EQ(red_flags(*t), (std::vector<std::string>{"chest_pain", "suicidal_thoughts"}));
  const auto e = emergency_advice(red_flags(*t));
  EXPECT_EQ(e.code, core::Errc::emergency_advice);
  ASSERT_EQ(e.fields.size(), 2u);
  EXPECT_EQ(e.fields[0].field, "symptoms.chest_pain");
  EXPECT_EQ(e.fields[0].message_key, "field.red_flag");
  // Free text is never parsed: "no chest pain" is not a red flag.
  EXPECT_TRUE(red_flags(*triage_of(R"({"details":"no chest pain, just a cough"})")).empty());
}

TEST(QueueTriage, TheFormIsCheckedAndCapped) {
  EXPECT_FALSE(triage_of("{}")) << "something must be said";
  EXPECT_FALSE(triage_of(R"({"symptoms":["hiccups"]})"));
  EXPECT_FALSE(triage_of(R"({"symptoms":"cough"})"));
  EXPECT_FALSE(
      triage_of(("{\"details\":\"" + std::string(kMaxTriageDetails + 1, 'a') + "\"}").c_str()));
  EXPECT_TRUE(triage_of(("{\"details\":\"" + std::string(kMaxTriageDetails, 'a') + "\"}").c_str()));
  const auto t = triage_of(R"({"symptoms":["cough","cough","fever"],"details":" sore "})");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->symptoms.size(), 2u);
  EXPECT_EQ(t->details, "sore");
  const auto back = triage_from_json(boost::json::serialize(triage_json(*t)));
  EXPECT_EQ(back.symptoms, t->symptoms);
  EXPECT_EQ(back.details, t->details);
}

TEST(QueueTriage, PriorityBands) {
  const Triage routine{{"cough"}, ""};
  const Triage urgent{{"cough", "high_fever"}, ""};
  EXPECT_EQ(priority_band(urgent, 30), kPriorityUrgent);
  EXPECT_EQ(priority_band(urgent, 80), kPriorityUrgent);
  EXPECT_EQ(priority_band(routine, 65), kPriorityElderly);
  EXPECT_EQ(priority_band(routine, 64), kPriorityRoutine);
  EXPECT_EQ(priority_band(routine, std::nullopt), kPriorityRoutine);
}

TEST(QueueWait, MedianAndEstimate) {
  EXPECT_EQ(median_seconds({}), 0);
  EXPECT_EQ(median_seconds({300, 100, 200}), 200);
  EXPECT_EQ(median_seconds({100, 200, 300, 10000}), 250);
  EXPECT_FALSE(estimate_wait_seconds({3, 0, 0, 600})) << "nobody on duty: no number";
  EXPECT_EQ(estimate_wait_seconds({0, 1, 0, 600}), 0) << "first in line, a doctor free";
  EXPECT_EQ(estimate_wait_seconds({0, 1, 1, 600}), 300) << "the doctor is half way through";
  EXPECT_EQ(estimate_wait_seconds({4, 2, 0, 600}), 1200);
  EXPECT_EQ(to_minutes_up(0), 0);
  EXPECT_EQ(to_minutes_up(1), 1);
  EXPECT_EQ(to_minutes_up(120), 2);
}

}  // namespace
}  // namespace yq::queue
