#include "notify/reminders.hpp"

#include <array>
#include <map>
#include <string>
#include <utility>

#include "core/ids.hpp"

namespace yq::notify {

namespace {

constexpr std::array<std::pair<std::string_view, std::int64_t>, 2> kReminders{
    {{"24h", 24 * 3600}, {"1h", 3600}}};

}  // namespace

void schedule_reminders(store::Connection& c, const std::string& appointment_id,
                        std::int64_t starts_at, std::int64_t now) {
  // One read for both kinds and one insert for the new ones: this runs in every booking's
  // transaction (bench/README.md, booking).
  std::map<std::string, store::Row, std::less<>> existing;
  for (auto& r : c.query("SELECT kind, due_at, sent_at, cancelled_at FROM reminders "
                         "WHERE appointment_id = ?",
                         {appointment_id}))
    existing.emplace(r.text(0), std::move(r));
  std::string insert;
  store::Params inserted;
  for (const auto& [kind, before] : kReminders) {
    const std::int64_t due = starts_at - before;
    const auto found = existing.find(kind);
    if (found == existing.end()) {
      // A booking made less than 24 hours ahead gets no 24-hour reminder: it would arrive late.
      if (due > now) {
        insert += inserted.empty() ? "(?, ?, ?, ?)" : ", (?, ?, ?, ?)";
        inserted.insert(inserted.end(), {core::new_id(), appointment_id, kind, due});
      }
      continue;
    }
    const store::Row& row = found->second;
    const bool sent = !row.is_null(2);
    const bool moved = row.i64(1) != due;
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
  if (!inserted.empty())
    c.execute("INSERT INTO reminders (id, appointment_id, kind, due_at) VALUES " + insert,
              inserted);
}

void cancel_reminders(store::Connection& c, const std::string& appointment_id, std::int64_t now) {
  c.execute(
      "UPDATE reminders SET cancelled_at = ? "
      "WHERE appointment_id = ? AND sent_at IS NULL AND cancelled_at IS NULL",
      {now, appointment_id});
}

}  // namespace yq::notify
