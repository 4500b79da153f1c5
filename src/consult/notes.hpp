#pragma once
// The consultation note and the visit summary, with their access rules: the consultation's doctor
// writes, signs and amends the note and sees every version; an invited doctor who took part reads
// it; the patient and their carer see only the signed text, inside the visit summary. Every read
// is audited as a read of the patient's record.
#include <boost/json/object.hpp>

#include <string>

#include "consult/env.hpp"
#include "core/error.hpp"
#include "identity/principal.hpp"
#include "records/clinical_notes.hpp"

namespace yq::consult {

class Notes {
 public:
  explicit Notes(Env& env) : env_(env) {}

  core::Result<boost::json::object> read(const identity::Principal& who, const std::string& id,
                                         const identity::ClientInfo& client);
  core::Result<boost::json::object> save(const identity::Principal& who, const std::string& id,
                                         const records::NoteText& text,
                                         const identity::ClientInfo& client);
  core::Result<boost::json::object> sign(const identity::Principal& who, const std::string& id,
                                         const identity::ClientInfo& client);
  core::Result<boost::json::object> amend(const identity::Principal& who, const std::string& id,
                                          const records::NoteText& text, const std::string& reason,
                                          const identity::ClientInfo& client);
  // What the patient takes home: who, when, the signed assessment and plan with diagnoses in
  // three languages, the follow-up appointment, until when they may message, their rating.
  core::Result<boost::json::object> summary(const identity::Principal& who, const std::string& id,
                                            const identity::ClientInfo& client);
  boost::json::array diagnosis_codes(const std::string& q, std::int64_t limit);

 private:
  Env& env_;
};

}  // namespace yq::consult
