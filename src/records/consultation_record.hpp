#pragma once
// Every consultation becomes an entry of the shared record: an Encounter of its organisation, and
// once its note is signed, the note as a Composition inside it (each amendment a new version).
// consult calls this in its own transaction when a room ends and when its note is signed or
// amended, so the record follows the consultation without a second writer.
#include <cstdint>
#include <string>

#include "records/entry_forms.hpp"
#include "store/database.hpp"

namespace yq::records {

// author: the consultation's patient, organisation and doctor.
void record_consultation(store::Connection& c, std::int64_t now, const Author& author,
                         ConsultationFacts facts);

}  // namespace yq::records
