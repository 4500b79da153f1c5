#include "consult/room_hub.hpp"

#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>

namespace yq::consult {

namespace {

boost::json::object peer_json(const PeerInfo& p) {
  return {{"peer_id", p.peer_id},
          {"account_id", p.account_id},
          {"seat", p.seat},
          {"name", p.name},
          {"epoch", p.epoch}};
}

std::string text_of(const boost::json::object& o) {
  return boost::json::serialize(o);
}

}  // namespace

void RoomHub::flush(Outbox& out) {
  for (auto& [weak, text] : out)
    if (auto c = weak.lock()) c->send(std::move(text));
  out.clear();
}

const RoomHub::Peer* RoomHub::peer_of(const http::WsConnection* conn,
                                      const std::string& room) const {
  const auto r = rooms_.find(room);
  if (r == rooms_.end()) return nullptr;
  for (const auto& p : r->second)
    if (p.key == conn) return &p;
  return nullptr;
}

void RoomHub::lobby_locked(const std::string& room, Outbox& out) const {
  const auto r = rooms_.find(room);
  if (r == rooms_.end()) return;
  boost::json::array waiting;
  for (const auto& p : r->second)
    if (!p.info.admitted) waiting.push_back(peer_json(p.info));
  const std::string text =
      text_of({{"type", "room.lobby"}, {"consultation_id", room}, {"waiting", waiting}});
  for (const auto& p : r->second)
    if (p.info.admitted && p.info.seat == "doctor") out.emplace_back(p.conn, text);
}

void RoomHub::joined_locked(const std::string& room, const Peer& peer, Outbox& out) const {
  const auto& peers = rooms_.at(room);
  boost::json::array others;
  if (peer.info.admitted)
    for (const auto& p : peers)
      if (p.key != peer.key && p.info.admitted) others.push_back(peer_json(p.info));
  out.emplace_back(peer.conn, text_of({{"type", "room.joined"},
                                       {"consultation_id", room},
                                       {"peer_id", peer.info.peer_id},
                                       {"epoch", peer.info.epoch},
                                       {"admitted", peer.info.admitted},
                                       {"psych", peer.info.psych},
                                       {"peers", std::move(others)}}));
  if (!peer.info.admitted) return;
  const std::string announce = text_of(
      {{"type", "room.peer_joined"}, {"consultation_id", room}, {"peer", peer_json(peer.info)}});
  for (const auto& p : peers)
    if (p.key != peer.key && p.info.admitted) out.emplace_back(p.conn, announce);
}

RoomHub::Entered RoomHub::enter(const std::string& room, PeerInfo info,
                                const std::shared_ptr<http::WsConnection>& conn) {
  Outbox out;
  Entered result = Entered::ok;
  {
    std::lock_guard lock(mutex_);
    leave_locked(conn.get(), out);
    auto& peers = rooms_[room];
    // The same page again (a reconnect): its old socket gives up its place.
    const auto same = std::find_if(peers.begin(), peers.end(),
                                   [&](const Peer& p) { return p.info.peer_id == info.peer_id; });
    if (same != peers.end()) {
      if (same->info.account_id != info.account_id) {
        result = Entered::peer_taken;
      } else {
        const auto* old = same->key;
        room_of_.erase(old);
        peers.erase(same);
      }
    }
    if (result == Entered::ok && info.admitted &&
        std::count_if(peers.begin(), peers.end(), [](const Peer& p) { return p.info.admitted; }) >=
            kMaxPeers)
      result = Entered::full;
    if (result == Entered::ok) {
      info.epoch = next_epoch_++;
      peers.push_back(Peer{std::move(info), conn, conn.get()});
      room_of_[conn.get()] = room;
      joined_locked(room, peers.back(), out);
      lobby_locked(room, out);
    } else if (peers.empty()) {
      rooms_.erase(room);
    }
  }
  flush(out);
  return result;
}

void RoomHub::leave_locked(const http::WsConnection* conn, Outbox& out) {
  const auto where = room_of_.find(conn);
  if (where == room_of_.end()) return;
  const std::string room = where->second;
  room_of_.erase(where);
  auto r = rooms_.find(room);
  if (r == rooms_.end()) return;
  auto& peers = r->second;
  const auto it =
      std::find_if(peers.begin(), peers.end(), [&](const Peer& p) { return p.key == conn; });
  if (it == peers.end()) return;
  const PeerInfo gone = it->info;
  peers.erase(it);
  if (peers.empty()) {
    rooms_.erase(r);
    return;
  }
  if (gone.admitted) {
    const std::string text =
        text_of({{"type", "room.peer_left"}, {"consultation_id", room}, {"peer_id", gone.peer_id}});
    for (const auto& p : peers)
      if (p.info.admitted) out.emplace_back(p.conn, text);
  }
  lobby_locked(room, out);
}

void RoomHub::leave(const http::WsConnection* conn) {
  Outbox out;
  {
    std::lock_guard lock(mutex_);
    leave_locked(conn, out);
  }
  flush(out);
}

void RoomHub::expel(const std::string& room, const std::string& account_id, std::string_view type) {
  Outbox out;
  {
    std::lock_guard lock(mutex_);
    const auto r = rooms_.find(room);
    if (r == rooms_.end()) return;
    std::vector<const http::WsConnection*> theirs;
    const std::string text = text_of({{"type", type}, {"consultation_id", room}});
    for (const auto& p : r->second)
      if (p.info.account_id == account_id) {
        theirs.push_back(p.key);
        out.emplace_back(p.conn, text);
      }
    for (const auto* k : theirs) leave_locked(k, out);
  }
  flush(out);
}

void RoomHub::admit(const std::string& room, const std::string& account_id) {
  Outbox out;
  {
    std::lock_guard lock(mutex_);
    const auto r = rooms_.find(room);
    if (r == rooms_.end()) return;
    auto admitted = std::count_if(r->second.begin(), r->second.end(),
                                  [](const Peer& p) { return p.info.admitted; });
    for (auto& p : r->second)
      if (p.info.account_id == account_id && !p.info.admitted && admitted < kMaxPeers) {
        ++admitted;
        p.info.admitted = true;
        joined_locked(room, p, out);
      }
    lobby_locked(room, out);
  }
  flush(out);
}

void RoomHub::end(const std::string& room) {
  Outbox out;
  {
    std::lock_guard lock(mutex_);
    const auto r = rooms_.find(room);
    if (r == rooms_.end()) return;
    const std::string text = text_of({{"type", "room.ended"}, {"consultation_id", room}});
    for (const auto& p : r->second) {
      out.emplace_back(p.conn, text);
      room_of_.erase(p.key);
    }
    rooms_.erase(r);
  }
  flush(out);
}

RoomHub::Relayed RoomHub::relay(const http::WsConnection* from, const std::string& room,
                                const std::string& to_peer, std::uint64_t to_epoch,
                                boost::json::object message) {
  std::weak_ptr<http::WsConnection> target;
  {
    std::lock_guard lock(mutex_);
    const Peer* sender = peer_of(from, room);
    if (!sender || !sender->info.admitted) return Relayed::not_in_room;
    const auto now = std::chrono::steady_clock::now();
    const double elapsed = std::chrono::duration<double>(now - sender->refilled).count();
    sender->budget = std::min(kSignalBurst, sender->budget + elapsed * kSignalsPerSecond);
    sender->refilled = now;
    if (sender->budget < 1) return Relayed::too_fast;
    sender->budget -= 1;
    const auto& peers = rooms_.at(room);
    const auto to = std::find_if(peers.begin(), peers.end(), [&](const Peer& p) {
      return p.info.peer_id == to_peer && p.info.admitted;
    });
    if (to == peers.end()) return Relayed::not_in_room;
    // Meant for an earlier entry of that page: the page rebuilt its link meanwhile; drop it.
    if (to->info.epoch != to_epoch) return Relayed::stale;
    target = to->conn;
    message["from"] = sender->info.peer_id;
    message["from_epoch"] = sender->info.epoch;
  }
  message["type"] = "rtc.signal";
  message["consultation_id"] = room;
  if (auto c = target.lock()) c->send(text_of(message));
  return Relayed::sent;
}

bool RoomHub::announce(const http::WsConnection* from, const std::string& room,
                       boost::json::object message) {
  Outbox out;
  {
    std::lock_guard lock(mutex_);
    const Peer* sender = peer_of(from, room);
    if (!sender || !sender->info.admitted) return false;
    message["type"] = "room.media";
    message["consultation_id"] = room;
    message["peer_id"] = sender->info.peer_id;
    const std::string text = text_of(message);
    for (const auto& p : rooms_.at(room))
      if (p.key != from && p.info.admitted) out.emplace_back(p.conn, text);
  }
  flush(out);
  return true;
}

std::size_t RoomHub::admitted_count(const std::string& room) const {
  std::lock_guard lock(mutex_);
  const auto r = rooms_.find(room);
  if (r == rooms_.end()) return 0;
  return static_cast<std::size_t>(std::count_if(r->second.begin(), r->second.end(),
                                                [](const Peer& p) { return p.info.admitted; }));
}

std::vector<PeerInfo> RoomHub::present(const std::string& room) const {
  std::lock_guard lock(mutex_);
  std::vector<PeerInfo> out;
  const auto r = rooms_.find(room);
  if (r != rooms_.end())
    for (const auto& p : r->second) out.push_back(p.info);
  return out;
}

std::size_t RoomHub::rooms() const {
  std::lock_guard lock(mutex_);
  return rooms_.size();
}

}  // namespace yq::consult
