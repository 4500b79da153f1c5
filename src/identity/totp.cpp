#include "identity/totp.hpp"

#include <boost/url/encode.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>

#include <cstdio>

#include "core/crypto.hpp"

namespace yq::identity::totp {

std::string new_secret() {
  return core::base32_encode(core::random_bytes(20));
}

namespace {
std::string code_for_step(const std::string& key, std::int64_t step) {
  char counter[8];
  for (int i = 7; i >= 0; --i) {
    counter[i] = static_cast<char>(step & 0xff);
    step >>= 8;
  }
  const std::string mac = core::hmac_sha1(key, std::string_view(counter, 8));
  const int offset = mac[19] & 0x0f;
  const std::uint32_t binary =
      (static_cast<std::uint32_t>(mac[offset] & 0x7f) << 24) |
      (static_cast<std::uint32_t>(static_cast<unsigned char>(mac[offset + 1])) << 16) |
      (static_cast<std::uint32_t>(static_cast<unsigned char>(mac[offset + 2])) << 8) |
      static_cast<std::uint32_t>(static_cast<unsigned char>(mac[offset + 3]));
  char out[8];
  std::snprintf(out, sizeof out, "%06u", binary % 1000000u);
  return out;
}
}  // namespace

std::string code_at(std::string_view base32_secret, std::int64_t unix_seconds) {
  const auto key = core::base32_decode(base32_secret);
  if (!key) return {};
  return code_for_step(*key, unix_seconds / kStepSeconds);
}

std::optional<std::int64_t> match(std::string_view base32_secret, std::string_view code,
                                  std::int64_t now) {
  if (code.size() != 6) return std::nullopt;
  const auto key = core::base32_decode(base32_secret);
  if (!key || key->empty()) return std::nullopt;
  const std::int64_t step = now / kStepSeconds;
  for (std::int64_t s : {step, step - 1, step + 1}) {
    if (core::constant_time_equal(code_for_step(*key, s), code)) return s;
  }
  return std::nullopt;
}

std::string otpauth_uri(std::string_view issuer, std::string_view account,
                        std::string_view secret) {
  const auto enc = [](std::string_view s) {
    return boost::urls::encode(s, boost::urls::unreserved_chars);
  };
  return "otpauth://totp/" + enc(issuer) + ":" + enc(account) + "?secret=" + std::string(secret) +
         "&issuer=" + enc(issuer) + "&algorithm=SHA1&digits=6&period=30";
}

}  // namespace yq::identity::totp
