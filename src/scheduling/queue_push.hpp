#pragma once
// Live queue messages over the WebSocket, sent after the transaction that changed the queue
// commits. What is sent is read back from the database, so a message never announces a change
// that was rolled back, and the periodic resend by the sweeper brings patients connected to other
// server nodes up to date.
#include <boost/json/object.hpp>

#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "scheduling/queue_store.hpp"
#include "store/database.hpp"

namespace yq::http {
class WsHub;
}

namespace yq::scheduling {

// The patient's place: {"type":"queue.position", entry_id, service_id, patient_id, status,
// position, ahead, waiting, doctors_on_duty, estimated_wait_minutes|null}.
boost::json::object position_message(const QueueEntry& e, std::int64_t ahead,
                                     const QueueStats& stats);

class QueuePush {
 public:
  QueuePush(store::Database& db, http::WsHub* hub) : db_(db), hub_(hub) {}

  // After a change to these services' queues, and on the sweeper's rounds: every waiting patient
  // gets their place and the doctors on duty get {"type":"queue.changed", service_id, waiting}.
  // One push per service at a time: a change that commits while its service is being pushed is
  // folded into one more push by the thread already pushing (it reads after that commit, so nobody
  // misses the change), and a patient never gets an older snapshot after a newer one. Without
  // this, a burst of joins sent every waiting patient one snapshot per join from several threads:
  // quadratic work, snapshots out of order, and sockets dropped for a full send queue
  // (bench/README.md, queue). Places go through WsConnection::send_latest, one per entry.
  void changed(const std::vector<std::string>& service_ids);

  // Whether the account has a WebSocket open on this node (the sweeper counts that as a sign of
  // life of the entries it joined or is the patient of).
  bool connected(const std::string& account_id) const;

  // To the person who joined and, when someone else, the patient. True when either has a socket.
  bool to_people(const QueueEntry& e, const boost::json::object& message);
  bool to_account(const std::string& account_id, const boost::json::object& message);
  bool enabled() const { return hub_ != nullptr; }

 private:
  void push(const std::string& service_id);

  store::Database& db_;
  http::WsHub* hub_;
  std::mutex mutex_;
  std::map<std::string, bool> pushing_;  // service being pushed → changed again meanwhile
};

}  // namespace yq::scheduling
