#pragma once
// RFC 6238 time-based one-time passwords (SHA-1, 30-second steps, 6 digits): what Google
// Authenticator, Microsoft Authenticator, FreeOTP and 1Password read from an otpauth:// QR code.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace yq::identity::totp {

inline constexpr int kStepSeconds = 30;

std::string new_secret();  // 160 random bits, base32
std::string code_at(std::string_view base32_secret, std::int64_t unix_seconds);
// The step number the code matches within one step either side of now (clock drift), or nullopt.
std::optional<std::int64_t> match(std::string_view base32_secret, std::string_view code,
                                  std::int64_t now);
std::string otpauth_uri(std::string_view issuer, std::string_view account, std::string_view secret);

}  // namespace yq::identity::totp
