#include "identity/accounts.hpp"

#include <gtest/gtest.h>

#include "audit/audit_log.hpp"
#include "core/ids.hpp"

#include <atomic>
#include <filesystem>
#include <thread>

#include "identity/demo_data.hpp"
#include "identity/hashing_gate.hpp"
#include "identity/organisations.hpp"
#include "identity/totp.hpp"
#include "mail/outbox.hpp"
#include "support/test_databases.hpp"

namespace yq::identity {
namespace {

using yq::testing::Backend;

class Accounts : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    std::string skip;
    db_ = yq::testing::fresh_database(GetParam(), skip);
    if (!db_) GTEST_SKIP() << skip;
    cfg_.password_cost = "test";
    cfg_.session_idle_minutes = 30;
    cfg_.session_absolute_hours = 12;
    accounts_ = std::make_unique<AccountService>(*db_, clock_, cfg_, "https://yiqiao.test");
    blobs_ = std::make_unique<store::BlobStore>(std::filesystem::temp_directory_path() /
                                                ("yq-blobs-" + core::new_id()));
    orgs_ = std::make_unique<OrganisationService>(*db_, clock_, *accounts_, *blobs_);
    ASSERT_TRUE(load_demo_data(*db_, *accounts_, clock_));
  }

  core::Result<SignedIn> sign_in(const std::string& email, const std::string& password,
                                 const std::string& code = "",
                                 const std::string& ip = "198.51.100.7") {
    return accounts_->sign_in({email, password, code}, {ip, "test"});
  }
  identity::Principal principal(const SignedIn& s) {
    return accounts_->authenticate(s.token, client_).value();
  }
  std::string latest_mail_body() {
    // As sent (the recipient's copy); views get mail::latest, with the link hidden.
    return db_->read([](store::Connection& c) { return mail::latest_unredacted(c, 1).at(0).body; });
  }
  static std::string token_from(const std::string& body) {
    const auto at = body.find("token=");
    return body.substr(at + 6, body.find_first_of("\n ", at) - at - 6);
  }

  core::ManualClock clock_{1'800'000'000};
  core::Config cfg_;
  identity::ClientInfo client_{"198.51.100.7", "test"};
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<AccountService> accounts_;
  std::unique_ptr<store::BlobStore> blobs_;
  std::unique_ptr<OrganisationService> orgs_;
};

TEST_P(Accounts, RegisteredPatientIsSignedInAndDuplicateEmailIsRefused) {
  auto s = accounts_->register_patient(
      {"new@example.hk", "a long password", "陳大文", "zh-Hant", ""}, client_);
  ASSERT_TRUE(s);
  const auto p = principal(*s);
  EXPECT_TRUE(p.has_role("patient"));
  EXPECT_TRUE(p.mfa_done);
  EXPECT_FALSE(p.mfa_enrolment_required);
  auto again =
      accounts_->register_patient({"new@example.hk", "another password", "X", "en", ""}, client_);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, core::Errc::email_taken);
}

TEST_P(Accounts, WeakPasswordsAreRefusedWithTheReason) {
  auto s = accounts_->register_patient({"weak@example.hk", "short", "X", "en", ""}, client_);
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().fields.at(0).message_key, "field.password_too_short");
  s = accounts_->register_patient({"chantaiman@example.hk", "my-chantaiman-pw", "X", "en", ""},
                                  client_);
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().fields.at(0).message_key, "field.password_same_as_email");
}

TEST_P(Accounts, WrongPasswordAndUnknownAccountLookTheSame) {
  auto a = sign_in("patient@demo.yiqiao.hk", "wrong password!");
  auto b = sign_in("nobody@demo.yiqiao.hk", "wrong password!");
  ASSERT_FALSE(a);
  ASSERT_FALSE(b);
  EXPECT_EQ(a.error().code, core::Errc::invalid_credentials);
  EXPECT_EQ(b.error().code, core::Errc::invalid_credentials);
}

TEST_P(Accounts, Finding7AnAttackersFailuresSlowTheAttackerAndDoNotLockOutTheOwner) {
  const std::string attacker = "203.0.113.5";
  for (int i = 0; i < 5; ++i) {
    ASSERT_EQ(sign_in("patient@demo.yiqiao.hk", "bad", "", attacker).error().code,
              core::Errc::invalid_credentials);
  }
  // The sixth try from that address waits, even with the right password...
  auto slowed = sign_in("patient@demo.yiqiao.hk", kDemoPassword, "", attacker);
  ASSERT_FALSE(slowed);
  EXPECT_EQ(slowed.error().code, core::Errc::too_many_attempts);
  EXPECT_EQ(slowed.error().retry_after_seconds, 2);
  // ...and each further failure doubles the wait.
  int previous = slowed.error().retry_after_seconds;
  for (int i = 0; i < 6; ++i) {
    clock_.advance(previous);
    ASSERT_EQ(sign_in("patient@demo.yiqiao.hk", "bad", "", attacker).error().code,
              core::Errc::invalid_credentials);
    const auto wait = sign_in("patient@demo.yiqiao.hk", "bad", "", attacker);
    ASSERT_EQ(wait.error().code, core::Errc::too_many_attempts);
    EXPECT_GT(wait.error().retry_after_seconds, previous);
    previous = wait.error().retry_after_seconds;
  }
  EXPECT_EQ(previous, 128);
  // The owner, from an address with no failures, signs in at once.
  EXPECT_TRUE(sign_in("patient@demo.yiqiao.hk", kDemoPassword, "", "198.51.100.20"));
  // Unknown accounts are throttled the same way: the answer tells nothing about existence.
  for (int i = 0; i < 5; ++i) sign_in("ghost@demo.yiqiao.hk", "bad", "", attacker);
  const auto ghost = sign_in("ghost@demo.yiqiao.hk", "bad", "", attacker);
  EXPECT_EQ(ghost.error().code, core::Errc::too_many_attempts);
  EXPECT_EQ(ghost.error().retry_after_seconds, 2);
}

TEST_P(Accounts, Finding7OneAddressGetsFewGuessesAnHourAndADistributedAttackStillLetsTheOwnerIn) {
  int guesses_checked = 0;
  for (int i = 0; i < 360; ++i) {  // one guess every 10 seconds for an hour, from one address
    const auto r =
        sign_in("patient2@demo.yiqiao.hk", "guess " + std::to_string(i), "", "192.0.2.1");
    if (r.error().code == core::Errc::invalid_credentials) ++guesses_checked;
    clock_.advance(10);
  }
  EXPECT_LE(guesses_checked, 25);
  EXPECT_GE(guesses_checked, 10);  // slowed, not locked
  // A hundred addresses fail on one account: an address that failed gets no free try any more...
  for (int i = 0; i < 100; ++i)
    sign_in("patient3@demo.yiqiao.hk", "bad", "", "192.0.2." + std::to_string(i + 2));
  EXPECT_EQ(sign_in("patient3@demo.yiqiao.hk", kDemoPassword, "", "192.0.2.2").error().code,
            core::Errc::too_many_attempts);
  // ...while the owner's own address, with no failures, goes in.
  EXPECT_TRUE(sign_in("patient3@demo.yiqiao.hk", kDemoPassword, "", "198.51.100.30"));
}

TEST(HashingGate, Finding7RunsOverTheCapAreRefusedInsteadOfQueueing) {
  HashingGate gate(1, 0, std::chrono::milliseconds(10));
  std::atomic<bool> inside{false};
  std::atomic<bool> release{false};
  std::thread holder([&] {
    (void)gate.run([&] {
      inside = true;
      while (!release) std::this_thread::sleep_for(std::chrono::milliseconds(1));
      return 0;
    });
  });
  while (!inside) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  auto refused = gate.run([] { return 1; });
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, core::Errc::unavailable);
  EXPECT_GT(refused.error().retry_after_seconds, 0);
  release = true;
  holder.join();
  EXPECT_EQ(gate.run([] { return 2; }).value(), 2);
}

TEST(AttemptBudget, CountsPerKeyAndWindow) {
  AttemptBudget budget(2, 60);
  EXPECT_FALSE(budget.take("a", 1000));
  EXPECT_FALSE(budget.take("a", 1001));
  EXPECT_EQ(budget.take("a", 1010), 50);
  EXPECT_FALSE(budget.take("b", 1010));
  EXPECT_FALSE(budget.take("a", 1060));
}

TEST_P(Accounts, StaffMustEnrolTotpThenAlwaysUseIt) {
  auto first = sign_in("doctor@demo.yiqiao.hk", kDemoPassword);
  ASSERT_TRUE(first);
  auto p = principal(*first);
  EXPECT_TRUE(p.mfa_enrolment_required);
  EXPECT_FALSE(p.mfa_done);
  auto enrol = accounts_->totp_enrol(p);
  ASSERT_TRUE(enrol);
  EXPECT_FALSE(accounts_->totp_confirm(p, "000000", client_) &&
               totp::code_at(enrol->secret, clock_.now()) != "000000");
  ASSERT_TRUE(accounts_->totp_confirm(p, totp::code_at(enrol->secret, clock_.now()), client_));
  p = principal(*first);
  EXPECT_FALSE(p.mfa_enrolment_required);
  EXPECT_TRUE(p.mfa_done);

  clock_.advance(60);
  auto no_code = sign_in("doctor@demo.yiqiao.hk", kDemoPassword);
  ASSERT_FALSE(no_code);
  EXPECT_EQ(no_code.error().code, core::Errc::mfa_required);
  const auto code = totp::code_at(enrol->secret, clock_.now());
  ASSERT_TRUE(sign_in("doctor@demo.yiqiao.hk", kDemoPassword, code));
  auto replay = sign_in("doctor@demo.yiqiao.hk", kDemoPassword, code);
  ASSERT_FALSE(replay);
  EXPECT_EQ(replay.error().code, core::Errc::mfa_code_invalid);
  EXPECT_EQ(accounts_->totp_disable(p, kDemoPassword, client_).error().code, core::Errc::forbidden);
}

TEST_P(Accounts, SessionsEndAfterIdleTimeAbsoluteTimeAndSignOut) {
  auto s = sign_in("patient@demo.yiqiao.hk", kDemoPassword);
  ASSERT_TRUE(s);
  clock_.advance(29 * 60);
  ASSERT_TRUE(accounts_->authenticate(s->token, client_));  // activity keeps it alive
  clock_.advance(29 * 60);
  ASSERT_TRUE(accounts_->authenticate(s->token, client_));
  clock_.advance(31 * 60);
  EXPECT_FALSE(accounts_->authenticate(s->token, client_));

  auto t = sign_in("patient@demo.yiqiao.hk", kDemoPassword);
  for (int i = 0; i < 25; ++i) {
    clock_.advance(29 * 60);
    if (!accounts_->authenticate(t->token, client_)) break;
  }
  EXPECT_FALSE(accounts_->authenticate(t->token, client_));  // 12 hours at most

  auto u = sign_in("patient@demo.yiqiao.hk", kDemoPassword);
  accounts_->sign_out(principal(*u), client_);
  EXPECT_FALSE(accounts_->authenticate(u->token, client_));
  EXPECT_FALSE(accounts_->authenticate("not-a-token", client_));
}

TEST_P(Accounts, PasswordChangeEndsOtherSessionsOnly) {
  auto here = sign_in("patient@demo.yiqiao.hk", kDemoPassword);
  auto there = sign_in("patient@demo.yiqiao.hk", kDemoPassword);
  const auto wrong = accounts_->change_password(principal(*here), "not it", "a brand new password",
                                                core::Lang::en, client_);
  EXPECT_EQ(wrong.error().fields.at(0).message_key, "field.password_incorrect");
  ASSERT_TRUE(accounts_->change_password(principal(*here), kDemoPassword, "a brand new password",
                                         core::Lang::en, client_));
  EXPECT_TRUE(accounts_->authenticate(here->token, client_));
  EXPECT_FALSE(accounts_->authenticate(there->token, client_));
  EXPECT_FALSE(sign_in("patient@demo.yiqiao.hk", kDemoPassword));
  EXPECT_TRUE(sign_in("patient@demo.yiqiao.hk", "a brand new password"));
}

TEST_P(Accounts, PasswordResetByEmailedTokenWorksOnceAndExpires) {
  auto session = sign_in("patient@demo.yiqiao.hk", kDemoPassword);
  accounts_->request_password_reset("patient@demo.yiqiao.hk", core::Lang::zh_hant, client_);
  const auto body = latest_mail_body();
  EXPECT_NE(body.find("https://yiqiao.test/reset-password?token="), std::string::npos);
  EXPECT_NE(body.find("重設"), std::string::npos);
  const auto token = token_from(body);
  // Finding 4: the view the platform admin gets hides the link, which would let them take over.
  const auto shown = db_->read([](store::Connection& c) { return mail::latest(c, 1).at(0); });
  EXPECT_TRUE(shown.redacted);
  EXPECT_EQ(shown.body.find(token), std::string::npos);
  EXPECT_NE(shown.body.find(mail::kRedacted), std::string::npos);
  ASSERT_TRUE(accounts_->confirm_password_reset(token, "reset password 123", client_));
  EXPECT_FALSE(accounts_->authenticate(session->token, client_));  // every session ended
  EXPECT_EQ(accounts_->confirm_password_reset(token, "reset password 456", client_).error().code,
            core::Errc::token_invalid);
  EXPECT_TRUE(sign_in("patient@demo.yiqiao.hk", "reset password 123"));

  accounts_->request_password_reset("patient@demo.yiqiao.hk", core::Lang::en, client_);
  const auto late = token_from(latest_mail_body());
  clock_.advance(31 * 60);
  EXPECT_EQ(accounts_->confirm_password_reset(late, "too late password", client_).error().code,
            core::Errc::token_invalid);
}

TEST_P(Accounts, ResetForAnUnknownEmailSendsNothing) {
  const auto before = db_->read(
      [](store::Connection& c) { return c.query_one("SELECT COUNT(*) FROM outbox")->i64(0); });
  accounts_->request_password_reset("nobody@nowhere.hk", core::Lang::en, client_);
  const auto after = db_->read(
      [](store::Connection& c) { return c.query_one("SELECT COUNT(*) FROM outbox")->i64(0); });
  EXPECT_EQ(before, after);
}

TEST_P(Accounts, SignInsAreAuditedAndTheChainVerifies) {
  sign_in("patient@demo.yiqiao.hk", kDemoPassword);
  sign_in("patient@demo.yiqiao.hk", "wrong one");
  auto events = db_->read([](store::Connection& c) { return audit::list(c, 0, 10); });
  ASSERT_GE(events.size(), 2u);
  EXPECT_EQ(events[0].event.action, "auth.sign_in");
  EXPECT_EQ(events[0].event.outcome, "failure");
  EXPECT_EQ(events[0].event.ip, "198.51.100.7");
  EXPECT_EQ(events[1].event.outcome, "success");
  EXPECT_TRUE(audit::verify(*db_).ok);
}

TEST_P(Accounts, OrganisationAdminManagesOnlyTheirOwnOrganisation) {
  auto admin_session = sign_in("orgadmin@demo.yiqiao.hk", kDemoPassword);
  auto admin = principal(*admin_session);
  const std::string own = admin.roles.at(0).organisation_id;
  const auto others = orgs_->list(false, std::nullopt, std::nullopt);
  std::string other;
  for (const auto& o : others) {
    if (std::string(o.at("id").as_string()) != own) other = std::string(o.at("id").as_string());
  }
  ASSERT_TRUE(orgs_->staff(admin, own));
  EXPECT_EQ(orgs_->staff(admin, other).error().code, core::Errc::not_found);
  EXPECT_EQ(orgs_->add_staff(admin, other, {"x@y.hk", "X", {"doctor"}, "en"}, client_).error().code,
            core::Errc::not_found);

  auto invited =
      orgs_->add_staff(admin, own, {"newdoc@harbour.hk", "Dr New", {"doctor"}, "zh-Hans"}, client_);
  ASSERT_TRUE(invited);
  const auto invite = latest_mail_body();
  EXPECT_NE(invite.find("海港健康诊所"),
            std::string::npos);  // the organisation, in the invitee's language
  EXPECT_NE(invite.find("https://yiqiao.test/invitation#token="), std::string::npos);
  RegisterRequest reg{"newdoc@harbour.hk", "my own password 1", "Dr New", "zh-Hans", ""};
  reg.invitation_token = token_from(invite);
  auto registered = accounts_->register_patient(reg, client_);
  ASSERT_TRUE(registered);
  const std::string id = registered->account_id;
  EXPECT_TRUE(db_->read([&](store::Connection& c) { return email_verified(c, id); }));
  EXPECT_TRUE(principal(*registered).mfa_enrolment_required);  // the staff role brings enrolment
  EXPECT_TRUE(sign_in("newdoc@harbour.hk", "my own password 1"));

  // Pharmacist is not a role a clinic can give; nothing is half-changed when refused.
  auto refused = orgs_->change_staff(
      admin, own, id, {std::nullopt, std::vector<std::string>{"pharmacist"}, std::nullopt},
      client_);
  EXPECT_EQ(refused.error().code, core::Errc::validation);
  EXPECT_EQ(orgs_->staff(admin, own)->size(), 4u);  // admin, doctor, nurse, new doctor
  // An admin cannot lock themselves out.
  EXPECT_FALSE(orgs_->change_staff(admin, own, admin.account_id,
                                   {std::nullopt, std::vector<std::string>{"doctor"}, std::nullopt},
                                   client_));
  auto disabled = orgs_->change_staff(
      admin, own, id, {std::nullopt, std::nullopt, std::string("disabled")}, client_);
  ASSERT_TRUE(disabled);
  EXPECT_FALSE(sign_in("newdoc@harbour.hk", "my own password 1"));
}

TEST_P(Accounts, DoctorProfilesAreEditedByTheDoctorOrTheirAdminOnly) {
  auto doc = sign_in("doctor@demo.yiqiao.hk", kDemoPassword);
  const auto doctor = principal(*doc);
  auto other_admin = principal(*sign_in("orgadmin2@demo.yiqiao.hk", kDemoPassword));
  DoctorProfileInput in;
  in.title = "Dr.";
  in.bio = {"Hello", "你好", "你好"};
  in.specialties = {"paediatrics"};
  in.languages = {"yue", "en"};
  in.fee_cents = 35000;
  auto updated = orgs_->put_doctor_profile(doctor, doctor.account_id, in, client_);
  ASSERT_TRUE(updated);
  EXPECT_EQ(updated->at("specialties").as_array().size(), 1u);
  EXPECT_EQ(updated->at("fee").at("amount_cents").as_int64(), 35000);
  EXPECT_EQ(orgs_->put_doctor_profile(other_admin, doctor.account_id, in, client_).error().code,
            core::Errc::not_found);
}

TEST_P(Accounts, DoctorPhotoIsCheckedByContentAndServedPublicly) {
  const auto doctor = principal(*sign_in("doctor@demo.yiqiao.hk", kDemoPassword));
  const auto nurse = principal(*sign_in("nurse@demo.yiqiao.hk", kDemoPassword));
  // A 1x1 PNG: signature, IHDR with width 1 and height 1.
  const std::string png("\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR\0\0\0\x01\0\0\0\x01\x08\x02\0\0\0", 29);
  EXPECT_EQ(orgs_->put_doctor_photo(doctor, doctor.account_id, "<svg onload=alert(1)>", client_)
                .error()
                .code,
            core::Errc::validation);
  EXPECT_EQ(orgs_->put_doctor_photo(nurse, doctor.account_id, png, client_).error().code,
            core::Errc::not_found);
  auto updated = orgs_->put_doctor_photo(doctor, doctor.account_id, png, client_);
  ASSERT_TRUE(updated);
  EXPECT_TRUE(updated->at("photo_url").is_string());
  auto served = orgs_->doctor_photo(doctor.account_id);
  ASSERT_TRUE(served);
  EXPECT_EQ(served->first, "image/png");
  EXPECT_EQ(served->second, png);
}

INSTANTIATE_TEST_SUITE_P(Backends, Accounts, ::testing::ValuesIn(yq::testing::backends()),
                         yq::testing::BackendName{});

}  // namespace
}  // namespace yq::identity
