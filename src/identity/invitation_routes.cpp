// Staff invitations: the organisation admin's list, withdraw and re-send; the invitee's preview and
// acceptance (through the link, or by a verified address without it).
#include <boost/json/array.hpp>

#include "core/json_input.hpp"
#include "http/route_helpers.hpp"
#include "identity/routes.hpp"

namespace yq::identity {

namespace {

using http::answer;
using http::Policy;
using http::Reply;
using http::RequestContext;

boost::json::array to_array(std::vector<boost::json::object> v) {
  boost::json::array out;
  for (auto& o : v) out.emplace_back(std::move(o));
  return out;
}

// Runs fn(token) with the token of the body ({"token": "..."}); 400/422 when it is missing.
template <class F>
Reply with_token(RequestContext& ctx, F&& fn) {
  auto obj = core::parse_json_object(ctx.body());
  if (!obj) return ctx.problem(obj.error());
  core::JsonReader r(*obj);
  auto token = r.secret("token", 128, true);
  if (!r.ok()) return ctx.problem(r.error());
  return fn(*token);
}

}  // namespace

void add_invitation_routes(http::Router& router, InvitationService& invitations) {
  const Policy admins = Policy::roles_any({"org_admin", "platform_admin"});
  router.add("GET", "/api/v1/organisations/{org}/invitations", admins,
             "Pending staff invitations of an organisation (its admins only)",
             [&](RequestContext& ctx) {
               auto items = invitations.list(ctx.caller(), ctx.param("org"));
               if (!items) return ctx.problem(items.error());
               return Reply::json(200, {{"items", to_array(std::move(*items))}});
             });

  router.add(
      "DELETE", "/api/v1/organisations/{org}/invitations/{id}", admins,
      "Withdraw a pending staff invitation (its link stops working)", [&](RequestContext& ctx) {
        auto done =
            invitations.withdraw(ctx.caller(), ctx.param("org"), ctx.param("id"), ctx.client);
        if (!done) return ctx.problem(done.error());
        return Reply::no_content();
      });

  router.add("POST", "/api/v1/organisations/{org}/invitations/{id}/resend", admins,
             "E-mail a pending invitation again with a new link (the old one stops working)",
             [&](RequestContext& ctx) {
               return answer(ctx, invitations.resend(ctx.caller(), ctx.param("org"),
                                                     ctx.param("id"), ctx.client));
             });

  router.add(
      "POST", "/api/v1/invitations/preview", Policy::everyone(),
      "What an invitation link offers (organisation, roles, address)", [&](RequestContext& ctx) {
        return with_token(
            ctx, [&](const std::string& token) { return answer(ctx, invitations.preview(token)); });
      });

  router.add("POST", "/api/v1/invitations/accept", Policy::signed_in(),
             "Accept an invitation through its link, signed in with the invited address",
             [&](RequestContext& ctx) {
               return with_token(ctx, [&](const std::string& token) {
                 return answer(ctx, invitations.accept_with_token(ctx.caller(), token, ctx.client));
               });
             });

  router.add(
      "GET", "/api/v1/me/invitations", Policy::signed_in(),
      "Pending staff invitations to the caller's verified address", [&](RequestContext& ctx) {
        return Reply::json(200, {{"items", to_array(invitations.for_account(ctx.caller()))}});
      });

  router.add("POST", "/api/v1/me/invitations/{id}/accept", Policy::signed_in(),
             "Accept an invitation to the caller's verified address", [&](RequestContext& ctx) {
               return answer(ctx,
                             invitations.accept_by_id(ctx.caller(), ctx.param("id"), ctx.client));
             });
}

}  // namespace yq::identity
