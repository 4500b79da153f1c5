#include <boost/json/serialize.hpp>

#include "http/route_helpers.hpp"
#include "identity/catalog.hpp"
#include "scheduling/scheduling_routes.hpp"

namespace yq::scheduling {

namespace {

using core::JsonReader;
using http::Policy;
using http::Reply;
using http::RequestContext;

// Queue opening hours: null or [] for around the clock, else up to 64 local windows
// {"weekday": 1..7, "from": minute, "to": minute}. Stored as the JSON text the queue reads.
std::optional<std::string> read_queue_hours(JsonReader& r, const boost::json::object& body) {
  const auto* v = body.if_contains("queue_hours");
  if (!v) return std::nullopt;
  if (v->is_null()) return std::string();
  if (!v->is_array() || v->as_array().size() > kMaxQueueHourWindows) {
    r.fail("queue_hours", "field.invalid");
    return std::nullopt;
  }
  boost::json::array windows;
  for (const auto& w : v->as_array()) {
    if (!w.is_object()) {
      r.fail("queue_hours", "field.invalid");
      return std::nullopt;
    }
    JsonReader inner(w.as_object());
    auto weekday = inner.integer("weekday", 1, 7, true);
    auto from = inner.integer("from", 0, 1439, true);
    auto to = inner.integer("to", 1, 1440, true);
    if (!inner.ok() || *from >= *to) {
      r.fail("queue_hours", "field.invalid");
      return std::nullopt;
    }
    windows.push_back(boost::json::object{{"weekday", *weekday}, {"from", *from}, {"to", *to}});
  }
  if (windows.empty()) return std::string();
  return boost::json::serialize(windows);
}

ServiceInput read_service(JsonReader& r, const boost::json::object& body, bool creating) {
  ServiceInput in;
  in.name = r.localised("name", 200, creating, true);
  in.specialty = r.choice("specialty", identity::specialties(), creating);
  in.consultation_type = r.choice("consultation_type", {"video", "voice", "in_person"}, creating);
  in.slot_minutes = r.integer("slot_minutes", 5, 240, creating);
  in.fee_cents = r.integer("fee_cents", 0, 100'000'00, false);
  in.currency = r.choice("currency", {"HKD", "MOP", "CNY"}, false);
  in.queue_enabled = r.boolean("queue_enabled", false);
  in.queue_hours = read_queue_hours(r, body);
  if (!creating) in.active = r.boolean("active", false);
  return in;
}

}  // namespace

void add_service_routes(http::Router& router, ServiceCatalog& services) {
  router.add(
      "GET", "/api/v1/organisations/{org}/services", Policy::everyone(),
      "An organisation's active services, with the doctors who provide them "
      "(?include_retired=true: retired ones too, for the organisation's admins)",
      [&](RequestContext& ctx) {
        return http::items_or_problem(
            ctx, services.list(ctx.principal, ctx.param("org"),
                               ctx.query("include_retired").value_or("") == "true"));
      },
      http::RouteOptions{.quick_read = true});

  router.add(
      "GET", "/api/v1/services/{id}", Policy::everyone(),
      "One service (an inactive one only for its organisation's admins)",
      [&](RequestContext& ctx) {
        return http::answer(ctx, services.get(ctx.principal, ctx.param("id")));
      },
      http::RouteOptions{.quick_read = true});

  const Policy admins = Policy::roles_any({"org_admin", "platform_admin"});
  router.add("POST", "/api/v1/organisations/{org}/services", admins,
             "Add a service to an organisation (its admins)", [&](RequestContext& ctx) {
               return http::with_body(ctx, [&](JsonReader& r, const boost::json::object& body) {
                 auto in = read_service(r, body, true);
                 if (!r.ok()) return ctx.problem(r.error());
                 return http::answer(
                     ctx, services.create(ctx.caller(), ctx.param("org"), in, ctx.client), 201);
               });
             });

  router.add("PATCH", "/api/v1/services/{id}", admins,
             "Change or deactivate a service (its organisation's admins); slots follow",
             [&](RequestContext& ctx) {
               return http::with_body(ctx, [&](JsonReader& r, const boost::json::object& body) {
                 auto in = read_service(r, body, false);
                 if (!r.ok()) return ctx.problem(r.error());
                 return http::answer(
                     ctx, services.update(ctx.caller(), ctx.param("id"), in, ctx.client));
               });
             });
}

}  // namespace yq::scheduling
