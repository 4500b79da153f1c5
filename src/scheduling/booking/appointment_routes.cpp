#include <boost/beast/http/field.hpp>

#include "core/crypto.hpp"
#include "core/ids.hpp"
#include "http/route_helpers.hpp"
#include "scheduling/booking/idempotency.hpp"
#include "scheduling/scheduling_routes.hpp"

namespace yq::scheduling {

namespace {

using core::JsonReader;
using http::Policy;
using http::Reply;
using http::RequestContext;

// The questionnaire is free text a person types on a phone: generous but bounded.
constexpr std::size_t kMaxReason = 500, kMaxSymptoms = 2000, kMaxAllergies = 1000;

std::optional<std::string> idempotency_header(const RequestContext& ctx, bool& bad) {
  const auto it = ctx.request.find("Idempotency-Key");
  if (it == ctx.request.end()) return std::nullopt;
  const std::string key(it->value());
  bad = !valid_idempotency_key(key);
  return key;
}

}  // namespace

void add_appointment_routes(http::Router& router, Booking& booking) {
  const Policy patients = Policy::roles_any({"patient"});
  const Policy involved = Policy::roles_any({"patient", "doctor", "org_admin"});

  router.add("POST", "/api/v1/appointments", patients,
             "Book a slot for myself or someone I manage, with the pre-consultation "
             "questionnaire; honours Idempotency-Key",
             [&](RequestContext& ctx) {
               bool bad_key = false;
               const auto key = idempotency_header(ctx, bad_key);
               if (bad_key)
                 return ctx.problem(core::Error::field("Idempotency-Key", "field.invalid"));
               return http::with_body(ctx, [&](JsonReader& r, const boost::json::object&) {
                 auto slot = r.text("slot_id", 26, true, 26);
                 auto patient = r.text("patient_id", 26, false);
                 auto reason = r.text("reason", kMaxReason, false);
                 auto symptoms = r.text("symptoms", kMaxSymptoms, false);
                 auto allergies = r.text("known_allergies", kMaxAllergies, false);
                 if (!r.ok()) return ctx.problem(r.error());
                 BookingInput in{*slot, patient.value_or(ctx.caller().account_id),
                                 reason.value_or(""), symptoms.value_or(""),
                                 allergies.value_or("")};
                 auto answer =
                     booking.book(ctx.caller(), in, key, core::sha256_hex(ctx.body()), ctx.client);
                 if (!answer) return ctx.problem(answer.error());
                 return Reply::json(answer->status, answer->appointment);
               });
             });

  router.add("GET", "/api/v1/appointments", patients,
             "My and my dependants' appointments: when=upcoming|past, patient, limit",
             [&](RequestContext& ctx) {
               const auto when = ctx.query("when").value_or("upcoming");
               if (when != "upcoming" && when != "past")
                 return ctx.problem(core::Error::field("when", "field.unknown_choice"));
               const auto limit = http::query_int(ctx, "limit", 1, kMaxAppointmentPage, 50);
               if (!limit) return ctx.problem(core::Error::field("limit", "field.out_of_range"));
               const auto patient = ctx.query("patient");
               if (patient && !core::looks_like_id(*patient))
                 return ctx.problem(core::Errc::not_found);
               return http::items_or_problem(
                   ctx, booking.mine(ctx.caller(), patient, when == "past", *limit, ctx.client));
             });

  router.add("GET", "/api/v1/appointments/{id}", involved,
             "One appointment (its patient or carer, its doctor, its organisation's admins)",
             [&](RequestContext& ctx) {
               return http::answer(ctx, booking.get(ctx.caller(), ctx.param("id"), ctx.client));
             });

  router.add("GET", "/api/v1/appointments/{id}/calendar.ics", involved,
             "One appointment as an iCalendar file", [&](RequestContext& ctx) {
               auto ics = booking.calendar(ctx.caller(), ctx.param("id"), ctx.client);
               if (!ics) return ctx.problem(ics.error());
               Reply reply{200, "text/calendar; charset=utf-8", std::move(*ics), {}};
               reply.headers.emplace_back("Content-Disposition",
                                          "attachment; filename=\"appointment.ics\"");
               reply.headers.emplace_back("Cache-Control", "no-store");
               return reply;
             });

  router.add("POST", "/api/v1/appointments/{id}/cancel", involved,
             "Cancel (patient or carer until an hour before; its doctor or organisation's "
             "admins); who and why are kept",
             [&](RequestContext& ctx) {
               return http::with_body(ctx, [&](JsonReader& r, const boost::json::object&) {
                 auto reason = r.text("reason", kMaxReason, false);
                 if (!r.ok()) return ctx.problem(r.error());
                 return http::answer(ctx, booking.cancel(ctx.caller(), ctx.param("id"),
                                                         reason.value_or(""), ctx.client));
               });
             });

  router.add("POST", "/api/v1/appointments/{id}/reschedule",
             Policy::roles_any({"patient", "org_admin"}),
             "Move to another free slot of the same service, atomically", [&](RequestContext& ctx) {
               return http::with_body(ctx, [&](JsonReader& r, const boost::json::object&) {
                 auto slot = r.text("slot_id", 26, true, 26);
                 if (!r.ok()) return ctx.problem(r.error());
                 return http::answer(
                     ctx, booking.reschedule(ctx.caller(), ctx.param("id"), *slot, ctx.client));
               });
             });

  router.add("POST", "/api/v1/appointments/{id}/status", Policy::roles_any({"doctor", "org_admin"}),
             "Check in, start, complete or mark a no-show (its doctor; check-in and no-show "
             "also its organisation's admins)",
             [&](RequestContext& ctx) {
               return http::with_body(ctx, [&](JsonReader& r, const boost::json::object&) {
                 auto status = r.choice(
                     "status", {"checked_in", "in_consultation", "completed", "no_show"}, true);
                 if (!r.ok()) return ctx.problem(r.error());
                 return http::answer(
                     ctx, booking.set_status(ctx.caller(), ctx.param("id"), *status, ctx.client));
               });
             });

  router.add("GET", "/api/v1/doctors/{id}/schedule", Policy::roles_any({"doctor", "org_admin"}),
             "A doctor's appointments on one day (day=YYYY-MM-DD, Hong Kong, default today; the "
             "doctor or their organisation's admins)",
             [&](RequestContext& ctx) {
               return http::answer(ctx,
                                   booking.day_schedule(ctx.caller(), ctx.param("id"),
                                                        ctx.query("day").value_or(""), ctx.client));
             });
}

}  // namespace yq::scheduling
