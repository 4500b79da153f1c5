#include "audit/audit_log.hpp"

#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>

#include "core/crypto.hpp"
#include "store/like.hpp"

namespace yq::audit {

namespace {
constexpr const char* kColumns =
    "seq, at, actor_id, actor_role, on_behalf_of, action, patient_id, target_type, target_id, ip, "
    "outcome, detail, prev_hash, hash";

StoredEvent from_row(const store::Row& r) {
  StoredEvent s;
  s.seq = r.i64(0);
  s.at = r.i64(1);
  s.event = Event{r.text(2), r.text(3), r.text(4), r.text(5),  r.text(6),
                  r.text(7), r.text(8), r.text(9), r.text(10), r.text(11)};
  s.prev_hash = r.text(12);
  s.hash = r.text(13);
  return s;
}
}  // namespace

std::string chain_hash(const std::string& prev_hash, std::int64_t seq, std::int64_t at,
                       const Event& e) {
  // A JSON array is an unambiguous encoding: no field can bleed into the next.
  const boost::json::array canonical{
      seq,           at,          e.actor_id, e.actor_role, e.on_behalf_of, e.action, e.patient_id,
      e.target_type, e.target_id, e.ip,       e.outcome,    e.detail};
  return core::sha256_hex(prev_hash + "\n" + boost::json::serialize(canonical));
}

void record(store::Connection& c, const core::Clock& clock, const Event& e) {
  // Taking the head row first makes concurrent writers queue here until this transaction ends.
  auto head = c.query_one("UPDATE audit_head SET seq = seq + 1 WHERE id = 1 RETURNING seq, hash");
  if (!head) throw store::DbError(store::DbErrc::other, "audit_head row is missing");
  const std::int64_t seq = head->i64(0);
  const std::string prev = head->text(1);
  const std::int64_t at = clock.now();
  const std::string hash = chain_hash(prev, seq, at, e);
  c.execute(
      "INSERT INTO audit_events (seq, at, actor_id, actor_role, on_behalf_of, action, patient_id, "
      "target_type, target_id, ip, outcome, detail, prev_hash, hash) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {seq, at, e.actor_id, e.actor_role, e.on_behalf_of, e.action, e.patient_id, e.target_type,
       e.target_id, e.ip, e.outcome, e.detail, prev, hash});
  c.execute("UPDATE audit_head SET hash = ? WHERE id = 1", {hash});
}

std::vector<StoredEvent> list(store::Connection& c, std::int64_t before_seq, int limit) {
  const std::string sql = std::string("SELECT ") + kColumns +
                          " FROM audit_events WHERE seq < ? ORDER BY seq DESC LIMIT ?";
  std::vector<StoredEvent> out;
  for (const auto& r : c.query(sql, {before_seq > 0 ? before_seq : INT64_MAX, limit})) {
    out.push_back(from_row(r));
  }
  return out;
}

std::vector<StoredEvent> events_about_patient(store::Connection& c, const std::string& patient_id,
                                              const std::string& action, std::int64_t before_seq,
                                              int limit) {
  const std::string sql = std::string("SELECT ") + kColumns +
                          " FROM audit_events WHERE patient_id = ? AND action = ? AND "
                          "actor_id <> ? AND seq < ? ORDER BY seq DESC LIMIT ?";
  std::vector<StoredEvent> out;
  for (const auto& r : c.query(
           sql, {patient_id, action, patient_id, before_seq > 0 ? before_seq : INT64_MAX, limit}))
    out.push_back(from_row(r));
  return out;
}

std::vector<StoredEvent> events_with_action(store::Connection& c, const std::string& action,
                                            std::int64_t from, std::int64_t to,
                                            const std::string& detail_part, int limit) {
  const std::string sql = std::string("SELECT ") + kColumns +
                          " FROM audit_events WHERE action = ? AND at >= ? AND at < ? AND "
                          "detail LIKE ?" +
                          store::kLikeEscape + " ORDER BY seq LIMIT ?";
  std::vector<StoredEvent> out;
  for (const auto& r : c.query(sql, {action, from, to, store::like_contains(detail_part), limit}))
    out.push_back(from_row(r));
  return out;
}

VerifyReport verify(store::Database& db, const std::map<std::int64_t, Pin>& pins) {
  VerifyReport report;
  // The head first: events appended while we verify lie beyond it and are left for next time.
  auto head = db.read([](store::Connection& c) {
    return c.query_one("SELECT seq, hash FROM audit_head WHERE id = 1");
  });
  if (!head) return VerifyReport{false, 0, 0, "the audit head is missing"};
  const std::int64_t head_seq = head->i64(0);
  std::string prev = kGenesisHash;
  std::int64_t expected_seq = 1;
  const std::string sql = std::string("SELECT ") + kColumns +
                          " FROM audit_events WHERE seq >= ? AND seq <= ? ORDER BY seq LIMIT 1000";
  for (;;) {
    auto rows = db.read([&](store::Connection& c) {
      return c.query(sql, {expected_seq, head_seq});
    });
    if (rows.empty()) break;
    for (const auto& r : rows) {
      const StoredEvent s = from_row(r);
      auto fail = [&](std::string problem) {
        report.ok = false;
        report.first_bad_seq = s.seq;
        report.problem = std::move(problem);
      };
      if (s.seq != expected_seq) {
        fail("event " + std::to_string(expected_seq) + " is missing");
        report.first_bad_seq = expected_seq;
      } else if (s.prev_hash != prev) {
        fail("event " + std::to_string(s.seq) + " does not follow its predecessor");
      } else if (chain_hash(prev, s.seq, s.at, s.event) != s.hash) {
        fail("event " + std::to_string(s.seq) + " was altered");
      } else if (auto pin = pins.find(s.seq); pin != pins.end() && pin->second.hash != s.hash) {
        // The chain is consistent in itself but not the one that was signed: rewritten and
        // re-hashed from this event or before it.
        fail("event " + std::to_string(s.seq) + " is not the one in " + pin->second.where +
             ": the chain was rewritten up to here");
      }
      if (!report.ok) return report;
      prev = s.hash;
      ++expected_seq;
      ++report.events;
    }
  }
  if (head_seq != report.events || head->text(1) != prev) {
    report.ok = false;
    report.first_bad_seq = report.events + 1;
    report.problem = "events after " + std::to_string(report.events) + " were removed";
  } else if (!pins.empty() && pins.rbegin()->first > report.events) {
    report.ok = false;
    report.first_bad_seq = report.events + 1;
    report.problem = "the chain ends at event " + std::to_string(report.events) + " but " +
                     pins.rbegin()->second.where + " has event " +
                     std::to_string(pins.rbegin()->first) + ": events were removed";
  }
  return report;
}

}  // namespace yq::audit
