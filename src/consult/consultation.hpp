#pragma once
// A consultation room as stored, and who may be in it. Membership is worked out afresh on every
// request from the appointment (patient, the doctor), the carer relationship (a proxy loses the
// room the moment the patient revokes them) and the doctor's invitations; a removed participant
// stays out. Anyone else gets "not found", so a room id never confirms that a visit exists.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <boost/json/object.hpp>

#include "audit/audit_log.hpp"
#include "core/error.hpp"
#include "identity/principal.hpp"
#include "store/database.hpp"

namespace yq::consult {

// Joining opens this long before the appointment and closes this long after its end (clinics run
// late); a room the doctor has started stays open until they end it.
inline constexpr std::int64_t kOpensBeforeSeconds = 10 * 60;
inline constexpr std::int64_t kClosesAfterSeconds = 30 * 60;
// A queue visit is open from the moment the doctor takes the patient.
inline constexpr std::int64_t kQueueRoomSeconds = 4 * 3600;
// A mesh of browsers: each sends its video to every other, so four is the most a phone carries.
// A larger room would put an SFU (Janus) behind the same signaling (docs/architecture.md).
inline constexpr int kMaxParticipants = 4;
inline constexpr int kMaxFollowUpDays = 30;
inline constexpr int kDefaultFollowUpDays = 7;

struct Consultation {
  std::string id;
  std::string appointment_id;  // one of these two
  std::string queue_entry_id;
  std::string patient_id, doctor_id, organisation_id, service_id;
  std::string media;  // video | voice
  bool psych = false;
  std::int64_t opens_at = 0, closes_at = 0;
  std::string status;  // open | live | ended
  std::optional<std::int64_t> started_at, ended_at, follow_up_until;
  std::string follow_up_appointment_id;
  // The appointment is still on (booked, checked in, in consultation) or the queue visit still
  // taken. The doctor and times above come from the appointment as it is now, so a reschedule to
  // another doctor or time moves the room with it.
  bool visit_on = false;
};

std::optional<Consultation> load_consultation(store::Connection& c, const std::string& id);
// The consultation in the patient's shared record: its Encounter and signed note, brought up to
// date (records/consultation_record.hpp). Called when the room ends and the note is signed.
void chart_consultation(store::Connection& c, const std::string& id, std::int64_t now);

enum class Seat { none, patient, proxy, doctor, invitee };
std::string_view seat_name(Seat s);

struct Membership {
  Seat seat = Seat::none;
  std::string state;  // the participant row's state, "" before they first joined
  std::optional<std::int64_t> admitted_at;  // a guest's first admission: what they may read from
};

Membership membership_of(store::Connection& c, const std::string& account_id,
                         const Consultation& room);

struct SeatedRoom {
  Consultation room;
  Membership member;
};

// The room with the account's seat in it; not_found when there is no such room or no seat (an
// id that is not even id-shaped included).
// `accounts` and then the carers who have taken part in the room for the patient (not removed),
// without asking whether they still may: callers ask consent (who_may_be_told) at sending.
std::vector<std::string> with_proxies(store::Connection& c, const Consultation& room,
                                      std::vector<std::string> accounts);

core::Result<SeatedRoom> seated_room(store::Connection& c, const std::string& account_id,
                                     const std::string& id);

// Gives an entitled account its participant row ('absent') if it has none yet.
void ensure_participant(store::Connection& c, const std::string& room_id,
                        const std::string& account_id, Seat seat, std::int64_t now);

// Whether the room can be joined now: not ended, the visit still on, and inside its window (or
// already live).
bool joinable(const Consultation& room, std::int64_t now);

// An audit event about the room, naming the patient whose visit it is.
audit::Event room_event(const identity::Principal& who, const identity::ClientInfo& client,
                        std::string action, const Consultation& room);

// Display name of an account (doctors with their title, per language).
boost::json::object person_name(store::Connection& c, const std::string& account_id);

}  // namespace yq::consult
