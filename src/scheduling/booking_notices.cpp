#include "scheduling/booking_notices.hpp"

#include "notify/notifier.hpp"

namespace yq::scheduling {

namespace {

void record(store::Connection& c, Env& env, const AppointmentRow& a, const std::string& account,
            const std::string& kind, const std::string& link, std::vector<std::string>& told) {
  notify::Notifier::record(
      c, env.clock,
      notify::Notice{account, kind, notify::Notifier::appointment_params(c, a.id), link, true},
      env.public_url);
  told.push_back(account);
}

}  // namespace

void tell(store::Connection& c, Env& env, const AppointmentRow& a, const std::string& kind,
          bool doctor_too, std::vector<std::string>& told) {
  const std::string link = "/appointments/" + a.id;
  record(c, env, a, a.patient_id, kind, link, told);
  if (a.booked_by != a.patient_id) record(c, env, a, a.booked_by, kind, link, told);
  if (doctor_too) tell_doctor(c, env, a, kind, told);
}

void tell_doctor(store::Connection& c, Env& env, const AppointmentRow& a, const std::string& kind,
                 std::vector<std::string>& told) {
  // The doctor's own wording ("doctor.appointment.booked": who booked what, when), in the app only:
  // an e-mail would carry a patient's name and visit outside the platform.
  auto params = notify::Notifier::appointment_params(c, a.id);
  if (const auto patient =
          c.query_one("SELECT display_name FROM accounts WHERE id = ?", {a.patient_id}))
    params["patient"] = patient->text(0);
  notify::Notifier::record(c, env.clock,
                           notify::Notice{a.doctor_id, "doctor." + kind, std::move(params),
                                          "/doctor/day", false},
                           env.public_url);
  told.push_back(a.doctor_id);
}

}  // namespace yq::scheduling
