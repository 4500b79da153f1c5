#pragma once
// The route table: method + path pattern ("/api/v1/organisations/{org}/staff") → policy, limits and
// handler. Modules add their routes in their own routes.cpp; app/ wires them into one Router.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "http/context.hpp"
#include "http/policy.hpp"

namespace yq::http {

struct RouteOptions {
  std::int64_t max_body = 0;  // 0: the server's max_json_body
  // Content types the body may have; empty: JSON (or no body).
  std::vector<std::string> accepts;
  // A read that never writes (no audit event, no file) and takes microseconds: with the embedded
  // database it runs on the I/O thread instead of being handed to a worker
  // (PipelineOptions::inline_reads). Leave it false for anything that writes, hashes, reads files
  // or scans: it would stall the other connections of that I/O thread.
  bool quick_read = false;
};

struct Route {
  std::string method;  // "GET", "POST", ...
  std::string pattern;
  Policy policy;
  Handler handler;
  RouteOptions options;
  std::string summary;                // one line for `yiqiao routes` and docs
  std::vector<std::string> segments;  // pattern split on '/'
};

struct RouteMatch {
  const Route* route = nullptr;
  std::vector<std::pair<std::string, std::string>> params;
  bool path_known = false;  // some route has this path (405 rather than 404)
};

class Router {
 public:
  void add(std::string method, std::string pattern, Policy policy, std::string summary,
           Handler handler, RouteOptions options = {});
  RouteMatch match(std::string_view method, std::string_view path) const;
  const std::vector<Route>& routes() const { return routes_; }
  // Routes whose policy is undeclared (start-up refuses to serve when any exist).
  std::vector<std::string> undeclared() const;

 private:
  std::vector<Route> routes_;
};

// Splits "/a/b/c" into {"a","b","c"} (no percent-decoding: path params are ids and codes).
std::vector<std::string_view> split_path(std::string_view path);

}  // namespace yq::http
