#include "core/ids.hpp"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <mutex>

#include "core/crypto.hpp"

namespace yq::core {

std::string new_id() {
  std::string id = base32_encode(random_bytes(16));
  std::transform(id.begin(), id.end(), id.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return id;
}

std::string new_ordered_id() {
  static constexpr char kSorted[] = "234567abcdefghijklmnopqrstuvwxyz";  // ASCII order
  static std::mutex mutex;
  static std::uint64_t last_ms = 0;
  static std::uint32_t seq = 0;
  auto ms = static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                           std::chrono::system_clock::now().time_since_epoch())
                                           .count());
  {
    std::lock_guard lock(mutex);
    if (ms <= last_ms) {
      ms = last_ms;
      if (++seq > 0xFFFF) {
        ms = ++last_ms;
        seq = 0;
      }
    } else {
      seq = 0;
    }
    last_ms = ms;
  }
  std::string bytes(16, '\0');
  for (int i = 0; i < 6; ++i) bytes[i] = static_cast<char>((ms >> (8 * (5 - i))) & 0xFF);
  bytes[6] = static_cast<char>((seq >> 8) & 0xFF);
  bytes[7] = static_cast<char>(seq & 0xFF);
  const std::string tail = random_bytes(8);
  std::copy(tail.begin(), tail.end(), bytes.begin() + 8);
  // 128 bits, most significant first, five at a time (the last group padded with zeros).
  std::string out;
  out.reserve(26);
  std::uint32_t buffer = 0;
  int bits = 0;
  for (const char b : bytes) {
    buffer = (buffer << 8) | static_cast<unsigned char>(b);
    bits += 8;
    while (bits >= 5) {
      out += kSorted[(buffer >> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += kSorted[(buffer << (5 - bits)) & 31];
  return out;
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
