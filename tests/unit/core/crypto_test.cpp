#include "core/crypto.hpp"

#include <gtest/gtest.h>

#include <set>

#include "core/ids.hpp"

namespace yq::core {
namespace {

class Crypto : public ::testing::Test {
 protected:
  void SetUp() override { crypto_init(); }
};

TEST_F(Crypto, Sha256MatchesTheStandardVector) {
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_F(Crypto, HmacSha1MatchesRfc2202) {
  EXPECT_EQ(hex_encode(hmac_sha1(std::string(20, '\x0b'), "Hi There")),
            "b617318655057264e28bc0b6fb378c8ef146be00");
}

std::string unhex(std::string_view hex) {
  std::string out;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2)
    out.push_back(static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16)));
  return out;
}

TEST_F(Crypto, Ed25519MatchesRfc8032AndRefusesChangedMessagesAndOtherKeys) {
  const auto key = signing_key_from_seed(
      unhex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));
  EXPECT_EQ(hex_encode(key.public_key),
            "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
  const std::string sig = sign(key, "");
  EXPECT_EQ(hex_encode(sig),
            "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e"
            "39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
  EXPECT_TRUE(signature_valid(key.public_key, "", sig));
  const auto signed_text = sign(key, "seq=5");
  EXPECT_TRUE(signature_valid(key.public_key, "seq=5", signed_text));
  EXPECT_FALSE(signature_valid(key.public_key, "seq=6", signed_text));
  const auto other = signing_key_from_seed(random_bytes(kSigningSeedBytes));
  EXPECT_FALSE(signature_valid(other.public_key, "seq=5", signed_text));
  EXPECT_FALSE(signature_valid(key.public_key, "seq=5", signed_text.substr(1)));
  EXPECT_THROW(signing_key_from_seed("short"), std::invalid_argument);
}

TEST_F(Crypto, Base64DecodesWhatItEncodesAndRefusesJunk) {
  EXPECT_EQ(base64_decode(base64_encode("\x01\xffyiqiao")).value(), "\x01\xffyiqiao");
  EXPECT_FALSE(base64_decode("not base64!"));
  EXPECT_FALSE(base64_decode("QUJD trailing"));
}

TEST_F(Crypto, Base32RoundTripsAndMatchesRfc4648) {
  EXPECT_EQ(base32_encode("foobar"), "MZXW6YTBOI");
  EXPECT_EQ(base32_decode("MZXW6YTBOI").value(), "foobar");
  EXPECT_EQ(base32_decode("mzxw6ytboi").value(), "foobar");
  EXPECT_FALSE(base32_decode("MZXW6YTB0I"));  // '0' is not base32
  const std::string bytes = random_bytes(37);
  EXPECT_EQ(base32_decode(base32_encode(bytes)).value(), bytes);
}

TEST_F(Crypto, TokensAreUrlSafeAndUnique) {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    const auto t = random_token(32);
    EXPECT_EQ(t.size(), 43u);
    EXPECT_EQ(
        t.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
        std::string::npos);
    EXPECT_TRUE(seen.insert(t).second);
  }
}

TEST_F(Crypto, IdsHaveOneShapeAndDoNotRepeat) {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    const auto id = new_id();
    EXPECT_TRUE(looks_like_id(id)) << id;
    EXPECT_TRUE(seen.insert(id).second);
  }
  EXPECT_FALSE(looks_like_id("../../etc/passwd"));
  EXPECT_FALSE(looks_like_id(""));
}

TEST_F(Crypto, PasswordHashIsArgon2idAndVerifies) {
  const PasswordHashCost fast{1, 8192};
  const auto h = password_hash("correct horse battery", fast);
  EXPECT_TRUE(h.starts_with("$argon2id$"));
  EXPECT_TRUE(password_verify(h, "correct horse battery"));
  EXPECT_FALSE(password_verify(h, "correct horse batterY"));
  EXPECT_NE(password_hash("correct horse battery", fast), h);  // salted
  EXPECT_FALSE(password_verify("not a hash", "x"));
}

TEST_F(Crypto, ConstantTimeEqualComparesContent) {
  EXPECT_TRUE(constant_time_equal("123456", "123456"));
  EXPECT_FALSE(constant_time_equal("123456", "123457"));
  EXPECT_FALSE(constant_time_equal("12345", "123456"));
}

}  // namespace
}  // namespace yq::core
