#include "consult/notes.hpp"

#include "consult/consultation.hpp"
#include "consult/rooms.hpp"
#include "core/ids.hpp"
#include "scheduling/booking/appointment_view.hpp"

namespace yq::consult {

namespace {

using core::Errc;
using core::Error;

struct Seated {
  Consultation room;
  Seat seat = Seat::none;
  bool took_part = false;  // admitted at some point
};

core::Result<Seated> seated(store::Connection& c, const identity::Principal& who,
                            const std::string& id) {
  auto s = seated_room(c, who.account_id, id);
  if (!s) return s.error();
  const bool took_part =
      c.query_one(
           "SELECT 1 FROM consultation_participants WHERE consultation_id = ? AND "
           "account_id = ? AND admitted_at IS NOT NULL",
           {id, who.account_id})
          .has_value();
  return Seated{std::move(s->room), s->member.seat, took_part};
}

// The doctor of the consultation: the only one who writes its note.
core::Result<Seated> author(store::Connection& c, const identity::Principal& who,
                            const std::string& id) {
  auto s = seated(c, who, id);
  if (!s) return s.error();
  if (s->seat != Seat::doctor) return Error::of(Errc::forbidden);
  return s;
}

audit::Event note_event(const identity::Principal& who, const identity::ClientInfo& client,
                        const char* action, const Consultation& room) {
  auto e = room_event(who, client, action, room);
  e.target_type = "clinical_note";
  e.target_id = room.id;
  return e;
}

}  // namespace

core::Result<boost::json::object> Notes::read(const identity::Principal& who, const std::string& id,
                                              const identity::ClientInfo& client) {
  return env_.db.write([&](store::Connection& c) -> core::Result<boost::json::object> {
    auto s = seated(c, who, id);
    if (!s) return s.error();
    std::optional<boost::json::object> note;
    // Drafts and every version are the treating doctor's; an invited colleague who took part reads
    // what was signed, as the patient does.
    const bool colleague = s->seat == Seat::invitee && s->took_part && who.has_role("doctor");
    if (s->seat == Seat::doctor)
      note = records::note_for_doctor(c, id);
    else if (s->seat == Seat::patient || s->seat == Seat::proxy || colleague)
      note = records::note_for_patient(c, id);
    else
      return Error::of(Errc::forbidden);
    audit::record(c, env_.clock, note_event(who, client, "note.read", s->room));
    if (!note) return boost::json::object{{"note", nullptr}};
    return boost::json::object{{"note", std::move(*note)}};
  });
}

core::Result<boost::json::object> Notes::save(const identity::Principal& who, const std::string& id,
                                              const records::NoteText& text,
                                              const identity::ClientInfo& client) {
  return env_.db.write([&](store::Connection& c) -> core::Result<boost::json::object> {
    auto s = author(c, who, id);
    if (!s) return s.error();
    if (auto bad = records::check_note(c, text)) return *bad;
    auto note =
        records::save_draft(c, {id, s->room.patient_id, who.account_id, s->room.organisation_id},
                            text, env_.clock.now());
    if (!note) return note.error();
    audit::record(c, env_.clock, note_event(who, client, "note.draft_saved", s->room));
    return boost::json::object{{"note", std::move(*note)}};
  });
}

core::Result<boost::json::object> Notes::sign(const identity::Principal& who, const std::string& id,
                                              const identity::ClientInfo& client) {
  return env_.db.write([&](store::Connection& c) -> core::Result<boost::json::object> {
    auto s = author(c, who, id);
    if (!s) return s.error();
    auto note = records::sign_note(c, id, who.account_id, env_.clock.now());
    if (!note) return note.error();
    chart_consultation(c, id, env_.clock.now());
    audit::record(c, env_.clock, note_event(who, client, "note.signed", s->room));
    return boost::json::object{{"note", std::move(*note)}};
  });
}

core::Result<boost::json::object> Notes::amend(const identity::Principal& who,
                                               const std::string& id, const records::NoteText& text,
                                               const std::string& reason,
                                               const identity::ClientInfo& client) {
  return env_.db.write([&](store::Connection& c) -> core::Result<boost::json::object> {
    auto s = author(c, who, id);
    if (!s) return s.error();
    if (auto bad = records::check_note(c, text)) return *bad;
    auto note = records::amend_note(c, id, who.account_id, text, reason, env_.clock.now());
    if (!note) return note.error();
    chart_consultation(c, id, env_.clock.now());
    audit::record(c, env_.clock, note_event(who, client, "note.amended", s->room));
    return boost::json::object{{"note", std::move(*note)}};
  });
}

core::Result<boost::json::object> Notes::summary(const identity::Principal& who,
                                                 const std::string& id,
                                                 const identity::ClientInfo& client) {
  return env_.db.write([&](store::Connection& c) -> core::Result<boost::json::object> {
    auto s = seated(c, who, id);
    if (!s) return s.error();
    if (s->seat == Seat::invitee) return Error::of(Errc::forbidden);
    auto note = records::note_for_patient(c, id);
    boost::json::value follow_up = nullptr;
    if (const auto next = scheduling::load_appointment(c, s->room.follow_up_appointment_id))
      follow_up = scheduling::appointment_json_for(c, who, *next);
    boost::json::value rating = nullptr;
    if (const auto r =
            c.query_one("SELECT stars, comment, created_at FROM consultation_ratings WHERE "
                        "consultation_id = ? AND account_id = ?",
                        {id, who.account_id}))
      rating = boost::json::object{
          {"stars", r->i64(0)}, {"comment", r->text(1)}, {"rated_at", r->i64(2)}};
    const std::int64_t now = env_.clock.now();
    const bool can_message =
        s->room.status != "ended" || (s->room.follow_up_until && now < *s->room.follow_up_until);
    auto room = room_json(c, s->room, who.account_id, seat_name(s->seat));
    audit::record(c, env_.clock, note_event(who, client, "consult.summary_read", s->room));
    return boost::json::object{
        {"room", std::move(room)},
        {"note", note ? boost::json::value(std::move(*note)) : boost::json::value(nullptr)},
        {"follow_up_appointment", std::move(follow_up)},
        {"rating", std::move(rating)},
        {"can_message", can_message}};
  });
}

boost::json::array Notes::diagnosis_codes(const std::string& q, std::int64_t limit) {
  return env_.db.read([&](store::Connection& c) { return records::search_diagnoses(c, q, limit); });
}

}  // namespace yq::consult
