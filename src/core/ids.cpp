#include "core/ids.hpp"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cstdint>
#include <cstdio>

#include "core/crypto.hpp"

namespace yq::core {

std::string new_id() {
  std::string id = base32_encode(random_bytes(16));
  std::transform(id.begin(), id.end(), id.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return id;
}

std::string new_request_id() {
  static const std::uint32_t prefix = [] {
    const auto bytes = random_bytes(4);
    std::uint32_t v = 0;
    for (unsigned char b : bytes) v = (v << 8) | b;
    return v;
  }();
  static std::atomic<std::uint32_t> counter{0};
  char text[17];
  std::snprintf(text, sizeof text, "%08x%08x", prefix,
                counter.fetch_add(1, std::memory_order_relaxed));
  return text;
}

bool looks_like_id(std::string_view s) {
  return s.size() == 26 && std::all_of(s.begin(), s.end(), [](char c) {
           return (c >= 'a' && c <= 'z') || (c >= '2' && c <= '7');
         });
}

}  // namespace yq::core
