#include "http/router.hpp"

#include <stdexcept>

namespace yq::http {

std::vector<std::string_view> split_path(std::string_view path) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (start < path.size()) {
    if (path[start] == '/') {
      ++start;
      continue;
    }
    const auto end = path.find('/', start);
    out.push_back(
        path.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return out;
}

void Router::add(std::string method, std::string pattern, Policy policy, std::string summary,
                 Handler handler, RouteOptions options) {
  Route r{std::move(method),
          std::move(pattern),
          std::move(policy),
          std::move(handler),
          std::move(options),
          std::move(summary),
          {}};
  for (auto seg : split_path(r.pattern)) r.segments.emplace_back(seg);
  for (const auto& existing : routes_) {
    if (existing.method == r.method && existing.pattern == r.pattern) {
      throw std::logic_error("route registered twice: " + r.method + " " + r.pattern);
    }
  }
  routes_.push_back(std::move(r));
}

RouteMatch Router::match(std::string_view method, std::string_view path) const {
  RouteMatch result;
  const auto parts = split_path(path);
  if (parts.size() > 16) return result;
  for (const auto& route : routes_) {
    if (route.segments.size() != parts.size()) continue;
    std::vector<std::pair<std::string, std::string>> params;
    bool ok = true;
    for (std::size_t i = 0; i < parts.size() && ok; ++i) {
      const auto& seg = route.segments[i];
      // "{name}" or "{name}.ext": a parameter, optionally followed by a fixed suffix (a file
      // name such as "/calendar/{token}.ics").
      const auto close = seg.front() == '{' ? seg.find('}') : std::string::npos;
      if (close != std::string::npos && close > 1) {
        const std::string_view suffix = std::string_view(seg).substr(close + 1);
        if (parts[i].size() <= suffix.size() || parts[i].size() > 128 ||
            !parts[i].ends_with(suffix))
          ok = false;
        else
          params.emplace_back(seg.substr(1, close - 1),
                              std::string(parts[i].substr(0, parts[i].size() - suffix.size())));
      } else if (seg != parts[i]) {
        ok = false;
      }
    }
    if (!ok) continue;
    result.path_known = true;
    // HEAD is answered by GET routes.
    if (route.method == method || (method == "HEAD" && route.method == "GET")) {
      result.route = &route;
      result.params = std::move(params);
      return result;
    }
  }
  return result;
}

std::vector<std::string> Router::undeclared() const {
  std::vector<std::string> out;
  for (const auto& r : routes_) {
    if (r.policy.access == Access::undeclared) out.push_back(r.method + " " + r.pattern);
  }
  return out;
}

}  // namespace yq::http
