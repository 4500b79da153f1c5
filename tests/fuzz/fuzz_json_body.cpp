// Fuzz target: a JSON request body through the parser and the field reader every route uses.
#include <cstdint>
#include <string_view>

#include "core/json_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view body(reinterpret_cast<const char*>(data), size);
  auto obj = yq::core::parse_json_object(body);
  if (!obj) return 0;
  yq::core::JsonReader r(*obj);
  r.email("email", true);
  r.secret("password", 1024, true);
  r.text("display_name", 100, true, 1);
  r.text("bio", 2000, false);
  r.integer("fee_cents", 0, 10'000'000, false);
  r.boolean("active", false);
  r.choice("kind", {"clinic", "pharmacy"}, false);
  r.choices("languages", {"yue", "cmn", "en"}, 13, false);
  (void)r.error();
  return 0;
}
