#pragma once
// Inside the record module: who reads a patient's record in this request and what consent lets
// them see, the audit event every read writes, and the notices a read or an emergency access
// sends. Shared by the record and sharing halves of RecordService.
#include <boost/json/object.hpp>

#include <string>
#include <vector>

#include "audit/audit_log.hpp"
#include "consent/sharing.hpp"
#include "core/error.hpp"
#include "records/care.hpp"
#include "records/record_service.hpp"

namespace yq::records {

struct Reading {
  bool allowed = false;
  core::Errc refusal = core::Errc::not_found;
  consent::RecordScope scope;
  std::string organisation_id;  // the clinician's organisation; "" on the patient's side
  std::string role;             // self | parent | carer | doctor | nurse
  bool patient_side() const { return organisation_id.empty(); }
};

// The clinical roles that read and write the record.
bool clinician_of(const identity::Principal& who, const std::string& organisation_id);

// Resolves the reader: the patient's side when `as` is empty and consent says the caller is the
// patient, a parent or an active carer; else a doctor or nurse reading as `as`, or as the one
// organisation of theirs that cares for the patient now (several: choose_organisation).
Reading resolve_reading(store::Connection& c, const Care& care, std::int64_t now,
                        const RecordRequest& rq);

// The `record.read` event: purpose, basis, organisation and categories in the detail.
void audit_read(store::Connection& c, const core::Clock& clock, const RecordRequest& rq,
                const Reading& reading, const std::string& target,
                const std::vector<std::string>& categories);

// The first read of the patient's record by this clinician today: the patient's side is told.
// Returns the accounts told (to push to after the commit).
std::vector<std::string> tell_of_read(store::Connection& c, const core::Clock& clock,
                                      const std::string& public_url, const RecordRequest& rq,
                                      const Reading& reading);
// A notice of `kind` about the patient to the patient's side (the patient, parents, carers, as
// consent allows), with a link under the patient's record. Returns the accounts told.
std::vector<std::string> tell_patient_side(store::Connection& c, const core::Clock& clock,
                                           const std::string& public_url,
                                           const std::string& patient_id, const std::string& kind,
                                           boost::json::object params, const std::string& page,
                                           bool email);
// {reader} and {organisation} params of a clinician's notice, names in three languages.
boost::json::object clinician_params(store::Connection& c, const std::string& account_id,
                                     const std::string& organisation_id,
                                     const std::string& patient_id);

// The `access` object of every read answer.
boost::json::object access_json(store::Connection& c, const Reading& reading);

// An event about a change to the record or its sharing, by the caller, about the patient.
audit::Event change_event(const RecordRequest& rq, std::string action, std::string target_type,
                          std::string target_id);

}  // namespace yq::records
