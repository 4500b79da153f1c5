#include "scheduling/route_helpers.hpp"

#include <charconv>

namespace yq::scheduling::routes {

http::Reply answer(http::RequestContext& ctx, const core::Result<boost::json::object>& r,
                   int status) {
  if (!r) return ctx.problem(r.error());
  return http::Reply::json(status, *r);
}

http::Reply items(std::vector<boost::json::object> list) {
  boost::json::array out;
  out.reserve(list.size());
  for (auto& o : list) out.emplace_back(std::move(o));
  return http::Reply::json(200, boost::json::object{{"items", std::move(out)}});
}

http::Reply items_or_problem(http::RequestContext& ctx,
                             const core::Result<std::vector<boost::json::object>>& r) {
  if (!r) return ctx.problem(r.error());
  return items(*r);
}

std::optional<ServiceNames> read_names(core::JsonReader& r, const boost::json::object& body,
                                       std::string_view field, std::size_t max_chars,
                                       bool required) {
  const auto* v = body.if_contains(field);
  if (!v || v->is_null()) {
    if (required) r.fail(field, "field.required");
    return std::nullopt;
  }
  if (!v->is_object()) {
    r.fail(field, "field.invalid");
    return std::nullopt;
  }
  core::JsonReader inner(v->as_object());
  auto en = inner.text("en", max_chars, true, 1);
  auto hant = inner.text("zh-Hant", max_chars, true, 1);
  auto hans = inner.text("zh-Hans", max_chars, true, 1);
  if (!inner.ok()) {
    for (const auto& f : inner.error().fields)
      r.fail(std::string(field) + "." + f.field, f.message_key);
    return std::nullopt;
  }
  return ServiceNames{*en, *hant, *hans};
}

std::optional<std::int64_t> query_int(const http::RequestContext& ctx, std::string_view name,
                                      std::int64_t min, std::int64_t max, std::int64_t fallback) {
  const auto text = ctx.query(name);
  if (!text) return fallback;
  std::int64_t n = 0;
  auto [p, ec] = std::from_chars(text->data(), text->data() + text->size(), n);
  if (ec != std::errc{} || p != text->data() + text->size() || n < min || n > max)
    return std::nullopt;
  return n;
}

}  // namespace yq::scheduling::routes
