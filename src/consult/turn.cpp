#include "consult/turn.hpp"

#include "core/crypto.hpp"

namespace yq::consult {

std::vector<std::string> split_urls(std::string_view text) {
  std::vector<std::string> out;
  while (!text.empty()) {
    const auto comma = text.find(',');
    std::string_view part = text.substr(0, comma);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    while (!part.empty() && part.back() == ' ') part.remove_suffix(1);
    if (!part.empty()) out.emplace_back(part);
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  return out;
}

TurnCredential turn_credential(std::string_view secret, std::string_view account_id,
                               std::int64_t now, int ttl_seconds) {
  TurnCredential c;
  c.expires_at = now + ttl_seconds;
  c.username = std::to_string(c.expires_at) + ":" + std::string(account_id);
  c.credential = core::base64_encode(core::hmac_sha1(secret, c.username));
  return c;
}

boost::json::array ice_servers(const TurnSettings& s, std::string_view account_id,
                               std::int64_t now) {
  boost::json::array out;
  if (!s.stun_urls.empty()) {
    boost::json::array urls(s.stun_urls.begin(), s.stun_urls.end());
    out.push_back(boost::json::object{{"urls", std::move(urls)}});
  }
  if (!s.turn_urls.empty() && !s.secret.empty()) {
    const auto cred = turn_credential(s.secret, account_id, now, s.ttl_seconds);
    boost::json::array urls(s.turn_urls.begin(), s.turn_urls.end());
    out.push_back(boost::json::object{
        {"urls", std::move(urls)}, {"username", cred.username}, {"credential", cred.credential}});
  }
  return out;
}

}  // namespace yq::consult
