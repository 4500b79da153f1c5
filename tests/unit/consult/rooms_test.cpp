// Consultation rooms on each engine: who opens one, the waiting room and admission, and the end,
// with what the appointment or queue visit then says and what the audit trail records.
#include <gtest/gtest.h>

#include "unit/consult/fixture.hpp"

namespace yq::consult {
namespace {

using core::Errc;
using testing::ConsultTest;

std::string seat_of(const core::Result<boost::json::object>& room) {
  return std::string(room->at("me").at("seat").as_string());
}

TEST_P(ConsultTest, OnlyThePatientAndTheDoctorOpenTheRoomAndBothFindTheSameOne) {
  const auto mine = consult_->rooms.open_for_appointment(patient(), appointment_, client_);
  ASSERT_TRUE(mine);
  EXPECT_EQ(mine->at("status").as_string(), "open");
  EXPECT_EQ(seat_of(mine), "patient");
  EXPECT_EQ(mine->at("media").as_string(), "video");
  EXPECT_EQ(mine->at("service").at("en").as_string(), "General practice");
  EXPECT_EQ(mine->at("organisation").at("zh-Hant").as_string(), "海港診所");
  EXPECT_EQ(mine->at("patient").at("name").at("en").as_string(), "Mei Ling");
  EXPECT_NE(std::string(mine->at("doctor").at("name").at("en").as_string()).find("Chan"),
            std::string::npos);

  const auto theirs = consult_->rooms.open_for_appointment(doctor(), appointment_, client_);
  ASSERT_TRUE(theirs);
  EXPECT_EQ(theirs->at("id"), mine->at("id"));
  EXPECT_EQ(seat_of(theirs), "doctor");

  const std::string room(mine->at("id").as_string());
  for (const auto& who : {stranger(), doctor2()}) {
    EXPECT_EQ(consult_->rooms.open_for_appointment(who, appointment_, client_).error().code,
              Errc::not_found);
    EXPECT_EQ(consult_->rooms.get(who, room, client_).error().code, Errc::not_found);
  }
  EXPECT_EQ(audited("consult.open", room).size(), 1u);
}

TEST_P(ConsultTest, AdmittingThePatientStartsTheVisitAndEndingItCompletesIt) {
  const std::string room = open_room();
  const auto joined = consult_->rooms.join(patient(), room, client_);
  ASSERT_TRUE(joined);
  EXPECT_EQ(joined->at("room").at("me").at("state").as_string(), "waiting");
  EXPECT_EQ(appointment_status(appointment_), "booked") << "waiting is not yet the consultation";

  // Only the doctor runs the room.
  EXPECT_EQ(consult_->rooms.admit(patient(), room, patient_, client_).error().code,
            Errc::forbidden);
  const auto admitted = consult_->rooms.admit(doctor(), room, patient_, client_);
  ASSERT_TRUE(admitted);
  EXPECT_EQ(admitted->at("status").as_string(), "live");
  EXPECT_EQ(appointment_status(appointment_), "in_consultation");
  EXPECT_EQ(audited("appointment.status", appointment_),
            (std::vector<std::string>{"booked -> in_consultation"}));
  EXPECT_EQ(audited("consult.admit", room).size(), 1u);

  const auto ended = consult_->rooms.end(doctor(), room, 3, client_);
  ASSERT_TRUE(ended);
  EXPECT_EQ(ended->at("status").as_string(), "ended");
  EXPECT_EQ(ended->at("follow_up_until").as_int64(), clock_.now() + 3 * 86400);
  EXPECT_EQ(appointment_status(appointment_), "completed");
  EXPECT_EQ(
      audited("appointment.status", appointment_),
      (std::vector<std::string>{"booked -> in_consultation", "in_consultation -> completed"}));
  EXPECT_EQ(audited("consult.end", room), (std::vector<std::string>{"follow_up_days 3"}));
  EXPECT_EQ(count("SELECT COUNT(*) FROM notifications WHERE account_id = ? AND kind = "
                  "'consult.ended'",
                  {patient_}),
            1);
  // Over: nobody joins again, and a second end changes nothing.
  EXPECT_EQ(consult_->rooms.join(patient(), room, client_).error().code, Errc::consultation_ended);
  EXPECT_EQ(consult_->rooms.end(doctor(), room, 0, client_).error().code, Errc::consultation_ended);
  EXPECT_EQ(audited("appointment.status", appointment_).size(), 2u);
}

TEST_P(ConsultTest, ARoomEndedBeforeAdmissionStillTakesTheAppointmentThroughTheConsultation) {
  const std::string room = open_room();
  ASSERT_TRUE(consult_->rooms.end(doctor(), room, 0, client_));
  EXPECT_EQ(appointment_status(appointment_), "completed");
  EXPECT_EQ(
      audited("appointment.status", appointment_),
      (std::vector<std::string>{"booked -> in_consultation", "in_consultation -> completed"}));
}

TEST_P(ConsultTest, ACancelledAppointmentClosesItsRoomAndStaysCancelled) {
  const std::string room = open_room();
  ASSERT_TRUE(scheduling_->booking.cancel(doctor(), appointment_, "clinic closed", client_));
  EXPECT_EQ(consult_->rooms.join(patient(), room, client_).error().code, Errc::room_closed);
  ASSERT_TRUE(consult_->rooms.end(doctor(), room, 0, client_));
  EXPECT_EQ(appointment_status(appointment_), "cancelled");
  EXPECT_TRUE(audited("appointment.status", appointment_).empty());
}

TEST_P(ConsultTest, TheRoomOpensTenMinutesBeforeTheAppointment) {
  const std::string later = add_appointment(clock_.now() + 3600);
  const auto room = consult_->rooms.open_for_appointment(patient(), later, client_);
  ASSERT_TRUE(room);
  const std::string id(room->at("id").as_string());
  EXPECT_EQ(consult_->rooms.join(patient(), id, client_).error().code, Errc::room_closed);
  clock_.advance(3600 - kOpensBeforeSeconds);
  EXPECT_TRUE(consult_->rooms.join(patient(), id, client_));
}

TEST_P(ConsultTest, ARescheduleToAnotherDoctorMovesTheRoomWithIt) {
  const std::string room = open_room();
  const std::string later_slot = core::new_id();
  const std::int64_t later = clock_.now() + 3600;
  const std::string admin = db_->write([&](store::Connection& c) {
    c.execute(
        "INSERT INTO slots (id, doctor_id, service_id, organisation_id, starts_at, ends_at, "
        "source, source_id, created_at) VALUES (?, ?, ?, ?, ?, ?, 'session', 'test', 0)",
        {later_slot, doctor2_, service_, org_, later, later + 900});
    return add_account(c, "Admin", "org_admin", org_);
  });
  // The clinic moves the booking to the other doctor's slot (the patient's own window is shut).
  ASSERT_TRUE(scheduling_->booking.reschedule(as(admin, "org_admin", org_), appointment_,
                                              later_slot, client_));
  EXPECT_EQ(consult_->rooms.get(doctor(), room, client_).error().code, Errc::not_found);
  EXPECT_EQ(seat_of(consult_->rooms.get(doctor2(), room, client_)), "doctor");
  const auto listed_ids = [&](const identity::Principal& who) {
    std::vector<std::string> ids;
    const auto listed = consult_->rooms.mine(who, client_);
    EXPECT_TRUE(listed);
    if (!listed) return ids;
    for (const auto& item : listed->at("items").as_array())
      ids.emplace_back(item.at("id").as_string());
    return ids;
  };
  EXPECT_EQ(listed_ids(doctor2()), std::vector<std::string>{room});
  EXPECT_TRUE(listed_ids(doctor()).empty());
  // Still the new doctor's once the appointment is off (the list reads the room's own doctor).
  ASSERT_TRUE(scheduling_->booking.cancel(doctor2(), appointment_, "patient unwell", client_));
  EXPECT_EQ(listed_ids(doctor2()), std::vector<std::string>{room});
  EXPECT_TRUE(listed_ids(doctor()).empty());
}

TEST_P(ConsultTest, TheAppointmentsDoctorMovesItsStatusAlsoWhenTheyCareForThePatient) {
  // A doctor seeing their own child: reach_of answers the patient side first, but moving the
  // visit's status is the doctor's.
  db_->write([&](store::Connection& c) {
    c.execute(
        "INSERT INTO account_roles (account_id, role, organisation_id, granted_at) VALUES (?, "
        "'patient', '', 0)",
        {doctor_});
    c.execute(
        "INSERT INTO dependants (carer_id, patient_id, relationship, status, created_at, "
        "granted_at) VALUES (?, ?, 'child', 'active', 0, 0)",
        {doctor_, patient_});
  });
  identity::Principal parent_doctor = doctor();
  parent_doctor.roles.push_back({"patient", ""});
  const std::string room = open_room();
  ASSERT_TRUE(consult_->rooms.end(parent_doctor, room, 0, client_));
  EXPECT_EQ(appointment_status(appointment_), "completed");
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_events WHERE action = 'appointment.status' AND "
                  "target_id = ? AND on_behalf_of = ''",
                  {appointment_}),
            2)
      << "audited as the doctor's steps, not as acting for the patient";
}

TEST_P(ConsultTest, AGuestIsInvitedByTheAddressOfAnActiveAccount) {
  const std::string room = open_room();
  const auto unknown = consult_->rooms.invite(doctor(), room, "nobody@example.hk", client_);
  ASSERT_FALSE(unknown);
  ASSERT_EQ(unknown.error().fields.size(), 1u);
  EXPECT_EQ(unknown.error().fields[0].field, "email");
  const auto invited = consult_->rooms.invite(doctor(), room, email_of("Guest", guest_), client_);
  ASSERT_TRUE(invited);
  EXPECT_EQ(count("SELECT COUNT(*) FROM notifications WHERE account_id = ? AND kind = "
                  "'consult.invited'",
                  {guest_}),
            1);
  EXPECT_EQ(seat_of(consult_->rooms.get(guest(), room, client_)), "invitee");
  // Not twice.
  EXPECT_FALSE(consult_->rooms.invite(doctor(), room, email_of("Guest", guest_), client_));
}

TEST_P(ConsultTest, AQueueVisitHasARoomOnceTakenAndEndingItCompletesTheVisit) {
  const auto entry = queues_->join(patient(), service_, std::nullopt,
                                   queue::Triage{{"cough"}, "dry cough"}, client_);
  ASSERT_TRUE(entry);
  const std::string entry_id(entry->at("id").as_string());
  EXPECT_EQ(consult_->rooms.open_for_queue_entry(patient(), entry_id, client_).error().code,
            Errc::room_closed)
      << "still waiting";
  ASSERT_TRUE(queues_->set_duty(doctor(), service_, true, client_));
  ASSERT_TRUE(queues_->take_next(doctor(), service_, client_));
  const auto room = consult_->rooms.open_for_queue_entry(patient(), entry_id, client_);
  ASSERT_TRUE(room);
  EXPECT_EQ(room->at("queue_entry_id").as_string(), entry_id);
  EXPECT_EQ(consult_->rooms.open_for_queue_entry(stranger(), entry_id, client_).error().code,
            Errc::not_found);
  const std::string id(room->at("id").as_string());
  ASSERT_TRUE(consult_->rooms.join(patient(), id, client_));

  ASSERT_TRUE(consult_->rooms.end(doctor(), id, 0, client_));
  EXPECT_EQ(queues_->entry(patient(), entry_id, client_)->at("status").as_string(), "completed");
  EXPECT_EQ(audited("queue.complete", entry_id).size(), 1u);
  // The doctor is free for the next patient.
  EXPECT_TRUE(queues_->my_duty(doctor(), client_).at("current").is_null());
}

YQ_INSTANTIATE_ON_ALL_BACKENDS(ConsultTest);

}  // namespace
}  // namespace yq::consult
