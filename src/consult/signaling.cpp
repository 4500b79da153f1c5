#include "consult/signaling.hpp"

#include <boost/json/serialize.hpp>

#include <cctype>
#include <optional>

#include "core/error.hpp"

namespace yq::consult {

namespace {

constexpr std::size_t kMaxSdp = 64 * 1024;
constexpr std::size_t kMaxCandidate = 2048;

void refuse(http::WsConnection& to, core::WsErrc code, std::string_view consultation_id = {}) {
  boost::json::object o{{"type", "room.error"}, {"code", core::ws_error_info(code).slug}};
  if (!consultation_id.empty()) o["consultation_id"] = consultation_id;
  to.send(boost::json::serialize(o));
}

std::optional<std::string> text_at(const boost::json::object& o, std::string_view key,
                                   std::size_t max_size) {
  const auto* v = o.if_contains(key);
  if (!v || !v->is_string() || v->get_string().size() > max_size) return std::nullopt;
  return std::string(v->get_string());
}

// Page-chosen peer ids: 8-64 characters of [A-Za-z0-9_-] (a random value per page load).
bool peer_id_ok(std::string_view s) {
  if (s.size() < 8 || s.size() > 64) return false;
  for (const char ch : s)
    if (!std::isalnum(static_cast<unsigned char>(ch)) && ch != '-' && ch != '_') return false;
  return true;
}

// Only the parts of a negotiation message a browser needs, checked for shape and size, so the
// relay never forwards anything else from one participant's page to another's.
std::optional<boost::json::object> negotiation(const boost::json::object& m) {
  boost::json::object out;
  if (const auto* d = m.if_contains("description"); d && !d->is_null()) {
    if (!d->is_object()) return std::nullopt;
    const auto& o = d->get_object();
    const auto* type = o.if_contains("type");
    const auto* sdp = o.if_contains("sdp");
    if (!type || !type->is_string() || !sdp || !sdp->is_string() ||
        sdp->get_string().size() > kMaxSdp)
      return std::nullopt;
    const std::string_view t = type->get_string();
    if (t != "offer" && t != "answer" && t != "pranswer" && t != "rollback") return std::nullopt;
    out["description"] = boost::json::object{{"type", t}, {"sdp", sdp->get_string()}};
  }
  if (const auto* cand = m.if_contains("candidate"); cand) {
    if (cand->is_null()) {
      out["candidate"] = nullptr;  // end of candidates
    } else {
      if (!cand->is_object()) return std::nullopt;
      const auto& o = cand->get_object();
      boost::json::object c;
      const auto* s = o.if_contains("candidate");
      if (!s || !s->is_string() || s->get_string().size() > kMaxCandidate) return std::nullopt;
      c["candidate"] = s->get_string();
      if (const auto* mid = o.if_contains("sdpMid");
          mid && mid->is_string() && mid->get_string().size() <= 64)
        c["sdpMid"] = mid->get_string();
      if (const auto* idx = o.if_contains("sdpMLineIndex"); idx && idx->is_int64())
        c["sdpMLineIndex"] = idx->get_int64();
      if (const auto* uf = o.if_contains("usernameFragment");
          uf && uf->is_string() && uf->get_string().size() <= 256)
        c["usernameFragment"] = uf->get_string();
      out["candidate"] = std::move(c);
    }
  }
  if (out.empty()) return std::nullopt;
  return out;
}

}  // namespace

void add_signaling(http::WsHub& ws, Rooms& rooms, RoomHub& hub) {
  // Any signed-in account: the room token, made for one seat of one room, decides who gets in (a
  // guest the doctor invited may hold no role at all), and the room hub who hears what.
  const auto token_holders = http::Policy::signed_in();
  ws.on(
      "room.join", token_holders,
      "Enter the room a room token opens, as a page with its own peer id",
      [&ws, &rooms, &hub](http::WsConnection& from, const boost::json::object& m) {
        const auto token = text_at(m, "token", 128);
        const auto peer_id = text_at(m, "peer_id", 64);
        if (!token || !peer_id || !peer_id_ok(*peer_id))
          return refuse(from, core::WsErrc::invalid_message);
        const auto pass = rooms.redeem(*token, from.principal().account_id);
        if (!pass) return refuse(from, core::WsErrc::token_invalid);
        auto conn = ws.shared(from);
        if (!conn) return;  // closed meanwhile
        PeerInfo info{*peer_id,       from.principal().account_id,
                      pass->seat,     pass->name,
                      pass->admitted, pass->psych};
        switch (hub.enter(pass->consultation_id, std::move(info), conn)) {
          case RoomHub::Entered::ok:
            // The doctor may have removed them or ended the call since the token was checked (its
            // clean-up then found nobody to put out): check again now that the page is in.
            if (!rooms.still_in(pass->consultation_id, from.principal().account_id)) {
              hub.leave(conn.get());
              refuse(from, core::WsErrc::token_invalid, pass->consultation_id);
            }
            return;
          case RoomHub::Entered::full:
            return refuse(from, core::WsErrc::room_full, pass->consultation_id);
          case RoomHub::Entered::peer_taken:
            return refuse(from, core::WsErrc::peer_taken, pass->consultation_id);
        }
      },
      http::WsRate{1, 5});

  ws.on(
      "room.leave", token_holders, "Leave the call (a closed socket leaves it too)",
      [&hub](http::WsConnection& from, const boost::json::object&) { hub.leave(&from); },
      http::WsRate{10, 30});

  ws.on(
      "rtc.signal", token_holders, "WebRTC negotiation to another admitted page of the same room",
      [&hub](http::WsConnection& from, const boost::json::object& m) {
        const auto room = text_at(m, "consultation_id", 64);
        const auto to = text_at(m, "to", 64);
        const auto* epoch = m.if_contains("to_epoch");
        if (!room || !to || !epoch || !epoch->is_int64() || epoch->get_int64() < 0)
          return refuse(from, core::WsErrc::invalid_message);
        auto message = negotiation(m);
        if (!message) return refuse(from, core::WsErrc::invalid_message, *room);
        switch (hub.relay(&from, *room, *to, static_cast<std::uint64_t>(epoch->get_int64()),
                          std::move(*message))) {
          case RoomHub::Relayed::sent:
          case RoomHub::Relayed::stale:
            return;
          case RoomHub::Relayed::not_in_room:
            return refuse(from, core::WsErrc::not_in_room, *room);
          case RoomHub::Relayed::too_fast:
            return refuse(from, core::WsErrc::rate_limited, *room);
        }
      },
      http::WsRate{100, 300});

  ws.on(
      "room.media", token_holders, "What this page sends (audio, video, screen), told to the room",
      [&hub](http::WsConnection& from, const boost::json::object& m) {
        const auto room = text_at(m, "consultation_id", 64);
        if (!room) return refuse(from, core::WsErrc::invalid_message);
        const std::string& room_id = *room;
        boost::json::object state;
        for (const char* key : {"audio", "video", "screen"}) {
          const auto* v = m.if_contains(key);
          state[key] = v && v->is_bool() && v->get_bool();
        }
        if (!hub.announce(&from, room_id, std::move(state)))
          refuse(from, core::WsErrc::not_in_room, room_id);
      },
      http::WsRate{5, 20});

  ws.on_close([&hub](const http::WsConnection& gone) { hub.leave(&gone); });
}

}  // namespace yq::consult
