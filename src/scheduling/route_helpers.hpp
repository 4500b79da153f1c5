#pragma once
// Reading names in three languages from a scheduling request body (answering, bodies and query
// integers are http/route_helpers.hpp).
#include <boost/json/object.hpp>

#include <optional>
#include <string>
#include <string_view>

#include "core/json_input.hpp"
#include "scheduling/services/catalog.hpp"

namespace yq::scheduling::routes {

// {"en": ..., "zh-Hant": ..., "zh-Hans": ...}, each at most max_chars.
std::optional<core::LocalisedText> read_names(core::JsonReader& r, const boost::json::object& body,
                                              std::string_view field, std::size_t max_chars,
                                              bool required);

}  // namespace yq::scheduling::routes
