// The family workflow on each engine: a parent adds a child (an account of its own that can never
// sign in, with the patient role), the limits on children, and carer access by request, answer and
// revocation, with consent deciding who may act for whom at every step.
#include <gtest/gtest.h>

#include "consent/consent.hpp"
#include "consent/relationships.hpp"
#include "identity/accounts.hpp"
#include "scheduling/dependants.hpp"
#include "unit/scheduling/fixture.hpp"

namespace yq::scheduling {
namespace {

using core::Errc;
using testing::SchedulingTest;

class DependantsTest : public SchedulingTest {
 protected:
  void SetUp() override {
    SchedulingTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    db_->write([&](store::Connection& c) {
      parent_ = add_account(c, "Chan Parent", "zh-Hant");
      grant(c, parent_, "patient", "");
      adult_ = add_account(c, "Chan Grandma");
      grant(c, adult_, "patient", "");
      identity::mark_email_verified(c, adult_, 0);
    });
    dependants_ = std::make_unique<Dependants>(*env_);
  }

  core::Result<boost::json::object> add_child(const std::string& name,
                                              const std::string& born = "2019-05-12") {
    return dependants_->add_child(as(parent_, "patient"), ChildInput{name, born, "male"}, client_);
  }
  bool may_act_for(const std::string& actor, const std::string& patient) {
    return db_->read([&](store::Connection& c) { return consent::may_act_for(c, actor, patient); });
  }

  std::unique_ptr<Dependants> dependants_;
  std::string parent_, adult_;
};

TEST_P(DependantsTest, AChildGetsAnAccountThatNeverSignsIn) {
  const auto child = add_child("Chan Siu Bo");
  ASSERT_TRUE(child);
  const std::string id(child->at("patient_id").as_string());
  EXPECT_EQ(child->at("relationship").as_string(), "child");
  EXPECT_EQ(child->at("date_of_birth").as_string(), "2019-05-12");
  db_->read([&](store::Connection& c) {
    const auto a = c.query_one(
        "SELECT display_name, email, password_hash IS NULL, status, preferred_lang FROM accounts "
        "WHERE id = ?",
        {id});
    ASSERT_TRUE(a);
    EXPECT_EQ(a->text(0), "Chan Siu Bo");
    EXPECT_EQ(a->text(1), "child-" + id + "@dependants.invalid");
    EXPECT_TRUE(a->boolean(2)) << "no password";
    EXPECT_EQ(a->text(3), "disabled");
    EXPECT_EQ(a->text(4), "zh-Hant") << "the parent's language";
    // holds_role() answers for active accounts only, so the role row is read here.
    EXPECT_TRUE(
        c.query_one("SELECT 1 FROM account_roles WHERE account_id = ? AND role = "
                    "'patient' AND organisation_id = ''",
                    {id}));
    EXPECT_EQ(c.query_one("SELECT sex FROM patient_details WHERE account_id = ?", {id})->text(0),
              "male");
  });
  EXPECT_TRUE(may_act_for(parent_, id));
  EXPECT_FALSE(may_act_for(adult_, id));
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_events WHERE action = 'dependant.child_added' AND "
                  "patient_id = ?",
                  {id}),
            1);

  const auto overview = dependants_->overview(as(parent_, "patient"), client_);
  const auto& mine = overview.at("dependants").as_array();
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_EQ(mine[0].at("patient_id").as_string(), id);
  EXPECT_EQ(mine[0].at("display_name").as_string(), "Chan Siu Bo");
  EXPECT_EQ(mine[0].at("date_of_birth").as_string(), "2019-05-12");
  EXPECT_EQ(mine[0].at("status").as_string(), "active");
}

TEST_P(DependantsTest, OnlyChildrenAndNoMoreThanTheLimit) {
  EXPECT_EQ(add_child("Too Old", "2009-01-01").error().fields.at(0).message_key,
            "field.not_a_child");
  EXPECT_EQ(add_child("Not Born", "2027-01-01").error().fields.at(0).message_key, "field.invalid");
  for (int i = 0; i < consent::kMaxChildrenPerAccount; ++i)
    ASSERT_TRUE(add_child("Child " + std::to_string(i)));
  EXPECT_EQ(add_child("One More").error().code, Errc::too_many_children);
  EXPECT_EQ(count("SELECT COUNT(*) FROM accounts WHERE email LIKE '%@dependants.invalid'"),
            consent::kMaxChildrenPerAccount);
}

TEST_P(DependantsTest, CarerAccessIsAskedAnsweredAndRevoked) {
  const auto carer = as(parent_, "patient");
  const auto grandma = as(adult_, "patient");
  const std::string address = email_of("Chan Grandma");
  // A carer who has not proved their own address asks nobody.
  EXPECT_EQ(dependants_->request_carer_access(carer, address, "relative", client_).error().code,
            Errc::email_not_verified);
  db_->write([&](store::Connection& c) { identity::mark_email_verified(c, parent_, 0); });
  ASSERT_TRUE(dependants_->request_carer_access(carer, address, "relative", client_));
  EXPECT_FALSE(may_act_for(parent_, adult_)) << "asked is not granted";
  EXPECT_EQ(count("SELECT COUNT(*) FROM notifications WHERE account_id = ? AND kind = "
                  "'carer.requested'",
                  {adult_}),
            1);
  const auto asked = dependants_->overview(grandma, client_).at("carers").as_array();
  ASSERT_EQ(asked.size(), 1u);
  EXPECT_EQ(asked[0].at("display_name").as_string(), "Chan Parent");
  EXPECT_EQ(asked[0].at("status").as_string(), "pending");

  const auto accepted = dependants_->respond(grandma, parent_, true, client_);
  ASSERT_TRUE(accepted);
  EXPECT_EQ(accepted->at("status").as_string(), "active");
  EXPECT_TRUE(may_act_for(parent_, adult_));
  const auto mine = dependants_->overview(carer, client_).at("dependants").as_array();
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_EQ(mine[0].at("display_name").as_string(), "Chan Grandma");
  EXPECT_EQ(mine[0].at("date_of_birth").as_string(), "") << "no details recorded";

  std::vector<std::pair<std::string, std::string>> gone;
  dependants_->on_carer_gone(
      [&](const std::string& c, const std::string& p) { gone.emplace_back(c, p); });
  ASSERT_TRUE(dependants_->revoke_carer(grandma, parent_, client_));
  EXPECT_FALSE(may_act_for(parent_, adult_));
  EXPECT_EQ(gone, (std::vector<std::pair<std::string, std::string>>{{parent_, adult_}}));
  EXPECT_EQ(dependants_->revoke_carer(grandma, parent_, client_).error().code, Errc::not_found);
}

TEST_P(DependantsTest, AParentCannotLetGoOfAChild) {
  const auto child = add_child("Chan Siu Bo");
  ASSERT_TRUE(child);
  const std::string id(child->at("patient_id").as_string());
  EXPECT_EQ(dependants_->stop_caring(as(parent_, "patient"), id, client_).error().code,
            Errc::conflict);
  EXPECT_TRUE(may_act_for(parent_, id));
}

YQ_INSTANTIATE_ON_ALL_BACKENDS(DependantsTest);

}  // namespace
}  // namespace yq::scheduling
