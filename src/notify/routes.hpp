#pragma once
#include "core/time.hpp"
#include "http/router.hpp"
#include "notify/calendar_feed.hpp"
#include "notify/notifier.hpp"
#include "store/database.hpp"

namespace yq::notify {

// /api/v1/notifications*: the caller's own notices, rendered in the caller's language.
void add_notification_routes(http::Router& router, store::Database& db, const core::Clock& clock,
                             Notifier& notifier);
// /api/v1/calendar-feed and the feed itself, GET /calendar/{token}.ics.
void add_calendar_feed_routes(http::Router& router, CalendarFeeds& feeds);

}  // namespace yq::notify
