#pragma once
// The one builder of an audit event about something a signed-in caller did: the actor (account and
// role) and where the request came from are filled in from the request, the rest is the caller's
// to add (patient, on whose behalf, detail, outcome). Every module that audits a caller's action
// starts its event here, so the trail names actors the same way everywhere.
#include <string>

#include "audit/audit_log.hpp"
#include "identity/principal.hpp"

namespace yq::audit {

Event event_by(const identity::Principal& who, const identity::ClientInfo& client,
               std::string action, std::string target_type, std::string target_id);

}  // namespace yq::audit
