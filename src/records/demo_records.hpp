#pragma once
// `--demo-data`: a shared health record for identity's demo patients (Chan Tai Man, Amy Ho, 张伟)
// and scheduling's demo child (Chan Siu Bo), so a newcomer sees realistic records at once: about
// three years of entries from Harbour Health Clinic, Kowloon East Hospital and Greater Bay Private
// Hospital (allergies, problems, medicines, immunisations, vitals, lab trends, reports, a referral,
// a discharge summary PDF, a corrected and an entered-in-error entry), and the sharing state of
// each patient: Chan Tai Man shares with Harbour and Kowloon East and restricts mental health, Amy
// Ho shares with Greater Bay only, 张伟 has not joined. Free texts are in each patient's language;
// times are relative to the load. Written through the store's own functions (entries.hpp,
// entry_forms.hpp) and consent's (sharing.hpp), never straight into tables.
#include <functional>
#include <optional>
#include <string>

#include "core/time.hpp"
#include "store/blob_store.hpp"
#include "store/database.hpp"

namespace yq::records {

// A patient's date of birth ('YYYY-MM-DD'), from whoever keeps it (scheduling's patient details,
// wired in src/app), for the demo child's birth record and immunisations.
using BirthDateOf =
    std::function<std::optional<std::string>(store::Connection& c, const std::string& patient_id)>;

// Call right after the demo schedule loaded (an empty database with the demo people). False when
// the demo people or organisations are not there or the record has entries already.
bool load_demo_records(store::Database& db, store::BlobStore& blobs, const core::Clock& clock,
                       const BirthDateOf& born);

}  // namespace yq::records
