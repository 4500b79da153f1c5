#include "app/session_hooks.hpp"

namespace yq::app {

void connect_session_hooks(Services& services, http::WsHub& hub) {
  // A WebSocket lives no longer than the session it was opened with.
  services.accounts.on_sessions_ended([&hub](const std::string& account,
                                             const std::string& only_session,
                                             const std::string& except_session) {
    hub.close_sessions(account, only_session, except_session);
  });
  // ... and the secret calendar feed URL no longer than the credentials it was made with.
  services.accounts.on_credentials_ended(scheduling::CalendarFeeds::end_for);
}

}  // namespace yq::app
