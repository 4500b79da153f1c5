#pragma once
// The carer relationships consent decides from, and the requests that lead to them. Each function
// runs inside the caller's transaction; the family workflow (scheduling::Dependants) adds the
// accounts, notices and audit events around them.
//
// A child under 16 is managed by the parent who created its account (relationship 'child', active
// from the start, never revoked by the parent alone). An adult grants carer access: the carer asks
// by e-mail address, the adult accepts or declines, and either can end it later.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace yq::consent {

inline constexpr std::int64_t kRequestLifetimeSeconds = 14 * 24 * 3600;
inline constexpr int kMaxOpenRequestsPerCarer = 20;
inline constexpr int kMaxChildrenPerAccount = 10;

struct Relationship {
  std::string carer_id, patient_id, relationship;
  std::int64_t granted_at = 0;
};

// Active relationships: people the carer manages / people who manage the patient.
std::vector<Relationship> dependants_of(store::Connection& c, const std::string& carer_id);
std::vector<Relationship> carers_of(store::Connection& c, const std::string& patient_id);

// Children whose accounts the parent created and still manages.
int children_of_count(store::Connection& c, const std::string& parent_id);
// The parent's relationship to a child account created just now.
void add_child(store::Connection& c, std::int64_t now, const std::string& parent_id,
               const std::string& child_id);

struct CareRequest {
  std::string id, carer_id, email, patient_id, relationship;
  std::int64_t created_at = 0, expires_at = 0;
};

enum class RequestOutcome { made, renewed, already_carer, too_many };
// Records the request as typed; `patient_id` is the adult the address belongs to, if any. Asking
// the same address again renews the request (`renewed`: the patient was told already).
RequestOutcome request_care(store::Connection& c, std::int64_t now, const std::string& carer_id,
                            const std::string& email, const std::optional<std::string>& patient_id,
                            const std::string& relationship, std::string& request_id);
// Open requests the carer made (what they typed; never whom it reached) / the patient received.
std::vector<CareRequest> requests_by(store::Connection& c, std::int64_t now,
                                     const std::string& carer_id);
std::vector<CareRequest> requests_to(store::Connection& c, std::int64_t now,
                                     const std::string& patient_id);
bool withdraw_request(store::Connection& c, const std::string& carer_id,
                      const std::string& request_id);
// The patient answers the carer's open request; false when there is none.
bool answer_request(store::Connection& c, std::int64_t now, const std::string& patient_id,
                    const std::string& carer_id, bool accept);

// Whether the addressee may be told of a request now (at most kMaxRequestNoticesPerDay per carer
// and addressee, withdrawn requests included); records the notice when so.
inline constexpr int kMaxRequestNoticesPerDay = 3;
bool may_announce_request(store::Connection& c, std::int64_t now, const std::string& carer_id,
                          const std::string& patient_id);

// The patient ends a carer's access; false when it was not active.
bool revoke(store::Connection& c, std::int64_t now, const std::string& patient_id,
            const std::string& carer_id);
enum class StopOutcome { stopped, not_found, is_child };
// The carer lets go of an adult (a child stays with their parent: nobody else could act for it).
StopOutcome stop_caring(store::Connection& c, std::int64_t now, const std::string& carer_id,
                        const std::string& patient_id);

}  // namespace yq::consent
