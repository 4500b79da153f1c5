#pragma once
// `--demo-data`: the demo accounts and organisations, then their services, hours and slots, then
// the demo patients' shared health record and sharing, into an empty database (logins in the
// README). A database with accounts in it is left alone.
#include "app/wiring.hpp"

namespace yq::app {

// with_history: also the demo patients' health records and a few booked visits.
void load_demo(Services& services, bool with_history);

}  // namespace yq::app
