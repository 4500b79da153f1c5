#include "consent/consent.hpp"

#include <algorithm>
#include <optional>

namespace yq::consent {

namespace {

// The stored relationship between the two accounts, if any: {relationship, status}.
struct Stored {
  std::string relationship, status;
};

std::optional<Stored> stored_relationship(store::Connection& c, const std::string& carer_id,
                                          const std::string& patient_id) {
  const auto row = c.query_one(
      "SELECT relationship, status FROM dependants WHERE carer_id = ? AND patient_id = ?",
      {carer_id, patient_id});
  if (!row) return std::nullopt;
  return Stored{row->text(0), row->text(1)};
}

bool request_pending(store::Connection& c, const std::string& carer_id,
                     const std::string& patient_id) {
  return c
      .query_one("SELECT 1 FROM carer_requests WHERE carer_id = ? AND patient_id = ?",
                 {carer_id, patient_id})
      .has_value();
}

Decision yes(Basis b) {
  return {true, b};
}
Decision no(Basis b) {
  return {false, b};
}

}  // namespace

std::string_view Decision::reason() const {
  switch (basis) {
    case Basis::self:
      return "self";
    case Basis::parent:
      return "parent";
    case Basis::carer:
      return "carer";
    case Basis::treating:
      return "treating";
    case Basis::none:
      return "no relationship";
    case Basis::pending:
      return "carer request pending";
    case Basis::revoked:
      return "carer access revoked";
  }
  return "no relationship";
}

Decision decide(store::Connection& c, const std::string& actor_id, const std::string& patient_id,
                Purpose purpose, const CareContext& care) {
  if (actor_id.empty() || patient_id.empty()) return no(Basis::none);
  if (actor_id == patient_id) return yes(Basis::self);
  // Substitute decision makers may do everything the patient may: act, read, be told.
  const auto rel = stored_relationship(c, actor_id, patient_id);
  if (rel && rel->status == "active")
    return yes(rel->relationship == "child" ? Basis::parent : Basis::carer);
  // A clinician in this episode reads what the visit needs and hears about it; acting for the
  // patient (booking on their behalf) is the patient's or their carer's, never the clinician's.
  if (care.treating_clinician && purpose != Purpose::act_for) return yes(Basis::treating);
  if (rel && rel->status == "revoked") return no(Basis::revoked);
  if (request_pending(c, actor_id, patient_id)) return no(Basis::pending);
  return no(Basis::none);
}

std::vector<std::string> patients_in_care_of(store::Connection& c, const std::string& actor_id) {
  std::vector<std::string> out{actor_id};
  for (const auto& r :
       c.query("SELECT patient_id FROM dependants WHERE carer_id = ? AND status = 'active' "
               "ORDER BY patient_id",
               {actor_id}))
    out.push_back(r.text(0));
  return out;
}

std::vector<std::string> who_may_be_told(store::Connection& c, const std::string& patient_id,
                                         const std::vector<std::string>& accounts,
                                         const CareContext& care) {
  std::vector<std::string> out;
  for (const auto& a : accounts) {
    if (std::find(out.begin(), out.end(), a) != out.end()) continue;
    if (decide(c, a, patient_id, Purpose::be_notified, care)) out.push_back(a);
  }
  return out;
}

}  // namespace yq::consent
