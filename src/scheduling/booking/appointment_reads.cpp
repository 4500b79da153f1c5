// Reading appointments (one, mine, a doctor's day, as iCalendar) and moving them through their
// states. Part of Booking (booking.hpp); every read of a patient's appointment is audited.
#include <boost/json/array.hpp>

#include <algorithm>
#include <set>

#include "consent/consent.hpp"
#include "core/hk_calendar.hpp"
#include "core/ids.hpp"
#include "notify/ical.hpp"
#include "scheduling/booking/appointment_view.hpp"
#include "scheduling/booking/booking.hpp"
#include "scheduling/scope.hpp"

namespace yq::scheduling {

namespace {

using core::Errc;
using core::Error;

struct Move {
  std::string_view to;
  std::vector<std::string_view> from;
  bool org_admin_may;  // else only the appointment's doctor
  bool after_start;    // only once the appointment time has come
};

const std::vector<Move>& moves() {
  static const std::vector<Move> m{
      {"checked_in", {"booked"}, true, false},
      {"in_consultation", {"booked", "checked_in"}, false, false},
      {"completed", {"in_consultation"}, false, false},
      {"no_show", {"booked", "checked_in"}, true, true},
  };
  return m;
}

// One audit event per patient whose appointments a list showed.
void audit_list(store::Connection& c, const core::Clock& clock, const identity::Principal& who,
                const identity::ClientInfo& client, const std::string& action,
                const std::set<std::string>& patients) {
  for (const auto& p : patients) {
    auto e = event_by(who, client, action, "patient", p);
    e.patient_id = p;
    if (p != who.account_id && who.has_role("patient")) e.on_behalf_of = p;
    audit::record(c, clock, e);
  }
}

}  // namespace

core::Result<boost::json::object> Booking::get(const identity::Principal& who,
                                               const std::string& id,
                                               const identity::ClientInfo& client) {
  return env_.db.write([&](store::Connection& c) -> core::Result<boost::json::object> {
    const auto a = load_appointment(c, id);
    if (!a || reach_of(c, who, *a) == Reach::none) return Error::of(Errc::not_found);
    const auto clinical = clinical_reading(c, who, *a);
    auto e = appointment_event(who, client, "appointment.read", *a);
    e.detail =
        clinical ? "clinical: " + std::string(clinical.reason()) : "without clinical details";
    audit::record(c, env_.clock, e);
    return appointment_json(c, id, clinical.allowed);
  });
}

core::Result<std::vector<boost::json::object>> Booking::mine(
    const identity::Principal& who, const std::optional<std::string>& patient_id, bool past,
    std::int64_t limit, const identity::ClientInfo& client) {
  return env_.db.write([&](store::Connection& c) -> core::Result<std::vector<boost::json::object>> {
    auto people = consent::patients_in_care_of(c, who.account_id);
    if (patient_id) {
      if (std::find(people.begin(), people.end(), *patient_id) == people.end())
        return Error::of(Errc::not_found);
      people = {*patient_id};
    }
    store::Params params;
    const std::string whose = in_list(people, params);
    params.emplace_back(env_.clock.now());
    params.emplace_back(limit);
    const std::string active =
        "(status IN ('booked', 'checked_in', 'in_consultation') AND ends_at >= ?)";
    const auto rows =
        c.query("SELECT id, patient_id FROM appointments WHERE patient_id IN " + whose + " AND " +
                    (past ? "NOT " + active + " ORDER BY starts_at DESC, id DESC"
                          : active + " ORDER BY starts_at, id") +
                    " LIMIT ?",
                params);
    std::vector<std::string> ids;
    std::set<std::string> seen;
    for (const auto& r : rows) {
      ids.push_back(r.text(0));
      seen.insert(r.text(1));
    }
    // Only the patient's own and their family's: the patient side reads everything of theirs.
    auto out = appointments_json(c, ids, true);
    audit_list(c, env_.clock, who, client, "appointment.list", seen);
    return out;
  });
}

core::Result<boost::json::object> Booking::day_schedule(const identity::Principal& who,
                                                        const std::string& doctor_id,
                                                        const std::string& day_text,
                                                        const identity::ClientInfo& client) {
  return env_.db.write([&](store::Connection& c) -> core::Result<boost::json::object> {
    if (!core::looks_like_id(doctor_id)) return Error::of(Errc::not_found);
    // The doctor sees their day at the organisations where they are a doctor now (one that
    // removed the role shows nothing more); an organisation's admin only their organisation's part.
    const bool self = who.account_id == doctor_id;
    std::vector<std::string> orgs = doctor_organisations(c, doctor_id);
    if (!self)
      std::erase_if(orgs, [&](const std::string& o) { return !who.has_role_in("org_admin", o); });
    if (orgs.empty()) return Error::of(Errc::not_found);
    // Access first, then the input: a refused caller learns nothing from a bad day.
    const auto day = day_text.empty()
                         ? std::optional<core::DayNumber>(core::hk_day_of(env_.clock.now()))
                         : core::parse_day(day_text);
    if (!day) return Error::field("day", "field.invalid");
    const std::int64_t from = core::hk_instant(*day, 0), until = core::hk_instant(*day + 1, 0);
    std::vector<std::string> ids;
    std::set<std::string> patients;
    store::Params params{doctor_id, from, until};
    const std::string only = " AND organisation_id IN " + in_list(orgs, params);
    store::Params slot_params = params;
    for (const auto& r : c.query(
             "SELECT id, patient_id FROM appointments WHERE doctor_id = ? AND starts_at >= ? AND "
             "starts_at < ?" +
                 only + " ORDER BY starts_at, id",
             params)) {
      ids.push_back(r.text(0));
      patients.insert(r.text(1));
    }
    // The doctor treats these patients (at an organisation where they are a doctor now); the
    // organisation's admin sees times and people only.
    boost::json::array appointments;
    for (auto& a : appointments_json(c, ids, self)) appointments.emplace_back(std::move(a));
    const auto open = c.query_one(
        std::string("SELECT COUNT(*) FROM slots s WHERE s.doctor_id = ? AND s.status = 'open' AND "
                    "s.starts_at >= ? AND s.starts_at < ? AND s.") +
            only.substr(5) +
            " AND NOT EXISTS (SELECT 1 FROM appointments a "
            "WHERE a.slot_id = s.id AND a.status <> 'cancelled')",
        slot_params);
    audit_list(c, env_.clock, who, client, "appointment.day_schedule", patients);
    return boost::json::object{{"doctor_id", doctor_id},
                               {"day", core::format_day(*day)},
                               {"appointments", std::move(appointments)},
                               {"open_slots", open->i64(0)}};
  });
}

core::Result<std::string> Booking::calendar(const identity::Principal& who, const std::string& id,
                                            const identity::ClientInfo& client) {
  return env_.db.write([&](store::Connection& c) -> core::Result<std::string> {
    const auto a = load_appointment(c, id);
    if (!a || reach_of(c, who, *a) == Reach::none) return Error::of(Errc::not_found);
    const auto j = appointment_json(c, id, false);
    audit::record(c, env_.clock, appointment_event(who, client, "appointment.calendar", *a));
    const auto& doctor = j.at("doctor").as_object();
    const auto& service = j.at("service").as_object();
    const auto& org = j.at("organisation").as_object();
    const std::string type(service.at("consultation_type").as_string());
    notify::IcsEvent ev;
    ev.uid = a->id + "@yiqiao";
    ev.starts_at = a->starts_at;
    ev.ends_at = a->ends_at;
    ev.summary = std::string(service.at("name").at("en").as_string()) + " - " +
                 std::string(doctor.at("display_name").as_string());
    ev.description = std::string(org.at("name").at("en").as_string()) + " / " +
                     std::string(org.at("name").at("zh-Hant").as_string());
    ev.location =
        type == "in_person"
            ? std::string(org.at("address").as_string())
            : "Yiqiao " + std::string(type == "video" ? "video" : "voice") + " consultation";
    ev.cancelled = a->status == "cancelled";
    ev.stamp = env_.clock.now();
    return notify::appointment_ics(ev);
  });
}

namespace {

const Move* move_to(std::string_view status) {
  for (const auto& m : moves())
    if (m.to == status) return &m;
  return nullptr;
}

// One step of the appointment's state machine by `who`, audited; invalid_transition when its
// state does not allow the step (or changed under us).
core::Result<void> apply_move(store::Connection& c, const core::Clock& clock,
                              const identity::Principal& who, const identity::ClientInfo& client,
                              const AppointmentRow& a, const Move& move) {
  // A status is staff's to move: the appointment's doctor counts as its doctor even when they
  // also act for the patient (a doctor seeing their own child), where reach_of answers the
  // patient side first.
  const bool its_doctor =
      who.account_id == a.doctor_id && who.has_role_in("doctor", a.organisation_id);
  const Reach reach = its_doctor ? Reach::doctor : reach_of(c, who, a);
  if (reach != Reach::doctor && reach != Reach::org_admin) return Error::of(Errc::not_found);
  if (reach == Reach::org_admin && !move.org_admin_may) return Error::of(Errc::forbidden);
  const std::int64_t now = clock.now();
  if (move.after_start && now < a.starts_at) return Error::of(Errc::invalid_transition);
  std::string from_list;
  store::Params params{std::string(move.to), now, a.id};
  for (const auto f : move.from) {
    from_list += from_list.empty() ? "?" : ", ?";
    params.emplace_back(f);
  }
  if (c.execute("UPDATE appointments SET status = ?, updated_at = ? WHERE id = ? AND status IN (" +
                    from_list + ")",
                params) == 0)
    return Error::of(Errc::invalid_transition);
  auto e = appointment_event(who, client, "appointment.status", a);
  if (its_doctor) e.on_behalf_of.clear();  // they moved it as its doctor, not as a carer
  e.detail = a.status + " -> " + std::string(move.to);
  audit::record(c, clock, e);
  return {};
}

}  // namespace

core::Result<boost::json::object> Booking::set_status(const identity::Principal& who,
                                                      const std::string& id,
                                                      const std::string& status,
                                                      const identity::ClientInfo& client) {
  const Move* move = move_to(status);
  if (!move) return Error::field("status", "field.unknown_choice");
  return env_.db.write([&](store::Connection& c) -> core::Result<boost::json::object> {
    const auto a = load_appointment(c, id);
    if (!a) return Error::of(Errc::not_found);
    const auto moved = apply_move(c, env_.clock, who, client, *a, *move);
    if (!moved) return moved.error();
    return appointment_json_for(c, who, *a);
  });
}

core::Result<void> Booking::start_consultation(store::Connection& c, const identity::Principal& who,
                                               const std::string& id,
                                               const identity::ClientInfo& client) {
  const auto a = load_appointment(c, id);
  if (!a) return Error::of(Errc::not_found);
  if (a->status == "in_consultation") return {};
  return apply_move(c, env_.clock, who, client, *a, *move_to("in_consultation"));
}

core::Result<void> Booking::complete_consultation(store::Connection& c,
                                                  const identity::Principal& who,
                                                  const std::string& id,
                                                  const identity::ClientInfo& client) {
  auto a = load_appointment(c, id);
  if (!a) return Error::of(Errc::not_found);
  if (a->status == "completed") return {};
  // Completed only from in consultation: a room ended before the patient was admitted takes
  // both steps, so the rule and the audit trail see the same story as for any other visit.
  if (a->status != "in_consultation") {
    const auto started = start_consultation(c, who, id, client);
    if (!started) return started;
    a = load_appointment(c, id);
  }
  return apply_move(c, env_.clock, who, client, *a, *move_to("completed"));
}

}  // namespace yq::scheduling
