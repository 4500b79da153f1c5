// /api/v1/calendar-feed and the feed itself, GET /calendar/{token}.ics.
#include "scheduling/booking/calendar_feed.hpp"
#include "scheduling/scheduling_routes.hpp"

namespace yq::scheduling {

using http::Policy;
using http::Reply;
using http::RequestContext;

void add_calendar_feed_routes(http::Router& router, CalendarFeeds& feeds) {
  router.add("POST", "/api/v1/calendar-feed", Policy::signed_in(),
             "Create or replace the caller's secret calendar feed URL (shown once)",
             [&feeds](RequestContext& ctx) {
               return Reply::json(201, {{"url", feeds.create(ctx.caller(), ctx.client)}});
             });

  router.add("DELETE", "/api/v1/calendar-feed", Policy::signed_in(),
             "End the caller's calendar feed URL", [&feeds](RequestContext& ctx) {
               feeds.remove(ctx.caller(), ctx.client);
               return Reply::no_content();
             });

  // Public: calendar apps cannot sign in, so the unguessable token in the URL is the credential.
  router.add("GET", "/calendar/{token}.ics", Policy::everyone(),
             "A calendar feed (iCalendar) of the owner's and their dependants' appointments",
             [&feeds](RequestContext& ctx) {
               auto ics = feeds.render(ctx.param("token"), ctx.client);
               if (!ics) return ctx.problem(core::Errc::not_found);
               Reply reply{200, "text/calendar; charset=utf-8", std::move(*ics), {}};
               // Patient data: a shared cache must never keep it; the owner's app may, briefly.
               reply.headers.emplace_back("Cache-Control", "private, max-age=300");
               reply.headers.emplace_back("Content-Disposition", "inline; filename=\"yiqiao.ics\"");
               return reply;
             });
}

}  // namespace yq::scheduling
