#include "scheduling/route_helpers.hpp"

namespace yq::scheduling::routes {

std::optional<core::LocalisedText> read_names(core::JsonReader& r, const boost::json::object& body,
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
  return core::LocalisedText{*en, *hant, *hans};
}

}  // namespace yq::scheduling::routes
