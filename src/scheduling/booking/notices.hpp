#pragma once
// Who hears about a change to an appointment: the patient, whoever booked for them (a parent or
// carer), and, for bookings, cancellations and moves, the doctor. Recorded inside the change's
// transaction; the ids land in `told` for Notifier::push after the commit.
#include <string>
#include <vector>

#include "scheduling/booking/appointment_view.hpp"
#include "scheduling/env.hpp"

namespace yq::scheduling {

void tell(store::Connection& c, Env& env, const AppointmentRow& a, const std::string& kind,
          bool doctor_too, std::vector<std::string>& told);
void tell_doctor(store::Connection& c, Env& env, const AppointmentRow& a, const std::string& kind,
                 std::vector<std::string>& told);

}  // namespace yq::scheduling
