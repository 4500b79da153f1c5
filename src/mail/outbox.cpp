#include "mail/outbox.hpp"

#include <curl/curl.h>

#include <chrono>
#include <cstring>
#include <memory>
#include <stdexcept>

#include "consent/consent.hpp"
#include "core/crypto.hpp"
#include "core/ids.hpp"
#include "core/log.hpp"
#include "core/periodic.hpp"

namespace yq::mail {

void enqueue(store::Connection& c, const core::Clock& clock, const std::string& to,
             const std::string& subject, const std::string& body, std::string_view secret,
             const Recipient& recipient) {
  std::optional<std::string> redacted;
  if (!secret.empty()) {
    if (body.find(secret) == std::string::npos)
      throw std::logic_error("mail::enqueue: the secret is not in the body");
    redacted = body;
    for (auto at = redacted->find(secret); at != std::string::npos;
         at = redacted->find(secret, at + std::strlen(kRedacted)))
      redacted->replace(at, secret.size(), kRedacted);
  }
  const auto optional = [](const std::string& s) {
    return s.empty() ? std::nullopt : std::optional<std::string>(s);
  };
  c.execute(
      "INSERT INTO outbox (id, to_address, subject, body, redacted_body, created_at, account_id, "
      "carer_of) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      {core::new_id(), to, subject, body, redacted, clock.now(), optional(recipient.account_id),
       optional(recipient.carer_of)});
}

bool still_allowed(store::Connection& c, const OutboxMessage& m) {
  if (m.carer_of.empty()) return true;
  return consent::decide(c, m.account_id, m.carer_of, consent::Purpose::be_notified).allowed;
}

namespace {
// Columns of OutboxMessage; body_column picks the view (redacted or not).
std::vector<OutboxMessage> select(store::Connection& c, const std::string& body_column,
                                  const std::string& where, const store::Params& params) {
  std::vector<OutboxMessage> out;
  for (const auto& r :
       c.query("SELECT id, to_address, subject, " + body_column +
                   ", created_at, sent_at, redacted_body IS NOT NULL, COALESCE(account_id, ''), "
                   "COALESCE(carer_of, ''), withheld_at FROM outbox " +
                   where,
               params)) {
    out.push_back(OutboxMessage{r.text(0), r.text(1), r.text(2), r.text(3), r.i64(4), r.opt_i64(5),
                                body_column != "body" && r.boolean(6), r.text(7), r.text(8),
                                r.opt_i64(9)});
  }
  return out;
}
constexpr const char* kNewestFirst = "ORDER BY created_at DESC, id LIMIT ?";
}  // namespace

std::vector<OutboxMessage> latest(store::Connection& c, int limit) {
  return select(c, "COALESCE(redacted_body, body)", kNewestFirst, {limit});
}

std::vector<OutboxMessage> latest_unredacted(store::Connection& c, int limit) {
  return select(c, "body", kNewestFirst, {limit});
}

std::optional<OutboxMessage> find_unredacted(store::Connection& c, const std::string& id) {
  auto found = select(c, "body", "WHERE id = ?", {id});
  if (found.empty()) return std::nullopt;
  return found.front();
}

namespace {

// RFC 2047 encoded-word so Chinese subjects survive every mail client.
std::string encode_header(const std::string& text) {
  return "=?UTF-8?B?" + core::base64_encode(text) + "?=";
}

std::string bare_address(const std::string& from) {
  const auto lt = from.find('<');
  const auto gt = from.find('>');
  if (lt != std::string::npos && gt != std::string::npos && gt > lt)
    return from.substr(lt + 1, gt - lt - 1);
  return from;
}

struct Payload {
  std::string data;
  std::size_t offset = 0;
};

std::size_t read_payload(char* buffer, std::size_t size, std::size_t nitems, void* userp) {
  auto* p = static_cast<Payload*>(userp);
  const std::size_t n = std::min(size * nitems, p->data.size() - p->offset);
  std::memcpy(buffer, p->data.data() + p->offset, n);
  p->offset += n;
  return n;
}

}  // namespace

namespace {

// How often the sender looks for pending messages.
constexpr std::chrono::seconds kPollInterval{5};

}  // namespace

struct SmtpSender::Impl {
  Impl(store::Database& d, const core::Config& c) : db(d), config(c) {}
  store::Database& db;
  core::Config config;
  core::SystemClock clock;
  std::unique_ptr<core::Periodic> poller;  // made by start() when a relay is configured

  bool send_one(const OutboxMessage& m, std::string& error) {
    CURL* curl = curl_easy_init();
    if (!curl) {
      error = "curl init failed";
      return false;
    }
    const bool implicit_tls = config.smtp_tls == "implicit";
    const std::string url = std::string(implicit_tls ? "smtps://" : "smtp://") + config.smtp_host +
                            ":" + std::to_string(config.smtp_port);
    Payload payload;
    payload.data =
        "From: " + config.smtp_from + "\r\nTo: <" + m.to +
        ">\r\nSubject: " + encode_header(m.subject) + "\r\nMessage-ID: <" + m.id +
        "@yiqiao>\r\nMIME-Version: 1.0\r\n"
        "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n";
    for (char ch : m.body) {
      if (ch == '\n')
        payload.data += "\r\n";
      else
        payload.data += ch;
    }
    payload.data += "\r\n";
    curl_slist* rcpt = curl_slist_append(nullptr, ("<" + m.to + ">").c_str());
    const std::string from = "<" + bare_address(config.smtp_from) + ">";
    curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from.c_str());
    curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, rcpt);
    curl_easy_setopt(curl, CURLOPT_READFUNCTION, read_payload);
    curl_easy_setopt(curl, CURLOPT_READDATA, &payload);
    curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
    // CURLUSESSL_TRY would fall back to the clear when a relay (or someone between us and it)
    // does not offer STARTTLS: reset links would cross the network readable. ALL fails instead.
    const bool tls = config.smtp_tls != "off";
    curl_easy_setopt(curl, CURLOPT_USE_SSL,
                     static_cast<long>(tls ? CURLUSESSL_ALL : CURLUSESSL_NONE));
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L);
    if (!config.smtp_ca_file.empty())
      curl_easy_setopt(curl, CURLOPT_CAINFO, config.smtp_ca_file.c_str());
    if (tls && !config.smtp_user.empty()) {
      curl_easy_setopt(curl, CURLOPT_USERNAME, config.smtp_user.c_str());
      curl_easy_setopt(curl, CURLOPT_PASSWORD, config.smtp_password.c_str());
    }
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, 30L);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    const CURLcode rc = curl_easy_perform(curl);
    curl_slist_free_all(rcpt);
    curl_easy_cleanup(curl);
    if (rc != CURLE_OK) error = curl_easy_strerror(rc);
    return rc == CURLE_OK;
  }

  int deliver_pending() {
    auto pending = db.read([](store::Connection& c) {
      std::vector<OutboxMessage> out;
      for (const auto& r :
           c.query("SELECT id, to_address, subject, body, created_at, "
                   "COALESCE(account_id, ''), COALESCE(carer_of, '') FROM outbox "
                   "WHERE sent_at IS NULL AND withheld_at IS NULL AND attempts < 10 "
                   "ORDER BY created_at LIMIT 50")) {
        out.push_back(OutboxMessage{r.text(0), r.text(1), r.text(2), r.text(3), r.i64(4),
                                    std::nullopt, false, r.text(5), r.text(6), std::nullopt});
      }
      return out;
    });
    int sent = 0;
    for (const auto& m : pending) {
      // Asked at the moment of sending: a carer whose access ended since gets nothing.
      const bool allowed = db.write([&](store::Connection& c) {
        if (still_allowed(c, m)) return true;
        c.execute("UPDATE outbox SET withheld_at = ? WHERE id = ? AND sent_at IS NULL",
                  {clock.now(), m.id});
        return false;
      });
      if (!allowed) continue;
      std::string error;
      const bool ok = send_one(m, error);
      db.write([&](store::Connection& c) {
        if (ok)
          c.execute("UPDATE outbox SET sent_at = ?, attempts = attempts + 1 WHERE id = ?",
                    {clock.now(), m.id});
        else
          c.execute("UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE id = ?",
                    {error, m.id});
      });
      if (ok)
        ++sent;
      else
        core::log::warn("smtp_send_failed", {{"outbox_id", m.id}, {"error", error}});
    }
    return sent;
  }
};

SmtpSender::SmtpSender(store::Database& db, const core::Config& config)
    : impl_(std::make_unique<Impl>(db, config)) {}

SmtpSender::~SmtpSender() {
  stop();
}

void SmtpSender::start() {
  if (impl_->config.smtp_host.empty() || impl_->poller) return;
  if (impl_->config.smtp_tls == "off")
    core::log::warn("smtp_tls_off",
                    {{"host", impl_->config.smtp_host},
                     {"why",
                      "e-mail, with its password-reset and invitation links, crosses the "
                      "network readable by anyone on the path"}});
  // A failed round is logged as smtp_sender_failed; the messages stay pending for the next one.
  impl_->poller = std::make_unique<core::Periodic>(
      "smtp_sender", kPollInterval, [impl = impl_.get()] { impl->deliver_pending(); });
  impl_->poller->start();
}

void SmtpSender::stop() {
  if (impl_->poller) impl_->poller->stop();
}

int SmtpSender::deliver_pending() {
  return impl_->deliver_pending();
}

}  // namespace yq::mail
