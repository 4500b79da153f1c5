#include "scheduling/booking/notices.hpp"

#include "identity/roles.hpp"
#include "notify/notifier.hpp"

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
  if (const auto patient =
          c.query_one("SELECT display_name FROM accounts WHERE id = ?", {a.patient_id}))
    params["patient"] = patient->text(0);
  notify::Notifier::record(c, env.clock,
                           notify::Notice{a.doctor_id, "doctor." + kind, std::move(params),
                                          "/doctor/day", false, a.patient_id, treating},
                           env.public_url);
  told.push_back(a.doctor_id);
}

}  // namespace

void tell(store::Connection& c, Env& env, const AppointmentRow& a, const std::string& kind,
          bool doctor_too, std::vector<std::string>& told) {
  // One read of what the notices say, for everyone told (a booking's busiest statement after the
  // insert: bench/README.md, booking).
  const auto params = notify::Notifier::appointment_params(c, a.id);
  const std::string link = "/appointments/" + a.id;
  record(c, env, params, a.patient_id, a.patient_id, kind, link, told);
  if (a.booked_by != a.patient_id)
    record(c, env, params, a.booked_by, a.patient_id, kind, link, told);
  if (doctor_too) record_for_doctor(c, env, a, params, kind, told);
}

void tell_doctor(store::Connection& c, Env& env, const AppointmentRow& a, const std::string& kind,
                 std::vector<std::string>& told) {
  record_for_doctor(c, env, a, notify::Notifier::appointment_params(c, a.id), kind, told);
}

}  // namespace yq::scheduling
