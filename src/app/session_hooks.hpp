#pragma once
// What ends with a session: its WebSockets (sign-out, sign-out everywhere, a password change, a
// disabled account, changed roles) and the secret calendar feed URLs made with its credentials.
// The session watch (background_jobs) closes the sockets of sessions that simply expire.
#include "app/wiring.hpp"
#include "http/ws_hub.hpp"

namespace yq::app {

void connect_session_hooks(Services& services, http::WsHub& hub);

}  // namespace yq::app
