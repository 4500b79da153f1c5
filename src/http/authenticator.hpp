#pragma once
// The HTTP layer's hook for sessions: it hands a cookie or bearer token to an Authenticator
// (identity's AccountService) and gets the caller back. The caller's type is identity's
// (identity/principal.hpp): http knows no more of identity than that.
#include <optional>
#include <string_view>

#include "identity/principal.hpp"

namespace yq::http {

// Resolves a session token (cookie or bearer) to the caller; touches the session's last-seen time.
// Called on a worker thread: it may block on the database.
class Authenticator {
 public:
  virtual ~Authenticator() = default;
  virtual std::optional<identity::Principal> authenticate(std::string_view token,
                                                          const identity::ClientInfo& client) = 0;
};

}  // namespace yq::http
