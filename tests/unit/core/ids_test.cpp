#include "core/ids.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "core/crypto.hpp"

namespace yq::core {
namespace {

TEST(Ids, OrderedIdsSortInCreationOrderAndLookLikeIds) {
  crypto_init();
  std::vector<std::string> made;
  for (int i = 0; i < 5000; ++i) made.push_back(new_ordered_id());
  for (const auto& id : made) EXPECT_TRUE(looks_like_id(id)) << id;
  // Many are made within one millisecond: the counter still keeps them in order.
  EXPECT_TRUE(std::is_sorted(made.begin(), made.end()));
  EXPECT_EQ(std::set<std::string>(made.begin(), made.end()).size(), made.size());
}

}  // namespace
}  // namespace yq::core
