#include "queue/json.hpp"

#include "audit/event.hpp"
#include "queue/push.hpp"
#include "queue/triage.hpp"

namespace yq::queue {

boost::json::object service_json(const QueueServiceRow& s) {
  return {{"id", s.id},
          {"name", s.name},
          {"organisation", {{"id", s.organisation_id}, {"name", s.organisation_name}}},
          {"specialty", s.specialty},
          {"consultation_type", s.consultation_type}};
}

boost::json::object entry_json(store::Connection& c, const QueueEntry& e, bool clinical) {
  boost::json::object o{
      {"id", e.id},
      {"patient", person_json(c, e.patient_id)},
      {"joined_by", e.joined_by},
      {"priority", e.priority},
      {"status", e.status},
      {"joined_at", e.joined_at},
      {"triage", clinical ? boost::json::value(triage_json(triage_from_json(e.triage)))
                          : boost::json::value(nullptr)},
      {"end_reason", e.end_reason}};
  const auto svc = load_queue_service(c, e.service_id);
  o["service"] = svc ? service_json(*svc) : boost::json::object{{"id", e.service_id}};
  o["taken_at"] = e.taken_at ? boost::json::value(*e.taken_at) : nullptr;
  o["ended_at"] = e.ended_at ? boost::json::value(*e.ended_at) : nullptr;
  if (e.taken_by.empty()) {
    o["doctor"] = nullptr;
  } else {
    o["doctor"] = {{"id", e.taken_by}, {"name", doctor_name(c, e.taken_by)}};
  }
  boost::json::value position = nullptr, ahead = nullptr, wait = nullptr;
  if (e.status == "waiting" && svc) {
    const auto stats = queue_stats(c, e.service_id, svc->slot_minutes);
    const auto m = position_message(e, ahead_of(c, e), stats);
    position = m.at("position");
    ahead = m.at("ahead");
    wait = m.at("estimated_wait_minutes");
    o["doctors_on_duty"] = stats.doctors_on_duty;
  }
  o["position"] = position;
  o["ahead"] = ahead;
  o["estimated_wait_minutes"] = wait;
  return o;
}

audit::Event entry_event(const identity::Principal& by, std::string action, const QueueEntry& e,
                         const identity::ClientInfo& client) {
  auto ev = audit::event_by(by, client, std::move(action), "queue_entry", e.id);
  // A carer acting for a dependant; staff act in their own right.
  if (e.patient_id != by.account_id && !by.is_staff()) ev.on_behalf_of = e.patient_id;
  ev.patient_id = e.patient_id;
  ev.detail = "service=" + e.service_id;
  return ev;
}

}  // namespace yq::queue
