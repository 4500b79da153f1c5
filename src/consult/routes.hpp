#pragma once
#include "consult/consult.hpp"
#include "http/router.hpp"

namespace yq::consult {

// /api/v1/consultations/... and the two ways into a room (from an appointment, from a queue
// visit); docs/api.md lists them.
void add_consult_routes(http::Router& router, Consult& consult);

}  // namespace yq::consult
