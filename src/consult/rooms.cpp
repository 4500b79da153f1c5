// Opening, reading, joining and leaving consultation rooms (the doctor's powers are in
// room_admin.cpp).
#include <boost/json/array.hpp>

#include <set>

#include "audit/event.hpp"
#include "consent/consent.hpp"
#include "consult/rooms.hpp"
#include "core/crypto.hpp"
#include "core/ids.hpp"
#include "identity/people.hpp"
#include "scheduling/booking/appointment_view.hpp"
#include "scheduling/services/service_reads.hpp"

namespace yq::consult {

namespace {

using core::Errc;
using core::Error;

constexpr std::int64_t kMaxListed = 50;

bool psych_specialty(const std::string& specialty) {
  return specialty == "psychiatry" || specialty == "clinical_psychology";
}

struct Source {
  std::string patient_id, doctor_id, organisation_id, service_id, type, specialty;
  std::int64_t opens_at = 0, closes_at = 0;
  bool usable = false;  // the appointment or visit is still on
};

std::optional<Source> appointment_source(store::Connection& c, const std::string& id) {
  const auto a = scheduling::load_appointment(c, id);
  if (!a) return std::nullopt;
  const auto svc = scheduling::find_service(c, a->service_id);
  if (!svc) return std::nullopt;
  Source s{a->patient_id, a->doctor_id,           a->organisation_id,
           a->service_id, svc->consultation_type, svc->specialty};
  s.opens_at = a->starts_at - kOpensBeforeSeconds;
  s.closes_at = a->ends_at + kClosesAfterSeconds;
  s.usable = scheduling::still_on(*a);
  return s;
}

std::optional<Source> queue_source(store::Connection& c, const std::string& id) {
  const auto v = queue::visit(c, id);
  if (!v) return std::nullopt;
  const auto svc = scheduling::find_service(c, v->service_id);
  if (!svc) return std::nullopt;
  Source s{v->patient_id, v->doctor_id,           svc->organisation_id,
           v->service_id, svc->consultation_type, svc->specialty};
  s.opens_at = v->taken_at;
  s.closes_at = v->taken_at + kQueueRoomSeconds;
  s.usable = v->being_seen;
  return s;
}

boost::json::object service_names(store::Connection& c, const std::string& service_id) {
  const auto svc = scheduling::find_service(c, service_id);
  if (!svc) return {};
  const auto org = identity::organisation(c, svc->organisation_id);
  if (!org) return {};
  return {{"service", svc->name.to_json()},
          {"organisation", org->name.to_json()},
          {"specialty", svc->specialty}};
}

boost::json::value opt(const std::optional<std::int64_t>& v) {
  return v ? boost::json::value(*v) : boost::json::value(nullptr);
}

}  // namespace

boost::json::object room_json(store::Connection& c, const Consultation& room,
                              const std::string& viewer, std::string_view seat) {
  boost::json::array people;
  std::string my_state;
  for (const auto& r :
       c.query("SELECT account_id, role, state FROM consultation_participants WHERE "
               "consultation_id = ? AND state <> 'removed' ORDER BY created_at, account_id",
               {room.id})) {
    if (r.text(0) == viewer) my_state = r.text(2);
    people.push_back({{"account_id", r.text(0)},
                      {"seat", r.text(1)},
                      {"state", r.text(2)},
                      {"name", person_name(c, r.text(0))}});
  }
  auto names = service_names(c, room.service_id);
  return {{"id", room.id},
          {"status", room.status},
          {"media", room.media},
          {"psych", room.psych},
          {"appointment_id", room.appointment_id.empty() ? boost::json::value(nullptr)
                                                         : boost::json::value(room.appointment_id)},
          {"queue_entry_id", room.queue_entry_id.empty() ? boost::json::value(nullptr)
                                                         : boost::json::value(room.queue_entry_id)},
          {"opens_at", room.opens_at},
          {"closes_at", room.closes_at},
          {"started_at", opt(room.started_at)},
          {"ended_at", opt(room.ended_at)},
          {"follow_up_until", opt(room.follow_up_until)},
          {"follow_up_appointment_id", room.follow_up_appointment_id.empty()
                                           ? boost::json::value(nullptr)
                                           : boost::json::value(room.follow_up_appointment_id)},
          {"patient", {{"id", room.patient_id}, {"name", person_name(c, room.patient_id)}}},
          {"doctor", {{"id", room.doctor_id}, {"name", person_name(c, room.doctor_id)}}},
          {"service", names["service"]},
          {"organisation", names["organisation"]},
          {"me", {{"account_id", viewer}, {"seat", seat}, {"state", my_state}}},
          {"participants", std::move(people)},
          {"topology", "mesh"},
          {"max_participants", kMaxPeers}};
}

core::Result<boost::json::object> Rooms::open(const identity::Principal& who, bool for_appointment,
                                              const std::string& source_id,
                                              const identity::ClientInfo& client) {
  if (!core::looks_like_id(source_id)) return Error::of(Errc::not_found);
  auto attempt = [&]() {
    return env_.db.write([&](store::Connection& c) -> core::Result<boost::json::object> {
      const auto src =
          for_appointment ? appointment_source(c, source_id) : queue_source(c, source_id);
      if (!src) return Error::of(Errc::not_found);
      const bool doctor = who.account_id == src->doctor_id && who.has_role("doctor");
      if (!doctor && !consent::may_act_for(c, who.account_id, src->patient_id))
        return Error::of(Errc::not_found);
      const auto existing =
          c.query_one(for_appointment ? "SELECT id FROM consultations WHERE appointment_id = ?"
                                      : "SELECT id FROM consultations WHERE queue_entry_id = ?",
                      {source_id});
      std::string id;
      if (existing) {
        id = existing->text(0);
      } else {
        if (src->type != "video" && src->type != "voice") return Error::of(Errc::not_online);
        if (!src->usable) return Error::of(Errc::room_closed);
        id = core::new_id();
        const std::int64_t now = env_.clock.now();
        c.execute(
            "INSERT INTO consultations (id, appointment_id, queue_entry_id, patient_id, "
            "doctor_id, organisation_id, service_id, media, psych, opens_at, closes_at, status, "
            "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?)",
            {id, for_appointment ? store::Param(source_id) : store::Param(nullptr),
             for_appointment ? store::Param(nullptr) : store::Param(source_id), src->patient_id,
             src->doctor_id, src->organisation_id, src->service_id, src->type,
             psych_specialty(src->specialty), src->opens_at, src->closes_at, now});
      }
      const auto room = *load_consultation(c, id);
      const auto m = membership_of(c, who.account_id, room);
      if (m.seat == Seat::none) return Error::of(Errc::not_found);
      if (!existing) {
        ensure_participant(c, id, room.patient_id, Seat::patient, env_.clock.now());
        ensure_participant(c, id, room.doctor_id, Seat::doctor, env_.clock.now());
      }
      auto out = room_json(c, room, who.account_id, seat_name(m.seat));
      audit::record(c, env_.clock,
                    room_event(who, client, existing ? "consult.read" : "consult.open", room));
      return out;
    });
  };
  try {
    return attempt();
  } catch (const store::DbError& e) {
    // Patient and doctor opened the same room at once: the other insert won; read theirs.
    if (e.code() != store::DbErrc::unique_violation) throw;
    return attempt();
  }
}

core::Result<boost::json::object> Rooms::open_for_appointment(const identity::Principal& who,
                                                              const std::string& id,
                                                              const identity::ClientInfo& client) {
  return open(who, true, id, client);
}

core::Result<boost::json::object> Rooms::open_for_queue_entry(const identity::Principal& who,
                                                              const std::string& id,
                                                              const identity::ClientInfo& client) {
  return open(who, false, id, client);
}

core::Result<boost::json::object> Rooms::get(const identity::Principal& who, const std::string& id,
                                             const identity::ClientInfo& client) {
  return env_.db.write([&](store::Connection& c) -> core::Result<boost::json::object> {
    auto s = seated_room(c, who.account_id, id);
    if (!s) return s.error();
    auto out = room_json(c, s->room, who.account_id, seat_name(s->member.seat));
    audit::record(c, env_.clock, room_event(who, client, "consult.read", s->room));
    return out;
  });
}

void Rooms::follow_doctor(store::Connection& c, const std::string& appointment_id,
                          const std::string& doctor_id) {
  c.execute("UPDATE consultations SET doctor_id = ? WHERE appointment_id = ?",
            {doctor_id, appointment_id});
}

core::Result<boost::json::object> Rooms::mine(const identity::Principal& who,
                                              const identity::ClientInfo& client) {
  return env_.db.write([&](store::Connection& c) -> core::Result<boost::json::object> {
    const auto people = consent::patients_in_care_of(c, who.account_id);
    std::string marks;
    store::Params params;
    for (const auto& p : people) {
      marks += marks.empty() ? "?" : ", ?";
      params.emplace_back(p);
    }
    // doctor_id follows the appointment's doctor (follow_doctor): a rescheduled room is found
    // under the doctor it moved to.
    for (int i = 0; i < 2; ++i) params.emplace_back(who.account_id);
    params.emplace_back(kMaxListed);
    const auto rows =
        c.query("SELECT id FROM consultations WHERE patient_id IN (" + marks +
                    ") OR doctor_id = ? OR id IN (SELECT consultation_id FROM "
                    "consultation_participants WHERE account_id = ? AND role = 'invitee' AND "
                    "state <> 'removed') ORDER BY created_at DESC, id DESC LIMIT ?",
                params);
    boost::json::array items;
    std::set<std::string> patients;
    for (const auto& r : rows) {
      const auto room = *load_consultation(c, r.text(0));
      const auto m = membership_of(c, who.account_id, room);
      if (m.seat == Seat::none) continue;
      patients.insert(room.patient_id);
      items.push_back(room_json(c, room, who.account_id, seat_name(m.seat)));
    }
    for (const auto& p : patients) {
      auto e = audit::event_by(who, client, "consult.list", "patient", p);
      e.patient_id = p;
      audit::record(c, env_.clock, e);
    }
    return boost::json::object{{"items", std::move(items)}};
  });
}

core::Result<boost::json::object> Rooms::join(const identity::Principal& who, const std::string& id,
                                              const identity::ClientInfo& client) {
  const std::string token = core::random_token(32);
  return env_.db.write([&](store::Connection& c) -> core::Result<boost::json::object> {
    auto s = seated_room(c, who.account_id, id);
    if (!s) return s.error();
    const auto* room = &s->room;
    const auto& m = s->member;
    const std::int64_t now = env_.clock.now();
    if (room->status == "ended") return Error::of(Errc::consultation_ended);
    if (!joinable(*room, now)) return Error::of(Errc::room_closed);
    const bool doctor = m.seat == Seat::doctor;
    ensure_participant(c, room->id, who.account_id, m.seat, now);
    // Back after leaving: whoever the doctor had admitted comes straight back in.
    c.execute(
        "UPDATE consultation_participants SET joined_at = ?, state = CASE WHEN state IN "
        "('absent', 'invited', 'left') THEN (CASE WHEN ? = 1 OR admitted_at IS NOT NULL THEN "
        "'admitted' ELSE 'waiting' END) ELSE state END, admitted_at = CASE WHEN ? = 1 AND "
        "admitted_at IS NULL THEN ? ELSE admitted_at END WHERE consultation_id = ? AND "
        "account_id = ?",
        {now, doctor, doctor, now, room->id, who.account_id});
    c.execute("DELETE FROM room_tokens WHERE expires_at < ?", {now});
    c.execute(
        "INSERT INTO room_tokens (token_hash, consultation_id, account_id, expires_at) "
        "VALUES (?, ?, ?, ?)",
        {core::sha256_hex(token), room->id, who.account_id, now + env_.room_token_seconds});
    auto out = room_json(c, *room, who.account_id, seat_name(m.seat));
    audit::record(c, env_.clock, room_event(who, client, "consult.join", *room));
    return boost::json::object{{"token", token},
                               {"token_expires_at", now + env_.room_token_seconds},
                               {"ice_servers", ice_servers(env_.turn, who.account_id, now)},
                               {"ice_transport_policy", env_.turn.transport_policy},
                               {"room", std::move(out)}};
  });
}

core::Result<boost::json::object> Rooms::leave(const identity::Principal& who,
                                               const std::string& id,
                                               const identity::ClientInfo& client) {
  auto out = env_.db.write([&](store::Connection& c) -> core::Result<boost::json::object> {
    auto s = seated_room(c, who.account_id, id);
    if (!s) return s.error();
    const auto* room = &s->room;
    const auto& m = s->member;
    const auto changed = c.execute(
        "UPDATE consultation_participants SET state = 'left', left_at = ? WHERE "
        "consultation_id = ? AND account_id = ? AND state IN ('waiting', 'admitted')",
        {env_.clock.now(), room->id, who.account_id});
    auto json = room_json(c, *room, who.account_id, seat_name(m.seat));
    if (changed > 0) audit::record(c, env_.clock, room_event(who, client, "consult.leave", *room));
    return json;
  });
  if (out) env_.rooms.expel(id, who.account_id, "room.left");
  return out;
}

namespace {

// What a page entering the room gets: the seat, whether admitted; nullopt when the account may not
// be in the call now.
std::optional<RoomPass> pass_for(store::Connection& c, const std::string& room_id,
                                 const std::string& account_id, std::int64_t now) {
  const auto room = load_consultation(c, room_id);
  if (!room || !joinable(*room, now)) return std::nullopt;
  const auto m = membership_of(c, account_id, *room);
  if (m.seat == Seat::none || (m.state != "waiting" && m.state != "admitted")) return std::nullopt;
  return RoomPass{room->id, std::string(seat_name(m.seat)), m.state == "admitted", room->psych,
                  person_name(c, account_id)};
}

}  // namespace

std::optional<RoomPass> Rooms::redeem(const std::string& token, const std::string& account_id) {
  if (token.size() < 16 || token.size() > 128) return std::nullopt;
  return env_.db.write([&](store::Connection& c) -> std::optional<RoomPass> {
    const std::string hash = core::sha256_hex(token);
    const auto t = c.query_one(
        "SELECT consultation_id, account_id, expires_at FROM room_tokens WHERE token_hash = ?",
        {hash});
    const std::int64_t now = env_.clock.now();
    if (!t || t->text(1) != account_id || t->i64(2) <= now) return std::nullopt;
    // One WebSocket per token: a copy of it is worth nothing once used.
    c.execute("DELETE FROM room_tokens WHERE token_hash = ?", {hash});
    return pass_for(c, t->text(0), account_id, now);
  });
}

bool Rooms::still_in(const std::string& room_id, const std::string& account_id) {
  return env_.db
      .read(
          [&](store::Connection& c) { return pass_for(c, room_id, account_id, env_.clock.now()); })
      .has_value();
}

}  // namespace yq::consult
