#include "scheduling/booking/notices.hpp"

#include "identity/people.hpp"
#include "identity/roles.hpp"
#include "notify/notifier.hpp"
#include "scheduling/booking/parties.hpp"
#include "scheduling/scope.hpp"

namespace yq::scheduling {

namespace {

void record(store::Connection& c, Env& env, const boost::json::object& params,
            const std::string& account, const std::string& patient_id, const std::string& kind,
            const std::string& link, std::vector<std::string>& told) {
  notify::Notifier::record(
      c, env.clock, notify::Notice{account, kind, params, link, true, patient_id}, env.public_url);
  told.push_back(account);
}

// The doctor's own wording ("doctor.appointment.booked": who booked what, when), in the app only:
// an e-mail would carry a patient's name and visit outside the platform.
void record_for_doctor(store::Connection& c, Env& env, const AppointmentRow& a,
                       boost::json::object params, const std::string& kind,
                       std::vector<std::string>& told) {
  // The doctor treats the patient in this visit only while they hold the doctor role at its
  // organisation: a doctor demoted or gone since hears nothing more about the patient.
  const bool treating = identity::holds_role(c, a.doctor_id, "doctor", a.organisation_id);
  if (const auto patient = identity::person(c, a.patient_id))
    params["patient"] = patient->display_name;
  notify::Notifier::record(c, env.clock,
                           notify::Notice{a.doctor_id, "doctor." + kind, std::move(params),
                                          "/doctor/day", false, a.patient_id, treating},
                           env.public_url);
  told.push_back(a.doctor_id);
}

}  // namespace

void tell(store::Connection& c, Env& env, const AppointmentRow& a, const std::string& kind,
          bool doctor_too, std::vector<std::string>& told) {
  // One read of what the notices say, for everyone told (a booking's busiest statements after the
  // insert: bench/README.md, booking).
  const auto params = notice_params(c, a.id);
  const std::string link = "/appointments/" + a.id;
  record(c, env, params, a.patient_id, a.patient_id, kind, link, told);
  if (a.booked_by != a.patient_id)
    record(c, env, params, a.booked_by, a.patient_id, kind, link, told);
  if (doctor_too) record_for_doctor(c, env, a, params, kind, told);
}

void tell_doctor(store::Connection& c, Env& env, const AppointmentRow& a, const std::string& kind,
                 std::vector<std::string>& told) {
  record_for_doctor(c, env, a, notice_params(c, a.id), kind, told);
}

boost::json::object notice_params(store::Connection& c, const std::string& appointment_id) {
  const auto row = c.query_one(
      "SELECT a.starts_at, a.doctor_id, a.organisation_id, s.name_en, s.name_zh_hant, "
      "s.name_zh_hans FROM appointments a JOIN services s ON s.id = a.service_id WHERE a.id = ?",
      {appointment_id});
  if (!row) return {};
  const auto names = parties_of(c, {row->text(1)}, {row->text(2)});
  return {{"when", row->i64(0)},
          {"doctor", doctor_names(names.person(row->text(1)))},
          {"service", names_at(*row, 3)},
          {"organisation", names.organisation(row->text(2)).name.to_json()}};
}

std::optional<notify::RemindedAppointment> reminded_appointment(store::Connection& c,
                                                                const std::string& appointment_id) {
  const auto a = load_appointment(c, appointment_id);
  if (!a) return std::nullopt;
  const bool active = a->status == "booked" || a->status == "checked_in";
  return notify::RemindedAppointment{a->patient_id, a->booked_by, active, a->starts_at,
                                     active ? notice_params(c, a->id) : boost::json::object{}};
}

}  // namespace yq::scheduling
