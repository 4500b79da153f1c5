#include "http/pipeline.hpp"

#include <boost/beast/http/field.hpp>
#include <boost/json/object.hpp>

#include <algorithm>

#include "core/crypto.hpp"
#include "core/ids.hpp"
#include "core/log.hpp"
#include "core/time.hpp"
#include "http/request_text.hpp"

namespace yq::http {

namespace bhttp = boost::beast::http;

namespace {

bool is_unsafe(bhttp::verb v) {
  return v == bhttp::verb::post || v == bhttp::verb::put || v == bhttp::verb::patch ||
         v == bhttp::verb::delete_;
}

std::string_view path_of(std::string_view target) {
  const auto q = target.find('?');
  return q == std::string_view::npos ? target : target.substr(0, q);
}

bool is_api_path(std::string_view path) {
  return path.starts_with("/api/") || path == "/api" || path.starts_with("/fhir/") ||
         path.starts_with("/dicomweb/") || path == "/ws" || path == "/healthz" || path == "/readyz";
}

std::string cookie_value(std::string_view header, std::string_view name) {
  while (!header.empty()) {
    const auto semi = header.find(';');
    std::string_view item = header.substr(0, semi);
    header = semi == std::string_view::npos ? std::string_view{} : header.substr(semi + 1);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    if (item.size() > name.size() && item.starts_with(name) && item[name.size()] == '=') {
      return std::string(item.substr(name.size() + 1));
    }
  }
  return {};
}

bool body_is_json(const BeastRequest& req) {
  const auto ct = req[bhttp::field::content_type];
  return ct.starts_with("application/json") || ct.starts_with("application/problem+json");
}

bool content_type_accepted(const BeastRequest& req, const RouteOptions& options) {
  if (req.body().empty()) return true;
  if (options.accepts.empty()) return body_is_json(req);
  const auto ct = req[bhttp::field::content_type];
  for (const auto& type : options.accepts) {
    if (ct.starts_with(type)) return true;
  }
  return false;
}

}  // namespace

bool origin_matches_host(const BeastRequest& request) {
  const auto origin = request[bhttp::field::origin];
  if (origin.empty()) return true;
  const auto host = request[bhttp::field::host];
  if (host.empty()) return false;
  const auto scheme_end = origin.find("://");
  if (scheme_end == std::string_view::npos) return false;
  return origin.substr(scheme_end + 3) == host;
}

std::string Pipeline::session_token(const BeastRequest& request, bool& via_cookie) {
  via_cookie = false;
  const auto authz = request[bhttp::field::authorization];
  if (authz.size() > 7 && (authz.starts_with("Bearer ") || authz.starts_with("bearer "))) {
    return std::string(authz.substr(7));
  }
  std::string token = cookie_value(request[bhttp::field::cookie], kSessionCookie);
  via_cookie = !token.empty();
  return token;
}

std::optional<identity::Principal> Pipeline::authenticate(
    const BeastRequest& request, const identity::ClientInfo& client) const {
  bool via_cookie = false;
  const std::string token = session_token(request, via_cookie);
  if (token.empty() || token.size() > 256) return std::nullopt;
  auto principal = auth_.authenticate(token, client);
  if (principal) principal->via_cookie = via_cookie;
  return principal;
}

std::int64_t Pipeline::body_limit(const BeastRequest& header, bool signed_in) const {
  const auto match = router_.match(std::string(header.method_string()), path_of(header.target()));
  const std::int64_t declared = match.route ? match.route->options.max_body : 0;
  const std::int64_t route_limit = declared > 0 ? declared : options_.max_json_body;
  if (signed_in) return route_limit;
  if (declared > 0 && match.route->policy.access == Access::public_) return declared;
  return std::min(route_limit, options_.max_anonymous_body);
}

bool Pipeline::answers_without_body(const BeastRequest& header,
                                    const std::optional<identity::Principal>& caller) const {
  const auto match = router_.match(std::string(header.method_string()), path_of(header.target()));
  return !match.route || match.route->policy.refuses(caller ? &*caller : nullptr).has_value();
}

bool Pipeline::is_https(const BeastRequest& header) const {
  if (options_.tls || options_.public_https) return true;
  if (!options_.trust_forwarded_proto) return false;
  // As with X-Forwarded-For, the proxy's own word is the last one.
  std::string_view proto = header["X-Forwarded-Proto"];
  if (const auto comma = proto.rfind(','); comma != std::string_view::npos)
    proto = proto.substr(comma + 1);
  while (!proto.empty() && proto.front() == ' ') proto.remove_prefix(1);
  while (!proto.empty() && proto.back() == ' ') proto.remove_suffix(1);
  return proto == "https";
}

bool Pipeline::runs_inline(const BeastRequest& header) const {
  const auto method = header.method();
  if (method != bhttp::verb::get && method != bhttp::verb::head) return false;
  const auto match = router_.match(std::string(header.method_string()), path_of(header.target()));
  if (!match.route) return true;  // a static file, the SPA fallback or a 404/405, all from memory
  return options_.inline_reads && match.route->options.quick_read;
}

void Pipeline::add_security_headers(BeastResponse& res, bool tls) {
  res.set("Content-Security-Policy",
          "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
          "media-src 'self' blob:; connect-src 'self'; font-src 'self'; object-src 'none'; "
          "base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
  res.set("X-Content-Type-Options", "nosniff");
  res.set("Referrer-Policy", "no-referrer");
  res.set(bhttp::field::x_frame_options, "DENY");
  res.set("Permissions-Policy",
          "camera=(self), microphone=(self), display-capture=(self), geolocation=()");
  res.set("Cross-Origin-Opener-Policy", "same-origin");
  res.set("Cross-Origin-Resource-Policy", "same-origin");
  if (tls) res.set(bhttp::field::strict_transport_security, "max-age=63072000; includeSubDomains");
}

Reply Pipeline::dispatch(RequestContext& ctx, const RouteMatch& match, bool authenticated,
                         const std::optional<identity::Principal>& caller) const {
  const auto& req = ctx.request;
  if (auto bad = check_request_text(req)) return ctx.problem(*bad);
  const auto path = path_of(req.target());
  if (!match.route) {
    if (!is_api_path(path) &&
        (req.method() == bhttp::verb::get || req.method() == bhttp::verb::head)) {
      const bool wants_html = req[bhttp::field::accept].find("text/html") != std::string_view::npos;
      if (auto reply = files_.serve(path, wants_html)) return *reply;
    }
    return ctx.problem(match.path_known ? core::Errc::method_not_allowed
                                        : core::Errc::route_not_found);
  }
  const Route& route = *match.route;
  ctx.path_params = match.params;
  if (!content_type_accepted(req, route.options))
    return ctx.problem(core::Errc::unsupported_media_type);

  bool via_cookie = false;
  const std::string token = session_token(req, via_cookie);
  // A browser request that changes something must prove it came from our own pages: a custom header
  // (which a cross-site form cannot send without a CORS preflight we never grant) and a same-origin
  // Origin header when the browser sends one.
  if (is_unsafe(req.method()) && (via_cookie || !req[bhttp::field::origin].empty())) {
    if (req["X-Requested-With"] != "yiqiao" || !origin_matches_host(req)) {
      return ctx.problem(core::Errc::csrf_rejected);
    }
  }
  if (authenticated) {
    ctx.principal = caller;
  } else if (!token.empty() && token.size() <= 256) {
    ctx.principal = auth_.authenticate(token, ctx.client);
    if (ctx.principal) ctx.principal->via_cookie = via_cookie;
  }
  // Unless Accept-Language names one of our languages, answer in the language the account chose.
  if (ctx.principal && !core::names_our_lang(req[bhttp::field::accept_language])) {
    ctx.lang = core::negotiate_lang(ctx.principal->preferred_lang, "");
  }
  if (auto refused = route.policy.refuses(ctx.principal ? &*ctx.principal : nullptr))
    return ctx.problem(*refused);
  return route.handler(ctx);
}

BeastResponse Pipeline::handle(const Incoming& in) const {
  const auto started = core::now_millis();
  const auto& req = in.request;
  RequestContext ctx{req,
                     {},
                     std::nullopt,
                     core::negotiate_lang("", req[bhttp::field::accept_language]),
                     core::new_request_id(),
                     in.client,
                     is_https(req)};
  const auto path = path_of(req.target());
  const auto match = router_.match(std::string(req.method_string()), path);

  Reply reply;
  try {
    reply = dispatch(ctx, match, in.authenticated, in.caller);
  } catch (const std::exception& e) {
    core::log::error("handler_failed", {{"request_id", ctx.request_id}, {"what", e.what()}});
    reply = ctx.problem(core::Errc::internal);
  }

  BeastResponse res{static_cast<bhttp::status>(reply.status), req.version()};
  res.set(bhttp::field::server, "yiqiao");
  if (!reply.content_type.empty()) res.set(bhttp::field::content_type, reply.content_type);
  res.set("X-Request-Id", ctx.request_id);
  add_security_headers(res, ctx.secure);
  bool has_cache_control = false;
  for (const auto& [name, value] : reply.headers) {
    // A route may narrow a security header for its answer (a PDF its own page frames); other
    // headers (Set-Cookie) may repeat.
    if (name == "Content-Security-Policy" || name == "X-Frame-Options")
      res.set(name, value);
    else
      res.insert(name, value);
    has_cache_control = has_cache_control || name == "Cache-Control";
  }
  // Answers of the API can hold health data: never let a shared cache keep them.
  if (!has_cache_control) res.set(bhttp::field::cache_control, "no-store");
  res.body() = std::move(reply.body);
  if (req.method() == bhttp::verb::head) {
    res.content_length(res.body().size());
    res.body().clear();
  } else {
    res.prepare_payload();
  }
  res.keep_alive(req.keep_alive());

  core::log::info(
      "request", {{"request_id", ctx.request_id},
                  {"method", req.method_string()},
                  {"route", match.route ? match.route->pattern : printable(utf8_prefix(path, 200))},
                  {"status", reply.status},
                  {"ms", core::now_millis() - started},
                  {"ip", in.client.ip},
                  {"account", ctx.principal ? ctx.principal->account_id : std::string()}});
  return res;
}

}  // namespace yq::http
