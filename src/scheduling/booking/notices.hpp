#pragma once
// Who hears about a change to an appointment: the patient, whoever booked for them (a parent or
// carer), and, for bookings, cancellations and moves, the doctor. Recorded inside the change's
// transaction; the ids land in `told` for Notifier::push after the commit. What an appointment's
// notices say is scheduling's to tell (notify does not read appointments): notice_params here, and
// reminded_appointment for the reminder sender, given to it at wiring.
#include <boost/json/object.hpp>

#include <optional>
#include <string>
#include <vector>

#include "notify/reminder_sender.hpp"
#include "scheduling/booking/appointment_view.hpp"
#include "scheduling/env.hpp"

namespace yq::scheduling {

void tell(store::Connection& c, Env& env, const AppointmentRow& a, const std::string& kind,
          bool doctor_too, std::vector<std::string>& told);
void tell_doctor(store::Connection& c, Env& env, const AppointmentRow& a, const std::string& kind,
                 std::vector<std::string>& told);

// {doctor, service (one name per language), when (UTC seconds), organisation} of an appointment,
// the params of every "appointment.*" notice; empty when there is no such appointment.
boost::json::object notice_params(store::Connection& c, const std::string& appointment_id);

// The appointment as the reminder sender needs it now (notify::AppointmentLookup).
std::optional<notify::RemindedAppointment> reminded_appointment(store::Connection& c,
                                                                const std::string& appointment_id);

}  // namespace yq::scheduling
