#pragma once
// Audit events of requests nobody is signed in for (a sign-in to an address with no account, a
// throttled sign-in, a reset asked for an unknown address) are counted here, in memory, instead of
// each taking the write lock and a row of the trail: anyone on the internet can send them as fast
// as they like. The rule (docs/architecture.md, "Audit trail"): an event that names no account is
// summed per action, outcome, detail and address; flush() writes one event per such bucket, with
// the count and the first and last time in its detail, in one transaction. An event about a real
// account (a wrong password for it) is recorded on its own as before. At most max_buckets
// addresses are held between flushes; further addresses are summed per action and outcome with
// ip "(other addresses)", so memory and rows stay bounded whatever arrives.
#include <cstddef>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <tuple>

#include "audit/audit_log.hpp"
#include "core/time.hpp"
#include "store/database.hpp"

namespace yq::audit {

class AnonymousTally {
 public:
  static constexpr std::size_t kDefaultMaxBuckets = 1000;
  inline static const std::string kOtherAddresses = "(other addresses)";

  explicit AnonymousTally(const core::Clock& clock, std::size_t max_buckets = kDefaultMaxBuckets);

  // Counts e (its actor_id is ignored: the event names no account). Never touches the database.
  void note(const Event& e);
  // Writes one audit event per bucket counted since the last flush; returns how many. Buckets
  // stay counted if the write fails, and are written next time.
  std::size_t flush(store::Database& db);
  std::size_t buckets() const;

 private:
  struct Count {
    std::int64_t n = 0;
    std::int64_t first = 0;
    std::int64_t last = 0;
  };
  using Key = std::tuple<std::string, std::string, std::string,
                         std::string>;  // action, outcome, detail, ip

  const core::Clock& clock_;
  std::size_t max_buckets_;
  mutable std::mutex mutex_;
  std::map<Key, Count> counts_;
};

}  // namespace yq::audit
