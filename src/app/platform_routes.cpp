#include "app/platform_routes.hpp"

#include <boost/json/array.hpp>

#include <cstdint>
#include <limits>

#include "audit/audit_log.hpp"
#include "http/route_helpers.hpp"
#include "mail/outbox.hpp"

namespace yq::app {

using http::Policy;
using http::Reply;
using http::RequestContext;

void add_platform_routes(http::Router& router, store::Database& db, const core::Clock& clock) {
  router.add(
      "GET", "/healthz", Policy::everyone(), "Liveness: the process answers",
      [](RequestContext&) {
        return Reply::json(200, {{"status", "ok"}});
      },
      http::RouteOptions{.quick_read = true});

  router.add(
      "GET", "/readyz", Policy::everyone(), "Readiness: the database answers",
      [&db](RequestContext& ctx) {
        if (!db.ping()) return ctx.problem(core::Errc::unavailable);
        return Reply::json(200, {{"status", "ready"}});
      },
      http::RouteOptions{.quick_read = true});

  router.add(
      "GET", "/api/v1/admin/outbox", Policy::platform_admin(),
      "Latest 100 e-mails in the outbox, secret links hidden", [&db, &clock](RequestContext& ctx) {
        auto messages = db.write([&](store::Connection& c) {
          auto e = audit::Event{
              ctx.caller().account_id, "platform_admin", "", "outbox.read", "", "outbox", "",
              ctx.client.ip,           "success",        ""};
          audit::record(c, clock, e);
          return mail::latest(c, 100);
        });
        boost::json::array items;
        for (const auto& m : messages) {
          boost::json::object o{{"id", m.id},
                                {"to", m.to},
                                {"subject", m.subject},
                                {"body", m.body},
                                {"redacted", m.redacted},
                                {"created_at", m.created_at}};
          o["sent_at"] = m.sent_at ? boost::json::value(*m.sent_at) : boost::json::value(nullptr);
          items.push_back(std::move(o));
        }
        return Reply::json(200, {{"items", std::move(items)}});
      });

  router.add("GET", "/api/v1/admin/audit", Policy::platform_admin(),
             "Audit trail, newest first, 100 a page", [&db](RequestContext& ctx) {
               const auto before =
                   http::query_int(ctx, "before", 0, std::numeric_limits<std::int64_t>::max(), 0);
               if (!before) return ctx.problem(core::Error::field("before", "field.not_a_number"));
               auto events =
                   db.read([&](store::Connection& c) { return audit::list(c, *before, 100); });
               boost::json::array items;
               for (const auto& s : events) {
                 items.push_back(boost::json::object{{"seq", s.seq},
                                                     {"at", s.at},
                                                     {"actor_id", s.event.actor_id},
                                                     {"actor_role", s.event.actor_role},
                                                     {"on_behalf_of", s.event.on_behalf_of},
                                                     {"action", s.event.action},
                                                     {"patient_id", s.event.patient_id},
                                                     {"target_type", s.event.target_type},
                                                     {"target_id", s.event.target_id},
                                                     {"ip", s.event.ip},
                                                     {"outcome", s.event.outcome},
                                                     {"detail", s.event.detail}});
               }
               return Reply::json(200, {{"items", std::move(items)}});
             });
}

}  // namespace yq::app
