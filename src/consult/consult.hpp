#pragma once
// The consult module as app/wiring sees it: rooms (joining, admitting, ending), their live
// signaling hub, chat and the consultation note, sharing one Env.
#include "consult/chat.hpp"
#include "consult/env.hpp"
#include "consult/notes.hpp"
#include "consult/room_hub.hpp"
#include "consult/rooms.hpp"

namespace yq::consult {

class Consult {
 public:
  Consult(store::Database& db, const core::Clock& clock, notify::Notifier& notifier,
          store::BlobStore& blobs, http::WsHub* ws, TurnSettings turn, std::string public_url,
          scheduling::Booking& booking, queue::QueueService& queues,
          std::int64_t room_token_seconds)
      // A room token lets one page's WebSocket into the room; the page asks for a new one
      // whenever it (re)connects, so it need not last longer than a reconnect.
      : env_{db,
             clock,
             notifier,
             blobs,
             ws,
             hub,
             std::move(turn),
             std::move(public_url),
             room_token_seconds},
        rooms(env_, booking, queues),
        chat(env_),
        notes(env_) {}
  Consult(const Consult&) = delete;
  Consult& operator=(const Consult&) = delete;

  RoomHub hub;

 private:
  Env env_;

 public:
  Rooms rooms;
  Chat chat;
  Notes notes;
};

}  // namespace yq::consult
