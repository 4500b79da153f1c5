#include "consent/relationships.hpp"

#include "core/ids.hpp"

namespace yq::consent {

namespace {

std::vector<Relationship> relationships(store::Connection& c, const std::string& where,
                                        const std::string& id) {
  std::vector<Relationship> out;
  for (const auto& r : c.query("SELECT carer_id, patient_id, relationship, granted_at FROM "
                               "dependants WHERE status = 'active' AND " +
                                   where + " = ? ORDER BY granted_at, carer_id, patient_id",
                               {id}))
    out.push_back({r.text(0), r.text(1), r.text(2), r.i64(3)});
  return out;
}

std::vector<CareRequest> requests(store::Connection& c, std::int64_t now, const std::string& where,
                                  const std::string& id) {
  std::vector<CareRequest> out;
  for (const auto& r : c.query("SELECT id, carer_id, email, COALESCE(patient_id, ''), "
                               "relationship, created_at, expires_at FROM carer_requests WHERE " +
                                   where + " = ? AND expires_at > ? ORDER BY created_at, id",
                               {id, now}))
    out.push_back({r.text(0), r.text(1), r.text(2), r.text(3), r.text(4), r.i64(5), r.i64(6)});
  return out;
}

// A relationship row made active now, whatever it was before (revoked rows are reused).
void activate(store::Connection& c, std::int64_t now, const std::string& carer_id,
              const std::string& patient_id, const std::string& relationship) {
  if (c.execute("UPDATE dependants SET status = 'active', relationship = ?, created_at = ?, "
                "granted_at = ?, revoked_at = NULL WHERE carer_id = ? AND patient_id = ?",
                {relationship, now, now, carer_id, patient_id}) == 0)
    c.execute(
        "INSERT INTO dependants (carer_id, patient_id, relationship, status, created_at, "
        "granted_at) VALUES (?, ?, ?, 'active', ?, ?)",
        {carer_id, patient_id, relationship, now, now});
}

}  // namespace

std::vector<Relationship> dependants_of(store::Connection& c, const std::string& carer_id) {
  return relationships(c, "carer_id", carer_id);
}

std::vector<Relationship> carers_of(store::Connection& c, const std::string& patient_id) {
  return relationships(c, "patient_id", patient_id);
}

int children_of_count(store::Connection& c, const std::string& parent_id) {
  const auto r = c.query_one(
      "SELECT COUNT(*) FROM dependants WHERE carer_id = ? AND relationship = 'child' AND "
      "status = 'active'",
      {parent_id});
  return r ? static_cast<int>(r->i64(0)) : 0;
}

void add_child(store::Connection& c, std::int64_t now, const std::string& parent_id,
               const std::string& child_id) {
  activate(c, now, parent_id, child_id, "child");
}

RequestOutcome request_care(store::Connection& c, std::int64_t now, const std::string& carer_id,
                            const std::string& email, const std::optional<std::string>& patient_id,
                            const std::string& relationship, std::string& request_id) {
  if (patient_id) {
    const auto active = c.query_one(
        "SELECT 1 FROM dependants WHERE carer_id = ? AND patient_id = ? AND status = 'active'",
        {carer_id, *patient_id});
    if (active) return RequestOutcome::already_carer;
  }
  c.execute("DELETE FROM carer_requests WHERE carer_id = ? AND expires_at <= ?", {carer_id, now});
  if (const auto mine = c.query_one("SELECT id, COALESCE(patient_id, '') FROM carer_requests WHERE "
                                    "carer_id = ? AND email = ?",
                                    {carer_id, email})) {
    request_id = mine->text(0);
    const bool same_person = mine->text(1) == patient_id.value_or("");
    c.execute(
        "UPDATE carer_requests SET patient_id = ?, relationship = ?, created_at = ?, "
        "expires_at = ? WHERE id = ?",
        {patient_id, relationship, now, now + kRequestLifetimeSeconds, request_id});
    return same_person ? RequestOutcome::renewed : RequestOutcome::made;
  }
  const auto open =
      c.query_one("SELECT COUNT(*) FROM carer_requests WHERE carer_id = ?", {carer_id});
  if (open && open->i64(0) >= kMaxOpenRequestsPerCarer) return RequestOutcome::too_many;
  request_id = core::new_id();
  c.execute(
      "INSERT INTO carer_requests (id, carer_id, email, patient_id, relationship, created_at, "
      "expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
      {request_id, carer_id, email, patient_id, relationship, now, now + kRequestLifetimeSeconds});
  return RequestOutcome::made;
}

std::vector<CareRequest> requests_by(store::Connection& c, std::int64_t now,
                                     const std::string& carer_id) {
  return requests(c, now, "carer_id", carer_id);
}

std::vector<CareRequest> requests_to(store::Connection& c, std::int64_t now,
                                     const std::string& patient_id) {
  return requests(c, now, "patient_id", patient_id);
}

bool withdraw_request(store::Connection& c, const std::string& carer_id,
                      const std::string& request_id) {
  return c.execute("DELETE FROM carer_requests WHERE id = ? AND carer_id = ?",
                   {request_id, carer_id}) > 0;
}

bool answer_request(store::Connection& c, std::int64_t now, const std::string& patient_id,
                    const std::string& carer_id, bool accept) {
  const auto req = c.query_one(
      "SELECT id, relationship FROM carer_requests WHERE carer_id = ? AND patient_id = ? AND "
      "expires_at > ? ORDER BY created_at DESC",
      {carer_id, patient_id, now});
  if (!req) return false;
  // Every request of this carer that reached this patient is answered at once (one per address
  // typed: the patient may hold one account only, but the carer may have typed it differently).
  c.execute("DELETE FROM carer_requests WHERE carer_id = ? AND patient_id = ?",
            {carer_id, patient_id});
  if (accept) activate(c, now, carer_id, patient_id, req->text(1));
  return true;
}

bool may_announce_request(store::Connection& c, std::int64_t now, const std::string& carer_id,
                          const std::string& patient_id) {
  const std::int64_t day = 24 * 3600;
  c.execute("DELETE FROM carer_request_notices WHERE carer_id = ? AND sent_at <= ?",
            {carer_id, now - day});
  const auto sent = c.query_one(
      "SELECT COUNT(*) FROM carer_request_notices WHERE carer_id = ? AND patient_id = ? AND "
      "sent_at > ?",
      {carer_id, patient_id, now - day});
  if (sent && sent->i64(0) >= kMaxRequestNoticesPerDay) return false;
  c.execute("INSERT INTO carer_request_notices (carer_id, patient_id, sent_at) VALUES (?, ?, ?)",
            {carer_id, patient_id, now});
  return true;
}

bool revoke(store::Connection& c, std::int64_t now, const std::string& patient_id,
            const std::string& carer_id) {
  return c.execute(
             "UPDATE dependants SET status = 'revoked', revoked_at = ? WHERE carer_id = ? AND "
             "patient_id = ? AND status = 'active'",
             {now, carer_id, patient_id}) > 0;
}

StopOutcome stop_caring(store::Connection& c, std::int64_t now, const std::string& carer_id,
                        const std::string& patient_id) {
  const auto row = c.query_one(
      "SELECT relationship FROM dependants WHERE carer_id = ? AND patient_id = ? AND "
      "status = 'active'",
      {carer_id, patient_id});
  if (!row) return StopOutcome::not_found;
  if (row->text(0) == "child") return StopOutcome::is_child;
  c.execute(
      "UPDATE dependants SET status = 'revoked', revoked_at = ? WHERE carer_id = ? AND "
      "patient_id = ?",
      {now, carer_id, patient_id});
  return StopOutcome::stopped;
}

}  // namespace yq::consent
