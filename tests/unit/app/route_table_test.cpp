// Walks the real route table and WebSocket message types (built by the same wiring the server uses)
// and checks every route and type declares who may use it, and that the broad rules of docs/api.md
// hold.
#include <gtest/gtest.h>

#include <set>

#include "app/wiring.hpp"
#include "core/crypto.hpp"
#include "http/ws_hub.hpp"

namespace yq::app {
namespace {

class RouteTable : public ::testing::Test {
 protected:
  void SetUp() override {
    core::crypto_init();
    core::Config cfg;
    cfg.database = "sqlite::memory:";
    cfg.password_cost = "test";
    services_ = std::make_unique<Services>(cfg, "http://localhost");
    add_all_routes(router_, *services_);
    add_all_ws_messages(hub_, *services_);
  }
  std::unique_ptr<Services> services_;
  http::Router router_;
  http::WsHub hub_;
};

TEST_F(RouteTable, EveryRouteDeclaresAPolicy) {
  ASSERT_FALSE(router_.routes().empty());
  EXPECT_TRUE(router_.undeclared().empty());
  for (const auto& r : router_.routes()) EXPECT_FALSE(r.summary.empty()) << r.pattern;
}

TEST_F(RouteTable, AdminRoutesArePlatformAdminOnly) {
  for (const auto& r : router_.routes()) {
    if (r.pattern.starts_with("/api/v1/admin/")) {
      EXPECT_EQ(r.policy.describe(), "role:platform_admin") << r.method << " " << r.pattern;
    }
  }
}

TEST_F(RouteTable, OnlyTheSignInDoorsChangeThingsWithoutASession) {
  const std::set<std::string> allowed{
      "/api/v1/auth/register", "/api/v1/auth/login", "/api/v1/auth/token",
      "/api/v1/auth/password-reset", "/api/v1/auth/password-reset/confirm",
      // e-mailed links: the token is the credential (POST keeps it out of URLs)
      "/api/v1/auth/verify-email", "/api/v1/invitations/preview"};
  for (const auto& r : router_.routes()) {
    if (r.method != "GET" && r.policy.access == http::Access::public_) {
      EXPECT_TRUE(allowed.contains(r.pattern)) << r.method << " " << r.pattern << " is public";
    }
  }
}

TEST_F(RouteTable, HalfSignedInStaffReachOnlyEnrolmentAndSignOut) {
  const std::set<std::string> allowed{"/api/v1/me", "/api/v1/me/totp/enrol",
                                      "/api/v1/me/totp/confirm", "/api/v1/auth/logout"};
  for (const auto& r : router_.routes()) {
    if (r.policy.access == http::Access::signed_in_any) {
      EXPECT_TRUE(allowed.contains(r.pattern)) << r.pattern;
    }
  }
}

TEST_F(RouteTable, EveryWebSocketMessageTypeDeclaresAPolicyAndARate) {
  const auto types = hub_.message_types();
  ASSERT_FALSE(types.empty());
  EXPECT_TRUE(hub_.undeclared().empty());
  for (const auto& t : types) {
    EXPECT_FALSE(t.summary.empty()) << t.type;
    EXPECT_GT(t.rate.per_second, 0) << t.type;
    EXPECT_GE(t.rate.burst, 1) << t.type;
    // The upgrade already needs a complete session: anything looser would be a false promise.
    EXPECT_TRUE(t.policy.access == http::Access::signed_in ||
                t.policy.access == http::Access::any_role)
        << t.type << " is " << t.policy.describe();
  }
}

}  // namespace
}  // namespace yq::app
