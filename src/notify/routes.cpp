#include "notify/routes.hpp"

#include <boost/json/array.hpp>

#include "core/ids.hpp"
#include "http/route_helpers.hpp"
#include "notify/notice_text.hpp"

namespace yq::notify {

namespace {

using http::Policy;
using http::Reply;
using http::RequestContext;

constexpr int kDefaultPage = 20;
constexpr int kMaxPage = 100;

boost::json::object notice_json(const StoredNotice& n, core::Lang lang) {
  const auto text = render_notice(n.kind, n.params, lang);
  boost::json::object o{{"id", n.id},        {"kind", n.kind}, {"title", text.title},
                        {"body", text.body}, {"link", n.link}, {"created_at", n.created_at}};
  o["read_at"] = n.read_at ? boost::json::value(*n.read_at) : boost::json::value(nullptr);
  return o;
}

}  // namespace

void add_notification_routes(http::Router& router, store::Database& db, const core::Clock& clock,
                             Notifier& notifier) {
  // A person's notices are addressed to them, so listing them is not a read of a record about
  // someone else and is not audited (the change each notice announces was).
  router.add("GET", "/api/v1/notifications", Policy::signed_in(),
             "The caller's notifications, newest first, with the unread count",
             [&db](RequestContext& ctx) {
               const auto asked = http::query_int(ctx, "limit", 1, kMaxPage, kDefaultPage);
               if (!asked) return ctx.problem(core::Error::field("limit", "field.out_of_range"));
               const int limit = static_cast<int>(*asked);  // at most kMaxPage
               const auto before = ctx.query("before");
               if (before && !core::looks_like_id(*before))
                 return ctx.problem(core::Error::field("before", "field.invalid"));
               const std::string& me = ctx.caller().account_id;
               auto page = db.read([&](store::Connection& c) {
                 // One more than asked tells whether there is a next page.
                 auto items = Notifier::list(c, me, before, limit + 1);
                 return std::make_pair(std::move(items), Notifier::unread_count(c, me));
               });
               if (!page.first) return ctx.problem(core::Error::field("before", "field.invalid"));
               auto& items = *page.first;
               const bool more = static_cast<int>(items.size()) > limit;
               if (more) items.resize(static_cast<std::size_t>(limit));
               boost::json::array out;
               for (const auto& n : items) out.push_back(notice_json(n, ctx.lang));
               boost::json::object body{{"items", std::move(out)}, {"unread", page.second}};
               body["next"] = more ? boost::json::value(items.back().id) : nullptr;
               return Reply::json(200, body);
             });

  router.add("POST", "/api/v1/notifications/{id}/read", Policy::signed_in(),
             "Mark one of the caller's notifications read",
             [&db, &clock, &notifier](RequestContext& ctx) {
               const std::string id = ctx.param("id");
               const std::string& me = ctx.caller().account_id;
               if (!core::looks_like_id(id)) return ctx.problem(core::Errc::not_found);
               auto unread = db.write([&](store::Connection& c) -> std::optional<std::int64_t> {
                 if (!Notifier::mark_read(c, me, id, clock.now())) return std::nullopt;
                 return Notifier::unread_count(c, me);
               });
               if (!unread) return ctx.problem(core::Errc::not_found);
               // The caller's other tabs and devices update their badge.
               notifier.push({me});
               return Reply::json(200, {{"unread", *unread}});
             });

  router.add("POST", "/api/v1/notifications/read-all", Policy::signed_in(),
             "Mark all the caller's notifications read",
             [&db, &clock, &notifier](RequestContext& ctx) {
               const std::string& me = ctx.caller().account_id;
               const auto marked = db.write([&](store::Connection& c) {
                 return Notifier::mark_all_read(c, me, clock.now());
               });
               if (marked > 0) notifier.push({me});
               return Reply::json(200, {{"marked", marked}, {"unread", 0}});
             });
}

}  // namespace yq::notify
