#include "core/config.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace yq::core {
namespace {

TEST(Config, DefaultsAreSafeForALaptop) {
  Config c;
  EXPECT_EQ(c.listen, "127.0.0.1:8080");  // never exposed beyond the machine by default
  EXPECT_EQ(c.effective_database(), "sqlite:var/yiqiao.db");
  EXPECT_EQ(c.effective_public_url(8080), "http://127.0.0.1:8080");
}

TEST(Config, FileThenEnvironmentThenFlagsWin) {
  const auto path = std::filesystem::temp_directory_path() / "yq-config-test.conf";
  std::ofstream(path) << "# comment\nlisten = 0.0.0.0:9000\nsession_idle_minutes = 15  # trailing\n"
                         "demo_data = yes\n";
  Config c;
  ASSERT_FALSE(apply_config_file(c, path.string()));
  EXPECT_EQ(c.listen, "0.0.0.0:9000");
  EXPECT_EQ(c.session_idle_minutes, 15);
  EXPECT_TRUE(c.demo_data);
  ::setenv("YIQIAO_SESSION_IDLE_MINUTES", "20", 1);
  ASSERT_FALSE(apply_config_env(c));
  ::unsetenv("YIQIAO_SESSION_IDLE_MINUTES");
  EXPECT_EQ(c.session_idle_minutes, 20);
  ASSERT_FALSE(apply_config_value(c, "session_idle_minutes", "25"));
  EXPECT_EQ(c.session_idle_minutes, 25);
  EXPECT_EQ(c.effective_public_url(9000), "http://localhost:9000");
}

TEST(Config, RejectsUnknownKeysAndBadValuesWithTheReason) {
  Config c;
  auto err = apply_config_value(c, "listn", "x");
  ASSERT_TRUE(err);
  EXPECT_NE(err->find("unknown setting"), std::string::npos);
  err = apply_config_value(c, "max_json_body", "12abc");
  ASSERT_TRUE(err);
  EXPECT_NE(err->find("whole number"), std::string::npos);
  EXPECT_TRUE(apply_config_value(c, "max_json_body", "999999999999"));  // over the cap
  EXPECT_TRUE(apply_config_value(c, "demo_data", "maybe"));
  EXPECT_EQ(c.max_json_body, 64 * 1024);  // unchanged by the refused values
}

TEST(Config, EveryKeyIsDocumented) {
  for (const auto& key : config_keys()) EXPECT_FALSE(key.help.empty()) << key.name;
}

// Finding: SMTP sent in the clear. TLS is the default, and a relay password never goes out without.
TEST(Config, SmtpRequiresTlsUnlessExplicitlyTurnedOff) {
  Config c;
  EXPECT_EQ(c.smtp_tls, "starttls");
  EXPECT_FALSE(check_config(c));
  ASSERT_TRUE(apply_config_value(c, "smtp_tls", "maybe"));
  ASSERT_FALSE(apply_config_value(c, "smtp_user", "clinic"));
  ASSERT_FALSE(apply_config_value(c, "smtp_password", "secret"));
  EXPECT_FALSE(check_config(c));
  ASSERT_FALSE(apply_config_value(c, "smtp_tls", "off"));
  const auto err = check_config(c);
  ASSERT_TRUE(err);
  EXPECT_NE(err->find("smtp_tls"), std::string::npos);
  c.smtp_password.clear();
  c.smtp_tls = "implicit";
  EXPECT_TRUE(check_config(c)) << "a user without a password";
}

}  // namespace
}  // namespace yq::core
