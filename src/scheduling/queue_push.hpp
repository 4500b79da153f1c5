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

  // Every waiting patient of these services gets their place; the doctors on duty get
  // {"type":"queue.changed", service_id, waiting}. Returns the entries whose patient or carer has a
  // WebSocket open on this node (the sweeper counts that as a sign of life).
  std::vector<std::string> positions(const std::vector<std::string>& service_ids);

  // After a change to these services' queues: positions(), but one push per service at a time.
  // A change that commits while its service is being pushed is folded into one more push by the
  // thread already pushing (it reads after that commit, so nobody misses the change). Without
  // this, a burst of joins sent every waiting patient one snapshot per join from several threads:
  // quadratic work, snapshots arriving out of order, and sockets dropped for a full send queue
  // (bench/README.md, queue).
  void changed(const std::vector<std::string>& service_ids);

  // To the person who joined and, when someone else, the patient. True when either has a socket.
  bool to_people(const QueueEntry& e, const boost::json::object& message);
  bool to_account(const std::string& account_id, const boost::json::object& message);
  bool enabled() const { return hub_ != nullptr; }

 private:
  store::Database& db_;
  http::WsHub* hub_;
  std::mutex mutex_;
  std::map<std::string, bool> pushing_;  // service being pushed → changed again meanwhile
};

}  // namespace yq::scheduling
