#pragma once
// What the parts of the consult module share. Built once in app/wiring.
#include <cstdint>
#include <string>

#include "consult/room_hub.hpp"
#include "consult/turn.hpp"
#include "core/time.hpp"
#include "notify/notifier.hpp"
#include "store/blob_store.hpp"
#include "store/database.hpp"

namespace yq::http {
class WsHub;
}

namespace yq::consult {

struct Env {
  store::Database& db;
  const core::Clock& clock;
  notify::Notifier& notifier;
  store::BlobStore& blobs;
  http::WsHub* ws;  // null in the route-table tests: nothing is pushed
  RoomHub& rooms;
  TurnSettings turn;
  std::string public_url;
  std::int64_t room_token_seconds = 120;  // config room_token_seconds
};

}  // namespace yq::consult
