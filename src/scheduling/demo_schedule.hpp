#pragma once
// Demo services, weekly schedules and a demo child, on top of identity's demo organisations and
// people, so a newcomer can book (and queue) the moment the server is up: slots for the next
// weeks exist before the first request.
#include "scheduling/env.hpp"

namespace yq::scheduling {

// Call right after identity::load_demo_data loaded (an empty database). False when the demo
// organisations are not there.
bool load_demo_schedule(Env& env);

}  // namespace yq::scheduling
