// Finding 4: reset and invitation links were readable in the outbox by the platform admin. A
// message enqueued with its secret named shows, in every view, the body with the secret hidden.
#include "mail/outbox.hpp"

#include <gtest/gtest.h>

#include "support/test_databases.hpp"

namespace yq::mail {
namespace {

using yq::testing::Backend;

class Outbox : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    std::string skip;
    db_ = yq::testing::fresh_database(GetParam(), skip, 2);
    if (!db_) GTEST_SKIP() << skip;
  }
  core::ManualClock clock_{1'800'000'000};
  std::unique_ptr<store::Database> db_;
};

TEST_P(Outbox, ASecretIsHiddenFromViewsAndKeptForTheRecipient) {
  const std::string link = "https://yiqiao.test/reset-password?token=SECRET123";
  const std::string body = "Open " + link + " now.\nOr copy: " + link;
  db_->write([&](store::Connection& c) {
    enqueue(c, clock_, "a@example.test", "Reset", body, link);
    clock_.advance(1);
    enqueue(c, clock_, "b@example.test", "Hello", "No secret here.");
  });
  const auto shown = db_->read([](store::Connection& c) { return latest(c, 10); });
  ASSERT_EQ(shown.size(), 2u);
  EXPECT_FALSE(shown[0].redacted);
  EXPECT_EQ(shown[0].body, "No secret here.");
  EXPECT_TRUE(shown[1].redacted);
  EXPECT_EQ(shown[1].body, std::string("Open ") + kRedacted + " now.\nOr copy: " + kRedacted);

  const auto full = db_->read([](store::Connection& c) { return latest_unredacted(c, 10); });
  EXPECT_EQ(full[1].body, body);
  EXPECT_FALSE(full[1].redacted);
  const auto one = db_->read([&](store::Connection& c) { return find_unredacted(c, full[1].id); });
  ASSERT_TRUE(one);
  EXPECT_EQ(one->body, body);
  EXPECT_FALSE(db_->read([](store::Connection& c) { return find_unredacted(c, "nope"); }));
}

TEST_P(Outbox, ASecretThatIsNotInTheBodyIsAProgrammingError) {
  EXPECT_THROW(db_->write([&](store::Connection& c) {
    enqueue(c, clock_, "a@example.test", "Reset", "no link", "https://x/reset?token=1");
  }),
               std::logic_error);
}

INSTANTIATE_TEST_SUITE_P(Backends, Outbox, ::testing::ValuesIn(yq::testing::backends()),
                         yq::testing::BackendName{});

}  // namespace
}  // namespace yq::mail
