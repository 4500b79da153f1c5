#pragma once
// The one answer to "may this person act for, read or be told about this patient". Every module
// that shows, changes or sends anything about a patient asks here, at the moment it does so (a
// notice is checked when it is written and its e-mail again when it is delivered; a reminder when
// it falls due; a queue place when it is pushed), so a carer whose access ends hears nothing more
// from that moment on.
//
// The answer is a Decision: yes or no and the basis it rests on. Callers write `reason()` into
// the audit event of what they then do (or refuse), so the trail says why someone was let in.
//
// Designed for the shared health record: today the bases are the patient, a parent of a child, an
// active carer and (for clinical reads and notices) a clinician the caller says is treating the
// patient in this episode. Sharing consent (a patient lets an organisation read their record),
// restrictions and emergency access are further bases and refusals of the same Decision, asked
// through the same decide(); callers will not change.
#include <string>
#include <string_view>
#include <vector>

#include "store/database.hpp"

namespace yq::consent {

enum class Purpose {
  act_for,        // book, cancel, queue, join a call, manage on the patient's behalf
  read_clinical,  // symptoms, allergies, triage answers, notes, records
  be_notified,    // notices, e-mails, reminders, live pushes, calendar feeds about the patient
};

enum class Basis {
  self,      // the patient
  parent,    // the account that created this child's account
  carer,     // an adult patient granted carer access and has not ended it
  treating,  // a clinician the caller established is treating the patient in this episode
  // Refusals:
  none,     // no relationship at all
  pending,  // asked for carer access, not (yet) granted
  revoked,  // was a carer; the patient or the carer ended it
};

struct Decision {
  bool allowed = false;
  Basis basis = Basis::none;
  explicit operator bool() const { return allowed; }
  // "self", "parent", "carer", "treating", "no relationship", "carer request pending",
  // "carer access revoked": for audit details.
  std::string_view reason() const;
};

// What the caller knows that consent does not store: the care relation of this episode (the
// appointment's or queue visit's doctor). The caller establishes it from its own records.
struct CareContext {
  bool treating_clinician = false;
};

Decision decide(store::Connection& c, const std::string& actor_id, const std::string& patient_id,
                Purpose purpose, const CareContext& care = {});

inline bool may_act_for(store::Connection& c, const std::string& actor_id,
                        const std::string& patient_id) {
  return decide(c, actor_id, patient_id, Purpose::act_for).allowed;
}

// The actor first, then everyone they may act for now (children and adults who made them their
// carer), for list views ("my and my family's appointments").
std::vector<std::string> patients_in_care_of(store::Connection& c, const std::string& actor_id);

// Of `accounts`, those who may be told about the patient now, in order, without repeats.
std::vector<std::string> who_may_be_told(store::Connection& c, const std::string& patient_id,
                                         const std::vector<std::string>& accounts,
                                         const CareContext& care = {});

}  // namespace yq::consent
