#pragma once
// Which organisations care for a patient now: the need-to-know test before any clinician reads the
// shared record. Each owner of the data answers for its own part through a source wired in
// src/app (scheduling: an appointment from 12 hours ago to 14 days ahead; queue: a waiting or taken
// visit); the record answers for itself (an encounter whose follow-up period has not ended, an open
// referral to the organisation). Nothing is cached: an ended relationship counts on the next
// request.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace yq::records {

// The organisations a source says care for the patient now.
using CareSource = std::function<std::vector<std::string>(
    store::Connection& c, const std::string& patient_id, std::int64_t now)>;

class Care {
 public:
  // Added while the services are wired, before the server starts.
  void add_source(CareSource source) { sources_.push_back(std::move(source)); }
  // Sorted, without repeats. Without referrals: only a visit (an appointment, a queue visit, a
  // follow-up period) counts — what an emergency access must rest on, since a referral is one
  // organisation's word about another.
  std::vector<std::string> organisations_caring(store::Connection& c, const std::string& patient_id,
                                                std::int64_t now, bool with_referrals = true) const;
  bool cares(store::Connection& c, const std::string& patient_id,
             const std::string& organisation_id, std::int64_t now,
             bool with_referrals = true) const;

 private:
  std::vector<CareSource> sources_;
};

// How long an open referral makes the receiving organisation a carer of the patient: long enough
// for a hospital's waiting list, not for ever.
inline constexpr std::int64_t kReferralCareSeconds = 180 * 24 * 3600;

// The record's own part: encounters in their follow-up period, open referrals made in the last
// kReferralCareSeconds.
std::vector<std::string> organisations_caring_by_record(store::Connection& c,
                                                        const std::string& patient_id,
                                                        std::int64_t now,
                                                        bool with_referrals = true);

}  // namespace yq::records
