#pragma once
// What another module may read of one service: whose it is, its names, specialty and kind of
// consultation (consult describes a room by them). The one way another module reads the services
// table for that (docs/architecture.md, "Module map").
#include <optional>
#include <string>

#include "scheduling/services/catalog.hpp"
#include "store/database.hpp"

namespace yq::scheduling {

struct ServiceFacts {
  std::string id, organisation_id;
  ServiceNames name;
  std::string specialty;
  std::string consultation_type;  // in_person | video | voice
  bool active = false;
};

// The service, retired or not (a past visit still names its service).
std::optional<ServiceFacts> service_facts(store::Connection& c, const std::string& service_id);

}  // namespace yq::scheduling
