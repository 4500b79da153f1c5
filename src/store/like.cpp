#include "store/like.hpp"

namespace yq::store {

std::string like_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 4);
  for (const char ch : text) {
    if (ch == '\\' || ch == '%' || ch == '_') out.push_back('\\');
    out.push_back(ch);
  }
  return out;
}

std::string like_contains(std::string_view text) {
  return "%" + like_escape(text) + "%";
}

}  // namespace yq::store
