#pragma once
// Record-level access for scheduling: which staff may act on which organisation's records (who
// may act for which patient is consent's answer: consent/consent.hpp). A record outside the
// caller's scope is answered as not found, so an id in a URL never confirms that someone else's
// record exists.
#include <boost/json/object.hpp>

#include <optional>
#include <string>
#include <vector>

#include "audit/audit_log.hpp"
#include "http/principal.hpp"
#include "store/database.hpp"

namespace yq::scheduling {

// Organisation admins of that organisation, and platform admins (setting up services and
// schedules is administration, not patient data).
bool administers(const http::Principal& who, const std::string& organisation_id);

// The organisation a doctor works for (their profile), if they are a doctor at all.
std::optional<std::string> doctor_organisation(store::Connection& c, const std::string& doctor_id);

// {"en", "zh-Hant", "zh-Hans"} from three consecutive columns.
boost::json::object names_at(const store::Row& row, std::size_t first);

// An audit event with the caller filled in.
audit::Event event_by(const http::Principal& who, const http::ClientInfo& client,
                      std::string action, std::string target_type, std::string target_id);

}  // namespace yq::scheduling
