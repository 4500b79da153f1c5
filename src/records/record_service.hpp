#pragma once
// The shared health record as the routes see it. Every read asks consent (record_scope) for this
// reader, organisation and patient at that moment, applies the scope in SQL, and writes a
// `record.read` audit event with the purpose, the basis and the categories read — a refused read
// too. The first read of a patient's record by a clinician on a Hong Kong day tells the patient
// (and those consent lets hear of them). Writes are a clinician's of an organisation that cares for
// the patient now; a correction keeps every version; an entry is never deleted.
//
// The patient's side (the patient, a parent of a child, an active carer) manages the sharing:
// joining, consent per organisation, restrictions, answering a clinician's request; reads the
// access log. An organisation's admins review its emergency accesses and export its access log.
#include <boost/json/object.hpp>

#include <optional>
#include <string>

#include "core/error.hpp"
#include "core/time.hpp"
#include "identity/principal.hpp"
#include "notify/notifier.hpp"
#include "records/care.hpp"
#include "store/blob_store.hpp"
#include "store/database.hpp"

namespace yq::records {

struct Document {
  std::string bytes;
};

// Where a request reads from: the patient in the path and, for a clinician, `?as=<organisation>`.
struct RecordRequest {
  const identity::Principal& who;
  const identity::ClientInfo& client;
  std::string patient_id;
  std::string as;  // organisation; "" when not given
};

class RecordService {
 public:
  RecordService(store::Database& db, const core::Clock& clock, notify::Notifier& notifier,
                store::BlobStore& blobs, std::string public_url)
      : db_(db),
        clock_(clock),
        notifier_(notifier),
        blobs_(blobs),
        public_url_(std::move(public_url)) {}
  RecordService(const RecordService&) = delete;
  RecordService& operator=(const RecordService&) = delete;

  Care care;

  using Answer = core::Result<boost::json::object>;

  // Reading (patient side or clinician).
  Answer summary(const RecordRequest& rq);
  Answer category(const RecordRequest& rq, const std::string& category, const std::string& before,
                  std::int64_t limit);
  Answer entry(const RecordRequest& rq, const std::string& id);
  Answer trend(const RecordRequest& rq, const std::string& system_bar_code);
  core::Result<Document> document(const RecordRequest& rq, const std::string& id);

  // Writing (a doctor or nurse of an organisation caring for the patient now).
  Answer create(const RecordRequest& rq, const boost::json::object& body);
  Answer correct(const RecordRequest& rq, const std::string& id, const boost::json::object& body);
  Answer entered_in_error(const RecordRequest& rq, const std::string& id,
                          const std::string& reason);
  Answer upload(const RecordRequest& rq, const std::string& title, const std::string& kind,
                const std::string& date, std::string_view pdf);
  Answer start_emergency_access(const RecordRequest& rq, const std::string& reason);
  Answer ask_consent(const RecordRequest& rq);

  // The patient's side.
  Answer sharing(const RecordRequest& rq);
  Answer join(const RecordRequest& rq, bool joining);
  Answer set_consent(const RecordRequest& rq, const std::string& organisation_id, bool give);
  Answer restrict(const RecordRequest& rq, const std::string& kind, const std::string& target);
  Answer lift_restriction(const RecordRequest& rq, const std::string& restriction_id);
  Answer answer_request(const RecordRequest& rq, const std::string& request_id, bool approve);
  Answer access_log(const RecordRequest& rq, std::int64_t before, std::int64_t limit,
                    const std::string& organisation, const std::string& purpose);

  // An organisation's admins.
  Answer emergency_accesses(const identity::Principal& who, const std::string& organisation_id,
                            bool unreviewed_only);
  Answer review_emergency_access(const identity::Principal& who, const identity::ClientInfo& client,
                                 const std::string& organisation_id, const std::string& id,
                                 const std::string& note);
  core::Result<std::string> access_log_csv(const identity::Principal& who,
                                           const identity::ClientInfo& client,
                                           const std::string& organisation_id,
                                           const std::string& from, const std::string& to);

  // Coded terms for the forms (signed in).
  boost::json::object codes(const std::string& set, const std::string& q, std::int64_t limit);

 private:
  store::Database& db_;
  const core::Clock& clock_;
  notify::Notifier& notifier_;
  store::BlobStore& blobs_;
  std::string public_url_;
};

}  // namespace yq::records
