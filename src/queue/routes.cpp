#include "queue/routes.hpp"

#include "core/ids.hpp"
#include "core/json_input.hpp"
#include "http/route_helpers.hpp"

namespace yq::queue {

namespace {

using http::answer;
using http::Policy;
using http::Reply;
using http::RequestContext;

}  // namespace

void add_queue_routes(http::Router& router, QueueService& q) {
  router.add("GET", "/api/v1/queues", Policy::everyone(),
             "Queues open for \"see a doctor now\", with length, doctors on duty, expected wait "
             "and the triage checklist",
             [&q](RequestContext& ctx) {
               const auto org = ctx.query("organisation");
               if (org && !core::looks_like_id(*org))
                 return ctx.problem(core::Error::field("organisation", "field.invalid"));
               return Reply::json(200, q.list_queues(org));
             });

  router.add(
      "POST", "/api/v1/queues/{service}/entries", Policy::roles_any({"patient"}),
      "Join a queue for oneself or a dependant, with the triage form", [&q](RequestContext& ctx) {
        const std::string service = ctx.param("service");
        if (!core::looks_like_id(service)) return ctx.problem(core::Errc::not_found);
        return http::with_body(ctx, [&](core::JsonReader& r, const boost::json::object& body) {
          const auto patient = r.text("patient_id", 26, false);
          if (patient && !core::looks_like_id(*patient)) r.fail("patient_id", "field.invalid");
          if (!r.ok()) return ctx.problem(r.error());
          const auto triage = read_triage(body);
          if (!triage) return ctx.problem(triage.error());
          return answer(ctx, q.join(ctx.caller(), service, patient, *triage, ctx.client), 201);
        });
      });

  router.add("GET", "/api/v1/queues/{service}/entries", Policy::roles_any({"doctor", "org_admin"}),
             "Who is waiting (in order) and being seen in a queue of the caller's organisation",
             [&q](RequestContext& ctx) {
               const std::string service = ctx.param("service");
               if (!core::looks_like_id(service)) return ctx.problem(core::Errc::not_found);
               const auto limit =
                   http::query_int(ctx, "limit", 1, kMaxQueuePage, kDefaultQueuePage);
               if (!limit) return ctx.problem(core::Error::field("limit", "field.out_of_range"));
               return answer(ctx, q.service_entries(ctx.caller(), service, *limit, ctx.client));
             });

  for (const bool on : {true, false}) {
    router.add(
        on ? "PUT" : "DELETE", "/api/v1/queues/{service}/duty", Policy::roles_any({"doctor"}),
        on ? "Go on duty for a queue of the doctor's organisation" : "Go off duty for a queue",
        [&q, on](RequestContext& ctx) {
          const std::string service = ctx.param("service");
          if (!core::looks_like_id(service)) return ctx.problem(core::Errc::not_found);
          return answer(ctx, q.set_duty(ctx.caller(), service, on, ctx.client));
        });
  }

  router.add("POST", "/api/v1/queues/{service}/next", Policy::roles_any({"doctor"}),
             "Take the next waiting patient (the doctor must be on duty and free)",
             [&q](RequestContext& ctx) {
               const std::string service = ctx.param("service");
               if (!core::looks_like_id(service)) return ctx.problem(core::Errc::not_found);
               return answer(ctx, q.take_next(ctx.caller(), service, ctx.client));
             });

  router.add("GET", "/api/v1/queue-entries", Policy::roles_any({"patient"}),
             "The caller's and their dependants' waiting or current queue entries",
             [&q](RequestContext& ctx) {
               return Reply::json(200, q.my_entries(ctx.caller(), ctx.client));
             });

  router.add("GET", "/api/v1/queue-entries/{id}",
             Policy::roles_any({"patient", "doctor", "org_admin"}),
             "One queue entry: the patient's own or a dependant's, or one in the caller's "
             "organisation",
             [&q](RequestContext& ctx) {
               const std::string id = ctx.param("id");
               if (!core::looks_like_id(id)) return ctx.problem(core::Errc::not_found);
               return answer(ctx, q.entry(ctx.caller(), id, ctx.client));
             });

  router.add("POST", "/api/v1/queue-entries/{id}/leave", Policy::roles_any({"patient"}),
             "Leave a queue (the patient or their carer)", [&q](RequestContext& ctx) {
               const std::string id = ctx.param("id");
               if (!core::looks_like_id(id)) return ctx.problem(core::Errc::not_found);
               return answer(ctx, q.leave(ctx.caller(), id, ctx.client));
             });

  router.add("POST", "/api/v1/queue-entries/{id}/complete", Policy::roles_any({"doctor"}),
             "End the consultation of the patient the doctor took", [&q](RequestContext& ctx) {
               const std::string id = ctx.param("id");
               if (!core::looks_like_id(id)) return ctx.problem(core::Errc::not_found);
               std::string outcome = "completed";
               if (!ctx.body().empty()) {
                 auto body = core::parse_json_object(ctx.body());
                 if (!body) return ctx.problem(body.error());
                 core::JsonReader r(*body);
                 const auto o = r.choice("outcome", {"completed", "no_show"}, false);
                 if (!r.ok()) return ctx.problem(r.error());
                 if (o) outcome = *o;
               }
               return answer(ctx, q.complete(ctx.caller(), id, outcome, ctx.client));
             });

  router.add("GET", "/api/v1/organisations/{org}/queues",
             Policy::roles_any({"doctor", "org_admin"}),
             "An organisation's queues: waiting and in-consultation counts, doctors on duty",
             [&q](RequestContext& ctx) {
               const std::string org = ctx.param("org");
               if (!core::looks_like_id(org)) return ctx.problem(core::Errc::not_found);
               return answer(ctx, q.organisation_queues(ctx.caller(), org));
             });

  router.add(
      "GET", "/api/v1/me/queue-duty", Policy::roles_any({"doctor"}),
      "The doctor's queue duties and the patient they are seeing",
      [&q](RequestContext& ctx) { return Reply::json(200, q.my_duty(ctx.caller(), ctx.client)); });
}

}  // namespace yq::queue
