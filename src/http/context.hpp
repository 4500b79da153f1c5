#pragma once
// What a route handler receives and returns. Handlers run on the worker pool and may block.
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/json/value.hpp>

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.hpp"
#include "core/i18n.hpp"
#include "identity/principal.hpp"

namespace yq::http {

using BeastRequest = boost::beast::http::request<boost::beast::http::string_body>;
using BeastResponse = boost::beast::http::response<boost::beast::http::string_body>;

struct Reply {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // extra headers, e.g. Set-Cookie

  static Reply json(int status, const boost::json::value& v);
  static Reply no_content() { return Reply{204, "", "", {}}; }
};

struct RequestContext {
  const BeastRequest& request;
  std::vector<std::pair<std::string, std::string>> path_params;
  std::optional<identity::Principal> principal;
  core::Lang lang = core::Lang::en;
  std::string request_id;
  identity::ClientInfo client;
  bool secure = false;  // served over TLS

  // A path parameter declared by the route pattern ({org}).
  std::string param(std::string_view name) const;
  std::optional<std::string> query(std::string_view name) const;
  std::string_view body() const { return request.body(); }
  // Signed-in caller; only call from routes whose policy guarantees one.
  const identity::Principal& caller() const { return *principal; }

  // application/problem+json in the caller's language.
  Reply problem(const core::Error& error) const;
  Reply problem(core::Errc code) const { return problem(core::Error::of(code)); }
};

using Handler = std::function<Reply(RequestContext&)>;

// Renders an Error as RFC 9457 problem+json (used by handlers and by the pipeline itself).
Reply make_problem(const core::Error& error, core::Lang lang, std::string_view request_id);

}  // namespace yq::http
