#pragma once
// A WebSocket lives no longer than the session it was opened with. Sign-out, sign-out everywhere,
// password changes and disabling close sockets at once (AccountService::on_sessions_ended); this
// job closes the rest at their session's idle or absolute expiry, and keeps alive the sessions
// whose page is open and talking (a message counts as use, as an HTTP request does).
#include <cstdint>

#include "http/ws_hub.hpp"
#include "identity/accounts.hpp"

namespace yq::app {

class SessionWatch {
 public:
  SessionWatch(http::WsHub& hub, identity::AccountService& accounts, const core::Clock& clock)
      : hub_(hub), accounts_(accounts), clock_(clock), last_look_(clock.now()) {}
  // One look: closes every socket whose session is no longer valid. Returns how many closed.
  std::size_t look();

 private:
  http::WsHub& hub_;
  identity::AccountService& accounts_;
  const core::Clock& clock_;
  std::int64_t last_look_;
};

}  // namespace yq::app
