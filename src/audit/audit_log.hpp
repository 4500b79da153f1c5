#pragma once
// The audit trail: who did what, to whose record, when, from where, with what outcome. Append-only
// (database triggers refuse UPDATE/DELETE) and hash-chained, so an edited or removed event is found
// by verify(). Modules call record() inside the transaction that makes the change, so the change
// and its audit event commit together or not at all. This module calls no other module but the
// building blocks (core, store) and http for who the caller is (event.hpp).
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/time.hpp"
#include "store/database.hpp"

namespace yq::audit {

struct Event {
  std::string actor_id;  // account acting ("" for anonymous)
  std::string actor_role;
  std::string on_behalf_of;  // account the actor acts for (a parent for a child), if any
  std::string action;        // e.g. "auth.sign_in", "account.role_granted", "record.read"
  std::string patient_id;    // whose health data was touched, if any
  std::string target_type;
  std::string target_id;
  std::string ip;
  std::string outcome = "success";  // success | failure | denied
  std::string detail;               // short, never a secret or health data
};

struct StoredEvent {
  std::int64_t seq = 0;
  std::int64_t at = 0;
  Event event;
  std::string prev_hash;
  std::string hash;
};

// Appends e at the end of the chain, inside the caller's (write) transaction.
void record(store::Connection& c, const core::Clock& clock, const Event& e);

// Newest first; before_seq = 0 for the latest.
std::vector<StoredEvent> list(store::Connection& c, std::int64_t before_seq, int limit);

// Events about the patient with this action by anyone but the patient, newest first, before
// before_seq (0: the latest): the patient's access log is built from them.
std::vector<StoredEvent> events_about_patient(store::Connection& c, const std::string& patient_id,
                                              const std::string& action, std::int64_t before_seq,
                                              int limit);
// Events with this action in [from, to) whose detail contains `detail_part`, oldest first.
std::vector<StoredEvent> events_with_action(store::Connection& c, const std::string& action,
                                            std::int64_t from, std::int64_t to,
                                            const std::string& detail_part, int limit);

struct VerifyReport {
  bool ok = true;
  std::int64_t events = 0;
  std::int64_t first_bad_seq = 0;
  std::string problem;
};
// A hash an event must have, from a signed checkpoint outside the database (anchor.hpp); `where`
// names the checkpoint in problems.
struct Pin {
  std::string hash;
  std::string where;
};
// Recomputes the chain up to the head. With pins, also: each pinned seq is in the chain with the
// pinned hash, and the chain is not shorter than the last pin (a re-hashed, cut or emptied chain).
VerifyReport verify(store::Database& db, const std::map<std::int64_t, Pin>& pins = {});

// The hash of one event given its predecessor's hash (exposed for tests).
std::string chain_hash(const std::string& prev_hash, std::int64_t seq, std::int64_t at,
                       const Event& e);

inline const std::string kGenesisHash(64, '0');

}  // namespace yq::audit
