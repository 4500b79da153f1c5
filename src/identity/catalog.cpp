#include "identity/catalog.hpp"

namespace yq::identity {

const std::vector<std::string_view>& organisation_kinds() {
  static const std::vector<std::string_view> v{"public_hospital", "private_hospital", "clinic",
                                               "pharmacy"};
  return v;
}

const std::vector<std::string_view>& regions() {
  static const std::vector<std::string_view> v{"hong_kong", "macao",   "guangzhou", "shenzhen",
                                               "zhuhai",    "foshan",  "dongguan",  "zhongshan",
                                               "jiangmen",  "huizhou", "zhaoqing"};
  return v;
}

const std::vector<std::string_view>& staff_roles() {
  static const std::vector<std::string_view> v{"doctor", "nurse", "pharmacist", "org_admin"};
  return v;
}

const std::vector<std::string_view>& specialties() {
  static const std::vector<std::string_view> v{
      "general_practice", "family_medicine",        "internal_medicine", "paediatrics",
      "psychiatry",       "clinical_psychology",    "cardiology",        "dermatology",
      "orthopaedics",     "obstetrics_gynaecology", "ophthalmology",     "ent",
      "oncology",         "respiratory_medicine",   "endocrinology",     "geriatrics",
      "radiology",        "chinese_medicine"};
  return v;
}

const std::vector<std::string_view>& spoken_languages() {
  static const std::vector<std::string_view> v{"yue", "cmn", "en", "hak", "nan", "tl", "id",
                                               "hi",  "ur",  "ne", "ja",  "ko",  "fr"};
  return v;
}

const std::vector<std::string_view>& ui_languages() {
  static const std::vector<std::string_view> v{"en", "zh-Hant", "zh-Hans"};
  return v;
}

std::vector<std::string_view> roles_for_kind(std::string_view kind) {
  if (kind == "pharmacy") return {"pharmacist", "org_admin"};
  return {"doctor", "nurse", "org_admin"};
}

}  // namespace yq::identity
