// The hub's table of WebSocket message types: each says who may send it, and the hub holds a
// message to that before any handler runs (the session answers a refusal with the error code).
#include "http/ws_hub.hpp"

#include <gtest/gtest.h>

namespace yq::http {
namespace {

WsHandler ignore() {
  return [](WsConnection&, const boost::json::object&) {};
}

identity::Principal signed_in(std::vector<identity::RoleGrant> roles) {
  identity::Principal p;
  p.account_id = "someone";
  p.roles = std::move(roles);
  p.mfa_done = true;
  return p;
}

TEST(WsHub, AnUnknownTypeIsNeitherRunNorRefused) {
  WsHub hub;
  const auto a = hub.accept("no.such.type", signed_in({{"patient", ""}}));
  EXPECT_EQ(a.registered, nullptr);
  EXPECT_FALSE(a.refused);
}

TEST(WsHub, ARoleTypeRunsOnlyForThatRole) {
  WsHub hub;
  hub.on("queue.heartbeat", Policy::roles_any({"patient"}), "keep my place", ignore(), {10, 30});
  const auto patient = hub.accept("queue.heartbeat", signed_in({{"patient", ""}}));
  ASSERT_NE(patient.registered, nullptr);
  EXPECT_FALSE(patient.refused);
  EXPECT_EQ(patient.registered->rate.per_second, 10);

  const auto doctor = hub.accept("queue.heartbeat", signed_in({{"doctor", "org1"}}));
  EXPECT_EQ(doctor.registered, nullptr);
  ASSERT_TRUE(doctor.refused);
  EXPECT_EQ(*doctor.refused, core::Errc::forbidden);
}

TEST(WsHub, SignedInLetsEveryCompleteSessionIn) {
  WsHub hub;
  hub.on("room.leave", Policy::signed_in(), "leave", ignore(), {10, 30});
  for (const char* role : {"patient", "doctor", "nurse", "platform_admin"})
    EXPECT_NE(hub.accept("room.leave", signed_in({{role, ""}})).registered, nullptr) << role;
  // The upgrade never lets such a session in; the hub would not either.
  identity::Principal half = signed_in({{"doctor", "org1"}});
  half.mfa_done = false;
  EXPECT_EQ(hub.accept("room.leave", half).refused, core::Errc::unauthenticated);
}

TEST(WsHub, ListsEveryTypeWithItsPolicyAndRateAndTheUndeclaredOnes) {
  WsHub hub;
  hub.on("b.second", Policy::signed_in(), "second", ignore(), {1, 5});
  hub.on("a.first", Policy::roles_any({"doctor", "nurse"}), "first", ignore(), {100, 300});
  hub.on("c.forgotten", Policy{}, "no policy", ignore(), {10, 30});
  const auto types = hub.message_types();
  ASSERT_EQ(types.size(), 3u);
  EXPECT_EQ(types[0].type, "a.first");
  EXPECT_EQ(types[0].policy.describe(), "role:doctor,nurse");
  EXPECT_EQ(types[0].summary, "first");
  EXPECT_EQ(types[0].rate.burst, 300);
  EXPECT_EQ(types[1].policy.describe(), "signed_in");
  EXPECT_EQ(hub.undeclared(), std::vector<std::string>{"c.forgotten"});
  // Undeclared is refused, like an undeclared route (start-up refuses to serve either).
  EXPECT_EQ(hub.accept("c.forgotten", signed_in({{"patient", ""}})).refused, core::Errc::forbidden);
}

}  // namespace
}  // namespace yq::http
