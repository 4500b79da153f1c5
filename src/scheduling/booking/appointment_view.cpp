#include "scheduling/booking/appointment_view.hpp"

#include <algorithm>
#include <unordered_map>

#include "consent/consent.hpp"
#include "core/ids.hpp"
#include "scheduling/booking/parties.hpp"
#include "scheduling/scope.hpp"
#include "store/in_list.hpp"

namespace yq::scheduling {

std::optional<AppointmentRow> load_appointment(store::Connection& c, const std::string& id) {
  if (!core::looks_like_id(id)) return std::nullopt;
  const auto r = c.query_one(
      "SELECT id, slot_id, patient_id, booked_by, doctor_id, service_id, organisation_id, "
      "starts_at, ends_at, status, needs_rebooking FROM appointments WHERE id = ?",
      {id});
  if (!r) return std::nullopt;
  return AppointmentRow{r->text(0), r->text(1), r->text(2), r->text(3), r->text(4),    r->text(5),
                        r->text(6), r->i64(7),  r->i64(8),  r->text(9), r->boolean(10)};
}

bool still_on(const AppointmentRow& a) {
  return a.status == "booked" || a.status == "checked_in" || a.status == "in_consultation";
}

std::vector<std::string> organisations_with_visit_near(store::Connection& c,
                                                       const std::string& patient_id,
                                                       std::int64_t now) {
  std::vector<std::string> out;
  for (const auto& r :
       c.query("SELECT DISTINCT organisation_id FROM appointments WHERE patient_id = ? AND "
               "status IN ('booked', 'checked_in', 'in_consultation') AND starts_at >= ? AND "
               "starts_at <= ?",
               {patient_id, now - kCareLookBackSeconds, now + kCareLookAheadSeconds}))
    out.push_back(r.text(0));
  return out;
}

Reach reach_of(store::Connection& c, const identity::Principal& who, const AppointmentRow& a) {
  if (who.has_role("patient") && consent::may_act_for(c, who.account_id, a.patient_id))
    return Reach::patient_side;
  if (who.has_role_in("doctor", a.organisation_id) && who.account_id == a.doctor_id)
    return Reach::doctor;
  if (who.has_role_in("org_admin", a.organisation_id)) return Reach::org_admin;
  return Reach::none;
}

consent::Decision clinical_reading(store::Connection& c, const identity::Principal& who,
                                   const AppointmentRow& a) {
  const bool treating =
      who.account_id == a.doctor_id && who.has_role_in("doctor", a.organisation_id);
  return consent::decide(c, who.account_id, a.patient_id, consent::Purpose::read_clinical,
                         {.treating_clinician = treating});
}

namespace {

// The columns appointment_object reads, by position.
constexpr const char* kAppointmentColumns =
    "SELECT a.id, a.slot_id, a.patient_id, a.booked_by, a.doctor_id, a.service_id, s.name_en, "
    "s.name_zh_hant, s.name_zh_hans, s.consultation_type, a.organisation_id, a.starts_at, "
    "a.ends_at, a.status, a.reason, a.symptoms, a.known_allergies, a.cancelled_by, "
    "a.cancel_reason, a.cancelled_at, a.rescheduled_from, a.needs_rebooking, a.created_at, "
    "a.updated_at FROM appointments a JOIN services s ON s.id = a.service_id WHERE a.id IN ";

boost::json::object appointment_object(const store::Row& r, const Parties& names, bool clinical) {
  const auto& patient = names.person(r.text(2));
  const auto& doctor = names.person(r.text(4));
  const auto& organisation = names.organisation(r.text(10));
  boost::json::object cancelled;
  if (!r.is_null(19)) cancelled = {{"by", r.text(17)}, {"reason", r.text(18)}, {"at", r.i64(19)}};
  return {
      {"id", r.text(0)},
      {"slot_id", r.text(1)},
      {"patient", {{"id", r.text(2)}, {"display_name", patient.display_name}}},
      {"booked_by", r.text(3)},
      {"doctor",
       {{"id", r.text(4)},
        {"display_name", doctor.display_name},
        {"title", doctor.title},
        {"name_zh", doctor.name_zh}}},
      {"service", {{"id", r.text(5)}, {"name", names_at(r, 6)}, {"consultation_type", r.text(9)}}},
      {"organisation",
       {{"id", r.text(10)},
        {"name", organisation.name.to_json()},
        {"address", organisation.address}}},
      {"starts_at", r.i64(11)},
      {"ends_at", r.i64(12)},
      {"status", r.text(13)},
      {"reason", clinical ? boost::json::value(r.text(14)) : nullptr},
      {"symptoms", clinical ? boost::json::value(r.text(15)) : nullptr},
      {"known_allergies", clinical ? boost::json::value(r.text(16)) : nullptr},
      {"cancelled",
       cancelled.empty() ? boost::json::value(nullptr) : boost::json::value(std::move(cancelled))},
      {"rescheduled_from", r.text(20)},
      {"needs_rebooking", r.boolean(21)},
      {"created_at", r.i64(22)},
      {"updated_at", r.i64(23)}};
}

// A page names the same doctor and organisation on most rows: ask for each once.
std::vector<std::string> distinct(std::vector<std::string> ids) {
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

}  // namespace

std::vector<boost::json::object> appointments_json(store::Connection& c,
                                                   const std::vector<std::string>& ids,
                                                   bool clinical) {
  std::vector<boost::json::object> out(ids.size());
  if (ids.empty()) return out;
  store::Params params;
  const auto list = store::in_list(ids, params);
  const auto rows = c.query(std::string(kAppointmentColumns) + list, params);
  std::unordered_map<std::string, const store::Row*> by_id;
  std::vector<std::string> people, organisations;
  for (const auto& r : rows) {
    by_id.emplace(r.text(0), &r);
    people.push_back(r.text(2));
    people.push_back(r.text(4));
    organisations.push_back(r.text(10));
  }
  const auto names = parties_of(c, distinct(std::move(people)), distinct(std::move(organisations)));
  for (std::size_t i = 0; i < ids.size(); ++i)
    if (const auto it = by_id.find(ids[i]); it != by_id.end())
      out[i] = appointment_object(*it->second, names, clinical);
  return out;
}

boost::json::object appointment_json(store::Connection& c, const std::string& id, bool clinical) {
  return std::move(appointments_json(c, {id}, clinical).front());
}

boost::json::object appointment_json_for(store::Connection& c, const identity::Principal& who,
                                         const AppointmentRow& a) {
  return appointment_json(c, a.id, clinical_reading(c, who, a).allowed);
}

audit::Event appointment_event(const identity::Principal& who, const identity::ClientInfo& client,
                               std::string action, const AppointmentRow& a) {
  auto e = event_by(who, client, std::move(action), "appointment", a.id);
  e.patient_id = a.patient_id;
  if (who.account_id != a.patient_id && who.has_role("patient")) e.on_behalf_of = a.patient_id;
  return e;
}

}  // namespace yq::scheduling
