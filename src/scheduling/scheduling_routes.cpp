#include "scheduling/scheduling_routes.hpp"

namespace yq::scheduling {

void add_scheduling_routes(http::Router& router, Scheduling& s) {
  add_service_routes(router, s.services);
  add_dependant_routes(router, s.dependants);
  add_availability_routes(router, s.availability);
  add_directory_routes(router, s.directory);
  add_appointment_routes(router, s.booking);
}

}  // namespace yq::scheduling
