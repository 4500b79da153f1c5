#pragma once
// People a patient manages. A child under 16 is created by their parent: an account of its own
// (appointments point at it) that can never sign in: no password, status 'disabled', and an
// address in the reserved .invalid domain (RFC 2606) that the notifier never mails. An adult
// grants carer access to their existing account: the carer asks by e-mail address, the adult
// accepts or declines, and can revoke it later. The relationships themselves and the rule of who
// may act for whom belong to src/consent; this is the family workflow around them (the child's
// account, looking up an address, the notices and audit events).
#include <boost/json/object.hpp>

#include <functional>
#include <optional>
#include <string>

#include "core/error.hpp"
#include "identity/principal.hpp"
#include "scheduling/env.hpp"

namespace yq::scheduling {

inline constexpr int kChildAgeLimit = 16;  // a dependant added as a child is younger than this

struct ChildInput {
  std::string display_name;
  std::string date_of_birth;  // YYYY-MM-DD
  std::string sex;            // '', female, male, other
};

class Dependants {
 public:
  explicit Dependants(Env& env) : env_(env) {}

  // {"dependants": people I manage or asked to, "carers": people who manage me or ask to}.
  boost::json::object overview(const identity::Principal& who, const identity::ClientInfo& client);
  core::Result<boost::json::object> add_child(const identity::Principal& who, const ChildInput& in,
                                              const identity::ClientInfo& client);
  // Answers the same whether or not the address belongs to a patient (no account discovery): the
  // carer's list shows the request by the address typed either way.
  core::Result<void> request_carer_access(const identity::Principal& who, const std::string& email,
                                          const std::string& relationship,
                                          const identity::ClientInfo& client);
  core::Result<void> withdraw_request(const identity::Principal& who, const std::string& request_id,
                                      const identity::ClientInfo& client);
  // The patient answers a pending request, or revokes a carer (or a request still waiting).
  core::Result<boost::json::object> respond(const identity::Principal& who,
                                            const std::string& carer_id, bool accept,
                                            const identity::ClientInfo& client);
  core::Result<void> revoke_carer(const identity::Principal& who, const std::string& carer_id,
                                  const identity::ClientInfo& client);
  // The carer stops managing an adult (a child stays with their parent).
  core::Result<void> stop_caring(const identity::Principal& who, const std::string& patient_id,
                                 const identity::ClientInfo& client);

  // Told (after the commit) whenever an active carer stops being one, so modules holding live
  // state for the carer (a consultation call) can let go of it at once.
  using CarerGone = std::function<void(const std::string& carer_id, const std::string& patient_id)>;
  void on_carer_gone(CarerGone fn) { carer_gone_ = std::move(fn); }

 private:
  void told_carer_gone(const std::string& carer_id, const std::string& patient_id) const {
    if (carer_gone_) carer_gone_(carer_id, patient_id);
  }

  Env& env_;
  CarerGone carer_gone_;
};

// Inside a write transaction: the child's account, details and active relationship; its id.
std::string create_child(store::Connection& c, std::int64_t now, const std::string& carer_id,
                         const ChildInput& in);

}  // namespace yq::scheduling
