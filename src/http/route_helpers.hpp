#pragma once
// The small pieces every module's routes use: answering a Result, reading a JSON body, a list of
// items, a bounded integer from the query string. One copy here instead of one per routes file.
#include <boost/json/object.hpp>

#include <cstdint>
#include <optional>
#include <string_view>
#include <type_traits>
#include <vector>

#include "core/error.hpp"
#include "core/json_input.hpp"
#include "http/context.hpp"

namespace yq::http {

// The object as JSON with `status`, or the error as a problem.
Reply answer(RequestContext& ctx, const core::Result<boost::json::object>& r, int status = 200);
// {"items": [...]}.
Reply items(std::vector<boost::json::object> list);
Reply items_or_problem(RequestContext& ctx,
                       const core::Result<std::vector<boost::json::object>>& r);

// Parses the body as one JSON object and hands a reader (and the object, when fn takes it) to fn,
// which answers; a body that is not a JSON object is answered here (400).
template <class F>
Reply with_body(RequestContext& ctx, F&& fn) {
  auto obj = core::parse_json_object(ctx.body());
  if (!obj) return ctx.problem(obj.error());
  core::JsonReader reader(*obj);
  if constexpr (std::is_invocable_v<F, core::JsonReader&, const boost::json::object&>)
    return fn(reader, *obj);
  else
    return fn(reader);
}

// A query parameter as a decimal integer within [min, max]: `fallback` when absent, nullopt when
// anything else (empty, a sign other than '-', spaces, letters, too large for 64 bits, out of
// range). Callers answer nullopt with a validation problem naming the parameter, never a 500.
std::optional<std::int64_t> query_int(const RequestContext& ctx, std::string_view name,
                                      std::int64_t min, std::int64_t max, std::int64_t fallback);

}  // namespace yq::http
