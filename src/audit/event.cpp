#include "audit/event.hpp"

namespace yq::audit {

Event event_by(const identity::Principal& who, const identity::ClientInfo& client,
               std::string action, std::string target_type, std::string target_id) {
  Event e;
  e.actor_id = who.account_id;
  e.actor_role = who.primary_role();
  e.action = std::move(action);
  e.target_type = std::move(target_type);
  e.target_id = std::move(target_id);
  e.ip = client.ip;
  return e;
}

}  // namespace yq::audit
