#pragma once
// Demo services, weekly schedules and a demo child, on top of identity's demo organisations and
// people, so a newcomer can book (and queue) the moment the server is up: slots for the next
// weeks exist before the first request.
#include "scheduling/env.hpp"

namespace yq::scheduling {

// Call right after identity::load_demo_data loaded (an empty database). False when the demo
// organisations are not there.
bool load_demo_schedule(Env& env);

class Booking;
// A few booked visits in the coming days, through the real booking path (the patients' own
// bookings, with their notices), so each demo doctor has patients under their care at once: the
// shared record shows a clinician both a patient who consented to their organisation and one who
// did not. Call after load_demo_schedule.
void book_demo_visits(Env& env, Booking& booking);

}  // namespace yq::scheduling
