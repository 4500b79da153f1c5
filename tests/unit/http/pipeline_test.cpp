#include "http/pipeline.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include <filesystem>
#include <fstream>

#include <unistd.h>

#include "core/crypto.hpp"

namespace yq::http {
namespace {

namespace bhttp = boost::beast::http;

// Stands in for src/identity: the pipeline, not sign-in, is under test here.
class TokenTable final : public Authenticator {
 public:
  std::optional<identity::Principal> authenticate(std::string_view token,
                                                  const identity::ClientInfo&) override {
    if (token == "patient")
      return identity::Principal{"p1", "s1", {{"patient", ""}}, true, false, false, "zh-Hant", 0};
    if (token == "doctor-pending")
      return identity::Principal{"d1", "s2", {{"doctor", "org1"}}, false, true, false, "en", 0};
    if (token == "admin")
      return identity::Principal{"a1", "s3", {{"platform_admin", ""}}, true, false, false, "en", 0};
    return std::nullopt;
  }
};

class PipelineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    core::crypto_init();
    // One directory per test process: ctest runs these tests in parallel, and so may other
    // checkouts.
    web_ = std::filesystem::temp_directory_path() /
           ("yq-pipeline-web-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(web_ / "assets");
    std::ofstream(web_ / "index.html") << "<!doctype html><title>Yiqiao</title>";
    std::ofstream(web_ / "assets" / "app-1234.js") << "console.log(1)";
    files_ = std::make_unique<StaticFiles>(web_.string());
    router_.add("GET", "/api/v1/me", Policy::signed_in_any(), "", echo());
    router_.add("POST", "/api/v1/things", Policy::signed_in(), "", echo());
    router_.add("GET", "/api/v1/admin/x", Policy::platform_admin(), "", echo());
    router_.add("POST", "/api/v1/public", Policy::everyone(), "", echo());
    router_.add("POST", "/api/v1/upload", Policy::signed_in(), "", echo(),
                RouteOptions{10 * 1024 * 1024, {}, false});
    router_.add("POST", "/api/v1/sign-up", Policy::everyone(), "", echo(),
                RouteOptions{32 * 1024, {}, false});
    router_.add("GET", "/api/v1/boom", Policy::everyone(), "", [](RequestContext&) -> Reply {
      throw std::runtime_error("secret internal detail");
    });
    options_.max_json_body = 1024;
    options_.max_anonymous_body = 512;
    pipeline_ = std::make_unique<Pipeline>(router_, auth_, *files_, options_);
  }

  void TearDown() override {
    std::error_code ignored;
    std::filesystem::remove_all(web_, ignored);
  }

  static Handler echo() {
    return [](RequestContext& ctx) {
      return Reply::json(200, {{"account", ctx.principal ? ctx.principal->account_id : ""}});
    };
  }

  BeastResponse call(bhttp::verb method, std::string target,
                     std::vector<std::pair<std::string, std::string>> headers = {},
                     std::string body = "") {
    BeastRequest req{method, target, 11};
    req.set(bhttp::field::host, "yiqiao.test");
    for (auto& [k, v] : headers) req.set(k, v);
    req.body() = std::move(body);
    req.prepare_payload();
    return pipeline_->handle({req, {"192.0.2.9", "test"}});
  }

  static std::string code_of(const BeastResponse& res) {
    return std::string(boost::json::parse(res.body()).at("code").as_string());
  }

  std::filesystem::path web_;
  std::unique_ptr<StaticFiles> files_;
  Router router_;
  TokenTable auth_;
  PipelineOptions options_;
  std::unique_ptr<Pipeline> pipeline_;
};

TEST_F(PipelineTest, PoliciesRefuseWithTheRightStatus) {
  EXPECT_EQ(call(bhttp::verb::get, "/api/v1/me").result_int(), 401);
  EXPECT_EQ(call(bhttp::verb::get, "/api/v1/me", {{"Authorization", "Bearer nope"}}).result_int(),
            401);
  EXPECT_EQ(call(bhttp::verb::get, "/api/v1/me", {{"Authorization", "Bearer doctor-pending"}})
                .result_int(),
            200);
  auto pending =
      call(bhttp::verb::post, "/api/v1/things", {{"Authorization", "Bearer doctor-pending"}});
  EXPECT_EQ(pending.result_int(), 403);
  EXPECT_EQ(code_of(pending), "mfa_enrolment_required");
  auto patient = call(bhttp::verb::get, "/api/v1/admin/x", {{"Authorization", "Bearer patient"}});
  EXPECT_EQ(patient.result_int(), 403);
  EXPECT_EQ(patient.body().find("account"), std::string::npos);  // no data in a refusal
  EXPECT_EQ(
      call(bhttp::verb::get, "/api/v1/admin/x", {{"Authorization", "Bearer admin"}}).result_int(),
      200);
}

TEST_F(PipelineTest, CookieRequestsThatChangeThingsNeedOurHeaderAndOrigin) {
  const std::pair<std::string, std::string> cookie{"Cookie", "other=1; yq_session=patient"};
  const std::pair<std::string, std::string> json{"Content-Type", "application/json"};
  auto forged = call(bhttp::verb::post, "/api/v1/things", {cookie, json}, "{}");
  EXPECT_EQ(forged.result_int(), 403);
  EXPECT_EQ(code_of(forged), "csrf_rejected");
  auto cross = call(
      bhttp::verb::post, "/api/v1/things",
      {cookie, json, {"X-Requested-With", "yiqiao"}, {"Origin", "https://evil.example"}}, "{}");
  EXPECT_EQ(code_of(cross), "csrf_rejected");
  EXPECT_EQ(
      call(bhttp::verb::post, "/api/v1/things",
           {cookie, json, {"X-Requested-With", "yiqiao"}, {"Origin", "http://yiqiao.test"}}, "{}")
          .result_int(),
      200);
  // A bearer client is not a browser: no header needed.
  EXPECT_EQ(
      call(bhttp::verb::post, "/api/v1/things", {{"Authorization", "Bearer patient"}, json}, "{}")
          .result_int(),
      200);
  // Reading with a cookie needs nothing extra.
  EXPECT_EQ(call(bhttp::verb::get, "/api/v1/me", {cookie}).result_int(), 200);
}

TEST_F(PipelineTest, BodiesMustBeJson) {
  auto res = call(bhttp::verb::post, "/api/v1/public", {{"Content-Type", "text/plain"}}, "hello");
  EXPECT_EQ(res.result_int(), 415);
}

TEST_F(PipelineTest, ErrorsAreProblemJsonInTheCallersLanguage) {
  auto res = call(bhttp::verb::get, "/api/v1/nowhere", {{"Accept-Language", "zh-CN"}});
  EXPECT_EQ(res.result_int(), 404);
  EXPECT_EQ(res[bhttp::field::content_type], "application/problem+json; charset=utf-8");
  const auto body = boost::json::parse(res.body());
  EXPECT_EQ(body.at("detail").as_string(), "没有这个网址。");
  EXPECT_EQ(body.at("instance").as_string(), res["X-Request-Id"]);
  // Without Accept-Language, a signed-in caller reads their account's language.
  auto admin_only =
      call(bhttp::verb::get, "/api/v1/admin/x", {{"Authorization", "Bearer patient"}});
  EXPECT_EQ(boost::json::parse(admin_only.body()).at("detail").as_string(),
            "你沒有權限執行此操作。");
}

TEST_F(PipelineTest, UnexpectedFailuresSayNothingInternal) {
  auto res = call(bhttp::verb::get, "/api/v1/boom");
  EXPECT_EQ(res.result_int(), 500);
  EXPECT_EQ(res.body().find("secret"), std::string::npos);
}

TEST_F(PipelineTest, EveryResponseCarriesSecurityHeaders) {
  for (const auto& res : {call(bhttp::verb::get, "/api/v1/me"), call(bhttp::verb::get, "/"),
                          call(bhttp::verb::get, "/assets/app-1234.js")}) {
    EXPECT_NE(res["Content-Security-Policy"].find("frame-ancestors 'none'"), std::string::npos);
    EXPECT_EQ(res["Content-Security-Policy"].find("unsafe-inline"), std::string::npos);
    EXPECT_EQ(res["X-Content-Type-Options"], "nosniff");
    EXPECT_EQ(res["Referrer-Policy"], "no-referrer");
    EXPECT_FALSE(res["X-Request-Id"].empty());
    EXPECT_TRUE(res["Strict-Transport-Security"].empty());  // only under TLS
  }
  EXPECT_EQ(call(bhttp::verb::get, "/api/v1/me")[bhttp::field::cache_control], "no-store");
}

TEST_F(PipelineTest, StaticFilesHashedAssetsAndSpaFallback) {
  auto asset = call(bhttp::verb::get, "/assets/app-1234.js");
  EXPECT_EQ(asset.result_int(), 200);
  EXPECT_EQ(asset[bhttp::field::content_type], "text/javascript; charset=utf-8");
  EXPECT_EQ(asset[bhttp::field::cache_control], "public, max-age=31536000, immutable");
  auto page = call(bhttp::verb::get, "/org/abc/staff", {{"Accept", "text/html"}});
  EXPECT_EQ(page.result_int(), 200);
  EXPECT_EQ(page[bhttp::field::cache_control], "no-cache");
  EXPECT_NE(page.body().find("Yiqiao"), std::string::npos);
  EXPECT_EQ(call(bhttp::verb::get, "/assets/missing.js").result_int(), 404);
  EXPECT_EQ(
      call(bhttp::verb::get, "/../../etc/passwd", {{"Accept", "text/html"}}).body().find("root:"),
      std::string::npos);
}

TEST_F(PipelineTest, BodyLimitComesFromTheRoute) {
  BeastRequest req{bhttp::verb::post, "/api/v1/public", 11};
  EXPECT_EQ(pipeline_->body_limit(req, true), 1024);
}

// Issue 12, "unauthenticated request bodies capped small before authentication".
TEST_F(PipelineTest, UnauthenticatedBodiesAreCappedSmallBeforeAuthentication) {
  BeastRequest upload{bhttp::verb::post, "/api/v1/upload", 11};
  EXPECT_EQ(pipeline_->body_limit(upload, true), 10 * 1024 * 1024);
  EXPECT_EQ(pipeline_->body_limit(upload, false), 512) << "an anonymous upload gets the small cap";
  BeastRequest sign_up{bhttp::verb::post, "/api/v1/sign-up", 11};
  EXPECT_EQ(pipeline_->body_limit(sign_up, false), 32 * 1024) << "a public route may declare more";
  BeastRequest open{bhttp::verb::post, "/api/v1/public", 11};
  EXPECT_EQ(pipeline_->body_limit(open, false), 512);
  // A route that refuses the caller is answered without its body.
  EXPECT_TRUE(pipeline_->answers_without_body(upload, std::nullopt));
  EXPECT_FALSE(pipeline_->answers_without_body(sign_up, std::nullopt));
  EXPECT_TRUE(pipeline_->answers_without_body(BeastRequest{bhttp::verb::post, "/nowhere", 11},
                                              std::nullopt));
  TokenTable tokens;
  EXPECT_FALSE(pipeline_->answers_without_body(upload, tokens.authenticate("patient", {})));
  EXPECT_TRUE(pipeline_->answers_without_body(upload, tokens.authenticate("doctor-pending", {})));
}

// Issue 12, "invalid UTF-8 in a query string or header answers 400".
TEST_F(PipelineTest, InvalidUtf8InQueryOrHeaderAnswers400) {
  auto bad_query = call(bhttp::verb::get, "/api/v1/me?q=%FF%FE");
  EXPECT_EQ(bad_query.result_int(), 400);
  EXPECT_EQ(code_of(bad_query), "invalid_encoding");
  EXPECT_EQ(code_of(call(bhttp::verb::get, "/api/v1/me?q=%C0%AF")), "invalid_encoding")
      << "overlong";
  EXPECT_EQ(code_of(call(bhttp::verb::get, "/api/v1/me?q=a%00b")), "invalid_encoding") << "NUL";
  EXPECT_EQ(code_of(call(bhttp::verb::get, "/api/v1/me?q=%zz")), "bad_request");
  EXPECT_EQ(code_of(call(bhttp::verb::get, "/api/v1/%ED%A0%80")), "invalid_encoding")
      << "a surrogate in the path";
  auto bad_agent = call(bhttp::verb::get, "/api/v1/me", {{"User-Agent", "curl\xff\xfe"}});
  EXPECT_EQ(bad_agent.result_int(), 400);
  EXPECT_EQ(code_of(bad_agent), "invalid_encoding");
  EXPECT_NE(bad_agent[bhttp::field::content_type].find("application/problem+json"),
            std::string::npos);
  // Valid UTF-8 passes, in the query and in headers.
  EXPECT_EQ(call(bhttp::verb::get, "/api/v1/me?q=%E4%B8%AD+x", {{"User-Agent", "瀏覽器"}}, "")
                .result_int(),
            401);
}

// Issue 12, finding 8: the session cookie is Secure and HSTS is sent whenever users come over
// https.
TEST_F(PipelineTest, HttpsBehindNginxOrPublicUrlSendsHsts) {
  const auto hsts = [](const BeastResponse& r) {
    return r.find(bhttp::field::strict_transport_security) != r.end();
  };
  EXPECT_FALSE(hsts(call(bhttp::verb::get, "/api/v1/me", {{"X-Forwarded-Proto", "https"}})))
      << "an untrusted X-Forwarded-Proto is ignored";
  options_.trust_forwarded_proto = true;
  pipeline_ = std::make_unique<Pipeline>(router_, auth_, *files_, options_);
  EXPECT_TRUE(hsts(call(bhttp::verb::get, "/api/v1/me", {{"X-Forwarded-Proto", "https"}})));
  EXPECT_FALSE(hsts(call(bhttp::verb::get, "/api/v1/me", {{"X-Forwarded-Proto", "http"}})));
  EXPECT_FALSE(hsts(call(bhttp::verb::get, "/api/v1/me")));
  options_ = {};
  options_.public_https = true;
  pipeline_ = std::make_unique<Pipeline>(router_, auth_, *files_, options_);
  EXPECT_TRUE(hsts(call(bhttp::verb::get, "/api/v1/me")));
}

}  // namespace
}  // namespace yq::http
