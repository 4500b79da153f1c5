#pragma once
// A text a person reads in each of the platform's three languages: a service's, organisation's or
// holiday's name, a doctor's bio, a diagnosis. Stored as three columns (name_en, name_zh_hant,
// name_zh_hans), sent as {"en": ..., "zh-Hant": ..., "zh-Hans": ...}.
#include <boost/json/object.hpp>

#include <string>

#include "core/i18n.hpp"

namespace yq::core {

struct LocalisedText {
  std::string en, zh_hant, zh_hans;

  // {"en": ..., "zh-Hant": ..., "zh-Hans": ...}, the shape every API answer uses.
  boost::json::object to_json() const;
  // The text in lang.
  const std::string& pick(Lang lang) const;
};

}  // namespace yq::core
