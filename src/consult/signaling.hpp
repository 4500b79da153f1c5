#pragma once
// The WebSocket messages of a consultation (docs/api.md, "Consultation signaling"):
//   room.join {token, peer_id}                 enter the room the token opens (from POST .../join)
//   room.leave {}                              leave it (the page closed the call)
//   rtc.signal {consultation_id, to, to_epoch, description | candidate}   WebRTC negotiation,
//              relayed with from and from_epoch (the entries' epochs come with
//              room.joined/peer_joined)
//   room.media {consultation_id, audio, video, screen}           what my devices send, announced
// and a closed socket leaves its room. Refusals come back as room.error {code}.
#include "consult/room_hub.hpp"
#include "consult/rooms.hpp"
#include "http/ws_hub.hpp"

namespace yq::consult {

void add_signaling(http::WsHub& ws, Rooms& rooms, RoomHub& hub);

}  // namespace yq::consult
