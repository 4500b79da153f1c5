#pragma once
// Live queue messages over the WebSocket, sent after the transaction that changed the queue
// commits. What is sent is read back from the database, so a message never announces a change
// that was rolled back, and the periodic resend by the sweeper brings patients connected to other
// server nodes up to date.
#include <boost/json/object.hpp>

#include <condition_variable>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "queue/store.hpp"
#include "store/database.hpp"

namespace yq::http {
class WsHub;
}

namespace yq::queue {

// The patient's place: {"type":"queue.position", entry_id, service_id, patient_id, status,
// position, ahead, waiting, doctors_on_duty, estimated_wait_minutes|null}.
boost::json::object position_message(const QueueEntry& e, std::int64_t ahead,
                                     const QueueStats& stats);

class QueuePush {
 public:
  // With a hub, a thread of its own sends the places (see changed()).
  QueuePush(store::Database& db, http::WsHub* hub);
  ~QueuePush();
  QueuePush(const QueuePush&) = delete;
  QueuePush& operator=(const QueuePush&) = delete;

  // After a change to these services' queues, and on the sweeper's rounds: every waiting patient
  // gets their place and the doctors on duty get {"type":"queue.changed", service_id, waiting}.
  // This only marks the services; the push thread reads each marked service after the mark and
  // sends, so the request that changed the queue answers at once, a burst of changes costs one
  // push per service per round instead of one per change, and a patient never gets an older
  // snapshot after a newer one. Places go through WsConnection::send_latest, one per entry, so a
  // slow reader keeps only the newest (bench/README.md, queue).
  void changed(const std::vector<std::string>& service_ids);
  // Waits until every service marked before the call has been pushed (tests; a sweep that must
  // have reached everyone).
  void flush();

  // Whether the account has a WebSocket open on this node (the sweeper counts that as a sign of
  // life of the entries it joined or is the patient of).
  bool connected(const std::string& account_id) const;

  // To the person who joined and, when someone else, the patient.
  void to_people(const QueueEntry& e, const boost::json::object& message);
  void to_account(const std::string& account_id, const boost::json::object& message);
  bool enabled() const { return hub_ != nullptr; }

 private:
  void run();
  void push(const std::string& service_id);

  store::Database& db_;
  http::WsHub* hub_;
  std::mutex mutex_;
  std::condition_variable wake_;  // marked services, or stopping
  std::condition_variable idle_;  // a round finished
  std::set<std::string> marked_;
  std::uint64_t rounds_started_ = 0, rounds_done_ = 0;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace yq::queue
