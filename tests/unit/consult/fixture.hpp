#pragma once
// A migrated database on each engine with what a consultation needs, written straight into the
// tables (scheduling and the queue are tested on their own): a clinic with two doctors, a video
// service that also has a 24x7 queue, two patients and a guest, and one booked video appointment
// of the patient with the first doctor starting in five minutes (its room opens now).
#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>

#include "consult/consult.hpp"
#include "core/crypto.hpp"
#include "core/ids.hpp"
#include "core/time.hpp"
#include "notify/notifier.hpp"
#include "queue/queue.hpp"
#include "scheduling/scheduling.hpp"
#include "store/blob_store.hpp"
#include "store/migrations.hpp"
#include "support/principals.hpp"
#include "unit/store/backend_fixture.hpp"

namespace yq::consult::testing {

class ConsultTest : public store::testkit::BackendTest {
 protected:
  void SetUp() override {
    core::crypto_init();
    BackendTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    store::migrate(*db_);
    db_->write([&](store::Connection& c) {
      org_ = core::new_id();
      c.execute(
          "INSERT INTO organisations (id, kind, name_en, name_zh_hant, name_zh_hans, region, "
          "created_at, updated_at) VALUES (?, 'clinic', 'Harbour Clinic', '海港診所', '海港诊所', "
          "'hong_kong', 0, 0)",
          {org_});
      doctor_ = add_doctor(c, "Chan", "陳醫生");
      doctor2_ = add_doctor(c, "Wong", "王醫生");
      patient_ = add_account(c, "Mei Ling", "patient");
      stranger_ = add_account(c, "Stranger", "patient");
      guest_ = add_account(c, "Guest", "patient");
      service_ = core::new_id();
      c.execute(
          "INSERT INTO services (id, organisation_id, name_en, name_zh_hant, name_zh_hans, "
          "specialty, consultation_type, slot_minutes, queue_enabled, created_at, updated_at) "
          "VALUES (?, ?, 'General practice', '普通科', '普通科', 'general_practice', 'video', 15, "
          "1, 0, 0)",
          {service_, org_});
    });
    appointment_ = add_appointment(clock_.now() + 300);
    blobs_dir_ = std::filesystem::temp_directory_path() / ("yq_blobs_" + core::new_id());
    blobs_ = std::make_unique<store::BlobStore>(blobs_dir_);
    notifier_ = std::make_unique<notify::Notifier>(*db_, clock_, nullptr);
    scheduling_ =
        std::make_unique<scheduling::Scheduling>(*db_, clock_, *notifier_, "http://yiqiao.test");
    queues_ = std::make_unique<queue::QueueService>(*db_, clock_, *notifier_, nullptr,
                                                    queue::QueueOptions{120, "http://yiqiao.test"});
    consult_ = std::make_unique<Consult>(*db_, clock_, *notifier_, *blobs_, nullptr, TurnSettings{},
                                         "http://yiqiao.test", scheduling_->booking, *queues_, 120);
  }

  void TearDown() override {
    consult_.reset();
    queues_.reset();
    scheduling_.reset();
    notifier_.reset();
    BackendTest::TearDown();
    if (!blobs_dir_.empty()) std::filesystem::remove_all(blobs_dir_);
  }

  std::string add_account(store::Connection& c, const std::string& name, const std::string& role,
                          const std::string& org = "") {
    const std::string id = core::new_id();
    c.execute(
        "INSERT INTO accounts (id, email, display_name, password_hash, password_changed_at, "
        "created_at, updated_at) VALUES (?, ?, ?, 'x', 0, 0, 0)",
        {id, email_of(name, id), name});
    c.execute(
        "INSERT INTO account_roles (account_id, role, organisation_id, granted_at) VALUES (?, ?, "
        "?, 0)",
        {id, role, org});
    return id;
  }
  static std::string email_of(const std::string& name, const std::string& id) {
    return name.substr(0, 2) + "-" + id + "@example.hk";
  }
  std::string add_doctor(store::Connection& c, const std::string& name,
                         const std::string& name_zh) {
    const std::string id = add_account(c, name, "doctor", org_);
    c.execute(
        "INSERT INTO doctor_profiles (account_id, organisation_id, title, name_zh, updated_at) "
        "VALUES (?, ?, 'Dr.', ?, 0)",
        {id, org_, name_zh});
    return id;
  }
  // A booked 15-minute appointment of patient_ with doctor_ (and its slot).
  std::string add_appointment(std::int64_t starts_at) {
    return db_->write([&](store::Connection& c) {
      const std::string slot = core::new_id(), id = core::new_id();
      c.execute(
          "INSERT INTO slots (id, doctor_id, service_id, organisation_id, starts_at, ends_at, "
          "source, source_id, created_at) VALUES (?, ?, ?, ?, ?, ?, 'session', 'test', 0)",
          {slot, doctor_, service_, org_, starts_at, starts_at + 900});
      c.execute(
          "INSERT INTO appointments (id, slot_id, patient_id, booked_by, doctor_id, service_id, "
          "organisation_id, starts_at, ends_at, status, created_at, updated_at) VALUES (?, ?, ?, "
          "?, ?, ?, ?, ?, ?, 'booked', 0, 0)",
          {id, slot, patient_, patient_, doctor_, service_, org_, starts_at, starts_at + 900});
      return id;
    });
  }

  static identity::Principal as(const std::string& account, const std::string& role,
                                const std::string& org = "") {
    return yq::testing::signed_in_as(account, role, org);
  }
  identity::Principal patient() const { return as(patient_, "patient"); }
  identity::Principal stranger() const { return as(stranger_, "patient"); }
  identity::Principal guest() const { return as(guest_, "patient"); }
  identity::Principal doctor() const { return as(doctor_, "doctor", org_); }
  identity::Principal doctor2() const { return as(doctor2_, "doctor", org_); }

  // The room of the appointment, opened by the patient.
  std::string open_room() {
    const auto room = consult_->rooms.open_for_appointment(patient(), appointment_, client_);
    EXPECT_TRUE(room) << "opening the room";
    return room ? std::string(room->at("id").as_string()) : std::string();
  }

  std::string appointment_status(const std::string& id) {
    return db_->read([&](store::Connection& c) {
      return c.query_one("SELECT status FROM appointments WHERE id = ?", {id})->text(0);
    });
  }
  // The details of the audit events with this action about this target, oldest first.
  std::vector<std::string> audited(const std::string& action, const std::string& target) {
    return db_->read([&](store::Connection& c) {
      std::vector<std::string> out;
      for (const auto& r : c.query("SELECT detail FROM audit_events WHERE action = ? AND "
                                   "target_id = ? ORDER BY seq",
                                   {action, target}))
        out.push_back(r.text(0));
      return out;
    });
  }
  std::int64_t count(const std::string& sql, const store::Params& params = {}) {
    return db_->read([&](store::Connection& c) { return c.query_one(sql, params)->i64(0); });
  }

  core::ManualClock clock_{1'800'000'000};
  identity::ClientInfo client_{"127.0.0.1", "test"};
  std::filesystem::path blobs_dir_;
  std::unique_ptr<store::BlobStore> blobs_;
  std::unique_ptr<notify::Notifier> notifier_;
  std::unique_ptr<scheduling::Scheduling> scheduling_;
  std::unique_ptr<queue::QueueService> queues_;
  std::unique_ptr<Consult> consult_;
  std::string org_, doctor_, doctor2_, patient_, stranger_, guest_, service_, appointment_;
};

}  // namespace yq::consult::testing
