#include "records/care.hpp"

#include <algorithm>

namespace yq::records {

std::vector<std::string> Care::organisations_caring(store::Connection& c,
                                                    const std::string& patient_id, std::int64_t now,
                                                    bool with_referrals) const {
  auto out = organisations_caring_by_record(c, patient_id, now, with_referrals);
  for (const auto& source : sources_) {
    auto more = source(c, patient_id, now);
    out.insert(out.end(), more.begin(), more.end());
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

bool Care::cares(store::Connection& c, const std::string& patient_id,
                 const std::string& organisation_id, std::int64_t now, bool with_referrals) const {
  const auto orgs = organisations_caring(c, patient_id, now, with_referrals);
  return std::binary_search(orgs.begin(), orgs.end(), organisation_id);
}

std::vector<std::string> organisations_caring_by_record(store::Connection& c,
                                                        const std::string& patient_id,
                                                        std::int64_t now, bool with_referrals) {
  std::vector<std::string> out;
  for (const auto& r :
       c.query("SELECT DISTINCT organisation_id FROM record_entries WHERE patient_id = ? AND "
               "category = 'encounters' AND error_at IS NULL AND care_until > ?",
               {patient_id, now}))
    out.push_back(r.text(0));
  if (!with_referrals) return out;
  // An open referral: the receiving organisation, named in the index (entry_forms.cpp), for
  // kReferralCareSeconds after it was made.
  for (const auto& r :
       c.query("SELECT DISTINCT code FROM record_entries WHERE patient_id = ? AND category = "
               "'referrals' AND status = 'active' AND code_system = 'organisation' AND error_at IS "
               "NULL AND effective_at > ?",
               {patient_id, now - kReferralCareSeconds}))
    out.push_back(r.text(0));
  return out;
}

}  // namespace yq::records
