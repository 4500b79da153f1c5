#include "scheduling/availability/slot_materialiser.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "audit/audit_log.hpp"
#include "core/hk_calendar.hpp"
#include "core/ids.hpp"
#include "identity/people.hpp"
#include "identity/roles.hpp"
#include "notify/notifier.hpp"
#include "notify/reminders.hpp"
#include "scheduling/booking/notices.hpp"

namespace yq::scheduling {

namespace {

struct Wanted {
  std::string service_id, organisation_id;
  std::int64_t starts_at = 0, ends_at = 0;
  std::string source, source_id;
};

// Leave, and the organisation whose slots it blocks ('' for all of the doctor's).
struct Interval {
  std::int64_t from, to;
  std::string organisation_id;
};

bool overlaps_any(const std::vector<Interval>& away, const std::string& organisation_id,
                  std::int64_t from, std::int64_t to) {
  return std::any_of(away.begin(), away.end(), [&](const Interval& i) {
    return from < i.to && i.from < to &&
           (i.organisation_id.empty() || i.organisation_id == organisation_id);
  });
}

std::vector<Wanted> wanted_slots(store::Connection& c, const std::string& doctor, std::int64_t from,
                                 std::int64_t until) {
  const core::DayNumber first_day = core::hk_day_of(from);
  const core::DayNumber last_day = core::hk_day_of(until - 1);

  std::vector<Interval> away;
  for (const auto& r : c.query("SELECT starts_at, ends_at, organisation_id FROM "
                               "availability_exceptions "
                               "WHERE doctor_id = ? AND ends_at > ? AND starts_at < ?",
                               {doctor, from, until}))
    away.push_back({r.i64(0), r.i64(1), r.text(2)});

  std::set<std::pair<std::string, std::string>> holidays;  // organisation, day
  for (const auto& r : c.query(
           "SELECT h.organisation_id, h.day FROM public_holidays h WHERE h.day >= ? AND h.day <= ? "
           "AND h.organisation_id IN (SELECT s.organisation_id FROM availability_templates t "
           "JOIN services s ON s.id = t.service_id WHERE t.doctor_id = ?)",
           {core::format_day(first_day), core::format_day(last_day), doctor}))
    holidays.emplace(r.text(0), r.text(1));

  std::vector<Wanted> out;
  const auto templates = c.query(
      "SELECT t.id, t.service_id, s.organisation_id, t.weekday, t.start_minute, t.end_minute, "
      "t.valid_from, t.valid_until, s.slot_minutes FROM availability_templates t "
      "JOIN services s ON s.id = t.service_id WHERE t.doctor_id = ? AND s.active = 1",
      {doctor});
  for (core::DayNumber day = first_day; day <= last_day; ++day) {
    const std::string day_text = core::format_day(day);
    const int weekday = core::iso_weekday(day);
    for (const auto& t : templates) {
      if (t.i64(3) != weekday || day_text < t.text(6)) continue;
      if (!t.text(7).empty() && day_text > t.text(7)) continue;
      if (holidays.contains({t.text(2), day_text})) continue;
      const int step = static_cast<int>(t.i64(8));
      for (int m = static_cast<int>(t.i64(4)); m + step <= t.i64(5); m += step) {
        const std::int64_t s = core::hk_instant(day, m);
        if (s < from || s >= until) continue;
        out.push_back({t.text(1), t.text(2), s, s + step * 60, "template", t.text(0)});
      }
    }
  }
  for (const auto& r : c.query(
           "SELECT x.id, x.service_id, s.organisation_id, x.starts_at, x.ends_at, s.slot_minutes "
           "FROM one_off_sessions x JOIN services s ON s.id = x.service_id "
           "WHERE x.doctor_id = ? AND x.ends_at > ? AND x.starts_at < ? AND s.active = 1",
           {doctor, from, until})) {
    const std::int64_t step = r.i64(5) * 60;
    for (std::int64_t s = r.i64(3); s + step <= r.i64(4); s += step) {
      if (s < from || s >= until) continue;
      out.push_back({r.text(1), r.text(2), s, s + step, "session", r.text(0)});
    }
  }
  // Only where the doctor is a doctor now, and only at an active organisation: an organisation
  // that took the role away, or was closed, keeps none of their times (identity answers both).
  const auto employers = identity::organisations_where(c, doctor, "doctor");
  const auto organisations = identity::organisations(c, employers);
  std::erase_if(out, [&](const Wanted& w) {
    const auto o = organisations.find(w.organisation_id);
    return o == organisations.end() || !o->second.active;
  });
  // Leave wins over everything; of overlapping times the earlier start wins (a doctor is in one
  // place at a time, which the unique index on open slots also holds).
  std::erase_if(out, [&](const Wanted& w) {
    return overlaps_any(away, w.organisation_id, w.starts_at, w.ends_at);
  });
  std::sort(out.begin(), out.end(), [](const Wanted& a, const Wanted& b) {
    return std::tie(a.starts_at, a.ends_at, a.source, a.source_id) <
           std::tie(b.starts_at, b.ends_at, b.source, b.source_id);
  });
  std::vector<Wanted> kept;
  for (auto& w : out) {
    if (!kept.empty() && w.starts_at < kept.back().ends_at) continue;
    kept.push_back(std::move(w));
  }
  return kept;
}

// The slot went away under a booking: keep the booking and its time, flag it, tell the people.
void flag_for_rebooking(store::Connection& c, const core::Clock& clock, const std::string& slot_id,
                        const std::string& public_url, MaterialiseResult& out) {
  const auto a = c.query_one(
      "SELECT id, patient_id, booked_by FROM appointments WHERE slot_id = ? "
      "AND status IN ('booked', 'checked_in') AND needs_rebooking = 0",
      {slot_id});
  if (!a) return;
  const std::int64_t now = clock.now();
  c.execute("UPDATE appointments SET needs_rebooking = 1, updated_at = ? WHERE id = ?",
            {now, a->text(0)});
  notify::cancel_reminders(c, a->text(0), now);
  const auto params = notice_params(c, a->text(0));
  std::vector<std::string> to{a->text(1)};
  if (a->text(2) != a->text(1)) to.push_back(a->text(2));
  for (const auto& account : to) {
    notify::Notifier::record(c, clock,
                             notify::Notice{account, "appointment.needs_rebooking", params,
                                            "/appointments/" + a->text(0), true, a->text(1)},
                             public_url);
    out.told.push_back(account);
  }
  audit::Event e;
  e.action = "appointment.needs_rebooking";
  e.patient_id = a->text(1);
  e.target_type = "appointment";
  e.target_id = a->text(0);
  e.detail = "slot withdrawn by a schedule change";
  audit::record(c, clock, e);
  ++out.needs_rebooking;
}

std::vector<std::string> ids(const store::Rows& rows) {
  std::vector<std::string> out;
  out.reserve(rows.size());
  for (const auto& r : rows) out.push_back(r.text(0));
  return out;
}

}  // namespace

void materialise_doctor(store::Connection& c, const core::Clock& clock,
                        const std::string& doctor_id, int horizon_days,
                        const std::string& public_url, MaterialiseResult& out,
                        const std::string& removed_source) {
  if (!identity::person(c, doctor_id)) return;
  // Two materialisations of one doctor take turns: the doctor's horizon row is the lock, taken
  // by a no-op upsert and held to the commit on PostgreSQL (SQLite has one writer anyway). A
  // new row's placeholder day and version are overwritten below, in the same transaction.
  c.execute(
      "INSERT INTO slot_horizons (doctor_id, through_day, version, materialised_at) "
      "VALUES (?, -1, 0, 0) ON CONFLICT (doctor_id) DO UPDATE SET "
      "through_day = slot_horizons.through_day",
      {doctor_id});
  const std::int64_t now = clock.now();
  const std::int64_t until = core::hk_instant(core::hk_day_of(now) + horizon_days + 1, 0);
  const auto wanted = wanted_slots(c, doctor_id, now, until);

  // The sources this run answers for: the doctor's templates and sessions, and the one being
  // removed. Slots of any other origin are left as they are (and keep their time).
  std::set<std::string> owned;
  if (!removed_source.empty()) owned.insert(removed_source);
  for (const auto& r : c.query("SELECT id FROM availability_templates WHERE doctor_id = ? UNION "
                               "SELECT id FROM one_off_sessions WHERE doctor_id = ?",
                               {doctor_id, doctor_id}))
    owned.insert(r.text(0));

  using Key = std::tuple<std::string, std::int64_t, std::int64_t>;  // service, start, end
  std::map<Key, std::string> existing;
  std::set<std::int64_t> busy;  // starts of open slots that stay
  for (const auto& r : c.query(
           "SELECT id, service_id, starts_at, ends_at, source_id FROM slots WHERE doctor_id = ? "
           "AND status = 'open' AND starts_at >= ? AND starts_at < ?",
           {doctor_id, now, until})) {
    if (owned.contains(r.text(4)))
      existing.emplace(Key{r.text(1), r.i64(2), r.i64(3)}, r.text(0));
    else
      busy.insert(r.i64(2));
  }

  std::set<Key> keep;
  for (const auto& w : wanted) keep.insert(Key{w.service_id, w.starts_at, w.ends_at});
  // Withdraw first: a new slot may start where a withdrawn one did (one open slot per start).
  for (const auto& [key, slot_id] : existing) {
    if (keep.contains(key)) {
      busy.insert(std::get<1>(key));
      continue;
    }
    c.execute("UPDATE slots SET status = 'withdrawn' WHERE id = ?", {slot_id});
    ++out.withdrawn;
    flag_for_rebooking(c, clock, slot_id, public_url, out);
  }
  for (const auto& w : wanted) {
    if (busy.contains(w.starts_at)) continue;
    c.execute(
        "INSERT INTO slots (id, doctor_id, service_id, organisation_id, starts_at, ends_at, "
        "source, source_id, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'open', ?)",
        {core::new_id(), doctor_id, w.service_id, w.organisation_id, w.starts_at, w.ends_at,
         w.source, w.source_id, now});
    ++out.added;
  }
  c.execute(
      "INSERT INTO slot_horizons (doctor_id, through_day, version, materialised_at) "
      "VALUES (?, ?, ?, ?) ON CONFLICT (doctor_id) DO UPDATE SET "
      "through_day = excluded.through_day, version = excluded.version, "
      "materialised_at = excluded.materialised_at",
      {doctor_id, core::hk_day_of(now) + horizon_days, kMaterialiserVersion, now});
}

std::vector<std::string> doctors_of_organisation(store::Connection& c,
                                                 const std::string& organisation_id) {
  return ids(c.query(
      "SELECT t.doctor_id FROM availability_templates t JOIN services s ON s.id = t.service_id "
      "WHERE s.organisation_id = ? UNION "
      "SELECT x.doctor_id FROM one_off_sessions x JOIN services s ON s.id = x.service_id "
      "WHERE s.organisation_id = ?",
      {organisation_id, organisation_id}));
}

std::vector<std::string> doctors_of_service(store::Connection& c, const std::string& service_id) {
  return ids(
      c.query("SELECT doctor_id FROM availability_templates WHERE service_id = ? UNION "
              "SELECT doctor_id FROM one_off_sessions WHERE service_id = ?",
              {service_id, service_id}));
}

std::vector<std::string> scheduled_doctors(store::Connection& c) {
  return ids(c.query(
      "SELECT doctor_id FROM availability_templates UNION SELECT doctor_id FROM one_off_sessions"));
}

boost::json::object slot_summary(const MaterialiseResult& m) {
  return {{"added", m.added}, {"withdrawn", m.withdrawn}, {"needs_rebooking", m.needs_rebooking}};
}

}  // namespace yq::scheduling
