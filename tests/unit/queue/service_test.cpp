// The queue on both engines: order, triage, scope, duty, racing doctors, silent patients.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include <atomic>
#include <set>
#include <thread>

#include "unit/queue/fixture.hpp"

namespace yq::queue {
namespace {

using core::Errc;
using testing::FakeSocket;
using testing::QueueTest;

std::vector<std::string> waiting_patients(QueueService& q, const identity::Principal& by,
                                          const std::string& service) {
  std::vector<std::string> out;
  const auto r = q.service_entries(by, service, 50, {"127.0.0.1", ""});
  for (const auto& e : r->at("waiting").as_array())
    out.emplace_back(e.at("patient").at("id").as_string());
  return out;
}

TEST_P(QueueTest, UrgentThenElderlyThenArrivalOrder) {
  ASSERT_TRUE(join(patient_));
  clock_.advance(1);
  ASSERT_TRUE(join(elderly_));
  clock_.advance(1);
  const auto urgent = join(patient2_, {"cough", "high_fever"});
  ASSERT_TRUE(urgent);
  EXPECT_EQ(urgent->at("priority").as_int64(), 0);
  EXPECT_EQ(urgent->at("position").as_int64(), 1);
  EXPECT_TRUE(urgent->at("estimated_wait_minutes").is_null()) << "nobody on duty yet";
  EXPECT_EQ(waiting_patients(*queues_, doctor(0), service_),
            (std::vector<std::string>{patient2_, elderly_, patient_}));

  ASSERT_TRUE(queues_->set_duty(doctor(0), service_, true, client_));
  const auto mine = queues_->my_entries(patient(patient_), client_);
  ASSERT_EQ(mine.at("items").as_array().size(), 1u);
  const auto& e = mine.at("items").as_array()[0].as_object();
  EXPECT_EQ(e.at("position").as_int64(), 3);
  EXPECT_EQ(e.at("ahead").as_int64(), 2);
  EXPECT_EQ(e.at("estimated_wait_minutes").as_int64(), 30) << "two ahead, 15-minute slots";

  const auto taken = queues_->take_next(doctor(0), service_, client_);
  ASSERT_TRUE(taken);
  EXPECT_EQ(taken->at("patient").at("id").as_string(), patient2_);
  EXPECT_EQ(taken->at("status").as_string(), "taken");
  EXPECT_EQ(
      count("SELECT COUNT(*) FROM notifications WHERE account_id = ? AND kind = 'queue.taken'",
            {patient2_}),
      1);
}

TEST_P(QueueTest, EmergencyAnswersGetAdviceAndNoPlace) {
  const auto r = join(patient_, {"cough", "chest_pain"});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, Errc::emergency_advice);
  ASSERT_EQ(r.error().fields.size(), 1u);
  EXPECT_EQ(r.error().fields[0].field, "symptoms.chest_pain");
  EXPECT_EQ(count("SELECT COUNT(*) FROM queue_entries"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_events WHERE action = 'queue.emergency_advice' AND "
                  "patient_id = ? AND outcome = 'denied'",
                  {patient_}),
            1);
}

TEST_P(QueueTest, ClosedUnknownAndRepeatedJoinsAreRefused) {
  std::string closed, disabled;
  db_->write([&](store::Connection& c) {
    // Open only on Mondays 00:00-00:01 Hong Kong time; the test clock is a Friday.
    closed = add_service(c, org_, R"([{"weekday":1,"from":0,"to":1}])");
    disabled = add_service(c, org_, "", 0);
  });
  EXPECT_EQ(join(patient_, {"cough"}, std::nullopt, closed).error().code, Errc::queue_closed);
  EXPECT_EQ(join(patient_, {"cough"}, std::nullopt, disabled).error().code, Errc::not_found);
  EXPECT_EQ(join(patient_, {"cough"}, std::nullopt, core::new_id()).error().code, Errc::not_found);
  ASSERT_TRUE(join(patient_));
  EXPECT_EQ(join(patient_).error().code, Errc::already_queued);
  EXPECT_EQ(count("SELECT COUNT(*) FROM queue_entries"), 1);
}

TEST_P(QueueTest, CarersJoinForDependantsAndNobodyElseSeesTheEntry) {
  const auto child_entry = join(parent_, {"fever"}, child_);
  ASSERT_TRUE(child_entry);
  const std::string id = id_of(child_entry);
  EXPECT_EQ(child_entry->at("joined_by").as_string(), parent_);
  EXPECT_EQ(join(patient_, {"fever"}, child_).error().code, Errc::not_found)
      << "not this patient's dependant";
  EXPECT_EQ(queues_->entry(patient(patient_), id, client_).error().code, Errc::not_found);
  EXPECT_EQ(queues_->leave(patient(patient_), id, client_).error().code, Errc::not_found);
  EXPECT_EQ(queues_->entry(as(other_doctor_, "doctor", other_org_), id, client_).error().code,
            Errc::not_found)
      << "a doctor of another organisation";
  EXPECT_EQ(queues_->service_entries(as(other_doctor_, "doctor", other_org_), service_, 50, client_)
                .error()
                .code,
            Errc::not_found);
  EXPECT_TRUE(queues_->entry(patient(parent_), id, client_));
  EXPECT_TRUE(queues_->entry(doctor(1), id, client_));
  EXPECT_TRUE(queues_->entry(as(admin_, "org_admin", org_), id, client_));
  EXPECT_EQ(
      count("SELECT COUNT(*) FROM audit_events WHERE action = 'queue.read' AND patient_id = ?",
            {child_}),
      3);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_events WHERE action = 'queue.join' AND "
                  "patient_id = ? AND on_behalf_of = ?",
                  {child_, child_}),
            1);

  const auto left = queues_->leave(patient(parent_), id, client_);
  ASSERT_TRUE(left);
  EXPECT_EQ(left->at("status").as_string(), "left");
  EXPECT_TRUE(queues_->leave(patient(parent_), id, client_)) << "leaving twice is harmless";
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_events WHERE action = 'queue.leave'"), 1);
}

TEST_P(QueueTest, DoctorsTakeOnePatientAtATimeWhileOnDuty) {
  EXPECT_EQ(queues_->take_next(doctor(0), service_, client_).error().code, Errc::not_on_duty);
  EXPECT_EQ(queues_->set_duty(as(other_doctor_, "doctor", other_org_), service_, true, client_)
                .error()
                .code,
            Errc::not_found);
  ASSERT_TRUE(queues_->set_duty(doctor(0), service_, true, client_));
  EXPECT_EQ(queues_->take_next(doctor(0), service_, client_).error().code, Errc::queue_empty);
  ASSERT_TRUE(join(patient_));
  ASSERT_TRUE(join(patient2_));
  const auto first = queues_->take_next(doctor(0), service_, client_);
  ASSERT_TRUE(first);
  EXPECT_EQ(queues_->take_next(doctor(0), service_, client_).error().code, Errc::doctor_busy);
  EXPECT_EQ(queues_->complete(doctor(1), id_of(first), "completed", client_).error().code,
            Errc::not_found)
      << "only the doctor seeing the patient ends it";
  clock_.advance(600);
  const auto done = queues_->complete(doctor(0), id_of(first), "completed", client_);
  ASSERT_TRUE(done);
  EXPECT_EQ(done->at("status").as_string(), "completed");
  // One consultation of 10 minutes now sets the estimate, not the 15-minute slot.
  const auto list = queues_->list_queues(std::nullopt);
  const auto& q = list.at("items").as_array()[0].as_object();
  EXPECT_EQ(q.at("waiting").as_int64(), 1);
  EXPECT_EQ(q.at("estimated_wait_minutes").as_int64(), 10);
  EXPECT_TRUE(queues_->take_next(doctor(0), service_, client_));
  ASSERT_TRUE(queues_->set_duty(doctor(0), service_, false, client_));
  EXPECT_EQ(count("SELECT COUNT(*) FROM queue_duty"), 0);
}

TEST_P(QueueTest, RacingDoctorsTakeEveryPatientExactlyOnce) {
  constexpr int kPatients = 24;
  db_->write([&](store::Connection& c) {
    for (int i = 0; i < kPatients; ++i) {
      const std::string p = add_account(c, "racer" + std::to_string(i), "en");
      c.execute(
          "INSERT INTO queue_entries (id, service_id, patient_id, joined_by, priority, status, "
          "joined_at, seq, last_seen_at) VALUES (?, ?, ?, ?, 2, 'waiting', 0, ?, ?)",
          {core::new_id(), service_, p, p, i + 1, clock_.now()});
    }
  });
  for (int d = 0; d < 4; ++d) ASSERT_TRUE(queues_->set_duty(doctor(d), service_, true, client_));
  std::mutex mutex;
  std::vector<std::string> taken;
  std::atomic<int> busy{0};
  std::vector<std::thread> threads;
  // Two threads per doctor: the same doctor pressing "next" twice at once must get doctor_busy.
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, d = t % 4] {
      for (;;) {
        auto r = queues_->take_next(doctor(d), service_, client_);
        if (!r) {
          if (r.error().code == Errc::queue_empty) return;
          ASSERT_EQ(r.error().code, Errc::doctor_busy);
          ++busy;
          std::this_thread::yield();
          continue;
        }
        {
          std::lock_guard lock(mutex);
          taken.push_back(id_of(r));
        }
        ASSERT_TRUE(queues_->complete(doctor(d), id_of(r), "completed", client_));
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(taken.size(), static_cast<std::size_t>(kPatients));
  EXPECT_EQ(std::set<std::string>(taken.begin(), taken.end()).size(),
            static_cast<std::size_t>(kPatients));
  EXPECT_EQ(count("SELECT COUNT(*) FROM queue_entries WHERE status = 'completed'"), kPatients);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_events WHERE action = 'queue.take'"), kPatients);
}

TEST_P(QueueTest, SilentPatientsAreDroppedWithANoticeAndHeartbeatsKeepThemIn) {
  const auto silent = join(parent_, {"fever"}, child_);
  ASSERT_TRUE(silent);
  ASSERT_TRUE(join(patient_));
  clock_.advance(kGrace - 10);
  EXPECT_EQ(queues_->heartbeat(patient_).size(), 1u);
  clock_.advance(20);
  const auto r = queues_->sweep();
  EXPECT_EQ(r.dropped, 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM queue_entries WHERE status = 'dropped' AND id = ?",
                  {id_of(silent)}),
            1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM queue_entries WHERE status = 'waiting'"), 1);
  // The carer who joined and the child are both told; the child has no mailbox, so no e-mail.
  EXPECT_EQ(count("SELECT COUNT(*) FROM notifications WHERE kind = 'queue.dropped' AND "
                  "account_id IN (?, ?)",
                  {parent_, child_}),
            2);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_events WHERE action = 'queue.drop' AND "
                  "patient_id = ?",
                  {child_}),
            1);
  // A second node sweeping the same database drops nothing twice.
  auto other = open(2);
  notify::Notifier other_notifier(*other, clock_, nullptr);
  QueueService other_node(*other, clock_, other_notifier, nullptr, {kGrace, ""});
  EXPECT_EQ(other_node.sweep().dropped, 0);
}

TEST_P(QueueTest, AnOpenWebSocketKeepsAPatientInAndHearsTheQueue) {
  http::WsHub hub;
  make_service(&hub);
  auto socket = std::make_shared<FakeSocket>(patient_);
  hub.add(socket, 16);
  const auto mine = join(patient_);
  ASSERT_TRUE(mine);
  ASSERT_TRUE(join(patient2_));
  clock_.advance(kGrace + 30);
  const auto r = queues_->sweep();
  EXPECT_EQ(r.refreshed, 1) << "patient has a socket here, patient2 does not";
  EXPECT_EQ(r.dropped, 1);
  ASSERT_TRUE(queues_->set_duty(doctor(2), service_, true, client_));
  ASSERT_TRUE(queues_->take_next(doctor(2), service_, client_));
  bool position = false, taken = false;
  for (const auto& text : socket->sent()) {
    const auto m = boost::json::parse(text).as_object();
    if (m.at("type") == "queue.position") {
      position = true;
      EXPECT_EQ(m.at("entry_id").as_string(), id_of(mine));
    }
    if (m.at("type") == "queue.taken") {
      taken = true;
      EXPECT_EQ(m.at("doctor").at("id").as_string(), doctors_[2]);
      EXPECT_FALSE(m.at("doctor").at("name").at("en").as_string().empty());
    }
  }
  EXPECT_TRUE(position);
  EXPECT_TRUE(taken);
  hub.remove(socket.get());
  queues_.reset();  // its push thread may still be sending through the hub, which ends here
}

YQ_INSTANTIATE_ON_ALL_BACKENDS(QueueTest);

}  // namespace
}  // namespace yq::queue
