#pragma once
// Small pieces every scheduling routes file uses: answering a Result, reading a JSON body, names
// in three languages, bounded integers from the query string.
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/json_input.hpp"
#include "http/context.hpp"
#include "scheduling/services/catalog.hpp"

namespace yq::scheduling::routes {

http::Reply answer(http::RequestContext& ctx, const core::Result<boost::json::object>& r,
                   int status = 200);
http::Reply items(std::vector<boost::json::object> list);
http::Reply items_or_problem(http::RequestContext& ctx,
                             const core::Result<std::vector<boost::json::object>>& r);

// Parses the body as one JSON object and hands a reader to fn (which answers).
template <class F>
http::Reply with_body(http::RequestContext& ctx, F&& fn) {
  auto obj = core::parse_json_object(ctx.body());
  if (!obj) return ctx.problem(obj.error());
  core::JsonReader reader(*obj);
  return fn(reader, *obj);
}

// {"en": ..., "zh-Hant": ..., "zh-Hans": ...}, each at most max_chars.
std::optional<ServiceNames> read_names(core::JsonReader& r, const boost::json::object& body,
                                       std::string_view field, std::size_t max_chars,
                                       bool required);

// A query parameter as an integer within [min, max]; `fallback` when absent; nullopt when junk.
std::optional<std::int64_t> query_int(const http::RequestContext& ctx, std::string_view name,
                                      std::int64_t min, std::int64_t max, std::int64_t fallback);

}  // namespace yq::scheduling::routes
