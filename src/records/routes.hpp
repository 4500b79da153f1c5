#pragma once
// The shared health record's routes (docs/api.md, "Shared health record"): reading and writing
// entries, the patient's sharing and access log, an organisation's review and export, codes.
#include "http/router.hpp"
#include "records/record_service.hpp"

namespace yq::records {

void add_record_routes(http::Router& router, RecordService& records);

}  // namespace yq::records
