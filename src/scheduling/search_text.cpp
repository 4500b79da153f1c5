#include "scheduling/search_text.hpp"

#include <opencc/SimpleConverter.hpp>

#include <mutex>

namespace yq::scheduling {

namespace {

// Loading the dictionaries takes milliseconds, so one converter for the process. OpenCC does not
// promise that concurrent Convert calls are safe, and a name is converted in microseconds: a
// mutex costs nothing measurable here.
std::string to_simplified(std::string_view text) {
  static std::mutex mutex;
  static const opencc::SimpleConverter converter("hk2s.json");
  std::lock_guard lock(mutex);
  return converter.Convert(text.data(), text.size());
}

}  // namespace

std::string normalise_search_text(std::string_view text) {
  const std::string simplified = to_simplified(text);
  std::string out;
  out.reserve(simplified.size());
  bool space = false;
  for (const char ch : simplified) {
    const bool is_space = ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r';
    if (is_space) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += (ch >= 'A' && ch <= 'Z') ? static_cast<char>(ch - 'A' + 'a') : ch;
  }
  return out;
}

std::string contains_pattern(std::string_view normalised) {
  std::string out = "%";
  for (const char ch : normalised) {
    if (ch == '%' || ch == '_' || ch == '\\') out += '\\';
    out += ch;
  }
  out += '%';
  return out;
}

}  // namespace yq::scheduling
