#include "app/demo.hpp"

#include "identity/demo_data.hpp"
#include "scheduling/demo_schedule.hpp"

namespace yq::app {

void load_demo(Services& s) {
  // The schedule is made for the demo doctors, so only right after they were.
  if (identity::load_demo_data(*s.db, s.accounts, s.clock))
    scheduling::load_demo_schedule(s.scheduling.env());
}

}  // namespace yq::app
