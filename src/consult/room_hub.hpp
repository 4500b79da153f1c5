#pragma once
// Who is in which consultation room right now, on this node, and the signaling between them.
// A browser page enters a room with its WebSocket and a peer id of its own choosing (new on every
// page load); it waits in the lobby until the doctor admits its account, then every admitted page
// exchanges WebRTC offers, answers and ICE candidates with every other one (a mesh). The hub only
// forwards between admitted pages of the same room, so nobody else can reach a participant's
// browser through it. Later, a larger room would add an SFU (Janus) as one more peer: pages would
// still only talk to peer ids.
//
// Nothing here touches the database: entering is allowed by consult::Signaling after it checked a
// room token, so relaying stays a map lookup (bench/signaling).
#include <boost/json/object.hpp>

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "http/ws_hub.hpp"

namespace yq::consult {

// Pages in one call: in a mesh each page sends its media to every other, and four is about what a
// phone on a mobile network carries.
inline constexpr long kMaxPeers = 4;
// Signaling messages a page may send: this many a second on average, bursts up to kSignalBurst.
inline constexpr double kSignalsPerSecond = 100;
inline constexpr double kSignalBurst = 300;

struct PeerInfo {
  std::string peer_id;
  std::string account_id;
  std::string seat;  // patient | proxy | doctor | invitee
  boost::json::object name;
  bool admitted = false;
  bool psych = false;  // the room's mode, sent back to the page with room.joined
  // Which entry of this page id this is: every room.join gets a new one. Signaling names the
  // target's epoch, so a message meant for a link a reconnect replaced is never applied to the
  // new one (an answer to an old offer would leave the new link stuck connecting).
  std::uint64_t epoch = 0;
};

class RoomHub {
 public:
  enum class Entered { ok, full, peer_taken };

  // Puts the connection in the room (out of any other room it was in). A page that reconnects
  // with its peer id replaces its old connection; the others rebuild their link to it.
  Entered enter(const std::string& room, PeerInfo peer,
                const std::shared_ptr<http::WsConnection>& conn);
  // The page left the room, or its socket closed.
  void leave(const http::WsConnection* conn);
  // Everyone of that account leaves (removed by the doctor, or left for good); they are told
  // `type` ("room.removed", "room.left").
  void expel(const std::string& room, const std::string& account_id, std::string_view type);
  // The account's waiting pages join the call.
  void admit(const std::string& room, const std::string& account_id);
  // The call is over for everyone.
  void end(const std::string& room);

  enum class Relayed {
    sent,
    stale,        // meant for an earlier epoch of the target: dropped on purpose
    not_in_room,  // the sender or the target is not an admitted page of the room
    too_fast,     // the sender is over its signaling budget (kSignalsPerSecond)
  };
  // Forwards an offer/answer/candidate from an admitted page to another admitted page of the same
  // room.
  Relayed relay(const http::WsConnection* from, const std::string& room, const std::string& to_peer,
                std::uint64_t to_epoch, boost::json::object message);
  // Tells the sender's room mates (admitted) what the sender's microphone, camera and screen do.
  bool announce(const http::WsConnection* from, const std::string& room,
                boost::json::object message);

  std::size_t admitted_count(const std::string& room) const;
  std::vector<PeerInfo> present(const std::string& room) const;
  std::size_t rooms() const;

 private:
  struct Peer {
    PeerInfo info;
    std::weak_ptr<http::WsConnection> conn;
    const http::WsConnection* key = nullptr;
    // Signaling budget (a token bucket): a negotiation is a few dozen messages, so a page far over
    // this is flooding its room mates, whose send queues would otherwise fill and drop them.
    mutable double budget = kSignalBurst;
    mutable std::chrono::steady_clock::time_point refilled = std::chrono::steady_clock::now();
  };
  using Outbox = std::vector<std::pair<std::weak_ptr<http::WsConnection>, std::string>>;

  void leave_locked(const http::WsConnection* conn, Outbox& out);
  void lobby_locked(const std::string& room, Outbox& out) const;
  void joined_locked(const std::string& room, const Peer& peer, Outbox& out) const;
  const Peer* peer_of(const http::WsConnection* conn, const std::string& room) const;
  static void flush(Outbox& out);

  mutable std::mutex mutex_;
  std::map<std::string, std::vector<Peer>, std::less<>> rooms_;
  std::unordered_map<const http::WsConnection*, std::string> room_of_;
  std::uint64_t next_epoch_ = 1;
};

}  // namespace yq::consult
