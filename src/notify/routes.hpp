#pragma once
#include "core/time.hpp"
#include "http/router.hpp"
#include "notify/notifier.hpp"
#include "store/database.hpp"

namespace yq::notify {

// /api/v1/notifications*: the caller's own notices, rendered in the caller's language.
void add_notification_routes(http::Router& router, store::Database& db, const core::Clock& clock,
                             Notifier& notifier);

}  // namespace yq::notify
