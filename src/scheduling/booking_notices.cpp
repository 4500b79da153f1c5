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
  record(c, env, a, a.doctor_id, kind, "/schedule", told);
}

}  // namespace yq::scheduling
