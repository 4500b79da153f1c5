#include <boost/json/object.hpp>

#include "core/json_input.hpp"
#include "http/pipeline.hpp"
#include "http/route_helpers.hpp"
#include "identity/catalog.hpp"
#include "identity/routes.hpp"

namespace yq::identity {

namespace {

using core::JsonReader;
using http::Policy;
using http::Reply;
using http::RequestContext;
using http::with_body;

std::string session_cookie(const RequestContext& ctx, const std::string& token,
                           std::int64_t max_age) {
  // HttpOnly: page scripts never see it. SameSite=Strict: other sites' requests never carry it.
  return std::string(http::kSessionCookie) + "=" + token +
         "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + std::to_string(max_age) +
         (ctx.secure ? "; Secure" : "");
}

std::optional<SignInRequest> read_sign_in(JsonReader& r) {
  auto email = r.email("email", true);
  auto password = r.secret("password", 1024, true);
  auto code = r.text("totp_code", 16, false);
  if (!r.ok()) return std::nullopt;
  return SignInRequest{*email, *password, code.value_or("")};
}

Reply sign_in_reply(RequestContext& ctx, AccountService& accounts, const SignedIn& s,
                    bool as_cookie) {
  // describe() needs the session's view; authenticate it as the client would next time.
  auto principal = accounts.authenticate(s.token, ctx.client);
  if (!principal) return ctx.problem(core::Errc::internal);
  auto account = accounts.describe(*principal);
  if (!account) return ctx.problem(account.error());
  if (!as_cookie) {
    return Reply::json(200,
                       {{"token", s.token}, {"expires_at", s.expires_at}, {"account", *account}});
  }
  Reply reply = Reply::json(200, {{"account", *account}});
  reply.headers.emplace_back("Set-Cookie",
                             session_cookie(ctx, s.token, s.expires_at - accounts.clock().now()));
  return reply;
}

}  // namespace

void add_account_routes(http::Router& router, AccountService& accounts) {
  router.add("POST", "/api/v1/auth/register", Policy::everyone(),
             "Create a patient account and sign in (through an invitation link: the staff account)",
             [&](RequestContext& ctx) {
               return with_body(ctx, [&](JsonReader& r) {
                 RegisterRequest req;
                 auto email = r.email("email", true);
                 auto password = r.secret("password", 1024, true);
                 auto name = r.text("display_name", 100, true);
                 auto lang = r.choice("preferred_lang", ui_languages(), false);
                 auto phone = r.text("phone", 32, false);
                 auto invitation = r.secret("invitation_token", 128, false);
                 if (!r.ok()) return ctx.problem(r.error());
                 req.email = *email;
                 req.password = *password;
                 req.display_name = *name;
                 req.preferred_lang = lang.value_or(std::string(core::lang_tag(ctx.lang)));
                 req.phone = phone.value_or("");
                 req.invitation_token = invitation.value_or("");
                 auto s = accounts.register_patient(req, ctx.client);
                 if (!s) return ctx.problem(s.error());
                 Reply reply = sign_in_reply(ctx, accounts, *s, true);
                 reply.status = 201;
                 return reply;
               });
             });

  for (const bool as_cookie : {true, false}) {
    router.add("POST", as_cookie ? "/api/v1/auth/login" : "/api/v1/auth/token", Policy::everyone(),
               as_cookie ? "Sign in (session cookie)" : "Sign in (bearer token for API clients)",
               [&, as_cookie](RequestContext& ctx) {
                 return with_body(ctx, [&](JsonReader& r) {
                   auto req = read_sign_in(r);
                   if (!req) return ctx.problem(r.error());
                   auto s = accounts.sign_in(*req, ctx.client);
                   if (!s) return ctx.problem(s.error());
                   return sign_in_reply(ctx, accounts, *s, as_cookie);
                 });
               });
  }

  router.add("POST", "/api/v1/auth/logout", Policy::signed_in_any(), "End this session",
             [&](RequestContext& ctx) {
               accounts.sign_out(ctx.caller(), ctx.client);
               Reply reply = Reply::no_content();
               reply.headers.emplace_back("Set-Cookie", session_cookie(ctx, "", 0));
               return reply;
             });

  router.add("POST", "/api/v1/auth/logout-everywhere", Policy::signed_in(),
             "End every session of the account", [&](RequestContext& ctx) {
               accounts.sign_out_everywhere(ctx.caller(), ctx.client);
               Reply reply = Reply::no_content();
               reply.headers.emplace_back("Set-Cookie", session_cookie(ctx, "", 0));
               return reply;
             });

  router.add("POST", "/api/v1/auth/password-reset", Policy::everyone(),
             "E-mail a password reset link", [&](RequestContext& ctx) {
               return with_body(ctx, [&](JsonReader& r) {
                 auto email = r.email("email", true);
                 if (!r.ok()) return ctx.problem(r.error());
                 accounts.request_password_reset(*email, ctx.lang, ctx.client);
                 return Reply::json(202, {{"status", "accepted"}});
               });
             });

  router.add("POST", "/api/v1/auth/password-reset/confirm", Policy::everyone(),
             "Set a new password with an e-mailed token", [&](RequestContext& ctx) {
               return with_body(ctx, [&](JsonReader& r) {
                 auto token = r.secret("token", 128, true);
                 auto password = r.secret("password", 1024, true);
                 if (!r.ok()) return ctx.problem(r.error());
                 auto done = accounts.confirm_password_reset(*token, *password, ctx.client);
                 if (!done) return ctx.problem(done.error());
                 return Reply::no_content();
               });
             });

  router.add("POST", "/api/v1/auth/verify-email", Policy::everyone(),
             "Prove the account's address with the e-mailed token", [&](RequestContext& ctx) {
               return with_body(ctx, [&](JsonReader& r) {
                 auto token = r.secret("token", 128, true);
                 if (!r.ok()) return ctx.problem(r.error());
                 auto done = accounts.verify_email(*token, ctx.client);
                 if (!done) return ctx.problem(done.error());
                 return Reply::no_content();
               });
             });

  router.add("POST", "/api/v1/me/email-verification", Policy::signed_in(),
             "E-mail a new verification link (nothing when already verified)",
             [&](RequestContext& ctx) {
               accounts.resend_verification(ctx.caller(), ctx.client);
               return Reply::json(202, {{"status", "accepted"}});
             });

  router.add(
      "GET", "/api/v1/me", Policy::signed_in_any(), "The signed-in account",
      [&](RequestContext& ctx) {
        auto account = accounts.describe(ctx.caller());
        if (!account) return ctx.problem(account.error());
        return Reply::json(200, {{"account", *account}});
      },
      http::RouteOptions{.quick_read = true});

  router.add("PATCH", "/api/v1/me", Policy::signed_in(), "Change name, phone or language",
             [&](RequestContext& ctx) {
               return with_body(ctx, [&](JsonReader& r) {
                 ProfileChange change;
                 change.display_name = r.text("display_name", 100, false, 1);
                 change.phone = r.text("phone", 32, false);
                 change.preferred_lang = r.choice("preferred_lang", ui_languages(), false);
                 if (!r.ok()) return ctx.problem(r.error());
                 auto account = accounts.update_profile(ctx.caller(), change, ctx.client);
                 if (!account) return ctx.problem(account.error());
                 return Reply::json(200, {{"account", *account}});
               });
             });

  router.add("POST", "/api/v1/me/password", Policy::signed_in(),
             "Change password; other sessions end", [&](RequestContext& ctx) {
               return with_body(ctx, [&](JsonReader& r) {
                 auto current = r.secret("current_password", 1024, true);
                 auto next = r.secret("new_password", 1024, true);
                 if (!r.ok()) return ctx.problem(r.error());
                 auto done =
                     accounts.change_password(ctx.caller(), *current, *next, ctx.lang, ctx.client);
                 if (!done) return ctx.problem(done.error());
                 return Reply::no_content();
               });
             });

  router.add("POST", "/api/v1/me/totp/enrol", Policy::signed_in_any(),
             "Start authenticator app enrolment", [&](RequestContext& ctx) {
               auto e = accounts.totp_enrol(ctx.caller());
               if (!e) return ctx.problem(e.error());
               return Reply::json(200, {{"secret", e->secret}, {"otpauth_uri", e->otpauth_uri}});
             });

  router.add("POST", "/api/v1/me/totp/confirm", Policy::signed_in_any(),
             "Confirm the authenticator app with a code", [&](RequestContext& ctx) {
               return with_body(ctx, [&](JsonReader& r) {
                 auto code = r.text("code", 16, true);
                 if (!r.ok()) return ctx.problem(r.error());
                 auto done = accounts.totp_confirm(ctx.caller(), *code, ctx.client);
                 if (!done) return ctx.problem(done.error());
                 return Reply::no_content();
               });
             });

  router.add("POST", "/api/v1/me/totp/disable", Policy::roles_any({"patient"}),
             "Turn the authenticator app off (patients only)", [&](RequestContext& ctx) {
               return with_body(ctx, [&](JsonReader& r) {
                 auto password = r.secret("password", 1024, true);
                 if (!r.ok()) return ctx.problem(r.error());
                 auto done = accounts.totp_disable(ctx.caller(), *password, ctx.client);
                 if (!done) return ctx.problem(done.error());
                 return Reply::no_content();
               });
             });
}

}  // namespace yq::identity
