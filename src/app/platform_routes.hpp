#pragma once
#include "core/time.hpp"
#include "http/router.hpp"
#include "store/database.hpp"

namespace yq::app {
// /healthz, /readyz and the platform admin's read-only views (outbox, audit trail).
void add_platform_routes(http::Router& router, store::Database& db, const core::Clock& clock);
}  // namespace yq::app
