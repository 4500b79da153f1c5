#pragma once
// Consultation rooms: opening one for an appointment or a queue visit, joining (a short-lived
// room token plus TURN credentials), the doctor admitting, inviting and removing people, leaving,
// ending with a follow-up period, booking the follow-up, and the patient's rating.
//
// Every change and every join is audited with the patient; every answer about a room the caller
// has no seat in is "not found".
#include <boost/json/object.hpp>

#include <optional>
#include <string>

#include "consult/consultation.hpp"
#include "consult/env.hpp"
#include "core/error.hpp"
#include "identity/principal.hpp"
#include "queue/queue.hpp"
#include "scheduling/booking/booking.hpp"

namespace yq::consult {

inline constexpr std::size_t kMaxInvitees = 2;

// What a redeemed room token grants one WebSocket.
struct RoomPass {
  std::string consultation_id;
  std::string seat;
  bool admitted = false;
  bool psych = false;
  boost::json::object name;
};

class Rooms {
 public:
  // Follows the booking: a room belongs to its appointment's doctor, also after a reschedule to
  // another doctor's slot (the room list finds a doctor's rooms by consultations.doctor_id).
  Rooms(Env& env, scheduling::Booking& booking, queue::QueueService& queues)
      : env_(env), booking_(booking), queues_(queues) {
    booking_.on_doctor_changed(&Rooms::follow_doctor);
  }
  static void follow_doctor(store::Connection& c, const std::string& appointment_id,
                            const std::string& doctor_id);

  core::Result<boost::json::object> open_for_appointment(const identity::Principal& who,
                                                         const std::string& appointment_id,
                                                         const identity::ClientInfo& client);
  core::Result<boost::json::object> open_for_queue_entry(const identity::Principal& who,
                                                         const std::string& entry_id,
                                                         const identity::ClientInfo& client);
  core::Result<boost::json::object> get(const identity::Principal& who, const std::string& id,
                                        const identity::ClientInfo& client);
  core::Result<boost::json::object> mine(const identity::Principal& who,
                                         const identity::ClientInfo& client);
  core::Result<boost::json::object> join(const identity::Principal& who, const std::string& id,
                                         const identity::ClientInfo& client);
  core::Result<boost::json::object> leave(const identity::Principal& who, const std::string& id,
                                          const identity::ClientInfo& client);
  core::Result<boost::json::object> admit(const identity::Principal& who, const std::string& id,
                                          const std::string& account_id,
                                          const identity::ClientInfo& client);
  core::Result<boost::json::object> remove(const identity::Principal& who, const std::string& id,
                                           const std::string& account_id,
                                           const identity::ClientInfo& client);
  core::Result<boost::json::object> invite(const identity::Principal& who, const std::string& id,
                                           const std::string& email,
                                           const identity::ClientInfo& client);
  core::Result<boost::json::object> end(const identity::Principal& who, const std::string& id,
                                        int follow_up_days, const identity::ClientInfo& client);
  core::Result<boost::json::object> book_follow_up(const identity::Principal& who,
                                                   const std::string& id,
                                                   const std::string& slot_id,
                                                   const identity::ClientInfo& client);
  core::Result<boost::json::object> rate(const identity::Principal& who, const std::string& id,
                                         int stars, const std::string& comment,
                                         const identity::ClientInfo& client);

  // The room a token opens for this account, when it is still valid and the account still has a
  // seat there (checked again now: a removal or an ended call since the token was issued counts).
  // A token opens the room once.
  std::optional<RoomPass> redeem(const std::string& token, const std::string& account_id);
  // Whether the account may still be in the call (checked again after a page entered the hub,
  // so a removal or an end that ran between the token check and the entry is not missed).
  bool still_in(const std::string& room_id, const std::string& account_id);
  // An active carer stopped being one: their pages leave every call of that patient.
  void carer_gone(const std::string& carer_id, const std::string& patient_id);

 private:
  core::Result<boost::json::object> open(const identity::Principal& who, bool for_appointment,
                                         const std::string& source_id,
                                         const identity::ClientInfo& client);

  Env& env_;
  scheduling::Booking& booking_;
  queue::QueueService& queues_;
};

// The room as its participants see it (participants with names and states, the caller's seat).
boost::json::object room_json(store::Connection& c, const Consultation& room,
                              const std::string& viewer, std::string_view seat);

}  // namespace yq::consult
