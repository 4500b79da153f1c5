// What the doctor does to a room (admit, invite, remove, end, book the follow-up) and the
// patient's rating. Part of Rooms (rooms.hpp).
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "consent/consent.hpp"
#include "consult/rooms.hpp"
#include "core/ids.hpp"
#include "core/log.hpp"
#include "identity/people.hpp"

namespace yq::consult {

namespace {

using core::Errc;
using core::Error;

constexpr std::size_t kMaxRatingComment = 2000;

// The room and the caller's seat, when the caller is its doctor (anyone else: not found, or
// forbidden for a participant who may see the room but not run it).
core::Result<Consultation> doctors_room(store::Connection& c, const identity::Principal& who,
                                        const std::string& id) {
  auto s = seated_room(c, who.account_id, id);
  if (!s) return s.error();
  if (s->member.seat != Seat::doctor) return Error::of(Errc::forbidden);
  return std::move(s->room);
}

// The visit's state follows the room through scheduling's and the queue's own rules. A step they
// refuse leaves the room as it is: the appointment was cancelled or marked a no-show meanwhile
// (invalid_transition), or the patient left the queue visit first (conflict).
void visit_step(const core::Result<void>& step, const std::string& room_id) {
  if (step || step.error().code == Errc::invalid_transition || step.error().code == Errc::conflict)
    return;
  core::log::warn("consult_visit_step_refused",
                  {{"consultation", room_id},
                   {"error", std::string(core::error_info(step.error().code).slug)}});
}

}  // namespace

core::Result<boost::json::object> Rooms::admit(const identity::Principal& who,
                                               const std::string& id, const std::string& account_id,
                                               const identity::ClientInfo& client) {
  auto out = env_.db.write([&](store::Connection& c) -> core::Result<boost::json::object> {
    auto room = doctors_room(c, who, id);
    if (!room) return room.error();
    if (room->status == "ended") return Error::of(Errc::consultation_ended);
    const auto row = c.query_one(
        "SELECT role, state FROM consultation_participants WHERE consultation_id = ? AND "
        "account_id = ?",
        {id, account_id});
    if (!row || row->text(1) == "removed" || row->text(1) == "invited")
      return Error::of(Errc::not_found);
    // Still entitled (a proxy whose access was revoked is not).
    if (membership_of(c, account_id, *room).seat == Seat::none) return Error::of(Errc::not_found);
    if (row->text(1) != "admitted") {
      if (env_.rooms.admitted_count(id) >= static_cast<std::size_t>(kMaxPeers))
        return Error::of(Errc::room_full);
      const std::int64_t now = env_.clock.now();
      c.execute(
          "UPDATE consultation_participants SET state = 'admitted', admitted_at = ? WHERE "
          "consultation_id = ? AND account_id = ?",
          {now, id, account_id});
      const std::string role = row->text(0);
      if ((role == "patient" || role == "proxy") && room->status == "open") {
        c.execute(
            "UPDATE consultations SET status = 'live', started_at = ? WHERE id = ? AND status = "
            "'open'",
            {now, id});
        if (!room->appointment_id.empty())
          visit_step(booking_.start_consultation(c, who, room->appointment_id, client), id);
      }
      auto e = room_event(who, client, "consult.admit", *room);
      e.detail = role + " " + account_id;
      audit::record(c, env_.clock, e);
    }
    return room_json(c, *load_consultation(c, id), who.account_id, "doctor");
  });
  if (out) env_.rooms.admit(id, account_id);
  return out;
}

core::Result<boost::json::object> Rooms::remove(const identity::Principal& who,
                                                const std::string& id,
                                                const std::string& account_id,
                                                const identity::ClientInfo& client) {
  auto out = env_.db.write([&](store::Connection& c) -> core::Result<boost::json::object> {
    auto room = doctors_room(c, who, id);
    if (!room) return room.error();
    if (account_id == who.account_id) return Error::field("account_id", "field.invalid");
    // The visit is the patient's record: they cannot be put out of it (end the call instead).
    if (account_id == room->patient_id)
      return Error::field("account_id", "field.cannot_remove_patient");
    const auto changed = c.execute(
        "UPDATE consultation_participants SET state = 'removed', left_at = ? WHERE "
        "consultation_id = ? AND account_id = ? AND state <> 'removed'",
        {env_.clock.now(), id, account_id});
    if (changed == 0) return Error::of(Errc::not_found);
    auto e = room_event(who, client, "consult.remove", *room);
    e.detail = account_id;
    audit::record(c, env_.clock, e);
    return room_json(c, *room, who.account_id, "doctor");
  });
  if (out) env_.rooms.expel(id, account_id, "room.removed");
  return out;
}

core::Result<boost::json::object> Rooms::invite(const identity::Principal& who,
                                                const std::string& id, const std::string& email,
                                                const identity::ClientInfo& client) {
  std::vector<std::string> told;
  auto out = env_.db.write([&](store::Connection& c) -> core::Result<boost::json::object> {
    auto room = doctors_room(c, who, id);
    if (!room) return room.error();
    if (room->status == "ended") return Error::of(Errc::consultation_ended);
    const auto acct = identity::active_account_by_email(c, email);
    if (!acct) return Error::field("email", "field.unknown_account");
    const std::string guest = *acct;
    const auto prior = c.query_one(
        "SELECT state FROM consultation_participants WHERE consultation_id = ? AND "
        "account_id = ?",
        {id, guest});
    if (guest == room->doctor_id || guest == room->patient_id ||
        (prior && prior->text(0) != "removed"))
      return Error::field("email", "field.already_in_room");
    const auto invited = c.query_one(
        "SELECT COUNT(*) FROM consultation_participants WHERE consultation_id = ? AND role = "
        "'invitee' AND state <> 'removed'",
        {id});
    if (invited && static_cast<std::size_t>(invited->i64(0)) >= kMaxInvitees)
      return Error::field("email", "field.too_many_invitees");
    const std::int64_t now = env_.clock.now();
    if (prior) {
      c.execute(
          "UPDATE consultation_participants SET role = 'invitee', state = 'invited', "
          "invited_by = ?, admitted_at = NULL, left_at = NULL WHERE consultation_id = ? AND "
          "account_id = ?",
          {who.account_id, id, guest});
    } else {
      c.execute(
          "INSERT INTO consultation_participants (consultation_id, account_id, role, "
          "invited_by, state, created_at) VALUES (?, ?, 'invitee', ?, 'invited', ?)",
          {id, guest, who.account_id, now});
    }
    notify::Notifier::record(c, env_.clock,
                             {guest,
                              "consult.invited",
                              {{"doctor", person_name(c, room->doctor_id)},
                               {"patient", person_name(c, room->patient_id)}},
                              "/consult/" + id,
                              true},
                             env_.public_url);
    told.push_back(guest);
    auto e = room_event(who, client, "consult.invite", *room);
    e.detail = guest;
    audit::record(c, env_.clock, e);
    return room_json(c, *room, who.account_id, "doctor");
  });
  if (out) env_.notifier.push(told);
  return out;
}

core::Result<boost::json::object> Rooms::end(const identity::Principal& who, const std::string& id,
                                             int follow_up_days,
                                             const identity::ClientInfo& client) {
  if (follow_up_days < 0 || follow_up_days > kMaxFollowUpDays)
    return Error::field("follow_up_days", "field.out_of_range");
  std::vector<std::string> told;
  std::optional<queue::QueueEntry> ended_visit;
  auto out = env_.db.write([&](store::Connection& c) -> core::Result<boost::json::object> {
    told.clear();
    auto room = doctors_room(c, who, id);
    if (!room) return room.error();
    if (room->status == "ended") return Error::of(Errc::consultation_ended);
    const std::int64_t now = env_.clock.now();
    const std::int64_t until = now + static_cast<std::int64_t>(follow_up_days) * 86400;
    // Of two ends at once, only the first does anything (notices, completing the visit).
    if (c.execute("UPDATE consultations SET status = 'ended', ended_at = ?, ended_by = ?, "
                  "follow_up_until = ? WHERE id = ? AND status <> 'ended'",
                  {now, who.account_id, until, id}) != 1)
      return Error::of(Errc::consultation_ended);
    c.execute(
        "UPDATE consultation_participants SET state = 'left', left_at = ? WHERE "
        "consultation_id = ? AND state IN ('waiting', 'admitted')",
        {now, id});
    if (!room->appointment_id.empty())
      visit_step(booking_.complete_consultation(c, who, room->appointment_id, client), id);
    // A visit from the queue frees the doctor for the next patient.
    ended_visit.reset();
    if (!room->queue_entry_id.empty()) {
      auto done = queues_.complete_in(c, who, room->queue_entry_id, "completed", client);
      if (done)
        ended_visit = std::move(*done);
      else
        visit_step(core::Result<void>(done.error()), id);
    }
    // The patient, and a carer who took part for them.
    told =
        consent::who_may_be_told(c, room->patient_id, with_proxies(c, *room, {room->patient_id}));
    for (const auto& account : told)
      notify::Notifier::record(
          c, env_.clock,
          {account,
           "consult.ended",
           {{"doctor", person_name(c, room->doctor_id)}, {"until_when", until}},
           "/consult/" + id + "/summary",
           false,
           room->patient_id},
          env_.public_url);
    chart_consultation(c, id, now);
    auto e = room_event(who, client, "consult.end", *room);
    e.detail = "follow_up_days " + std::to_string(follow_up_days);
    audit::record(c, env_.clock, e);
    return room_json(c, *load_consultation(c, id), who.account_id, "doctor");
  });
  if (!out) return out;
  env_.rooms.end(id);
  env_.notifier.push(told);
  if (ended_visit) queues_.announce_completed(*ended_visit, "completed");
  return out;
}

core::Result<boost::json::object> Rooms::book_follow_up(const identity::Principal& who,
                                                        const std::string& id,
                                                        const std::string& slot_id,
                                                        const identity::ClientInfo& client) {
  auto room = env_.db.read(
      [&](store::Connection& c) -> core::Result<Consultation> { return doctors_room(c, who, id); });
  if (!room) return room.error();
  // One follow-up per visit (a second would be a double click, not a second plan).
  if (!room->follow_up_appointment_id.empty()) return Error::of(Errc::conflict);
  scheduling::BookingInput in;
  in.slot_id = slot_id;
  in.patient_id = room->patient_id;
  in.reason = "Follow-up";
  in.by_treating_doctor = true;
  in.treating_organisation_id = room->organisation_id;
  const auto booked = booking_.book(who, in, std::nullopt, "", client);
  if (!booked) return booked.error();
  const auto& appointment = booked->appointment;
  const std::string appointment_id(appointment.at("id").as_string());
  return env_.db.write([&](store::Connection& c) -> core::Result<boost::json::object> {
    if (c.execute("UPDATE consultations SET follow_up_appointment_id = ? WHERE id = ? AND "
                  "follow_up_appointment_id IS NULL",
                  {appointment_id, id}) != 1)
      core::log::warn("consult_second_follow_up",
                      {{"consultation", id}, {"appointment", appointment_id}});
    auto e = room_event(who, client, "consult.follow_up_booked", *room);
    e.detail = appointment_id;
    audit::record(c, env_.clock, e);
    return boost::json::object{
        {"appointment", appointment},
        {"room", room_json(c, *load_consultation(c, id), who.account_id, "doctor")}};
  });
}

void Rooms::carer_gone(const std::string& carer_id, const std::string& patient_id) {
  const auto rooms = env_.db.read([&](store::Connection& c) {
    std::vector<std::string> ids;
    for (const auto& r :
         c.query("SELECT id FROM consultations WHERE patient_id = ? AND status <> 'ended'",
                 {patient_id}))
      ids.push_back(r.text(0));
    return ids;
  });
  for (const auto& id : rooms) env_.rooms.expel(id, carer_id, "room.removed");
}

core::Result<boost::json::object> Rooms::rate(const identity::Principal& who, const std::string& id,
                                              int stars, const std::string& comment,
                                              const identity::ClientInfo& client) {
  if (stars < 1 || stars > 5) return Error::field("stars", "field.out_of_range");
  if (comment.size() > kMaxRatingComment) return Error::field("comment", "field.too_long");
  return env_.db.write([&](store::Connection& c) -> core::Result<boost::json::object> {
    auto s = seated_room(c, who.account_id, id);
    if (!s) return s.error();
    const auto* room = &s->room;
    if (s->member.seat != Seat::patient && s->member.seat != Seat::proxy)
      return Error::of(Errc::forbidden);
    if (room->status != "ended") return Error::of(Errc::invalid_transition);
    const std::int64_t now = env_.clock.now();
    c.execute(
        "INSERT INTO consultation_ratings (consultation_id, account_id, stars, comment, "
        "created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (consultation_id, account_id) DO UPDATE "
        "SET stars = excluded.stars, comment = excluded.comment, created_at = excluded.created_at",
        {id, who.account_id, stars, comment, now});
    audit::record(c, env_.clock, room_event(who, client, "consult.rate", *room));
    return boost::json::object{{"stars", stars}, {"comment", comment}, {"rated_at", now}};
  });
}

}  // namespace yq::consult
