#pragma once
// A migrated database on each engine with what a queue test needs, written straight into the
// tables (the services module is tested on its own): two organisations, doctors, an admin, a
// queue-enabled 24x7 service, patients (one aged 80), a parent with a managed child.
#include <gtest/gtest.h>

#include <mutex>

#include "core/crypto.hpp"
#include "core/ids.hpp"
#include "core/time.hpp"
#include "http/ws_hub.hpp"
#include "notify/notifier.hpp"
#include "queue/queue.hpp"
#include "store/migrations.hpp"
#include "support/principals.hpp"
#include "unit/store/backend_fixture.hpp"

namespace yq::queue::testing {

// A WebSocket that records what it is sent.
class FakeSocket final : public http::WsConnection {
 public:
  explicit FakeSocket(std::string account) { principal_.account_id = std::move(account); }
  void send(std::string text) override {
    std::lock_guard lock(mutex_);
    sent_.push_back(std::move(text));
  }
  // Records every message: the tests read what was sent, not what a slow reader would be left with.
  void send_latest(std::string /*key*/, std::string text) override { send(std::move(text)); }
  void close(http::WsClose) override {}
  const identity::Principal& principal() const override { return principal_; }
  std::vector<std::string> sent() const {
    std::lock_guard lock(mutex_);
    return sent_;
  }

 private:
  identity::Principal principal_;
  mutable std::mutex mutex_;
  std::vector<std::string> sent_;
};

class QueueTest : public store::testkit::BackendTest {
 protected:
  static constexpr std::int64_t kGrace = 120;

  void SetUp() override {
    core::crypto_init();
    BackendTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    db_ = open(8);
    store::migrate(*db_);
    db_->write([&](store::Connection& c) {
      org_ = add_org(c, "Harbour Clinic");
      other_org_ = add_org(c, "Kowloon Hospital");
      for (int i = 0; i < 4; ++i) doctors_.push_back(add_staff(c, "doctor", org_, i));
      other_doctor_ = add_staff(c, "doctor", other_org_, 9);
      admin_ = add_staff(c, "org_admin", org_, 8);
      service_ = add_service(c, org_, "");
      patient_ = add_account(c, "patient", "zh-Hant");
      patient2_ = add_account(c, "patient2", "en");
      elderly_ = add_account(c, "elderly", "en");
      c.execute(
          "INSERT INTO patient_details (account_id, date_of_birth, updated_at) VALUES (?, "
          "'1946-05-01', 0)",
          {elderly_});
      parent_ = add_account(c, "parent", "en");
      child_ = add_account(c, "child", "en");
      c.execute(
          "INSERT INTO dependants (carer_id, patient_id, relationship, status, created_at, "
          "granted_at) VALUES (?, ?, 'child', 'active', 0, 0)",
          {parent_, child_});
    });
    make_service(nullptr);
  }

  void make_service(http::WsHub* hub) {
    queues_.reset();
    notifier_ = std::make_unique<notify::Notifier>(*db_, clock_, hub);
    queues_ = std::make_unique<QueueService>(*db_, clock_, *notifier_, hub,
                                             QueueOptions{kGrace, "http://localhost"});
  }

  std::string add_account(store::Connection& c, const std::string& who, const std::string& lang) {
    const std::string id = core::new_id();
    c.execute(
        "INSERT INTO accounts (id, email, display_name, preferred_lang, password_changed_at, "
        "created_at, updated_at) VALUES (?, ?, ?, ?, 0, 0, 0)",
        {id, who + "-" + id + "@example.hk", "Name of " + who, lang});
    return id;
  }
  std::string add_org(store::Connection& c, const std::string& name) {
    const std::string id = core::new_id();
    c.execute(
        "INSERT INTO organisations (id, kind, name_en, name_zh_hant, name_zh_hans, region, "
        "created_at, updated_at) VALUES (?, 'clinic', ?, '診所', '诊所', 'hong_kong', 0, 0)",
        {id, name});
    return id;
  }
  std::string add_staff(store::Connection& c, const std::string& role, const std::string& org,
                        int n) {
    const std::string id = add_account(c, role + std::to_string(n), "en");
    c.execute(
        "INSERT INTO account_roles (account_id, role, organisation_id, granted_at) "
        "VALUES (?, ?, ?, 0)",
        {id, role, org});
    if (role == "doctor")
      c.execute(
          "INSERT INTO doctor_profiles (account_id, organisation_id, title, name_zh, updated_at) "
          "VALUES (?, ?, 'Dr.', '王醫生', 0)",
          {id, org});
    return id;
  }
  std::string add_service(store::Connection& c, const std::string& org, const std::string& hours,
                          int queue_enabled = 1) {
    const std::string id = core::new_id();
    c.execute(
        "INSERT INTO services (id, organisation_id, name_en, name_zh_hant, name_zh_hans, "
        "specialty, consultation_type, slot_minutes, queue_enabled, queue_hours, created_at, "
        "updated_at) VALUES (?, ?, 'General practice', '普通科', '普通科', 'general_practice', "
        "'video', 15, ?, ?, 0, 0)",
        {id, org, queue_enabled, hours});
    return id;
  }

  static identity::Principal as(const std::string& account, const std::string& role,
                                const std::string& org = "") {
    return yq::testing::signed_in_as(account, role, org);
  }
  identity::Principal patient(const std::string& id) const { return as(id, "patient"); }
  identity::Principal doctor(int i) const {
    return as(doctors_[static_cast<std::size_t>(i)], "doctor", org_);
  }

  core::Result<boost::json::object> join(const std::string& who,
                                         std::vector<std::string> symptoms = {"cough"},
                                         std::optional<std::string> for_patient = std::nullopt,
                                         const std::string& service = "") {
    return queues_->join(patient(who), service.empty() ? service_ : service, for_patient,
                         Triage{std::move(symptoms), ""}, client_);
  }

  std::int64_t count(const std::string& sql, const store::Params& params = {}) {
    return db_->read([&](store::Connection& c) { return c.query_one(sql, params)->i64(0); });
  }
  static std::string id_of(const core::Result<boost::json::object>& r) {
    return std::string(r->at("id").as_string());
  }

  core::ManualClock clock_{1'800'000'000};
  identity::ClientInfo client_{"127.0.0.1", "test"};
  std::unique_ptr<notify::Notifier> notifier_;
  std::unique_ptr<QueueService> queues_;
  std::string org_, other_org_, other_doctor_, admin_, service_;
  std::vector<std::string> doctors_;
  std::string patient_, patient2_, elderly_, parent_, child_;
};

}  // namespace yq::queue::testing
