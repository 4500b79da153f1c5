#pragma once
// A migrated database on each engine with what a scheduling test needs, written straight into
// identity's tables (identity is tested on its own): organisations, doctors with profiles,
// specialties and languages, patients; and the scheduling Env over it.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "core/crypto.hpp"
#include "core/ids.hpp"
#include "core/time.hpp"
#include "identity/principal.hpp"
#include "notify/notifier.hpp"
#include "scheduling/env.hpp"
#include "store/migrations.hpp"
#include "support/principals.hpp"
#include "unit/store/backend_fixture.hpp"

namespace yq::scheduling::testing {

// Monday 2026-11-23 08:00 in Hong Kong.
inline constexpr std::int64_t kMonday8am = 1'795'363'200 + 8 * 3600;

class SchedulingTest : public store::testkit::BackendTest {
 protected:
  void SetUp() override {
    core::crypto_init();
    BackendTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    store::migrate(*db_);
    notifier_ = std::make_unique<notify::Notifier>(*db_, clock_, nullptr);
    env_ = std::make_unique<Env>(Env{*db_, clock_, *notifier_, "http://yiqiao.test", 14});
  }

  std::string add_account(store::Connection& c, const std::string& name,
                          const std::string& lang = "en") {
    const std::string id = core::new_id();
    c.execute(
        "INSERT INTO accounts (id, email, display_name, preferred_lang, password_changed_at, "
        "created_at, updated_at) VALUES (?, ?, ?, ?, 0, 0, 0)",
        {id, email_of(name), name, lang});
    return id;
  }
  static std::string email_of(const std::string& name) {
    std::string local;
    for (const char ch : name) local += ch == ' ' ? '.' : ch;
    return local + "@example.test";
  }
  std::string add_org(store::Connection& c, const std::string& name,
                      const std::string& kind = "clinic", const std::string& region = "hong_kong") {
    const std::string id = core::new_id();
    c.execute(
        "INSERT INTO organisations (id, kind, name_en, name_zh_hant, name_zh_hans, region, "
        "created_at, updated_at) VALUES (?, ?, ?, '診所', '诊所', ?, 0, 0)",
        {id, kind, name, region});
    return id;
  }
  void grant(store::Connection& c, const std::string& account, const std::string& role,
             const std::string& org) {
    c.execute(
        "INSERT INTO account_roles (account_id, role, organisation_id, granted_at) "
        "VALUES (?, ?, ?, 0)",
        {account, role, org});
  }
  // A doctor with the role and their public profile at `org`.
  std::string add_doctor(store::Connection& c, const std::string& name, const std::string& org,
                         const std::string& name_zh, const std::vector<std::string>& specialties,
                         const std::vector<std::string>& languages) {
    const std::string id = add_account(c, name);
    grant(c, id, "doctor", org);
    c.execute(
        "INSERT INTO doctor_profiles (account_id, organisation_id, title, name_zh, fee_cents, "
        "updated_at) VALUES (?, ?, 'Dr', ?, 38000, 0)",
        {id, org, name_zh});
    for (const auto& s : specialties)
      c.execute("INSERT INTO doctor_specialties (account_id, specialty) VALUES (?, ?)", {id, s});
    for (const auto& l : languages)
      c.execute("INSERT INTO doctor_languages (account_id, language) VALUES (?, ?)", {id, l});
    return id;
  }

  static identity::Principal as(const std::string& account, const std::string& role,
                                const std::string& org = "") {
    return yq::testing::signed_in_as(account, role, org);
  }

  std::int64_t count(const std::string& sql, const store::Params& params = {}) {
    return db_->read([&](store::Connection& c) { return c.query_one(sql, params)->i64(0); });
  }

  core::ManualClock clock_{kMonday8am};
  identity::ClientInfo client_{"127.0.0.1", "test"};
  std::unique_ptr<notify::Notifier> notifier_;
  std::unique_ptr<Env> env_;
};

}  // namespace yq::scheduling::testing
