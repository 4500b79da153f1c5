#include "http/route_helpers.hpp"
#include "scheduling/scheduling_routes.hpp"

namespace yq::scheduling {

namespace {

using core::JsonReader;
using http::Policy;
using http::Reply;
using http::RequestContext;

Reply done(RequestContext& ctx, const core::Result<void>& r) {
  if (!r) return ctx.problem(r.error());
  return Reply::no_content();
}

}  // namespace

void add_dependant_routes(http::Router& router, Dependants& deps) {
  const Policy patients = Policy::roles_any({"patient"});
  router.add("GET", "/api/v1/dependants", patients,
             "People I manage (children, adults who granted me carer access) and my carers",
             [&](RequestContext& ctx) {
               return Reply::json(200, deps.overview(ctx.caller(), ctx.client));
             });

  router.add(
      "POST", "/api/v1/dependants/children", patients,
      "Add a child under 16 (an account that cannot sign in, managed by me)",
      [&](RequestContext& ctx) {
        return http::with_body(ctx, [&](JsonReader& r, const boost::json::object&) {
          auto name = r.text("display_name", 100, true, 1);
          auto born = r.text("date_of_birth", 10, true, 10);
          auto sex = r.choice("sex", {"female", "male", "other"}, false);
          if (!r.ok()) return ctx.problem(r.error());
          return http::answer(
              ctx,
              deps.add_child(ctx.caller(), ChildInput{*name, *born, sex.value_or("")}, ctx.client),
              201);
        });
      });

  router.add(
      "POST", "/api/v1/dependants/requests", patients,
      "Ask an adult patient (by e-mail) for carer access; answered 202 whether or not "
      "the address is known",
      [&](RequestContext& ctx) {
        return http::with_body(ctx, [&](JsonReader& r, const boost::json::object&) {
          auto email = r.email("email", true);
          auto relation = r.choice("relationship", {"parent", "spouse", "relative", "other"}, true);
          if (!r.ok()) return ctx.problem(r.error());
          const auto asked = deps.request_carer_access(ctx.caller(), *email, *relation, ctx.client);
          if (!asked) return ctx.problem(asked.error());
          return Reply{202, "", "", {}};
        });
      });

  router.add("DELETE", "/api/v1/dependants/requests/{request}", patients,
             "Withdraw a carer request I made", [&](RequestContext& ctx) {
               return done(ctx,
                           deps.withdraw_request(ctx.caller(), ctx.param("request"), ctx.client));
             });

  router.add("DELETE", "/api/v1/dependants/{patient}", patients,
             "Stop managing an adult who granted me carer access", [&](RequestContext& ctx) {
               return done(ctx, deps.stop_caring(ctx.caller(), ctx.param("patient"), ctx.client));
             });

  router.add("POST", "/api/v1/carers/{carer}/accept", patients, "Accept a pending carer request",
             [&](RequestContext& ctx) {
               return http::answer(
                   ctx, deps.respond(ctx.caller(), ctx.param("carer"), true, ctx.client));
             });
  router.add("POST", "/api/v1/carers/{carer}/decline", patients, "Decline a pending carer request",
             [&](RequestContext& ctx) {
               return http::answer(
                   ctx, deps.respond(ctx.caller(), ctx.param("carer"), false, ctx.client));
             });
  router.add("DELETE", "/api/v1/carers/{carer}", patients, "Revoke a carer's access",
             [&](RequestContext& ctx) {
               return done(ctx, deps.revoke_carer(ctx.caller(), ctx.param("carer"), ctx.client));
             });
}

}  // namespace yq::scheduling
