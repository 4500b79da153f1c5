#pragma once
// Reading untrusted JSON request bodies: parse with depth and size limits, then pull typed fields
// with per-field limits, collecting every problem so the user sees them all at once.
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "core/localised_text.hpp"

namespace yq::core {

// Parses a body that must be one JSON object. Depth is capped at 16; size is capped by the caller
// (the HTTP layer refuses bodies above the route's limit before they are read).
Result<boost::json::object> parse_json_object(std::string_view body);

class JsonReader {
 public:
  explicit JsonReader(const boost::json::object& obj) : obj_(obj) {}

  // Text fields are trimmed; max_chars counts Unicode code points, not bytes.
  std::optional<std::string> text(std::string_view name, std::size_t max_chars, bool required,
                                  std::size_t min_chars = 0);
  std::optional<std::string> email(std::string_view name, bool required);
  // Passwords are not trimmed.
  std::optional<std::string> secret(std::string_view name, std::size_t max_bytes, bool required);
  std::optional<std::int64_t> integer(std::string_view name, std::int64_t min, std::int64_t max,
                                      bool required);
  std::optional<bool> boolean(std::string_view name, bool required);
  // One of the allowed values.
  std::optional<std::string> choice(std::string_view name,
                                    const std::vector<std::string_view>& allowed, bool required);
  // A list of choices (no duplicates kept), at most max_items.
  std::optional<std::vector<std::string>> choices(std::string_view name,
                                                  const std::vector<std::string_view>& allowed,
                                                  std::size_t max_items, bool required);
  // A text in three languages, {"en": ..., "zh-Hant": ..., "zh-Hans": ...}, each within max_chars
  // and, when every_language, present and not blank. Absent or null: nullopt (field.required when
  // required). A language's problem is named "<name>.en", "<name>.zh-Hant", ...
  std::optional<LocalisedText> localised(std::string_view name, std::size_t max_chars,
                                         bool required, bool every_language);
  bool has(std::string_view name) const { return obj_.contains(name); }

  void fail(std::string_view field, std::string message_key);
  bool ok() const { return errors_.empty(); }
  Error error() const { return Error{Errc::validation, errors_, 0}; }

 private:
  const boost::json::value* get(std::string_view name, bool required);
  const boost::json::object& obj_;
  std::vector<FieldError> errors_;
};

std::size_t utf8_length(std::string_view s);
// Code points a reader sees: not white space, not format characters (zero-width spaces and
// joiners, direction marks, soft hyphens, controls). A reason of eight zero-width spaces is empty.
std::size_t visible_length(std::string_view s);
bool is_plausible_email(std::string_view s);
std::string to_lower_ascii(std::string_view s);

}  // namespace yq::core
