#pragma once
// How queues and entries look in the API, and the audit events the queue writes. Internal to the
// queue files.
#include <boost/json/object.hpp>

#include <string>

#include "audit/audit_log.hpp"
#include "identity/principal.hpp"
#include "queue/store.hpp"

namespace yq::queue {

// {id, name, organisation:{id, name}, specialty, consultation_type}
boost::json::object service_json(const QueueServiceRow& s);

// An entry with its service, patient, triage answers, doctor and, while waiting, its place and
// estimated wait.
// With `clinical` the triage answers too (the patient side and the service's doctors); without it
// they are null (an organisation admin sees who waits and since when: need-to-know).
boost::json::object entry_json(store::Connection& c, const QueueEntry& e, bool clinical);

// An audit event about a patient's queue entry ("queue.join", "queue.read", ...). on_behalf_of is
// the patient when a carer acts for them.
audit::Event entry_event(const identity::Principal& by, std::string action, const QueueEntry& e,
                         const identity::ClientInfo& client);

}  // namespace yq::queue
