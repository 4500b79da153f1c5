#include "scheduling/directory/search_text.hpp"

#include <opencc/SimpleConverter.hpp>

#include <algorithm>
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

namespace {

// Byte offsets where each UTF-8 character of `word` starts, plus the end.
std::vector<std::size_t> character_starts(std::string_view word) {
  std::vector<std::size_t> at;
  for (std::size_t i = 0; i < word.size(); ++i)
    if ((static_cast<unsigned char>(word[i]) & 0xC0) != 0x80) at.push_back(i);
  at.push_back(word.size());
  return at;
}

bool is_ascii(std::string_view word) {
  for (const char ch : word)
    if (static_cast<unsigned char>(ch) >= 0x80) return false;
  return true;
}

std::vector<std::string_view> words_of(std::string_view normalised) {
  std::vector<std::string_view> words;
  std::size_t start = 0;
  while (start < normalised.size()) {
    std::size_t end = normalised.find(' ', start);
    if (end == std::string_view::npos) end = normalised.size();
    if (end > start) words.push_back(normalised.substr(start, end - start));
    start = end + 1;
  }
  return words;
}

// `word` cut to at most kMaxTokenChars characters.
std::string_view capped(std::string_view word) {
  const auto at = character_starts(word);
  return at.size() - 1 > kMaxTokenChars ? word.substr(0, at[kMaxTokenChars]) : word;
}

void add_unique(std::vector<std::string>& out, std::string_view token) {
  if (std::find(out.begin(), out.end(), token) == out.end()) out.emplace_back(token);
}

}  // namespace

std::vector<std::string> name_tokens(std::string_view normalised) {
  std::vector<std::string> out;
  for (const auto word : words_of(normalised)) {
    const auto at = character_starts(word);
    const std::size_t chars = at.size() - 1;
    // Latin words by prefix; words with other scripts (Chinese names) by every inner run.
    const std::size_t first_starts = is_ascii(word) ? 1 : chars;
    for (std::size_t from = 0; from < first_starts; ++from)
      for (std::size_t len = 1; len <= kMaxTokenChars && from + len <= chars; ++len)
        add_unique(out, word.substr(at[from], at[from + len] - at[from]));
  }
  return out;
}

std::vector<std::string> query_tokens(std::string_view normalised) {
  std::vector<std::string> out;
  for (const auto word : words_of(normalised)) add_unique(out, capped(word));
  return out;
}

}  // namespace yq::scheduling
