#include "scheduling/booking/booking.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "consent/consent.hpp"
#include "core/ids.hpp"
#include "identity/roles.hpp"
#include "notify/notifier.hpp"
#include "notify/reminders.hpp"
#include "scheduling/booking/appointment_view.hpp"
#include "scheduling/booking/idempotency.hpp"
#include "scheduling/booking/notices.hpp"
#include "scheduling/scope.hpp"

namespace yq::scheduling {

namespace {

using core::Errc;
using core::Error;

constexpr std::string_view kBookScope = "POST /api/v1/appointments";

struct OpenSlot {
  std::string doctor_id, service_id, organisation_id;
  std::int64_t starts_at = 0, ends_at = 0;
};

// The slot when it can be booked now, locked against concurrent bookers and withdrawals until
// the transaction ends; else the reason it cannot.
core::Result<OpenSlot> claim_slot(store::Connection& c, const std::string& slot_id,
                                  std::int64_t now) {
  if (!core::looks_like_id(slot_id)) return Error::of(Errc::slot_unavailable);
  if (c.execute("UPDATE slots SET status = status WHERE id = ? AND status = 'open' AND "
                "starts_at > ?",
                {slot_id, now}) == 0)
    return Error::of(Errc::slot_unavailable);
  const auto s = c.query_one(
      "SELECT s.doctor_id, s.service_id, s.organisation_id, s.starts_at, s.ends_at FROM slots s "
      "JOIN services v ON v.id = s.service_id WHERE s.id = ? AND v.active = 1",
      {slot_id});
  if (!s) return Error::of(Errc::slot_unavailable);
  // A doctor who no longer works there as a doctor sees nobody there: their slots are not
  // bookable (the horizon job withdraws them).
  if (!identity::holds_role(c, s->text(0), "doctor", s->text(2)))
    return Error::of(Errc::slot_unavailable);
  // Seen after the lock, so a booking committed by whoever held it is visible here.
  if (c.query_one("SELECT 1 FROM appointments WHERE slot_id = ? AND status <> 'cancelled'",
                  {slot_id}))
    return Error::of(Errc::slot_taken);
  return OpenSlot{s->text(0), s->text(1), s->text(2), s->i64(3), s->i64(4)};
}

bool within_patient_window(const AppointmentRow& a, Reach reach, std::int64_t now) {
  if (reach != Reach::patient_side || a.needs_rebooking) return true;
  return now < a.starts_at - kPatientChangeCutoffSeconds;
}

std::optional<BookingAnswer> replay(store::Database& db, const identity::Principal& who,
                                    const std::string& key, const std::string& body_hash,
                                    core::Error& mismatch, bool& mismatched) {
  const auto prior = db.read(
      [&](store::Connection& c) { return find_answer(c, who.account_id, kBookScope, key); });
  if (!prior) return std::nullopt;
  if (prior->request_hash != body_hash) {
    mismatched = true;
    mismatch = Error::of(Errc::idempotency_mismatch);
    return std::nullopt;
  }
  auto body = boost::json::parse(prior->body);
  return BookingAnswer{prior->status, std::move(body.as_object())};
}

}  // namespace

core::Result<BookingAnswer> Booking::book(const identity::Principal& who, const BookingInput& in,
                                          const std::optional<std::string>& key,
                                          const std::string& body_hash,
                                          const identity::ClientInfo& client) {
  core::Error mismatch;
  bool mismatched = false;
  // Asked before a replay too: a stored answer is given only to someone who may still book for
  // the patient (a carer revoked since gets what a fresh request would).
  const auto may_book = [&](store::Connection& c) {
    return core::looks_like_id(in.patient_id) &&
           (in.by_treating_doctor || consent::may_act_for(c, who.account_id, in.patient_id));
  };
  if (key) {
    if (!env_.db.read(may_book)) return Error::field("patient_id", "field.not_bookable");
    if (auto again = replay(env_.db, who, *key, body_hash, mismatch, mismatched)) return *again;
    if (mismatched) return mismatch;
  }
  std::vector<std::string> told;
  try {
    auto r = env_.db.write([&](store::Connection& c) -> core::Result<BookingAnswer> {
      told.clear();
      if (!may_book(c)) return Error::field("patient_id", "field.not_bookable");
      const std::int64_t now = env_.clock.now();
      // A clinic's limit on upcoming bookings per patient, so one account cannot hold a doctor's
      // week (a follow-up the treating doctor books counts too).
      const auto upcoming = c.query_one(
          "SELECT COUNT(*) FROM appointments WHERE patient_id = ? AND status IN ('booked', "
          "'checked_in') AND starts_at > ?",
          {in.patient_id, now});
      if (upcoming->i64(0) >= env_.max_future_bookings) return Error::of(Errc::too_many_bookings);
      auto slot = claim_slot(c, in.slot_id, now);
      if (!slot) return slot.error();
      if (in.by_treating_doctor && (slot->doctor_id != who.account_id ||
                                    slot->organisation_id != in.treating_organisation_id))
        return Error::of(Errc::slot_unavailable);
      const std::string id = core::new_id();
      c.execute(
          "INSERT INTO appointments (id, slot_id, patient_id, booked_by, doctor_id, service_id, "
          "organisation_id, starts_at, ends_at, status, reason, symptoms, known_allergies, "
          "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'booked', ?, ?, ?, ?, ?)",
          {id, in.slot_id, in.patient_id, who.account_id, slot->doctor_id, slot->service_id,
           slot->organisation_id, slot->starts_at, slot->ends_at, in.reason, in.symptoms,
           in.known_allergies, now, now});
      notify::schedule_reminders(c, id, slot->starts_at, now);
      const auto a = *load_appointment(c, id);
      tell(c, env_, a, "appointment.booked", true, told);
      BookingAnswer answer{201, appointment_json_for(c, who, a)};
      if (key)
        remember_answer(
            c, who.account_id, kBookScope, *key,
            StoredAnswer{body_hash, answer.status, boost::json::serialize(answer.appointment)},
            now);
      // Last: the audit chain's head is one row every audited write updates, so on PostgreSQL
      // its lock is held from here to the commit; earlier, bookings would queue behind each
      // other's remaining statements too.
      audit::record(c, env_.clock, appointment_event(who, client, "appointment.booked", a));
      return answer;
    });
    if (r) env_.notifier.push(told);
    return r;
  } catch (const store::DbError& e) {
    if (e.code() != store::DbErrc::unique_violation) throw;
    // Lost a race: for the slot (someone else's booking) or for the key (our own retry).
    if (key) {
      if (auto again = replay(env_.db, who, *key, body_hash, mismatch, mismatched)) return *again;
      if (mismatched) return mismatch;
    }
    return Error::of(Errc::slot_taken);
  }
}

core::Result<boost::json::object> Booking::cancel(const identity::Principal& who,
                                                  const std::string& id, const std::string& reason,
                                                  const identity::ClientInfo& client) {
  std::vector<std::string> told;
  auto r = env_.db.write([&](store::Connection& c) -> core::Result<boost::json::object> {
    told.clear();
    const auto a = load_appointment(c, id);
    if (!a) return Error::of(Errc::not_found);
    const Reach reach = reach_of(c, who, *a);
    if (reach == Reach::none) return Error::of(Errc::not_found);
    const std::int64_t now = env_.clock.now();
    if (a->status != "booked" && a->status != "checked_in")
      return Error::of(Errc::invalid_transition);
    if (!within_patient_window(*a, reach, now)) return Error::of(Errc::change_window_closed);
    if (c.execute("UPDATE appointments SET status = 'cancelled', cancelled_by = ?, "
                  "cancel_reason = ?, cancelled_at = ?, updated_at = ? "
                  "WHERE id = ? AND status IN ('booked', 'checked_in')",
                  {who.account_id, reason, now, now, id}) == 0)
      return Error::of(Errc::invalid_transition);
    notify::cancel_reminders(c, id, now);
    tell(c, env_, *a, "appointment.cancelled", true, told);
    auto e = appointment_event(who, client, "appointment.cancelled", *a);
    e.detail = "by " + who.primary_role();
    audit::record(c, env_.clock, e);
    return appointment_json_for(c, who, *a);
  });
  if (r) env_.notifier.push(told);
  return r;
}

core::Result<boost::json::object> Booking::reschedule(const identity::Principal& who,
                                                      const std::string& id,
                                                      const std::string& new_slot_id,
                                                      const identity::ClientInfo& client) {
  std::vector<std::string> told;
  try {
    auto r = env_.db.write([&](store::Connection& c) -> core::Result<boost::json::object> {
      told.clear();
      const auto a = load_appointment(c, id);
      if (!a) return Error::of(Errc::not_found);
      const Reach reach = reach_of(c, who, *a);
      if (reach == Reach::none) return Error::of(Errc::not_found);
      if (reach == Reach::doctor) return Error::of(Errc::forbidden);
      const std::int64_t now = env_.clock.now();
      if (a->status != "booked") return Error::of(Errc::invalid_transition);
      if (!within_patient_window(*a, reach, now)) return Error::of(Errc::change_window_closed);
      if (new_slot_id == a->slot_id) return Error::of(Errc::slot_unavailable);
      auto slot = claim_slot(c, new_slot_id, now);
      if (!slot) return slot.error();
      if (slot->service_id != a->service_id) return Error::field("slot_id", "field.invalid");
      // One statement moves the booking: the unique index sees the new slot taken and the old
      // one free at the same instant.
      if (c.execute("UPDATE appointments SET slot_id = ?, doctor_id = ?, starts_at = ?, "
                    "ends_at = ?, rescheduled_from = ?, needs_rebooking = 0, updated_at = ? "
                    "WHERE id = ? AND status = 'booked' AND slot_id = ?",
                    {new_slot_id, slot->doctor_id, slot->starts_at, slot->ends_at, a->slot_id, now,
                     id, a->slot_id}) == 0)
        return Error::of(Errc::invalid_transition);
      notify::schedule_reminders(c, id, slot->starts_at, now);
      const auto moved = *load_appointment(c, id);
      tell(c, env_, moved, "appointment.rescheduled", true, told);
      if (a->doctor_id != moved.doctor_id) {
        tell_doctor(c, env_, *a, "appointment.cancelled", told);
        for (const auto& listener : doctor_changed_) listener(c, id, moved.doctor_id);
      }
      auto e = appointment_event(who, client, "appointment.rescheduled", moved);
      e.detail = "from slot " + a->slot_id;
      audit::record(c, env_.clock, e);
      return appointment_json_for(c, who, moved);
    });
    if (r) env_.notifier.push(told);
    return r;
  } catch (const store::DbError& e) {
    if (e.code() != store::DbErrc::unique_violation) throw;
    return Error::of(Errc::slot_taken);
  }
}

}  // namespace yq::scheduling
