#include "notify/reminders.hpp"

#include <gtest/gtest.h>

#include <thread>

#include "notify/reminder_sender.hpp"
#include "unit/notify/notify_fixture.hpp"

namespace yq::notify {
namespace {

using testrows::NotifyTest;

constexpr std::int64_t kHour = 3600;

class Reminders : public NotifyTest {
 protected:
  // A booked appointment with its reminders, as the booking service makes it.
  std::string book(std::int64_t starts_at, const std::string& patient, const std::string& booker) {
    return db_->write([&](store::Connection& c) {
      const auto id = testrows::add_appointment(c, people_, patient, booker, starts_at);
      schedule_reminders(c, id, starts_at, clock_.now());
      return id;
    });
  }
  std::int64_t reminders(const std::string& appointment, const std::string& where) {
    return count("SELECT COUNT(*) FROM reminders WHERE appointment_id = ? AND " + where,
                 {appointment});
  }
  std::int64_t notices(const std::string& account, const std::string& kind) {
    return count("SELECT COUNT(*) FROM notifications WHERE account_id = ? AND kind = ?",
                 {account, "appointment.reminder_" + kind});
  }
};

TEST_P(Reminders, BookingSchedulesBothUnlessTooCloseAndCancellingStopsThem) {
  const auto far = book(clock_.now() + 3 * 24 * kHour, people_.patient, people_.patient);
  EXPECT_EQ(reminders(far, "sent_at IS NULL AND cancelled_at IS NULL"), 2);
  EXPECT_EQ(count("SELECT due_at FROM reminders WHERE appointment_id = ? AND kind = '1h'", {far}),
            clock_.now() + 3 * 24 * kHour - kHour);
  // Two hours ahead: a 24-hour reminder would arrive late.
  const auto near = book(clock_.now() + 2 * kHour, people_.patient, people_.patient);
  EXPECT_EQ(reminders(near, "1 = 1"), 1);
  EXPECT_EQ(reminders(near, "kind = '1h'"), 1);

  db_->write([&](store::Connection& c) { cancel_reminders(c, far, clock_.now()); });
  EXPECT_EQ(reminders(far, "cancelled_at IS NOT NULL"), 2);
  Notifier notifier(*db_, clock_, nullptr);
  ReminderSender sender(*db_, clock_, notifier, testrows::reminded_appointment, 1, "");
  clock_.advance(4 * 24 * kHour);
  EXPECT_EQ(sender.send_due(), 0) << "the near one is over, the far one cancelled";
  EXPECT_EQ(count("SELECT COUNT(*) FROM notifications"), 0);
}

TEST_P(Reminders, ReschedulingMovesUnsentRemindersAndOwesSentOnesAgain) {
  const std::int64_t starts = clock_.now() + 2 * 24 * kHour;
  const auto id = book(starts, people_.patient, people_.patient);
  Notifier notifier(*db_, clock_, nullptr);
  ReminderSender sender(*db_, clock_, notifier, testrows::reminded_appointment, 1, "");
  clock_.set(starts - 24 * kHour);
  EXPECT_EQ(sender.send_due(), 1);  // the 24-hour one
  // Moved a week later: both reminders are owed for the new time.
  const std::int64_t moved = starts + 7 * 24 * kHour;
  db_->write([&](store::Connection& c) {
    c.execute("UPDATE appointments SET starts_at = ? WHERE id = ?", {moved, id});
    schedule_reminders(c, id, moved, clock_.now());
  });
  EXPECT_EQ(reminders(id, "sent_at IS NULL AND cancelled_at IS NULL"), 2);
  clock_.set(starts - kHour);
  EXPECT_EQ(sender.send_due(), 0) << "nothing for the old time";
  clock_.set(moved - 24 * kHour);
  EXPECT_EQ(sender.send_due(), 1);
  // Moved to 30 minutes from now: the unsent 1-hour reminder can no longer be on time.
  db_->write(
      [&](store::Connection& c) { schedule_reminders(c, id, clock_.now() + 1800, clock_.now()); });
  EXPECT_EQ(reminders(id, "kind = '1h' AND cancelled_at IS NOT NULL"), 1);
  EXPECT_EQ(notices(people_.patient, "24h"), 2);
  EXPECT_EQ(notices(people_.patient, "1h"), 0);
}

TEST_P(Reminders, TheSenderTellsThePatientAndTheBookerOnceEvenAfterARestart) {
  const std::int64_t starts = clock_.now() + 2 * 24 * kHour;
  book(starts, people_.child, people_.parent);
  clock_.set(starts - kHour + 5);  // server was down: both are due, the 24-hour one is stale
  {
    Notifier notifier(*db_, clock_, nullptr);
    ReminderSender sender(*db_, clock_, notifier, testrows::reminded_appointment, 1,
                          "https://yiqiao.test");
    EXPECT_EQ(sender.send_due(), 1);
    EXPECT_EQ(sender.send_due(), 0);
  }
  EXPECT_EQ(notices(people_.child, "1h"), 1);
  EXPECT_EQ(notices(people_.parent, "1h"), 1);
  EXPECT_EQ(notices(people_.parent, "24h"), 0) << "a late 24-hour reminder says nothing new";
  // Only the parent has a mailbox.
  EXPECT_EQ(count("SELECT COUNT(*) FROM outbox"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM outbox WHERE to_address LIKE 'parent-%'"), 1);

  // A restart: a new connection pool and a new sender find nothing left to send.
  auto restarted = open(2);
  Notifier notifier(*restarted, clock_, nullptr);
  ReminderSender again(*restarted, clock_, notifier, testrows::reminded_appointment, 1, "");
  clock_.advance(10);
  EXPECT_EQ(again.send_due(), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM notifications"), 2);
}

TEST_P(Reminders, RemindersOfCancelledAppointmentsAreNotSent) {
  const std::int64_t starts = clock_.now() + 2 * 24 * kHour;
  const auto id = book(starts, people_.patient, people_.patient);
  db_->write([&](store::Connection& c) {
    c.execute("UPDATE appointments SET status = 'cancelled' WHERE id = ?", {id});
  });
  Notifier notifier(*db_, clock_, nullptr);
  ReminderSender sender(*db_, clock_, notifier, testrows::reminded_appointment, 1, "");
  clock_.set(starts - kHour);
  EXPECT_EQ(sender.send_due(), 0);
  EXPECT_EQ(reminders(id, "cancelled_at IS NOT NULL AND sent_at IS NULL"), 2);
}

TEST_P(Reminders, TwoSendersRacingSendEveryReminderExactlyOnce) {
  constexpr int kAppointments = 45;  // more than two batches
  const std::int64_t starts = clock_.now() + 2 * 24 * kHour;
  db_->write([&](store::Connection& c) {
    for (int i = 0; i < kAppointments; ++i) {
      const auto id =
          testrows::add_appointment(c, people_, people_.patient, people_.patient, starts + i * 900);
      schedule_reminders(c, id, starts + i * 900, clock_.now());
    }
  });
  clock_.set(starts + kAppointments * 900 - 24 * kHour);  // every 24-hour reminder is due

  // Two nodes: separate pools, each with its own sender, started together.
  auto other = open(4);
  Notifier n1(*db_, clock_, nullptr);
  Notifier n2(*other, clock_, nullptr);
  ReminderSender s1(*db_, clock_, n1, testrows::reminded_appointment, 1, "");
  ReminderSender s2(*other, clock_, n2, testrows::reminded_appointment, 1, "");
  int sent1 = 0, sent2 = 0;
  {
    std::jthread a([&] {
      for (int i = 0; i < 3; ++i) sent1 += s1.send_due();
    });
    std::jthread b([&] {
      for (int i = 0; i < 3; ++i) sent2 += s2.send_due();
    });
  }
  EXPECT_EQ(sent1 + sent2, kAppointments);
  EXPECT_EQ(notices(people_.patient, "24h"), kAppointments);
  EXPECT_EQ(count("SELECT COUNT(*) FROM outbox"), kAppointments);
  EXPECT_EQ(count("SELECT COUNT(*) FROM reminders WHERE kind = '24h' AND sent_at IS NULL"), 0);
}

YQ_INSTANTIATE_ON_ALL_BACKENDS(Reminders);

}  // namespace
}  // namespace yq::notify
