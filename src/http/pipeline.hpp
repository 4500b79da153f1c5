#pragma once
// handle(request) -> response, with no socket in sight: route lookup, authentication, the route's
// policy, CSRF and content checks, the handler, security headers and the access log. The session
// (server.cpp) only reads and writes; unit tests call this directly.
#include <cstdint>
#include <memory>
#include <string>

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
};

struct Incoming {
  const BeastRequest& request;
  ClientInfo client;
};

class Pipeline {
 public:
  Pipeline(const Router& router, Authenticator& auth, const StaticFiles& files,
           PipelineOptions options)
      : router_(router), auth_(auth), files_(files), options_(options) {}

  BeastResponse handle(const Incoming& in) const;

  // The body limit for a request, decided from its header alone (before the body is read).
  std::int64_t body_limit(const BeastRequest& header) const;

  // Whether handle() may run on the I/O thread: static files always; GET and HEAD routes marked
  // quick_read when reads are cheap (inline_reads). Everything else goes to the workers.
  bool runs_inline(const BeastRequest& header) const;

  // Authenticates the token of a WebSocket upgrade (cookie or bearer); nullopt when absent/invalid.
  std::optional<Principal> authenticate(const BeastRequest& request,
                                        const ClientInfo& client) const;

  static void add_security_headers(BeastResponse& res, bool tls);
  // "yq_session" from the Cookie header, or the bearer token. Sets via_cookie.
  static std::string session_token(const BeastRequest& request, bool& via_cookie);

 private:
  Reply dispatch(RequestContext& ctx, const RouteMatch& match) const;
  const Router& router_;
  Authenticator& auth_;
  const StaticFiles& files_;
  PipelineOptions options_;
};

inline constexpr std::string_view kSessionCookie = "yq_session";

// Same-origin check for browser requests: the Origin header, when present, must name our Host.
bool origin_matches_host(const BeastRequest& request);

}  // namespace yq::http
