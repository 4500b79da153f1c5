#include "core/ids.hpp"

#include <algorithm>
#include <cctype>

#include "core/crypto.hpp"

namespace yq::core {

std::string new_id() {
  std::string id = base32_encode(random_bytes(16));
  std::transform(id.begin(), id.end(), id.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return id;
}

bool looks_like_id(std::string_view s) {
  return s.size() == 26 && std::all_of(s.begin(), s.end(), [](char c) {
           return (c >= 'a' && c <= 'z') || (c >= '2' && c <= '7');
         });
}

}  // namespace yq::core
