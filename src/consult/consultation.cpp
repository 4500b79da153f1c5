#include "consult/consultation.hpp"

#include "audit/event.hpp"
#include "consent/consent.hpp"
#include "core/ids.hpp"
#include "identity/people.hpp"
#include "identity/roles.hpp"
#include "notify/notice_text.hpp"
#include "queue/queue.hpp"
#include "records/consultation_record.hpp"
#include "scheduling/booking/appointment_view.hpp"
#include "scheduling/services/service_reads.hpp"

namespace yq::consult {

std::optional<Consultation> load_consultation(store::Connection& c, const std::string& id) {
  const auto r = c.query_one(
      "SELECT id, COALESCE(appointment_id, ''), COALESCE(queue_entry_id, ''), patient_id, "
      "doctor_id, organisation_id, service_id, media, psych, opens_at, closes_at, status, "
      "started_at, ended_at, follow_up_until, COALESCE(follow_up_appointment_id, '') "
      "FROM consultations WHERE id = ?",
      {id});
  if (!r) return std::nullopt;
  Consultation k;
  k.id = r->text(0);
  k.appointment_id = r->text(1);
  k.queue_entry_id = r->text(2);
  k.patient_id = r->text(3);
  k.doctor_id = r->text(4);
  k.organisation_id = r->text(5);
  k.service_id = r->text(6);
  k.media = r->text(7);
  k.psych = r->i64(8) != 0;
  k.opens_at = r->i64(9);
  k.closes_at = r->i64(10);
  k.status = r->text(11);
  k.started_at = r->opt_i64(12);
  k.ended_at = r->opt_i64(13);
  k.follow_up_until = r->opt_i64(14);
  k.follow_up_appointment_id = r->text(15);
  if (!k.appointment_id.empty()) {
    // The appointment as it is now: a reschedule moves the room's doctor and window with it.
    if (const auto a = scheduling::load_appointment(c, k.appointment_id)) {
      k.doctor_id = a->doctor_id;
      k.opens_at = a->starts_at - kOpensBeforeSeconds;
      k.closes_at = a->ends_at + kClosesAfterSeconds;
      k.visit_on = scheduling::still_on(*a);
    }
  } else if (!k.queue_entry_id.empty()) {
    const auto v = queue::visit(c, k.queue_entry_id);
    k.visit_on = v && v->being_seen;
  }
  return k;
}

std::string_view seat_name(Seat s) {
  switch (s) {
    case Seat::patient:
      return "patient";
    case Seat::proxy:
      return "proxy";
    case Seat::doctor:
      return "doctor";
    case Seat::invitee:
      return "invitee";
    case Seat::none:
      break;
  }
  return "none";
}

Membership membership_of(store::Connection& c, const std::string& account_id,
                         const Consultation& room) {
  const auto row = c.query_one(
      "SELECT role, state, admitted_at FROM consultation_participants WHERE consultation_id = ? "
      "AND account_id = ?",
      {room.id, account_id});
  const std::string state = row ? row->text(1) : std::string();
  if (state == "removed") return {};
  // The doctor's seat is the role held now, not the one held when the visit was booked: a doctor
  // demoted or gone from the organisation loses the call and the note at once.
  if (account_id == room.doctor_id)
    return identity::holds_role(c, account_id, "doctor", room.organisation_id)
               ? Membership{Seat::doctor, state}
               : Membership{};
  if (account_id == room.patient_id) return {Seat::patient, state};
  if (consent::may_act_for(c, account_id, room.patient_id)) return {Seat::proxy, state};
  // A guest belongs to the visit, not to the patient's history: out once it has ended.
  if (row && row->text(0) == "invitee" && room.status != "ended")
    return {Seat::invitee, state, row->opt_i64(2)};
  return {};
}

std::vector<std::string> with_proxies(store::Connection& c, const Consultation& room,
                                      std::vector<std::string> accounts) {
  for (const auto& r :
       c.query("SELECT account_id FROM consultation_participants WHERE consultation_id = ? AND "
               "role = 'proxy' AND state <> 'removed' ORDER BY account_id",
               {room.id}))
    accounts.push_back(r.text(0));
  return accounts;
}

core::Result<SeatedRoom> seated_room(store::Connection& c, const std::string& account_id,
                                     const std::string& id) {
  if (!core::looks_like_id(id)) return core::Error::of(core::Errc::not_found);
  auto room = load_consultation(c, id);
  if (!room) return core::Error::of(core::Errc::not_found);
  auto member = membership_of(c, account_id, *room);
  if (member.seat == Seat::none) return core::Error::of(core::Errc::not_found);
  return SeatedRoom{std::move(*room), std::move(member)};
}

void ensure_participant(store::Connection& c, const std::string& room_id,
                        const std::string& account_id, Seat seat, std::int64_t now) {
  c.execute(
      "INSERT INTO consultation_participants (consultation_id, account_id, role, state, "
      "created_at) VALUES (?, ?, ?, 'absent', ?) ON CONFLICT (consultation_id, account_id) DO "
      "NOTHING",
      {room_id, account_id, std::string(seat_name(seat)), now});
}

bool joinable(const Consultation& room, std::int64_t now) {
  if (room.status == "ended" || !room.visit_on) return false;
  if (room.status == "live") return true;
  return now >= room.opens_at && now < room.closes_at;
}

audit::Event room_event(const identity::Principal& who, const identity::ClientInfo& client,
                        std::string action, const Consultation& room) {
  auto e = audit::event_by(who, client, std::move(action), "consultation", room.id);
  e.patient_id = room.patient_id;
  if (who.account_id != room.patient_id && who.has_role("patient") &&
      who.account_id != room.doctor_id)
    e.on_behalf_of = room.patient_id;
  return e;
}

boost::json::object person_name(store::Connection& c, const std::string& account_id) {
  const auto p = identity::person(c, account_id);
  if (!p) return {};
  if (p->has_doctor_profile) return notify::doctor_names(p->title, p->display_name, p->name_zh);
  return {{"en", p->display_name}, {"zh-Hant", p->display_name}, {"zh-Hans", p->display_name}};
}

void chart_consultation(store::Connection& c, const std::string& id, std::int64_t now) {
  const auto room = load_consultation(c, id);
  if (!room) return;
  records::ConsultationFacts facts;
  facts.consultation_id = room->id;
  facts.doctor_id = room->doctor_id;
  if (const auto service = scheduling::find_service(c, room->service_id))
    facts.service = service->name;
  facts.started_at = room->started_at.value_or(room->opens_at);
  facts.ended_at = room->ended_at.value_or(0);
  facts.follow_up_until = room->follow_up_until;
  records::record_consultation(
      c, now, {room->patient_id, room->organisation_id, room->doctor_id, now}, std::move(facts));
}

}  // namespace yq::consult
