#include "notify/reminders.hpp"

#include <array>
#include <utility>

#include "core/ids.hpp"

namespace yq::notify {

namespace {

constexpr std::array<std::pair<std::string_view, std::int64_t>, 2> kReminders{
    {{"24h", 24 * 3600}, {"1h", 3600}}};

}  // namespace

void schedule_reminders(store::Connection& c, const std::string& appointment_id,
                        std::int64_t starts_at, std::int64_t now) {
  for (const auto& [kind, before] : kReminders) {
    const std::int64_t due = starts_at - before;
    const auto row = c.query_one(
        "SELECT due_at, sent_at, cancelled_at FROM reminders WHERE appointment_id = ? AND kind = ?",
        {appointment_id, kind});
    if (!row) {
      // A booking made less than 24 hours ahead gets no 24-hour reminder: it would arrive late.
      if (due > now) {
        c.execute("INSERT INTO reminders (id, appointment_id, kind, due_at) VALUES (?, ?, ?, ?)",
                  {core::new_id(), appointment_id, kind, due});
      }
      continue;
    }
    const bool sent = !row->is_null(1);
    const bool moved = row->i64(0) != due;
    if (sent && !moved) continue;  // told about this very time already
    if (due > now) {
      // New or moved time (a reschedule, or a cancelled booking made active again): the reminder
      // is owed again, even if one went out for the old time.
      c.execute(
          "UPDATE reminders SET due_at = ?, sent_at = NULL, cancelled_at = NULL "
          "WHERE appointment_id = ? AND kind = ?",
          {due, appointment_id, kind});
    } else if (!sent) {
      // Moved to a time too close for this reminder: it must not go out late for the new time.
      c.execute(
          "UPDATE reminders SET due_at = ?, cancelled_at = ? "
          "WHERE appointment_id = ? AND kind = ? AND sent_at IS NULL",
          {due, now, appointment_id, kind});
    }
  }
}

void cancel_reminders(store::Connection& c, const std::string& appointment_id, std::int64_t now) {
  c.execute(
      "UPDATE reminders SET cancelled_at = ? "
      "WHERE appointment_id = ? AND sent_at IS NULL AND cancelled_at IS NULL",
      {now, appointment_id});
}

}  // namespace yq::notify
