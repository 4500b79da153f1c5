// The scheduling core on each database: slots follow templates, holidays and leave; one active
// booking per slot under racing threads on two pools (two nodes); Idempotency-Key; withdrawn
// bookings flagged, not moved; reschedule in place; another patient gets not_found.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "core/crypto.hpp"
#include "core/hk_calendar.hpp"
#include "core/ids.hpp"
#include "notify/notifier.hpp"
#include "scheduling/availability/availability.hpp"
#include "scheduling/availability/slot_horizon.hpp"
#include "scheduling/availability/slot_materialiser.hpp"
#include "scheduling/booking/booking.hpp"
#include "store/migrations.hpp"
#include "support/principals.hpp"
#include "unit/scheduling/fixture.hpp"

namespace yq::scheduling {
namespace {

constexpr std::int64_t kStart = testing::kMonday8am;  // the fixture's clock starts there

identity::Principal person(const std::string& id, const std::string& role,
                           const std::string& org = "") {
  return yq::testing::signed_in_as(id, role, org);
}

class Scheduling : public testing::SchedulingTest {
 protected:
  void SetUp() override {
    SchedulingTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    db_->write([&](store::Connection& c) {
      org_ = core::new_id();
      c.execute(
          "INSERT INTO organisations (id, kind, name_en, name_zh_hant, name_zh_hans, region, "
          "created_at, updated_at) VALUES (?, 'clinic', 'Clinic', '診所', '诊所', 'hong_kong', 0, "
          "0)",
          {org_});
      doctor_ = account(c, "doctor");
      c.execute(
          "INSERT INTO account_roles (account_id, role, organisation_id, granted_at) VALUES "
          "(?, 'doctor', ?, 0)",
          {doctor_, org_});
      c.execute(
          "INSERT INTO doctor_profiles (account_id, organisation_id, title, name_zh, "
          "updated_at) VALUES (?, ?, 'Dr.', '陳大文', 0)",
          {doctor_, org_});
      service_ = core::new_id();
      c.execute(
          "INSERT INTO services (id, organisation_id, name_en, name_zh_hant, name_zh_hans, "
          "specialty, consultation_type, slot_minutes, created_at, updated_at) VALUES (?, ?, "
          "'GP', '普通科', '普通科', 'general_practice', 'video', 30, 0, 0)",
          {service_, org_});
      patient_ = account(c, "patient");
      other_ = account(c, "other");
      admin_ = account(c, "admin");
    });
  }

  std::string account(store::Connection& c, const std::string& name) {
    const std::string id = core::new_id();
    c.execute(
        "INSERT INTO accounts (id, email, display_name, password_changed_at, created_at, "
        "updated_at) VALUES (?, ?, ?, 0, 0, 0)",
        {id, name + "-" + id + "@example.test", name});
    if (name == "patient" || name == "other")
      c.execute(
          "INSERT INTO account_roles (account_id, role, organisation_id, granted_at) VALUES "
          "(?, 'patient', '', 0)",
          {id});
    return id;
  }

  // A daily 09:00-11:00 template (four 30-minute slots a day).
  void every_day_nine_to_eleven(Availability& av) {
    for (int weekday = 1; weekday <= 7; ++weekday)
      ASSERT_TRUE(av.add_template(person(admin_, "org_admin", org_), doctor_,
                                  TemplateInput{service_, weekday, 540, 660, "", ""}, {}));
  }

  std::vector<std::string> open_slots() {
    return db_->read([&](store::Connection& c) {
      std::vector<std::string> out;
      for (const auto& r : c.query("SELECT id FROM slots WHERE status = 'open' AND doctor_id = ? "
                                   "ORDER BY starts_at",
                                   {doctor_}))
        out.push_back(r.text(0));
      return out;
    });
  }

  std::int64_t count(const std::string& sql, const store::Params& p = {}) {
    return db_->read([&](store::Connection& c) { return c.query_one(sql, p)->i64(0); });
  }

  std::string org_, doctor_, service_, patient_, other_, admin_;
};

TEST_P(Scheduling, SlotsFollowTemplatesHolidaysAndLeaveAndRematerialisingChangesNothing) {
  Availability av(*env_);
  every_day_nine_to_eleven(av);
  // 09:00 and 09:30 today have not started at 08:00: 15 days of 4 slots.
  EXPECT_EQ(open_slots().size(), 15u * 4);
  MaterialiseResult again;
  db_->write([&](store::Connection& c) { materialise_doctor(c, clock_, doctor_, 14, "", again); });
  EXPECT_EQ(again.added, 0);
  EXPECT_EQ(again.withdrawn, 0);

  const auto tomorrow = core::format_day(core::hk_day_of(kStart) + 1);
  ASSERT_TRUE(av.put_holiday(person(admin_, "org_admin", org_), org_, tomorrow,
                             core::LocalisedText{"Day", "日", "日"}, {}));
  EXPECT_EQ(open_slots().size(), 14u * 4);
  const std::int64_t day3 = core::hk_instant(core::hk_day_of(kStart) + 3, 540);
  ASSERT_TRUE(av.add_exception(person(admin_, "org_admin", org_), doctor_,
                               ExceptionInput{day3, day3 + 3600, "training"}, {}));
  EXPECT_EQ(open_slots().size(), 14u * 4 - 2);
  // An admin of another organisation is told nothing.
  EXPECT_EQ(av.add_exception(person(admin_, "org_admin", core::new_id()), doctor_,
                             ExceptionInput{day3, day3 + 60, ""}, {})
                .error()
                .code,
            core::Errc::not_found);
}

TEST_P(Scheduling, TheNightlyPassSkipsDoctorsAlreadyThroughTheHorizonAndMovesItEachDay) {
  Availability av(*env_);
  every_day_nine_to_eleven(av);
  // The first pass seeds the new organisation's public holidays, which may move slots: its
  // doctors are redone. The edits and that pass took the doctor through the horizon, so a second
  // pass the same day has nothing to do.
  auto run = extend_horizon(*env_);
  EXPECT_EQ(run.doctors, 1);
  run = extend_horizon(*env_);
  EXPECT_EQ(run.doctors, 0);
  EXPECT_EQ(run.skipped, 1);
  // A slot that goes missing behind the pass's back stays missing until the next day.
  db_->write([&](store::Connection& c) {
    c.execute("UPDATE slots SET status = 'withdrawn' WHERE id = ?", {open_slots().back()});
  });
  EXPECT_EQ(open_slots().size(), 15u * 4 - 1);
  // The next morning the horizon has moved by a day: the pass redoes the doctor, adding the new
  // day's four slots and the one lost behind its back.
  clock_.advance(24 * 3600);
  run = extend_horizon(*env_);
  EXPECT_EQ(run.doctors, 1);
  EXPECT_EQ(run.skipped, 0);
  EXPECT_EQ(run.added, 4 + 1);
  // Rules from an older release redo the doctor even on a day already done.
  db_->write([&](store::Connection& c) {
    c.execute("UPDATE slot_horizons SET version = ?", {kMaterialiserVersion - 1});
  });
  EXPECT_EQ(extend_horizon(*env_).doctors, 1);
  EXPECT_EQ(extend_horizon(*env_).doctors, 0);
}

TEST_P(Scheduling, RacingThreadsOnTwoPoolsGetOneBookingPerSlot) {
  Availability av(*env_);
  every_day_nine_to_eleven(av);
  const auto slot = open_slots().front();
  auto second_node = open(4);
  notify::Notifier notifier2{*second_node, clock_, nullptr};
  Env env2{*second_node, clock_, notifier2, "", 14};
  std::vector<std::string> patients;
  db_->write([&](store::Connection& c) {
    for (int i = 0; i < 16; ++i) patients.push_back(account(c, "patient"));
  });
  std::atomic<int> won{0}, taken{0}, other{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 16; ++i) {
    threads.emplace_back([&, i] {
      Booking booking(i % 2 ? *env_ : env2);
      auto r = booking.book(person(patients[i], "patient"),
                            BookingInput{slot, patients[i], "", "", ""}, std::nullopt, "h", {});
      if (r)
        ++won;
      else if (r.error().code == core::Errc::slot_taken)
        ++taken;
      else
        ++other;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(won.load(), 1);
  EXPECT_EQ(taken.load(), 15);
  EXPECT_EQ(other.load(), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM appointments WHERE slot_id = ?", {slot}), 1);
}

TEST_P(Scheduling, IdempotencyKeyAnswersTheSameAndRefusesAnotherBody) {
  Availability av(*env_);
  every_day_nine_to_eleven(av);
  const auto slots = open_slots();
  Booking booking(*env_);
  const auto me = person(patient_, "patient");
  const auto first =
      booking.book(me, BookingInput{slots[0], patient_, "a", "", ""}, "k1", "h1", {});
  ASSERT_TRUE(first);
  const auto again =
      booking.book(me, BookingInput{slots[0], patient_, "a", "", ""}, "k1", "h1", {});
  ASSERT_TRUE(again);
  EXPECT_EQ(again->appointment, first->appointment);
  EXPECT_EQ(
      booking.book(me, BookingInput{slots[1], patient_, "b", "", ""}, "k1", "h2", {}).error().code,
      core::Errc::idempotency_mismatch);
  EXPECT_EQ(count("SELECT COUNT(*) FROM appointments WHERE patient_id = ?", {patient_}), 1);
}

TEST_P(Scheduling, ATreatingDoctorBooksAFollowUpOnlyAtTheConsultationsOrganisation) {
  Availability av(*env_);
  every_day_nine_to_eleven(av);
  const auto slots = open_slots();
  Booking booking(*env_);
  const auto doctor = person(doctor_, "doctor", org_);
  BookingInput follow_up{slots[0], patient_, "Follow-up", "", ""};
  follow_up.by_treating_doctor = true;
  // A consultation at another organisation of the doctor's: their slot here would make this
  // organisation a carer of the patient (and give it the shared record).
  follow_up.treating_organisation_id = core::new_id();
  EXPECT_EQ(booking.book(doctor, follow_up, std::nullopt, "", {}).error().code,
            core::Errc::slot_unavailable);
  follow_up.treating_organisation_id = org_;
  EXPECT_TRUE(booking.book(doctor, follow_up, std::nullopt, "", {}));
  EXPECT_EQ(count("SELECT COUNT(*) FROM appointments WHERE patient_id = ?", {patient_}), 1);
}

TEST_P(Scheduling, RemovingATemplateFlagsBookingsInsteadOfMovingThem) {
  Availability av(*env_);
  every_day_nine_to_eleven(av);
  const auto slot = open_slots()[5];
  Booking booking(*env_);
  ASSERT_TRUE(booking.book(person(patient_, "patient"), BookingInput{slot, patient_, "", "", ""},
                           std::nullopt, "h", {}));
  const auto templates = count("SELECT COUNT(*) FROM availability_templates");
  ASSERT_EQ(templates, 7);
  std::string every;
  db_->read([&](store::Connection& c) {
    for (const auto& r : c.query("SELECT id FROM availability_templates")) {
      every = r.text(0);
      (void)av.remove_template(person(admin_, "org_admin", org_), every, {});
    }
  });
  EXPECT_EQ(open_slots().size(), 0u);
  EXPECT_EQ(count("SELECT COUNT(*) FROM appointments WHERE slot_id = ? AND status = 'booked' AND "
                  "needs_rebooking = 1",
                  {slot}),
            1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM notifications WHERE account_id = ? AND kind = "
                  "'appointment.needs_rebooking'",
                  {patient_}),
            1);
}

TEST_P(Scheduling, RescheduleMovesInPlaceAndOthersGetNotFound) {
  Availability av(*env_);
  every_day_nine_to_eleven(av);
  const auto slots = open_slots();
  Booking booking(*env_);
  const auto me = person(patient_, "patient");
  const auto other = person(other_, "patient");
  auto mine = booking.book(me, BookingInput{slots[4], patient_, "", "", ""}, std::nullopt, "h", {});
  ASSERT_TRUE(mine);
  ASSERT_TRUE(
      booking.book(other, BookingInput{slots[5], other_, "", "", ""}, std::nullopt, "h", {}));
  const auto id = db_->read([&](store::Connection& c) {
    return c.query_one("SELECT id FROM appointments WHERE patient_id = ?", {patient_})->text(0);
  });
  EXPECT_EQ(booking.reschedule(me, id, slots[5], {}).error().code, core::Errc::slot_taken);
  auto moved = booking.reschedule(me, id, slots[6], {});
  ASSERT_TRUE(moved);
  EXPECT_EQ(moved->at("slot_id").as_string(), slots[6]);
  EXPECT_EQ(count("SELECT COUNT(*) FROM appointments WHERE patient_id = ?", {patient_}), 1);
  EXPECT_EQ(booking.get(other, id, {}).error().code, core::Errc::not_found);
  EXPECT_EQ(booking.cancel(other, id, "", {}).error().code, core::Errc::not_found);
  EXPECT_EQ(booking.book(other, BookingInput{slots[7], patient_, "", "", ""}, std::nullopt, "h", {})
                .error()
                .code,
            core::Errc::validation);
}

YQ_INSTANTIATE_ON_ALL_BACKENDS(Scheduling);

}  // namespace
}  // namespace yq::scheduling
