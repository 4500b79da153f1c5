#pragma once
// The ICE servers a browser gets for a consultation: STUN, and TURN (coturn) with a credential made
// from coturn's shared secret ("TURN REST API", coturn's use-auth-secret): the username is
// "<expiry>:<account id>" and the password base64(HMAC-SHA1(secret, username)). coturn checks both
// without asking us, and the credential stops working at the expiry, so a leaked one is
// short-lived.
#include <boost/json/array.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace yq::consult {

struct TurnSettings {
  std::vector<std::string> turn_urls;
  std::vector<std::string> stun_urls;
  std::string secret;
  int ttl_seconds = 3600;
  std::string transport_policy = "all";  // RTCConfiguration.iceTransportPolicy
};

// Splits "a, b,,c" into {"a", "b", "c"}.
std::vector<std::string> split_urls(std::string_view comma_separated);

struct TurnCredential {
  std::string username;
  std::string credential;
  std::int64_t expires_at = 0;
};

TurnCredential turn_credential(std::string_view secret, std::string_view account_id,
                               std::int64_t now, int ttl_seconds);

// RTCIceServer[]: the STUN URLs, then the TURN URLs with a fresh credential (none without a
// secret: coturn would refuse it anyway).
boost::json::array ice_servers(const TurnSettings& s, std::string_view account_id,
                               std::int64_t now);

}  // namespace yq::consult
