#pragma once
// `yiqiao serve`: binds, builds the services, migrates the database, registers every route and
// WebSocket message type, starts the background jobs and serves until SIGTERM/SIGINT.
#include "core/config.hpp"

namespace yq::app {

// 0 after a clean stop; 2 for a bad --listen; 3 when a route or message type declares no policy.
int serve(const core::Config& cfg);

}  // namespace yq::app
