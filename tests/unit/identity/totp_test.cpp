#include "identity/totp.hpp"

#include <gtest/gtest.h>

#include "core/crypto.hpp"

namespace yq::identity::totp {
namespace {

// RFC 6238 appendix B, SHA-1 key "12345678901234567890" (8-digit codes there; we show the last 6).
const std::string kRfcSecret = core::base32_encode("12345678901234567890");

TEST(Totp, MatchesTheRfc6238Vectors) {
  EXPECT_EQ(code_at(kRfcSecret, 59), "287082");
  EXPECT_EQ(code_at(kRfcSecret, 1111111109), "081804");
  EXPECT_EQ(code_at(kRfcSecret, 1111111111), "050471");
  EXPECT_EQ(code_at(kRfcSecret, 1234567890), "005924");
  EXPECT_EQ(code_at(kRfcSecret, 2000000000), "279037");
}

TEST(Totp, AcceptsOneStepOfClockDriftAndNoMore) {
  const std::int64_t now = 1'800'000'000;
  const auto code = code_at(kRfcSecret, now);
  EXPECT_EQ(match(kRfcSecret, code, now), now / 30);
  EXPECT_TRUE(match(kRfcSecret, code, now + 30));
  EXPECT_TRUE(match(kRfcSecret, code, now - 30));
  EXPECT_FALSE(match(kRfcSecret, code, now + 90));
  EXPECT_FALSE(match(kRfcSecret, "12345", now));
  EXPECT_FALSE(match(kRfcSecret, "abcdef", now));
}

TEST(Totp, SecretsAre160BitsAndTheUriIsWhatAppsRead) {
  core::crypto_init();
  const auto s = new_secret();
  EXPECT_EQ(core::base32_decode(s)->size(), 20u);
  EXPECT_EQ(otpauth_uri("Yiqiao", "a+b@x.hk", "ABC"),
            "otpauth://totp/"
            "Yiqiao:a%2Bb%40x.hk?secret=ABC&issuer=Yiqiao&algorithm=SHA1&digits=6&period=30");
}

}  // namespace
}  // namespace yq::identity::totp
