#pragma once
// Services an organisation offers (name in three languages, specialty, consultation type, slot
// length, fee; optionally a "see a doctor now" queue). Created and changed by the organisation's
// admins (and platform admins); listed publicly. A service is never deleted (appointments point at
// it): deactivating it withdraws its future slots, and the affected patients are told to rebook.
// Which doctors provide a service follows from their availability templates and sessions.
#include <boost/json/object.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/localised_text.hpp"
#include "identity/principal.hpp"
#include "scheduling/env.hpp"

namespace yq::scheduling {

struct ServiceInput {
  std::optional<core::LocalisedText> name;
  std::optional<std::string> specialty;
  std::optional<std::string> consultation_type;
  std::optional<std::int64_t> slot_minutes;
  std::optional<std::int64_t> fee_cents;
  std::optional<std::string> currency;
  std::optional<bool> queue_enabled;
  std::optional<std::string> queue_hours;  // "" = 24x7, else the JSON list of windows
  std::optional<bool> active;
};

inline constexpr std::size_t kMaxQueueHourWindows = 64;

class ServiceCatalog {
 public:
  explicit ServiceCatalog(Env& env) : env_(env) {}

  // Active services of an active organisation (anyone).
  // Active services; with include_retired, retired ones too, but only for the organisation's admins
  // (others get the public list: a retired service is nobody else's business).
  core::Result<std::vector<boost::json::object>> list(const std::optional<identity::Principal>& who,
                                                      const std::string& organisation_id,
                                                      bool include_retired = false);
  // One service; an inactive one only for its admins.
  core::Result<boost::json::object> get(const std::optional<identity::Principal>& who,
                                        const std::string& service_id);
  core::Result<boost::json::object> create(const identity::Principal& who,
                                           const std::string& organisation_id,
                                           const ServiceInput& in,
                                           const identity::ClientInfo& client);
  core::Result<boost::json::object> update(const identity::Principal& who,
                                           const std::string& service_id, const ServiceInput& in,
                                           const identity::ClientInfo& client);

 private:
  Env& env_;
};

// The service as the API shows it (with the doctors who provide it).
boost::json::object load_service_json(store::Connection& c, const std::string& service_id);

}  // namespace yq::scheduling
