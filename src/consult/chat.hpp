#pragma once
// The chat of a consultation: text and attachments (JPEG, PNG, PDF; checked by their bytes, not
// their name; at most 10 MiB; stored once by SHA-256 in the blob store), kept for the
// participants after the call, with delivery and read receipts as a position per participant.
//
// Who may write: the patient, their carer and the doctor from the moment the room exists (the
// waiting room has chat) until the follow-up period the doctor set at the end runs out; invited
// guests while the call runs, once admitted. Who may read: those same people, for good (a guest
// only once admitted). Everyone else is answered "not found"; every read is audited.
#include <boost/json/object.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "consult/env.hpp"
#include "core/error.hpp"
#include "identity/principal.hpp"

namespace yq::consult {

inline constexpr std::size_t kMaxAttachmentBytes = 10 * 1024 * 1024;
inline constexpr std::size_t kMaxMessageChars = 4000;  // bytes of UTF-8
inline constexpr std::int64_t kMaxMessagePage = 200;

struct Attachment {
  std::string content_type;
  std::string name;
  std::string bytes;
};

// The media type the bytes are (image/jpeg, image/png, application/pdf), or nullopt.
std::optional<std::string> sniff_attachment(std::string_view bytes);
// A file name safe to show and to put in Content-Disposition ("attachment" when nothing is left).
std::string clean_file_name(std::string_view name);

class Chat {
 public:
  explicit Chat(Env& env) : env_(env) {}

  core::Result<boost::json::object> list(const identity::Principal& who, const std::string& id,
                                         const std::string& after, std::int64_t limit,
                                         const identity::ClientInfo& client);
  core::Result<boost::json::object> post(const identity::Principal& who, const std::string& id,
                                         const std::string& body, const std::string& client_key,
                                         const identity::ClientInfo& client);
  core::Result<boost::json::object> attach(const identity::Principal& who, const std::string& id,
                                           std::string_view bytes, const std::string& name,
                                           const std::string& client_key,
                                           const identity::ClientInfo& client);
  core::Result<Attachment> attachment(const identity::Principal& who, const std::string& id,
                                      const std::string& message_id,
                                      const identity::ClientInfo& client);
  core::Result<boost::json::object> receipts(const identity::Principal& who, const std::string& id,
                                             const std::string& delivered_up_to,
                                             const std::string& read_up_to,
                                             const identity::ClientInfo& client);

 private:
  struct Stored;
  core::Result<boost::json::object> store(const identity::Principal& who, const std::string& id,
                                          const Stored& message,
                                          const identity::ClientInfo& client);
  // Sends to every connection of every member of the room (the sender's other devices too).
  void push(const std::vector<std::string>& accounts, const boost::json::object& message);

  Env& env_;
};

}  // namespace yq::consult
