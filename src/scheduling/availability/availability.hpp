#pragma once
// What a doctor's week looks like: weekly templates per service, leave (exceptions), one-off
// sessions, and the organisation's public holidays. Edited by the organisation's admins (and
// platform admins); a doctor may read their own. Every change re-materialises the affected
// doctors' slots in the same transaction (slot_materialiser.hpp), so what is bookable is always
// what the schedule says, and bookings on withdrawn times are flagged for rebooking.
#include <boost/json/object.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "identity/principal.hpp"
#include "scheduling/env.hpp"
#include "scheduling/services/catalog.hpp"

namespace yq::scheduling {

inline constexpr std::int64_t kMaxTemplatesPerDoctor = 100;
inline constexpr std::int64_t kMaxFutureEntriesPerDoctor = 500;  // exceptions, and sessions
inline constexpr std::int64_t kMaxExceptionSeconds = 366 * 86400;
inline constexpr std::int64_t kMaxSessionSeconds = 86400;

struct TemplateInput {
  std::string service_id;
  int weekday = 1;
  int start_minute = 0, end_minute = 0;
  std::string valid_from;   // '' = today
  std::string valid_until;  // '' = open-ended
};

struct ExceptionInput {
  std::int64_t starts_at = 0, ends_at = 0;
  std::string reason;
};

struct SessionInput {
  std::string service_id;
  std::int64_t starts_at = 0, ends_at = 0;
};

class Availability {
 public:
  explicit Availability(Env& env) : env_(env) {}

  // Templates, future leave and sessions of a doctor (the doctor or their organisation's admins).
  core::Result<boost::json::object> overview(const identity::Principal& who,
                                             const std::string& doctor_id);

  core::Result<boost::json::object> add_template(const identity::Principal& who,
                                                 const std::string& doctor_id,
                                                 const TemplateInput& in,
                                                 const identity::ClientInfo& client);
  core::Result<boost::json::object> remove_template(const identity::Principal& who,
                                                    const std::string& template_id,
                                                    const identity::ClientInfo& client);
  core::Result<boost::json::object> add_exception(const identity::Principal& who,
                                                  const std::string& doctor_id,
                                                  const ExceptionInput& in,
                                                  const identity::ClientInfo& client);
  core::Result<boost::json::object> remove_exception(const identity::Principal& who,
                                                     const std::string& exception_id,
                                                     const identity::ClientInfo& client);
  core::Result<boost::json::object> add_session(const identity::Principal& who,
                                                const std::string& doctor_id,
                                                const SessionInput& in,
                                                const identity::ClientInfo& client);
  core::Result<boost::json::object> remove_session(const identity::Principal& who,
                                                   const std::string& session_id,
                                                   const identity::ClientInfo& client);

  // Public holidays of an organisation (anyone: they are public).
  core::Result<std::vector<boost::json::object>> holidays(const std::string& organisation_id);
  core::Result<boost::json::object> put_holiday(const identity::Principal& who,
                                                const std::string& organisation_id,
                                                const std::string& day,
                                                const core::LocalisedText& name,
                                                const identity::ClientInfo& client);
  core::Result<boost::json::object> remove_holiday(const identity::Principal& who,
                                                   const std::string& organisation_id,
                                                   const std::string& day,
                                                   const identity::ClientInfo& client);

  // After the account's roles changed at an organisation: its slots follow at once (times at an
  // organisation where it is no longer a doctor are withdrawn, booked ones flagged for rebooking
  // with a notice; regained ones come back).
  void roles_changed(const std::string& account_id);

 private:
  Env& env_;
};

}  // namespace yq::scheduling
