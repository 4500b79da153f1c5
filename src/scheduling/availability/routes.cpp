#include "http/route_helpers.hpp"
#include "scheduling/scheduling_routes.hpp"

namespace yq::scheduling {

namespace {

using core::JsonReader;
using http::Policy;
using http::RequestContext;

// UTC seconds between 2000 and 2200: enough for any schedule, and no overflow in arithmetic.
constexpr std::int64_t kMinTime = 946'684'800, kMaxTime = 7'258'118'400;

}  // namespace

void add_availability_routes(http::Router& router, Availability& av) {
  const Policy admins = Policy::roles_any({"org_admin", "platform_admin"});

  router.add("GET", "/api/v1/doctors/{id}/availability",
             Policy::roles_any({"doctor", "org_admin", "platform_admin"}),
             "A doctor's weekly templates, leave and one-off sessions (the doctor or their "
             "organisation's admins)",
             [&](RequestContext& ctx) {
               return http::answer(ctx, av.overview(ctx.caller(), ctx.param("id")));
             });

  router.add("POST", "/api/v1/doctors/{id}/templates", admins,
             "Add a weekly availability template (Hong Kong local minutes); slots follow",
             [&](RequestContext& ctx) {
               return http::with_body(ctx, [&](JsonReader& r, const boost::json::object&) {
                 auto service = r.text("service_id", 26, true, 26);
                 auto weekday = r.integer("weekday", 1, 7, true);
                 auto start = r.integer("start_minute", 0, 1439, true);
                 auto end = r.integer("end_minute", 1, 1440, true);
                 auto from = r.text("valid_from", 10, false);
                 auto until = r.text("valid_until", 10, false);
                 if (!r.ok()) return ctx.problem(r.error());
                 TemplateInput in{*service,
                                  static_cast<int>(*weekday),
                                  static_cast<int>(*start),
                                  static_cast<int>(*end),
                                  from.value_or(""),
                                  until.value_or("")};
                 return http::answer(
                     ctx, av.add_template(ctx.caller(), ctx.param("id"), in, ctx.client), 201);
               });
             });
  router.add("DELETE", "/api/v1/templates/{id}", admins,
             "Remove a weekly template; its future free slots go, booked ones are flagged for "
             "rebooking",
             [&](RequestContext& ctx) {
               return http::answer(ctx,
                                   av.remove_template(ctx.caller(), ctx.param("id"), ctx.client));
             });

  router.add(
      "POST", "/api/v1/doctors/{id}/exceptions", admins,
      "Add leave (UTC seconds); slots inside it are withdrawn", [&](RequestContext& ctx) {
        return http::with_body(ctx, [&](JsonReader& r, const boost::json::object&) {
          auto starts = r.integer("starts_at", kMinTime, kMaxTime, true);
          auto ends = r.integer("ends_at", kMinTime, kMaxTime, true);
          auto reason = r.text("reason", 200, false);
          if (!r.ok()) return ctx.problem(r.error());
          return http::answer(
              ctx,
              av.add_exception(ctx.caller(), ctx.param("id"),
                               ExceptionInput{*starts, *ends, reason.value_or("")}, ctx.client),
              201);
        });
      });
  router.add("DELETE", "/api/v1/exceptions/{id}", admins, "Remove leave; slots come back",
             [&](RequestContext& ctx) {
               return http::answer(ctx,
                                   av.remove_exception(ctx.caller(), ctx.param("id"), ctx.client));
             });

  router.add("POST", "/api/v1/doctors/{id}/sessions", admins,
             "Add a one-off session (UTC seconds, at most a day)", [&](RequestContext& ctx) {
               return http::with_body(ctx, [&](JsonReader& r, const boost::json::object&) {
                 auto service = r.text("service_id", 26, true, 26);
                 auto starts = r.integer("starts_at", kMinTime, kMaxTime, true);
                 auto ends = r.integer("ends_at", kMinTime, kMaxTime, true);
                 if (!r.ok()) return ctx.problem(r.error());
                 return http::answer(
                     ctx,
                     av.add_session(ctx.caller(), ctx.param("id"),
                                    SessionInput{*service, *starts, *ends}, ctx.client),
                     201);
               });
             });
  router.add("DELETE", "/api/v1/sessions/{id}", admins, "Remove a one-off session",
             [&](RequestContext& ctx) {
               return http::answer(ctx,
                                   av.remove_session(ctx.caller(), ctx.param("id"), ctx.client));
             });

  router.add(
      "GET", "/api/v1/organisations/{org}/holidays", Policy::everyone(),
      "An organisation's public holidays (no template slots on them)",
      [&](RequestContext& ctx) {
        return http::items_or_problem(ctx, av.holidays(ctx.param("org")));
      },
      http::RouteOptions{.quick_read = true});
  router.add("PUT", "/api/v1/organisations/{org}/holidays/{day}", admins,
             "Add or rename a public holiday (YYYY-MM-DD)", [&](RequestContext& ctx) {
               return http::with_body(ctx, [&](JsonReader& r) {
                 auto name = r.localised("name", 200, true, true);
                 if (!r.ok()) return ctx.problem(r.error());
                 return http::answer(ctx, av.put_holiday(ctx.caller(), ctx.param("org"),
                                                         ctx.param("day"), *name, ctx.client));
               });
             });
  router.add("DELETE", "/api/v1/organisations/{org}/holidays/{day}", admins,
             "Remove a public holiday", [&](RequestContext& ctx) {
               return http::answer(ctx, av.remove_holiday(ctx.caller(), ctx.param("org"),
                                                          ctx.param("day"), ctx.client));
             });
}

}  // namespace yq::scheduling
