#include "consult/chat.hpp"

#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>

#include "consent/consent.hpp"
#include "consult/consultation.hpp"
#include "core/ids.hpp"
#include "http/ws_hub.hpp"
#include "identity/roles.hpp"

namespace yq::consult {

namespace {

using core::Errc;
using core::Error;

constexpr std::size_t kMaxFileName = 120;

struct Seen {
  Consultation room;
  Membership member;
};

// The room, when the caller may read its chat.
core::Result<Seen> reader(store::Connection& c, const identity::Principal& who,
                          const std::string& id) {
  auto s = seated_room(c, who.account_id, id);
  if (!s) return s.error();
  if (s->member.seat == Seat::invitee && !s->member.admitted_at) return Error::of(Errc::not_found);
  return Seen{std::move(s->room), std::move(s->member)};
}

// The earliest message time the reader may see: a guest reads from their admission on, not what
// the patient and doctor said before they came in.
std::int64_t readable_from(const Seen& s) {
  return s.member.seat == Seat::invitee ? s.member.admitted_at.value_or(0) : 0;
}

std::optional<core::Error> write_refusal(const Seen& s, std::int64_t now) {
  if (s.room.status != "ended") return std::nullopt;
  if (s.member.seat == Seat::invitee) return Error::of(Errc::consultation_ended);
  if (!s.room.follow_up_until || now >= *s.room.follow_up_until)
    return Error::of(Errc::follow_up_closed);
  return std::nullopt;
}

// Everyone who reads the room's chat.
std::vector<std::string> members(store::Connection& c, const Consultation& room) {
  // Carers only while consent says so; guests once admitted; nobody removed.
  auto out = consent::who_may_be_told(c, room.patient_id, with_proxies(c, room, {room.patient_id}));
  // The doctor while they hold the role the seat needs (a demoted doctor reads nothing more).
  if (identity::holds_role(c, room.doctor_id, "doctor", room.organisation_id))
    out.insert(out.begin() + 1, room.doctor_id);
  for (const auto& r :
       c.query("SELECT account_id FROM consultation_participants WHERE consultation_id = ? AND "
               "state <> 'removed' AND role = 'invitee' AND admitted_at IS NOT NULL AND "
               "account_id NOT IN (?, ?)",
               {room.id, room.patient_id, room.doctor_id}))
    out.push_back(r.text(0));
  return out;
}

boost::json::object message_json(store::Connection& c, const store::Row& r) {
  // id, sender_id, body, attachment_sha256, attachment_name, attachment_type, attachment_size,
  // created_at, client_key
  boost::json::value attachment = nullptr;
  if (!r.text(3).empty())
    attachment =
        boost::json::object{{"name", r.text(4)}, {"content_type", r.text(5)}, {"size", r.i64(6)}};
  return {{"id", r.text(0)},
          {"sender", {{"id", r.text(1)}, {"name", person_name(c, r.text(1))}}},
          {"body", r.text(2)},
          {"attachment", std::move(attachment)},
          {"created_at", r.i64(7)},
          {"client_key", r.text(8)}};
}

constexpr const char* kMessageColumns =
    "id, sender_id, body, attachment_sha256, attachment_name, attachment_type, attachment_size, "
    "created_at, client_key";

boost::json::array receipts_json(store::Connection& c, const std::string& room_id) {
  boost::json::array out;
  for (const auto& r :
       c.query("SELECT account_id, delivered_up_to, read_up_to FROM consultation_participants "
               "WHERE consultation_id = ? AND state <> 'removed' ORDER BY account_id",
               {room_id}))
    out.push_back(
        {{"account_id", r.text(0)}, {"delivered_up_to", r.text(1)}, {"read_up_to", r.text(2)}});
  return out;
}

// File names come from the URL, percent-decoded: anything but well-formed UTF-8 is dropped.
bool valid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    const std::size_t n = b < 0x80             ? 0
                          : (b & 0xE0) == 0xC0 ? 1
                          : (b & 0xF0) == 0xE0 ? 2
                          : (b & 0xF8) == 0xF0 ? 3
                                               : 4;
    if (n == 4 || i + n >= s.size()) return false;
    for (std::size_t k = 1; k <= n; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    i += n + 1;
  }
  return true;
}

}  // namespace

struct Chat::Stored {
  std::string body, client_key, sha256, name, type;
  std::int64_t size = 0;
};

std::optional<std::string> sniff_attachment(std::string_view b) {
  if (b.size() >= 3 && b.substr(0, 3) == "\xFF\xD8\xFF") return "image/jpeg";
  if (b.size() >= 8 && b.substr(0, 8) == "\x89PNG\r\n\x1A\n") return "image/png";
  if (b.size() >= 5 && b.substr(0, 5) == "%PDF-") return "application/pdf";
  return std::nullopt;
}

std::string clean_file_name(std::string_view name) {
  // Only the last path part, without control characters, quotes or separators.
  if (const auto slash = name.find_last_of("/\\"); slash != std::string_view::npos)
    name.remove_prefix(slash + 1);
  std::string out;
  for (const char ch : name) {
    const auto u = static_cast<unsigned char>(ch);
    if (u < 0x20 || u == 0x7F || ch == '"' || ch == '\\' || ch == '/' || ch == ';') continue;
    out += ch;
  }
  // Bidirectional controls (U+202A-202E, U+2066-2069) make "gpj.exe" look like "exe.jpg".
  for (const std::string_view bidi :
       {"\u202A", "\u202B", "\u202C", "\u202D", "\u202E", "\u2066", "\u2067", "\u2068", "\u2069"})
    for (auto at = out.find(bidi); at != std::string::npos; at = out.find(bidi))
      out.erase(at, bidi.size());
  while (!out.empty() && (out.front() == '.' || out.front() == ' ')) out.erase(0, 1);
  if (out.size() > kMaxFileName) {
    // Cut on a character boundary.
    std::size_t cut = kMaxFileName;
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) >> 6) == 2) --cut;
    out.resize(cut);
  }
  if (!valid_utf8(out) || out.empty()) return "attachment";
  return out;
}

core::Result<boost::json::object> Chat::list(const identity::Principal& who, const std::string& id,
                                             const std::string& after, std::int64_t limit,
                                             const identity::ClientInfo& client) {
  if (!after.empty() && !core::looks_like_id(after)) return Error::field("after", "field.invalid");
  return env_.db.write([&](store::Connection& c) -> core::Result<boost::json::object> {
    auto seen = reader(c, who, id);
    if (!seen) return seen.error();
    boost::json::array items;
    for (const auto& r :
         c.query(std::string("SELECT ") + kMessageColumns +
                     " FROM consultation_messages WHERE consultation_id = ? AND id > ? AND "
                     "created_at >= ? ORDER BY id LIMIT ?",
                 {id, after, readable_from(*seen), limit}))
      items.push_back(message_json(c, r));
    auto e = room_event(who, client, "consult.chat_read", seen->room);
    audit::record(c, env_.clock, e);
    const std::int64_t now = env_.clock.now();
    return boost::json::object{{"items", std::move(items)},
                               {"receipts", receipts_json(c, id)},
                               {"can_write", !write_refusal(*seen, now).has_value()}};
  });
}

core::Result<boost::json::object> Chat::store(const identity::Principal& who, const std::string& id,
                                              const Stored& m, const identity::ClientInfo& client) {
  std::vector<std::string> to;
  bool fresh = false;
  std::vector<std::string> told;
  auto write = [&]() {
    return env_.db.write([&](store::Connection& c) -> core::Result<boost::json::object> {
      told.clear();
      auto seen = reader(c, who, id);
      if (!seen) return seen.error();
      const std::int64_t now = env_.clock.now();
      if (auto refusal = write_refusal(*seen, now)) return *refusal;
      if (!m.client_key.empty()) {
        const auto again = c.query_one(std::string("SELECT ") + kMessageColumns +
                                           " FROM consultation_messages WHERE sender_id = ? AND "
                                           "client_key = ? AND consultation_id = ?",
                                       {who.account_id, m.client_key, id});
        if (again) return message_json(c, *again);
      }
      const std::string mid = core::new_ordered_id();
      c.execute(
          "INSERT INTO consultation_messages (id, consultation_id, sender_id, client_key, body, "
          "attachment_sha256, attachment_name, attachment_type, attachment_size, created_at) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          {mid, id, who.account_id, m.client_key, m.body, m.sha256, m.name, m.type, m.size, now});
      // The sender has, of course, read what they wrote.
      ensure_participant(c, id, who.account_id, seen->member.seat, now);
      c.execute(
          "UPDATE consultation_participants SET delivered_up_to = ?, read_up_to = ? WHERE "
          "consultation_id = ? AND account_id = ?",
          {mid, mid, id, who.account_id});
      to = members(c, seen->room);
      fresh = true;
      // After the visit a message is a follow-up question or answer: tell the other side.
      if (seen->room.status == "ended") {
        const bool from_doctor = seen->member.seat == Seat::doctor;
        told.push_back(from_doctor ? seen->room.patient_id : seen->room.doctor_id);
        for (const auto& account : told)
          notify::Notifier::record(
              c, env_.clock,
              {account,
               "consult.message",
               {{"sender", person_name(c, who.account_id)},
                {"patient", person_name(c, seen->room.patient_id)}},
               "/consult/" + id + "/summary",
               false,
               seen->room.patient_id,
               account == seen->room.doctor_id &&
                   identity::holds_role(c, account, "doctor", seen->room.organisation_id)},
              env_.public_url);
      }
      const auto row = c.query_one(
          std::string("SELECT ") + kMessageColumns + " FROM consultation_messages WHERE id = ?",
          {mid});
      auto json = message_json(c, *row);
      auto e = room_event(who, client, m.sha256.empty() ? "consult.message" : "consult.attachment",
                          seen->room);
      e.target_type = "consultation_message";
      e.target_id = mid;
      audit::record(c, env_.clock, e);
      return json;
    });
  };
  core::Result<boost::json::object> out = Error::of(Errc::internal);
  try {
    out = write();
  } catch (const store::DbError& e) {
    // The same retry key twice at once: the other request stored it; answer with that message.
    if (e.code() != store::DbErrc::unique_violation || m.client_key.empty()) throw;
    fresh = false;
    out = write();
  }
  if (out && fresh) {
    push(to, {{"type", "chat.message"}, {"consultation_id", id}, {"message", *out}});
    env_.notifier.push(told);
  }
  return out;
}

core::Result<boost::json::object> Chat::post(const identity::Principal& who, const std::string& id,
                                             const std::string& body, const std::string& client_key,
                                             const identity::ClientInfo& client) {
  if (body.find_first_not_of(" \t\r\n") == std::string::npos)
    return Error::field("body", "field.empty_message");
  if (body.size() > kMaxMessageChars) return Error::field("body", "field.too_long");
  return store(who, id, Stored{body, client_key, "", "", "", 0}, client);
}

core::Result<boost::json::object> Chat::attach(const identity::Principal& who,
                                               const std::string& id, std::string_view bytes,
                                               const std::string& name,
                                               const std::string& client_key,
                                               const identity::ClientInfo& client) {
  if (bytes.size() > kMaxAttachmentBytes) return Error::of(Errc::payload_too_large);
  const auto type = sniff_attachment(bytes);
  if (!type) return Error::field("file", "field.invalid_attachment");
  // Check the seat before writing a file anyone could otherwise fill the disk with.
  auto allowed = env_.db.read([&](store::Connection& c) -> core::Result<bool> {
    auto seen = reader(c, who, id);
    if (!seen) return seen.error();
    if (auto refusal = write_refusal(*seen, env_.clock.now())) return *refusal;
    return true;
  });
  if (!allowed) return allowed.error();
  const std::string sha = env_.blobs.put(bytes);
  return store(who, id,
               Stored{"", client_key, sha, clean_file_name(name), *type,
                      static_cast<std::int64_t>(bytes.size())},
               client);
}

core::Result<Attachment> Chat::attachment(const identity::Principal& who, const std::string& id,
                                          const std::string& message_id,
                                          const identity::ClientInfo& client) {
  if (!core::looks_like_id(message_id)) return Error::of(Errc::not_found);
  auto meta = env_.db.write([&](store::Connection& c) -> core::Result<Attachment> {
    auto seen = reader(c, who, id);
    if (!seen) return seen.error();
    const auto r = c.query_one(
        "SELECT attachment_sha256, attachment_type, attachment_name FROM consultation_messages "
        "WHERE id = ? AND consultation_id = ? AND attachment_sha256 <> '' AND created_at >= ?",
        {message_id, id, readable_from(*seen)});
    if (!r) return Error::of(Errc::not_found);
    auto e = room_event(who, client, "consult.attachment_read", seen->room);
    e.target_type = "consultation_message";
    e.target_id = message_id;
    audit::record(c, env_.clock, e);
    return Attachment{r->text(1), r->text(2), r->text(0)};
  });
  if (!meta) return meta.error();
  auto bytes = env_.blobs.get(meta->bytes);
  if (!bytes) return Error::of(Errc::not_found);
  meta->bytes = std::move(*bytes);
  return meta;
}

core::Result<boost::json::object> Chat::receipts(const identity::Principal& who,
                                                 const std::string& id,
                                                 const std::string& delivered_up_to,
                                                 const std::string& read_up_to,
                                                 const identity::ClientInfo& client) {
  for (const auto& [field, v] :
       {std::pair{"delivered_up_to", &delivered_up_to}, std::pair{"read_up_to", &read_up_to}})
    if (!v->empty() && !core::looks_like_id(*v)) return Error::field(field, "field.invalid");
  std::vector<std::string> to;
  boost::json::object update;
  auto out = env_.db.write([&](store::Connection& c) -> core::Result<boost::json::object> {
    auto seen = reader(c, who, id);
    if (!seen) return seen.error();
    ensure_participant(c, id, who.account_id, seen->member.seat, env_.clock.now());
    // Positions only move forward (ids are time-ordered), and reading implies receiving.
    const std::string delivered = std::max(delivered_up_to, read_up_to);
    c.execute(
        "UPDATE consultation_participants SET delivered_up_to = CASE WHEN ? > delivered_up_to "
        "THEN ? ELSE delivered_up_to END, read_up_to = CASE WHEN ? > read_up_to THEN ? ELSE "
        "read_up_to END WHERE consultation_id = ? AND account_id = ?",
        {delivered, delivered, read_up_to, read_up_to, id, who.account_id});
    const auto r = c.query_one(
        "SELECT delivered_up_to, read_up_to FROM consultation_participants WHERE "
        "consultation_id = ? AND account_id = ?",
        {id, who.account_id});
    update = {{"account_id", who.account_id},
              {"delivered_up_to", r->text(0)},
              {"read_up_to", r->text(1)}};
    to = members(c, seen->room);
    (void)client;  // receipts say nothing about the patient's health: not audited
    return update;
  });
  if (out) push(to, {{"type", "chat.receipts"}, {"consultation_id", id}, {"receipt", update}});
  return out;
}

void Chat::push(const std::vector<std::string>& accounts, const boost::json::object& message) {
  if (!env_.ws) return;
  const std::string text = boost::json::serialize(message);
  for (const auto& a : accounts) env_.ws->send_to_account(a, text);
}

}  // namespace yq::consult
