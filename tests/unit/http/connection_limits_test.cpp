#include "http/connection_limits.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace yq::http {
namespace {

// Issue 12, "a connection cap per address and in all".
TEST(ConnectionLimits, CapsPerAddressAndInAllAndGivesPlacesBack) {
  ConnectionLimits limits(5, 2);
  std::vector<ConnectionLimits::Slot> open;
  open.push_back(*limits.admit("192.0.2.1"));
  open.push_back(*limits.admit("192.0.2.1"));
  EXPECT_FALSE(limits.admit("192.0.2.1")) << "a third from the same address";
  open.push_back(*limits.admit("192.0.2.2"));
  open.push_back(*limits.admit(""));  // a trusted proxy: counted in the total only
  open.push_back(*limits.admit(""));
  EXPECT_FALSE(limits.admit("192.0.2.3")) << "five in all";
  EXPECT_EQ(limits.total(), 5u);
  open.erase(open.begin());
  EXPECT_EQ(limits.of_address("192.0.2.1"), 1u);
  EXPECT_TRUE(limits.admit("192.0.2.1")) << "a place came back (and goes again at once)";
  open.clear();
  EXPECT_EQ(limits.total(), 0u);
  EXPECT_EQ(limits.of_address("192.0.2.1"), 0u);
}

TEST(ConnectionLimits, AProxiedConnectionMovesToItsClientAddress) {
  ConnectionLimits limits(10, 1);
  auto a = limits.admit("");
  auto b = limits.admit("");
  ASSERT_TRUE(a && b);
  EXPECT_TRUE(a->move_to("198.51.100.1"));
  EXPECT_FALSE(b->move_to("198.51.100.1")) << "that client is at its cap";
  EXPECT_TRUE(b->move_to("198.51.100.2"));
  EXPECT_EQ(limits.of_address("198.51.100.1"), 1u);
  *a = std::move(*b);  // a's old place is given back
  EXPECT_EQ(limits.of_address("198.51.100.1"), 0u);
  EXPECT_EQ(limits.total(), 1u);
}

}  // namespace
}  // namespace yq::http
