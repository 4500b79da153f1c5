#pragma once
// Server-side texts a person reads (error titles, field messages, e-mails), in all three languages.
// A unit test fails when any entry lacks a language.
#include "core/i18n.hpp"

#include <string_view>
#include <vector>

namespace yq::core {

struct Message {
  std::string_view key;
  std::string_view en;
  std::string_view zh_hant;
  std::string_view zh_hans;
};

// The text for key in lang; the key itself when unknown (a test keeps that from happening).
std::string_view message(std::string_view key, Lang lang);
bool has_message(std::string_view key);
const std::vector<Message>& all_messages();

}  // namespace yq::core
