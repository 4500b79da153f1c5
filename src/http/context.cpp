#include "http/context.hpp"

#include <boost/json/serialize.hpp>

#include "core/messages.hpp"
#include "http/request_text.hpp"

namespace yq::http {

Reply Reply::json(int status, const boost::json::value& v) {
  return Reply{status, "application/json; charset=utf-8", boost::json::serialize(v), {}};
}

std::string RequestContext::param(std::string_view name) const {
  for (const auto& [k, v] : path_params) {
    if (k == name) return v;
  }
  return {};
}

std::optional<std::string> RequestContext::query(std::string_view name) const {
  // The pipeline refused a query that does not decode before any handler ran.
  const std::string_view target = request.target();
  const auto q = target.find('?');
  if (q == std::string_view::npos) return std::nullopt;
  auto params = decode_query(target.substr(q + 1));
  if (!params) return std::nullopt;
  for (auto& [key, value] : *params) {
    if (key == name) return std::move(value);
  }
  return std::nullopt;
}

Reply RequestContext::problem(const core::Error& error) const {
  return make_problem(error, lang, request_id);
}

Reply make_problem(const core::Error& error, core::Lang lang, std::string_view request_id) {
  const auto& info = core::error_info(error.code);
  boost::json::object body;
  body["type"] = "urn:yiqiao:problem:" + std::string(info.slug);
  body["title"] = core::message(info.message, lang);
  body["status"] = info.http_status;
  body["code"] = info.slug;
  body["detail"] = core::message(info.message, lang);
  body["instance"] = request_id;
  if (!error.fields.empty()) {
    boost::json::array fields;
    for (const auto& f : error.fields) {
      fields.push_back(boost::json::object{{"field", f.field},
                                           {"message", core::message(f.message_key, lang)},
                                           {"message_key", f.message_key}});
    }
    body["errors"] = std::move(fields);
  }
  Reply reply{info.http_status,
              "application/problem+json; charset=utf-8",
              boost::json::serialize(body),
              {}};
  if (error.retry_after_seconds > 0) {
    body["retry_after"] = error.retry_after_seconds;
    reply.body = boost::json::serialize(body);
    reply.headers.emplace_back("Retry-After", std::to_string(error.retry_after_seconds));
  }
  return reply;
}

}  // namespace yq::http
