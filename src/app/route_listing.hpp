#pragma once
// `yiqiao routes [--json]`: every HTTP route, then every WebSocket message type, each with who may
// use it, from the same wiring the server runs (no database needed). The route-table tests read it.
#include "core/config.hpp"

namespace yq::app {

// 0 when every route and message type declares a policy, else 1.
int print_routes(const core::Config& cfg, bool json);

}  // namespace yq::app
