#include "core/json_input.hpp"

#include <boost/json/parse.hpp>

#include <algorithm>

namespace yq::core {

Result<boost::json::object> parse_json_object(std::string_view body) {
  boost::json::parse_options opts;
  opts.max_depth = 16;
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(body, ec, {}, opts);
  if (ec || !v.is_object()) return Error::of(Errc::invalid_json);
  return std::move(v.as_object());
}

std::size_t utf8_length(std::string_view s) {
  return static_cast<std::size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

std::size_t visible_length(std::string_view s) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    const std::size_t n = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    char32_t cp = n == 1 ? b : n == 2 ? (b & 0x1F) : n == 3 ? (b & 0x0F) : (b & 0x07);
    for (std::size_t k = 1; k < n && i + k < s.size(); ++k)
      cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    i += n;
    const bool space = cp == ' ' || (cp >= 0x09 && cp <= 0x0D) || cp == 0x85 || cp == 0xA0 ||
                       cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 ||
                       cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000;
    const bool format = cp == 0xAD || cp == 0x061C || cp == 0x180E ||
                        (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x202A && cp <= 0x202E) ||
                        (cp >= 0x2060 && cp <= 0x206F) || cp == 0xFEFF || cp < 0x20;
    if (!space && !format) ++count;
  }
  return count;
}

std::string to_lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool is_plausible_email(std::string_view s) {
  if (s.size() < 3 || s.size() > 254) return false;
  const auto at = s.find('@');
  if (at == 0 || at == std::string_view::npos || s.find('@', at + 1) != std::string_view::npos)
    return false;
  const auto domain = s.substr(at + 1);
  if (domain.empty() || domain.find('.') == std::string_view::npos || domain.front() == '.' ||
      domain.back() == '.') {
    return false;
  }
  return std::none_of(s.begin(), s.end(), [](char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '<' || c == '>' || c == ',' ||
           static_cast<unsigned char>(c) < 0x20;
  });
}

namespace {
std::string trim(std::string_view s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return {};
  const auto e = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(b, e - b + 1));
}

bool has_control_chars(std::string_view s, bool allow_newlines) {
  return std::any_of(s.begin(), s.end(), [&](char c) {
    const auto u = static_cast<unsigned char>(c);
    if (allow_newlines && (c == '\n' || c == '\t')) return false;
    return u < 0x20 || u == 0x7f;
  });
}
}  // namespace

void JsonReader::fail(std::string_view field, std::string message_key) {
  errors_.push_back(FieldError{std::string(field), std::move(message_key)});
}

const boost::json::value* JsonReader::get(std::string_view name, bool required) {
  const auto* v = obj_.if_contains(name);
  if (!v || v->is_null()) {
    if (required) fail(name, "field.required");
    return nullptr;
  }
  return v;
}

std::optional<std::string> JsonReader::text(std::string_view name, std::size_t max_chars,
                                            bool required, std::size_t min_chars) {
  const auto* v = get(name, required);
  if (!v) return std::nullopt;
  if (!v->is_string()) {
    fail(name, "field.not_a_string");
    return std::nullopt;
  }
  std::string s = trim(v->as_string());
  if (s.empty() && required) {
    fail(name, "field.required");
    return std::nullopt;
  }
  const auto len = utf8_length(s);
  if (len > max_chars) {
    fail(name, "field.too_long");
    return std::nullopt;
  }
  if (len < min_chars) {
    fail(name, "field.too_short");
    return std::nullopt;
  }
  if (has_control_chars(s, /*allow_newlines=*/max_chars > 200)) {
    fail(name, "field.invalid");
    return std::nullopt;
  }
  return s;
}

std::optional<LocalisedText> JsonReader::localised(std::string_view name, std::size_t max_chars,
                                                   bool required, bool every_language) {
  const auto* v = obj_.if_contains(name);
  if (!v || v->is_null()) {
    if (required) fail(name, "field.required");
    return std::nullopt;
  }
  if (!v->is_object()) {
    fail(name, "field.invalid");
    return std::nullopt;
  }
  JsonReader inner(v->as_object());
  auto en = inner.text(lang_tag(Lang::en), max_chars, every_language);
  auto hant = inner.text(lang_tag(Lang::zh_hant), max_chars, every_language);
  auto hans = inner.text(lang_tag(Lang::zh_hans), max_chars, every_language);
  if (!inner.ok()) {
    for (const auto& f : inner.errors_) fail(std::string(name) + "." + f.field, f.message_key);
    return std::nullopt;
  }
  return LocalisedText{en.value_or(""), hant.value_or(""), hans.value_or("")};
}

std::optional<std::string> JsonReader::email(std::string_view name, bool required) {
  auto s = text(name, 254, required);
  if (!s) return std::nullopt;
  if (s->empty()) return s;
  if (!is_plausible_email(*s)) {
    fail(name, "field.invalid_email");
    return std::nullopt;
  }
  return to_lower_ascii(*s);
}

std::optional<std::string> JsonReader::secret(std::string_view name, std::size_t max_bytes,
                                              bool required) {
  const auto* v = get(name, required);
  if (!v) return std::nullopt;
  if (!v->is_string()) {
    fail(name, "field.not_a_string");
    return std::nullopt;
  }
  std::string s(v->as_string());
  if (s.size() > max_bytes) {
    fail(name, "field.too_long");
    return std::nullopt;
  }
  if (s.empty() && required) {
    fail(name, "field.required");
    return std::nullopt;
  }
  return s;
}

std::optional<std::int64_t> JsonReader::integer(std::string_view name, std::int64_t min,
                                                std::int64_t max, bool required) {
  const auto* v = get(name, required);
  if (!v) return std::nullopt;
  std::int64_t n;
  if (v->is_int64())
    n = v->as_int64();
  else if (v->is_uint64() && v->as_uint64() <= static_cast<std::uint64_t>(INT64_MAX))
    n = static_cast<std::int64_t>(v->as_uint64());
  else {
    fail(name, "field.not_a_number");
    return std::nullopt;
  }
  if (n < min || n > max) {
    fail(name, "field.out_of_range");
    return std::nullopt;
  }
  return n;
}

std::optional<bool> JsonReader::boolean(std::string_view name, bool required) {
  const auto* v = get(name, required);
  if (!v) return std::nullopt;
  if (!v->is_bool()) {
    fail(name, "field.not_a_boolean");
    return std::nullopt;
  }
  return v->as_bool();
}

std::optional<std::string> JsonReader::choice(std::string_view name,
                                              const std::vector<std::string_view>& allowed,
                                              bool required) {
  auto s = text(name, 64, required);
  if (!s || (s->empty() && !required)) return std::nullopt;
  if (std::find(allowed.begin(), allowed.end(), *s) == allowed.end()) {
    fail(name, "field.unknown_choice");
    return std::nullopt;
  }
  return s;
}

std::optional<std::vector<std::string>> JsonReader::choices(
    std::string_view name, const std::vector<std::string_view>& allowed, std::size_t max_items,
    bool required) {
  const auto* v = get(name, required);
  if (!v) return std::nullopt;
  if (!v->is_array()) {
    fail(name, "field.not_a_list");
    return std::nullopt;
  }
  const auto& arr = v->as_array();
  if (arr.size() > max_items) {
    fail(name, "field.too_long");
    return std::nullopt;
  }
  std::vector<std::string> out;
  for (const auto& item : arr) {
    if (!item.is_string() || std::find(allowed.begin(), allowed.end(),
                                       std::string_view(item.as_string())) == allowed.end()) {
      fail(name, "field.unknown_choice");
      return std::nullopt;
    }
    std::string s(item.as_string());
    if (std::find(out.begin(), out.end(), s) == out.end()) out.push_back(std::move(s));
  }
  if (required && out.empty()) {
    fail(name, "field.required");
    return std::nullopt;
  }
  return out;
}

}  // namespace yq::core
