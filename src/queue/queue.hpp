#pragma once
// "See a doctor now": per-service queues a patient joins after a short triage form, doctors on
// duty take patients from, one at a time, and a sweeper keeps free of patients who went away.
//
// Everything that decides who is next lives in the database (queue_entries, queue_duty) and every
// change is one transaction, so several server nodes on one PostgreSQL database share one queue:
// taking a patient is a conditional UPDATE ... WHERE status = 'waiting' (of two doctors only one
// changes the row), and the partial unique index queue_entries_one_per_doctor makes holding two
// patients impossible. Live messages (queue/push.hpp) go out after the commit.
//
// Scope: a patient reaches their own and their dependants' entries; a doctor or organisation admin
// the queues of their own organisation. Anything else is not_found, so ids reveal nothing. Every
// read or change of an entry writes an audit event naming the patient.
#include <boost/json/object.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "consent/consent.hpp"
#include "core/error.hpp"
#include "core/time.hpp"
#include "identity/principal.hpp"
#include "notify/notifier.hpp"
#include "queue/push.hpp"
#include "queue/store.hpp"
#include "queue/triage.hpp"
#include "store/database.hpp"

namespace yq::http {
class WsHub;
class WsConnection;
}  // namespace yq::http

namespace yq::queue {

struct QueueOptions {
  // A waiting patient with no sign of life (an open WebSocket, a heartbeat) for this long is taken
  // out of the queue with a notice.
  std::int64_t grace_seconds = 120;
  std::string public_url;  // for links in e-mailed notices
};

inline constexpr std::int64_t kDefaultQueuePage = 50;
inline constexpr std::int64_t kMaxQueuePage = 200;

class QueueService {
 public:
  // With a hub, pushes each waiting patient's place to their sockets (add_queue_messages below
  // registers what their sockets send).
  QueueService(store::Database& db, const core::Clock& clock, notify::Notifier& notifier,
               http::WsHub* hub, QueueOptions options);

  // Patients ---------------------------------------------------------------------------------
  // Usable queues with their length, doctors on duty and the wait a newcomer can expect, plus the
  // triage checklist. Public: no patient data.
  boost::json::object list_queues(const std::optional<std::string>& organisation);
  core::Result<boost::json::object> join(const identity::Principal& by,
                                         const std::string& service_id,
                                         const std::optional<std::string>& patient_id,
                                         const Triage& triage, const identity::ClientInfo& client);
  // The caller's and their dependants' waiting or taken entries.
  boost::json::object my_entries(const identity::Principal& by, const identity::ClientInfo& client);
  core::Result<boost::json::object> entry(const identity::Principal& by, const std::string& id,
                                          const identity::ClientInfo& client);
  core::Result<boost::json::object> leave(const identity::Principal& by, const std::string& id,
                                          const identity::ClientInfo& client);
  // A sign of life from the account's app: its waiting entries stay in the queue. Returns their
  // position messages.
  std::vector<boost::json::object> heartbeat(const std::string& account_id);

  // After the account's roles changed at the organisation: a doctor no longer one there leaves
  // its queues' duty (patients must not be told a doctor is ready who cannot take them).
  void roles_changed(const std::string& account_id, const std::string& organisation_id);

  // Doctors and organisation admins ----------------------------------------------------------
  core::Result<boost::json::object> set_duty(const identity::Principal& by,
                                             const std::string& service_id, bool on,
                                             const identity::ClientInfo& client);
  core::Result<boost::json::object> take_next(const identity::Principal& by,
                                              const std::string& service_id,
                                              const identity::ClientInfo& client);
  // outcome: "completed" (feeds the wait estimate) or "no_show".
  core::Result<boost::json::object> complete(const identity::Principal& by, const std::string& id,
                                             const std::string& outcome,
                                             const identity::ClientInfo& client);
  // The same end inside the caller's transaction (consult ends the room and the visit as one):
  // the ended entry, for announce_completed once the caller has committed; nullopt when it was
  // completed already.
  core::Result<std::optional<QueueEntry>> complete_in(store::Connection& c,
                                                      const identity::Principal& by,
                                                      const std::string& id,
                                                      const std::string& outcome,
                                                      const identity::ClientInfo& client);
  // Tells the patient their visit ended and the queue that the doctor is free.
  void announce_completed(const QueueEntry& ended, const std::string& outcome);
  // Who waits (in order, up to limit) and who is being seen in one service.
  core::Result<boost::json::object> service_entries(const identity::Principal& by,
                                                    const std::string& service_id,
                                                    std::int64_t limit,
                                                    const identity::ClientInfo& client);
  // An organisation's queues: counts and the doctors on duty, no patient data.
  core::Result<boost::json::object> organisation_queues(const identity::Principal& by,
                                                        const std::string& organisation_id);
  // The doctor's duties and the patient they are seeing.
  boost::json::object my_duty(const identity::Principal& by, const identity::ClientInfo& client);

  // The sweeper ------------------------------------------------------------------------------
  struct SweepResult {
    std::int64_t refreshed = 0;  // entries whose patient has a socket open on this node
    std::int64_t dropped = 0;
  };
  // Resends every waiting patient their place (a sign of life for those connected here), then
  // drops the entries silent for longer than the grace period, each with a notice.
  SweepResult sweep();

 private:
  bool staff_of(const identity::Principal& by, const std::string& organisation_id,
                bool doctors_only) const;
  // Whether `by` sees the entry's triage answers (consent, with the organisation's doctors as the
  // treating clinicians).
  consent::Decision reads_triage(store::Connection& c, const identity::Principal& by,
                                 const QueueEntry& e, const std::string& organisation_id) const;
  void after_change(const std::vector<std::string>& service_ids);

  store::Database& db_;
  const core::Clock& clock_;
  notify::Notifier& notifier_;
  QueuePush push_;
  QueueOptions options_;
};

// A visit from the queue as another module sees it (consult opens its room from it): whose it
// is, the doctor who took the patient and when, and whether they are seeing them now.
struct Visit {
  std::string patient_id, doctor_id, service_id;
  std::int64_t taken_at = 0;  // 0 while still waiting
  bool being_seen = false;    // taken and not yet ended
};
std::optional<Visit> visit(store::Connection& c, const std::string& entry_id);

// Organisations whose queue the patient is waiting in or being seen from: their care relationship
// for the shared record (records/care.hpp).
std::vector<std::string> organisations_with_open_visit(store::Connection& c,
                                                       const std::string& patient_id);

// The queue's WebSocket message: "queue.heartbeat" {} from a waiting patient's page keeps their
// places (and their dependants') and answers with each one's position.
void add_queue_messages(http::WsHub& hub, QueueService& queues);

}  // namespace yq::queue
