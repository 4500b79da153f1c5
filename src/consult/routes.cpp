#include "consult/routes.hpp"

#include <boost/json/array.hpp>
#include <boost/url/encode.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>

#include "core/ids.hpp"
#include "core/json_input.hpp"
#include "http/route_helpers.hpp"

namespace yq::consult {

namespace {

using http::answer;
using http::Policy;
using http::Reply;
using http::RequestContext;

constexpr std::int64_t kDefaultMessagePage = 100;
constexpr std::size_t kMaxClientKey = 64;

// The four SOAP sections and the diagnosis codes of a note body.
core::Result<records::NoteText> read_note(const boost::json::object& body) {
  core::JsonReader r(body);
  records::NoteText t;
  t.subjective = r.text("subjective", 10000, false).value_or("");
  t.objective = r.text("objective", 10000, false).value_or("");
  t.assessment = r.text("assessment", 10000, false).value_or("");
  t.plan = r.text("plan", 10000, false).value_or("");
  if (const auto* d = body.if_contains("diagnoses")) {
    if (!d->is_array() || d->as_array().size() > records::kMaxDiagnoses) {
      r.fail("diagnoses", "field.not_a_list");
    } else {
      for (const auto& code : d->as_array()) {
        if (!code.is_string() || code.as_string().size() > 16) {
          r.fail("diagnoses", "field.unknown_diagnosis");
          break;
        }
        t.diagnoses.emplace_back(code.as_string());
      }
    }
  }
  if (!r.ok()) return r.error();
  return t;
}

// Client retry keys: short, printable ASCII.
bool key_ok(const std::string& key) {
  if (key.size() > kMaxClientKey) return false;
  for (const char ch : key)
    if (ch < 0x21 || ch > 0x7E) return false;
  return true;
}

}  // namespace

void add_consult_routes(http::Router& router, Consult& k) {
  const Policy anyone_signed_in = Policy::signed_in();
  const Policy doctors = Policy::roles_any({"doctor"});

  router.add(
      "POST", "/api/v1/appointments/{id}/consultation", Policy::roles_any({"patient", "doctor"}),
      "Open (or find) the video/voice consultation room of an appointment: its patient, "
      "their carer or its doctor, from 10 minutes before the start",
      [&k](RequestContext& ctx) {
        return answer(ctx, k.rooms.open_for_appointment(ctx.caller(), ctx.param("id"), ctx.client));
      });
  router.add(
      "POST", "/api/v1/queue-entries/{id}/consultation", Policy::roles_any({"patient", "doctor"}),
      "Open (or find) the consultation room of a queue visit the doctor has taken",
      [&k](RequestContext& ctx) {
        return answer(ctx, k.rooms.open_for_queue_entry(ctx.caller(), ctx.param("id"), ctx.client));
      });
  router.add(
      "GET", "/api/v1/consultations", anyone_signed_in,
      "The caller's consultations (as patient or carer, doctor, or invited guest), newest "
      "first",
      [&k](RequestContext& ctx) { return answer(ctx, k.rooms.mine(ctx.caller(), ctx.client)); });
  router.add("GET", "/api/v1/consultations/{id}", anyone_signed_in,
             "A consultation room: status, people and the caller's seat (participants only)",
             [&k](RequestContext& ctx) {
               return answer(ctx, k.rooms.get(ctx.caller(), ctx.param("id"), ctx.client));
             });
  router.add("POST", "/api/v1/consultations/{id}/join", anyone_signed_in,
             "Join the room: a room token for the WebSocket (2 minutes) and ICE servers with "
             "TURN credentials",
             [&k](RequestContext& ctx) {
               return answer(ctx, k.rooms.join(ctx.caller(), ctx.param("id"), ctx.client));
             });
  router.add("POST", "/api/v1/consultations/{id}/leave", anyone_signed_in,
             "Leave the call (the doctor lets an admitted participant back in without asking)",
             [&k](RequestContext& ctx) {
               return answer(ctx, k.rooms.leave(ctx.caller(), ctx.param("id"), ctx.client));
             });
  router.add(
      "POST", "/api/v1/consultations/{id}/participants/{account}/admit", doctors,
      "The consultation's doctor admits someone from the waiting room", [&k](RequestContext& ctx) {
        const std::string account = ctx.param("account");
        if (!core::looks_like_id(account)) return ctx.problem(core::Errc::not_found);
        return answer(ctx, k.rooms.admit(ctx.caller(), ctx.param("id"), account, ctx.client));
      });
  router.add("DELETE", "/api/v1/consultations/{id}/participants/{account}", doctors,
             "The consultation's doctor removes someone from the room for good",
             [&k](RequestContext& ctx) {
               const std::string account = ctx.param("account");
               if (!core::looks_like_id(account)) return ctx.problem(core::Errc::not_found);
               return answer(ctx,
                             k.rooms.remove(ctx.caller(), ctx.param("id"), account, ctx.client));
             });
  router.add("POST", "/api/v1/consultations/{id}/invitations", doctors,
             "The consultation's doctor invites a Yiqiao user by e-mail (family member, "
             "interpreter, colleague; at most two)",
             [&k](RequestContext& ctx) {
               return http::with_body(ctx, [&](core::JsonReader& r, const boost::json::object&) {
                 const auto email = r.email("email", true);
                 if (!r.ok()) return ctx.problem(r.error());
                 return answer(
                     ctx, k.rooms.invite(ctx.caller(), ctx.param("id"), *email, ctx.client), 201);
               });
             });
  router.add("POST", "/api/v1/consultations/{id}/end", doctors,
             "The consultation's doctor ends it and sets how many days the patient may send "
             "follow-up messages (0-30, default 7)",
             [&k](RequestContext& ctx) {
               auto body = core::parse_json_object(ctx.body().empty() ? "{}" : ctx.body());
               if (!body) return ctx.problem(body.error());
               core::JsonReader r(*body);
               const auto days = r.integer("follow_up_days", 0, kMaxFollowUpDays, false);
               if (!r.ok()) return ctx.problem(r.error());
               return answer(ctx, k.rooms.end(ctx.caller(), ctx.param("id"),
                                              static_cast<int>(days.value_or(kDefaultFollowUpDays)),
                                              ctx.client));
             });
  router.add("POST", "/api/v1/consultations/{id}/follow-up", doctors,
             "The consultation's doctor books the patient's follow-up in one of their own slots",
             [&k](RequestContext& ctx) {
               return http::with_body(ctx, [&](core::JsonReader& r, const boost::json::object&) {
                 const auto slot = r.text("slot_id", 26, true);
                 if (!r.ok()) return ctx.problem(r.error());
                 return answer(
                     ctx, k.rooms.book_follow_up(ctx.caller(), ctx.param("id"), *slot, ctx.client),
                     201);
               });
             });
  router.add("PUT", "/api/v1/consultations/{id}/rating", Policy::roles_any({"patient"}),
             "The patient (or their carer) rates an ended consultation: 1-5 stars and a comment",
             [&k](RequestContext& ctx) {
               return http::with_body(ctx, [&](core::JsonReader& r, const boost::json::object&) {
                 const auto stars = r.integer("stars", 1, 5, true);
                 const auto comment = r.text("comment", 2000, false);
                 if (!r.ok()) return ctx.problem(r.error());
                 return answer(ctx,
                               k.rooms.rate(ctx.caller(), ctx.param("id"), static_cast<int>(*stars),
                                            comment.value_or(""), ctx.client));
               });
             });

  // Chat
  router.add("GET", "/api/v1/consultations/{id}/messages", anyone_signed_in,
             "The room's chat after a message id (participants only), with read receipts",
             [&k](RequestContext& ctx) {
               const auto limit =
                   http::query_int(ctx, "limit", 1, kMaxMessagePage, kDefaultMessagePage);
               if (!limit) return ctx.problem(core::Error::field("limit", "field.out_of_range"));
               return answer(ctx, k.chat.list(ctx.caller(), ctx.param("id"),
                                              ctx.query("after").value_or(""), *limit, ctx.client));
             });
  router.add(
      "POST", "/api/v1/consultations/{id}/messages", anyone_signed_in,
      "Send a chat message (a retry with the same client_key is stored once)",
      [&k](RequestContext& ctx) {
        return http::with_body(ctx, [&](core::JsonReader& r, const boost::json::object&) {
          const auto text = r.secret("body", kMaxMessageChars, true);
          const auto key = r.text("client_key", kMaxClientKey, false);
          if (key && !key_ok(*key)) r.fail("client_key", "field.invalid");
          if (!r.ok()) return ctx.problem(r.error());
          return answer(
              ctx, k.chat.post(ctx.caller(), ctx.param("id"), *text, key.value_or(""), ctx.client),
              201);
        });
      });
  router.add(
      "POST", "/api/v1/consultations/{id}/attachments", anyone_signed_in,
      "Send a photo or document in the chat: the body is the file (JPEG, PNG or PDF, at "
      "most 10 MiB), ?name= its file name",
      [&k](RequestContext& ctx) {
        const std::string key = ctx.query("client_key").value_or("");
        if (!key_ok(key)) return ctx.problem(core::Error::field("client_key", "field.invalid"));
        return answer(ctx,
                      k.chat.attach(ctx.caller(), ctx.param("id"), ctx.body(),
                                    ctx.query("name").value_or(""), key, ctx.client),
                      201);
      },
      http::RouteOptions{
          static_cast<std::int64_t>(kMaxAttachmentBytes),
          {"image/jpeg", "image/png", "application/pdf", "application/octet-stream"}});
  router.add("GET", "/api/v1/consultations/{id}/messages/{message}/attachment", anyone_signed_in,
             "An attachment of the room's chat (participants only)", [&k](RequestContext& ctx) {
               auto file = k.chat.attachment(ctx.caller(), ctx.param("id"), ctx.param("message"),
                                             ctx.client);
               if (!file) return ctx.problem(file.error());
               Reply reply{200, file->content_type, std::move(file->bytes), {}};
               // Health data: never cached by a shared cache; a PDF is downloaded, not opened in
               // our origin.
               const bool inline_image = file->content_type != "application/pdf";
               reply.headers.emplace_back(
                   "Content-Disposition",
                   std::string(inline_image ? "inline" : "attachment") +
                       "; filename=\"attachment\"; filename*=UTF-8''" +
                       boost::urls::encode(file->name, boost::urls::unreserved_chars));
               reply.headers.emplace_back("Cache-Control", "private, no-store");
               return reply;
             });
  router.add("POST", "/api/v1/consultations/{id}/receipts", anyone_signed_in,
             "Tell the room how far the caller's device has received and read the chat",
             [&k](RequestContext& ctx) {
               return http::with_body(ctx, [&](core::JsonReader& r, const boost::json::object&) {
                 const auto delivered = r.text("delivered_up_to", 26, false);
                 const auto read = r.text("read_up_to", 26, false);
                 if (!r.ok()) return ctx.problem(r.error());
                 return answer(
                     ctx, k.chat.receipts(ctx.caller(), ctx.param("id"), delivered.value_or(""),
                                          read.value_or(""), ctx.client));
               });
             });

  // The note and the summary
  router.add("GET", "/api/v1/consultations/{id}/note", anyone_signed_in,
             "The consultation note: every version for its doctor (and an invited doctor), the "
             "signed text for the patient",
             [&k](RequestContext& ctx) {
               return answer(ctx, k.notes.read(ctx.caller(), ctx.param("id"), ctx.client));
             });
  router.add("PUT", "/api/v1/consultations/{id}/note", doctors,
             "Save the draft note (SOAP sections, diagnosis codes); refused once signed",
             [&k](RequestContext& ctx) {
               return http::with_body(ctx, [&](core::JsonReader&, const boost::json::object& body) {
                 auto text = read_note(body);
                 if (!text) return ctx.problem(text.error());
                 return answer(ctx, k.notes.save(ctx.caller(), ctx.param("id"), *text, ctx.client));
               });
             });
  router.add("POST", "/api/v1/consultations/{id}/note/sign", doctors,
             "Sign the draft note as version 1", [&k](RequestContext& ctx) {
               return answer(ctx, k.notes.sign(ctx.caller(), ctx.param("id"), ctx.client));
             });
  router.add(
      "POST", "/api/v1/consultations/{id}/note/amendments", doctors,
      "Amend a signed note: the whole new text and the reason; the old versions stay",
      [&k](RequestContext& ctx) {
        return http::with_body(ctx, [&](core::JsonReader& r, const boost::json::object& body) {
          auto text = read_note(body);
          if (!text) return ctx.problem(text.error());
          const auto reason = r.text("reason", 1000, true);
          if (!r.ok()) return ctx.problem(r.error());
          return answer(
              ctx, k.notes.amend(ctx.caller(), ctx.param("id"), *text, *reason, ctx.client), 201);
        });
      });
  router.add("GET", "/api/v1/consultations/{id}/summary", Policy::roles_any({"patient", "doctor"}),
             "The visit summary: signed assessment, plan and diagnoses, follow-up, rating",
             [&k](RequestContext& ctx) {
               return answer(ctx, k.notes.summary(ctx.caller(), ctx.param("id"), ctx.client));
             });
  router.add("GET", "/api/v1/diagnosis-codes", doctors,
             "Search the coded diagnosis list (ICD-10; code or name in any language)",
             [&k](RequestContext& ctx) {
               const auto q = ctx.query("q").value_or("");
               if (core::utf8_length(q) > 60)
                 return ctx.problem(core::Error::field("q", "field.too_long"));
               return Reply::json(
                   200, boost::json::object{
                            {"items", k.notes.diagnosis_codes(q, records::kMaxCodeResults)}});
             });
}

}  // namespace yq::consult
