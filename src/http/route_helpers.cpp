#include "http/route_helpers.hpp"

#include <boost/json/array.hpp>

#include <charconv>

namespace yq::http {

Reply answer(RequestContext& ctx, const core::Result<boost::json::object>& r, int status) {
  if (!r) return ctx.problem(r.error());
  return Reply::json(status, *r);
}

Reply items(std::vector<boost::json::object> list) {
  boost::json::array out;
  out.reserve(list.size());
  for (auto& o : list) out.emplace_back(std::move(o));
  return Reply::json(200, boost::json::object{{"items", std::move(out)}});
}

Reply items_or_problem(RequestContext& ctx,
                       const core::Result<std::vector<boost::json::object>>& r) {
  if (!r) return ctx.problem(r.error());
  return items(*r);
}

std::optional<std::int64_t> query_int(const RequestContext& ctx, std::string_view name,
                                      std::int64_t min, std::int64_t max, std::int64_t fallback) {
  const auto text = ctx.query(name);
  if (!text) return fallback;
  std::int64_t n = 0;
  // from_chars reads no '+', spaces or base prefixes, and reports overflow as an error.
  auto [p, ec] = std::from_chars(text->data(), text->data() + text->size(), n);
  if (ec != std::errc{} || p != text->data() + text->size() || n < min || n > max)
    return std::nullopt;
  return n;
}

}  // namespace yq::http
