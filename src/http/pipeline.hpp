#pragma once
// handle(request) -> response, with no socket in sight: route lookup, authentication, the route's
// policy, CSRF and content checks, the handler, security headers and the access log. The session
// (server.cpp) only reads and writes; unit tests call this directly.
#include <cstdint>
#include <memory>
#include <string>

#include "http/authenticator.hpp"
#include "http/context.hpp"
#include "http/router.hpp"
#include "http/static_files.hpp"

namespace yq::http {

struct PipelineOptions {
  std::int64_t max_json_body = 64 * 1024;
  bool tls = false;
  // Reads may run on the I/O thread: true for the embedded database, where a read is a few
  // microseconds and handing it to a worker thread costs more than the read (bench/README.md).
  bool inline_reads = false;
  // A request without a valid session sends at most this much body, unless its route is public and
  // declares its own max_body: an anonymous client cannot make us read a 10 MiB upload.
  std::int64_t max_anonymous_body = 8 * 1024;
  // Users reach us over https although the socket is plain: public_url is https://..., or a trusted
  // proxy says so in X-Forwarded-Proto (only with trust_forwarded_for). Decides HSTS and whether
  // the session cookie is Secure.
  bool public_https = false;
  bool trust_forwarded_proto = false;
};

struct Incoming {
  const BeastRequest& request;
  identity::ClientInfo client;
  // The session was already looked up from the header (to decide how much body to read): handle()
  // uses `caller` instead of authenticating a second time.
  bool authenticated = false;
  std::optional<identity::Principal> caller;
};

class Pipeline {
 public:
  Pipeline(const Router& router, Authenticator& auth, const StaticFiles& files,
           PipelineOptions options)
      : router_(router), auth_(auth), files_(files), options_(options) {}

  BeastResponse handle(const Incoming& in) const;

  // The body limit for a request, decided from its header alone (before the body is read): the
  // route's for a signed-in caller; for an anonymous one max_anonymous_body, unless the route is
  // public and declares a max_body of its own.
  std::int64_t body_limit(const BeastRequest& header, bool signed_in) const;
  // Whether the answer is known without the body: no route takes this request, or the route's
  // policy refuses this caller. Such a request's body is never read.
  bool answers_without_body(const BeastRequest& header,
                            const std::optional<identity::Principal>& caller) const;
  // Whether the request was made over https (TLS here, public_url, or a trusted proxy).
  bool is_https(const BeastRequest& header) const;
  std::int64_t max_anonymous_body() const { return options_.max_anonymous_body; }

  // Whether handle() may run on the I/O thread: static files always; GET and HEAD routes marked
  // quick_read when reads are cheap (inline_reads). Everything else goes to the workers.
  bool runs_inline(const BeastRequest& header) const;

  // Authenticates the token of a WebSocket upgrade (cookie or bearer); nullopt when absent/invalid.
  std::optional<identity::Principal> authenticate(const BeastRequest& request,
                                                  const identity::ClientInfo& client) const;

  static void add_security_headers(BeastResponse& res, bool tls);
  // "yq_session" from the Cookie header, or the bearer token. Sets via_cookie.
  static std::string session_token(const BeastRequest& request, bool& via_cookie);

 private:
  Reply dispatch(RequestContext& ctx, const RouteMatch& match, bool authenticated,
                 const std::optional<identity::Principal>& caller) const;
  const Router& router_;
  Authenticator& auth_;
  const StaticFiles& files_;
  PipelineOptions options_;
};

inline constexpr std::string_view kSessionCookie = "yq_session";

// Same-origin check for browser requests: the Origin header, when present, must name our Host.
bool origin_matches_host(const BeastRequest& request);

}  // namespace yq::http
