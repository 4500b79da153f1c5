#pragma once
// The server binds before the services exist: with --listen on port 0 the public URL e-mailed links
// need is known only after binding. This stands in for the account service until it is connected
// (nothing is accepted before the server runs, so no request meets it unconnected).
#include <optional>
#include <string_view>

#include "http/authenticator.hpp"

namespace yq::app {

class DeferredAuthenticator final : public http::Authenticator {
 public:
  void connect(http::Authenticator& target) { target_ = &target; }
  std::optional<identity::Principal> authenticate(std::string_view token,
                                                  const identity::ClientInfo& client) override {
    return target_ ? target_->authenticate(token, client) : std::nullopt;
  }

 private:
  http::Authenticator* target_ = nullptr;
};

}  // namespace yq::app
