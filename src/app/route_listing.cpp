#include "app/route_listing.hpp"

#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>
#include <cstdint>
#include <iostream>
#include <string>

#include "app/wiring.hpp"
#include "http/router.hpp"
#include "http/ws_hub.hpp"

namespace yq::app {

namespace {

std::string padded(const std::string& s, std::size_t width) {
  return s + std::string(width - std::min(width - 1, s.size()), ' ');
}

// "10/s, burst 30"; rates are whole numbers today, but a fraction must not print as 0.
std::string rate_text(http::WsRate r) {
  auto number = [](double d) {
    std::string s = std::to_string(d);
    s.erase(s.find_last_not_of('0') + 1);
    if (s.back() == '.') s.pop_back();
    return s;
  };
  return number(r.per_second) + "/s, burst " + number(r.burst);
}

// Whole rates as integers in the JSON too (Boost.JSON writes the double 10 as 1E1).
boost::json::value json_number(double d) {
  const auto whole = static_cast<std::int64_t>(d);
  if (static_cast<double>(whole) == d) return whole;
  return d;
}

}  // namespace

int print_routes(const core::Config& cfg, bool json) {
  core::Config scratch = cfg;
  scratch.database = "sqlite::memory:";
  scratch.password_cost = "test";
  Services services(scratch, "http://localhost");
  http::Router router;
  http::WsHub hub;
  add_all_routes(router, services);
  add_all_ws_messages(hub, services);
  boost::json::array out;
  for (const auto& r : router.routes()) {
    if (json) {
      out.push_back({{"kind", "http"},
                     {"method", r.method},
                     {"pattern", r.pattern},
                     {"policy", r.policy.describe()},
                     {"summary", r.summary}});
    } else {
      std::cout << padded(r.method, 7) << r.pattern << "  [" << r.policy.describe() << "]  "
                << r.summary << "\n";
    }
  }
  for (const auto& t : hub.message_types()) {
    if (json) {
      out.push_back(
          {{"kind", "websocket"},
           {"type", t.type},
           {"policy", t.policy.describe()},
           {"rate",
            {{"per_second", json_number(t.rate.per_second)}, {"burst", json_number(t.rate.burst)}}},
           {"summary", t.summary}});
    } else {
      std::cout << padded("WS", 7) << t.type << "  [" << t.policy.describe() << "]  ("
                << rate_text(t.rate) << ")  " << t.summary << "\n";
    }
  }
  if (json) std::cout << boost::json::serialize(out) << "\n";
  return router.undeclared().empty() && hub.undeclared().empty() ? 0 : 1;
}

}  // namespace yq::app
