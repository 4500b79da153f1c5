#pragma once
// The only place that calls libsodium and OpenSSL's digest functions. Everything here is generic:
// it knows nothing of accounts or medicine.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace yq::core {

// Must be called once before any other function here (libsodium's sodium_init).
void crypto_init();

std::string random_bytes(std::size_t n);
// n random bytes as unpadded base64url: the form of every secret token we hand out.
std::string random_token(std::size_t n = 32);

std::string sha256(std::string_view data);  // raw 32 bytes
std::string sha256_hex(std::string_view data);
std::string hmac_sha1(std::string_view key, std::string_view data);    // raw 20 bytes (TOTP)
std::string hmac_sha256(std::string_view key, std::string_view data);  // raw 32 bytes

std::string hex_encode(std::string_view bytes);
std::string base64url_encode(std::string_view bytes);
std::string base64_encode(std::string_view bytes);
// RFC 4648 base32, upper case, no padding (the form authenticator apps read).
std::string base32_encode(std::string_view bytes);
std::optional<std::string> base32_decode(std::string_view text);

bool constant_time_equal(std::string_view a, std::string_view b);

std::optional<std::string> base64_decode(std::string_view text);  // standard alphabet, padded

// Ed25519 signatures (audit checkpoints). Keys and signatures are raw bytes: a 32-byte seed makes
// the key pair, the public key is 32 bytes, a signature 64.
struct SigningKey {
  std::string seed;
  std::string public_key;
};
constexpr std::size_t kSigningSeedBytes = 32;
constexpr std::size_t kSigningPublicKeyBytes = 32;
SigningKey signing_key_from_seed(std::string_view seed);  // throws on a seed of the wrong size
std::string sign(const SigningKey& key, std::string_view message);
bool signature_valid(std::string_view public_key, std::string_view message,
                     std::string_view signature);

// argon2id in libsodium's self-describing string form ($argon2id$v=19$m=...,t=...,p=...$salt$hash).
struct PasswordHashCost {
  unsigned long long ops;
  std::size_t mem_bytes;
};
PasswordHashCost interactive_password_cost();
std::string password_hash(std::string_view password, PasswordHashCost cost);
bool password_verify(std::string_view stored_hash, std::string_view password);

}  // namespace yq::core
