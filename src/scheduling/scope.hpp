#pragma once
// Record-level access for scheduling: which staff may act on which organisation's records (who
// may act for which patient is consent's answer: consent/consent.hpp). A record outside the
// caller's scope is answered as not found, so an id in a URL never confirms that someone else's
// record exists.
#include <boost/json/object.hpp>

#include <optional>
#include <string>
#include <vector>

#include "audit/event.hpp"
#include "identity/principal.hpp"
#include "store/database.hpp"
#include "store/in_list.hpp"

namespace yq::scheduling {

using store::in_list;

// Organisation admins of that organisation, and platform admins (setting up services and
// schedules is administration, not patient data).
bool administers(const identity::Principal& who, const std::string& organisation_id);

// The organisation of the doctor's public profile (where they hold the doctor role), if they are a
// doctor at all.
std::optional<std::string> doctor_organisation(store::Connection& c, const std::string& doctor_id);

// Every organisation where the account holds the doctor role: a doctor may work for several, and
// each organisation manages only its own services, schedules and appointments for them.
std::vector<std::string> doctor_organisations(store::Connection& c, const std::string& doctor_id);
// Of those, the ones `who` administers (all of them for a platform admin); empty when none.
std::vector<std::string> administered_doctor_organisations(store::Connection& c,
                                                           const identity::Principal& who,
                                                           const std::string& doctor_id);

// {"en", "zh-Hant", "zh-Hans"} from three consecutive columns.
boost::json::object names_at(const store::Row& row, std::size_t first);

// Scheduling's audit events start from audit's one builder.
using audit::event_by;

}  // namespace yq::scheduling
