#include "app/demo.hpp"

#include "identity/demo_data.hpp"
#include "records/demo_records.hpp"
#include "scheduling/demo_schedule.hpp"
#include "scheduling/patient_details.hpp"

namespace yq::app {

void load_demo(Services& s, bool with_history) {
  // The schedule is made for the demo doctors, and the record for the demo patients (and the demo
  // child the schedule adds), so only right after they were.
  if (!identity::load_demo_data(*s.db, s.accounts, s.clock)) return;
  scheduling::load_demo_schedule(s.scheduling.env());
  if (!with_history) return;
  scheduling::book_demo_visits(s.scheduling.env(), s.scheduling.booking);
  records::load_demo_records(*s.db, s.blobs, s.clock, &scheduling::date_of_birth);
}

}  // namespace yq::app
