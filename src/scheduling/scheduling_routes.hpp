#pragma once
// The HTTP surface of the scheduling core (docs/api.md). Each file registers one area's routes;
// add_scheduling_routes registers them all.
#include "http/router.hpp"
#include "scheduling/booking/calendar_feed.hpp"
#include "scheduling/scheduling.hpp"

namespace yq::scheduling {

void add_service_routes(http::Router& router, ServiceCatalog& services);
void add_dependant_routes(http::Router& router, Dependants& dependants);
void add_availability_routes(http::Router& router, Availability& availability);
void add_directory_routes(http::Router& router, Directory& directory);
void add_appointment_routes(http::Router& router, Booking& booking);
// /api/v1/calendar-feed and the feed itself, GET /calendar/{token}.ics.
void add_calendar_feed_routes(http::Router& router, CalendarFeeds& feeds);

void add_scheduling_routes(http::Router& router, Scheduling& scheduling);

}  // namespace yq::scheduling
