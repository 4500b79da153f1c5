#include "http/router.hpp"

#include <gtest/gtest.h>

namespace yq::http {
namespace {

Handler ok() {
  return [](RequestContext&) { return Reply::no_content(); };
}

TEST(Router, MatchesPatternsAndCapturesParameters) {
  Router r;
  r.add("GET", "/api/v1/organisations/{org}/staff", Policy::signed_in(), "", ok());
  r.add("PATCH", "/api/v1/organisations/{org}/staff/{account}", Policy::signed_in(), "", ok());
  auto m = r.match("PATCH", "/api/v1/organisations/abc/staff/def");
  ASSERT_TRUE(m.route);
  EXPECT_EQ(m.params,
            (std::vector<std::pair<std::string, std::string>>{{"org", "abc"}, {"account", "def"}}));
  EXPECT_FALSE(r.match("GET", "/api/v1/organisations/abc").route);
  EXPECT_FALSE(r.match("GET", "/api/v1/organisations/abc/staff/def/x").route);
}

TEST(Router, AParameterMayCarryAFixedSuffix) {
  Router r;
  r.add("GET", "/calendar/{token}.ics", Policy::everyone(), "", ok());
  auto m = r.match("GET", "/calendar/abc.ics");
  ASSERT_TRUE(m.route);
  EXPECT_EQ(m.params, (std::vector<std::pair<std::string, std::string>>{{"token", "abc"}}));
  EXPECT_FALSE(r.match("GET", "/calendar/abc").route);
  EXPECT_FALSE(r.match("GET", "/calendar/.ics").route);  // the parameter must not be empty
  EXPECT_FALSE(r.match("GET", "/calendar/abc.ics.txt").route);
}

TEST(Router, KnownPathWithTheWrongMethodIsReportedAsSuch) {
  Router r;
  r.add("GET", "/api/v1/me", Policy::signed_in(), "", ok());
  const auto m = r.match("DELETE", "/api/v1/me");
  EXPECT_FALSE(m.route);
  EXPECT_TRUE(m.path_known);
  EXPECT_TRUE(r.match("HEAD", "/api/v1/me").route);
}

TEST(Router, RefusesDuplicatesAndReportsUndeclaredPolicies) {
  Router r;
  r.add("GET", "/a", Policy::everyone(), "", ok());
  EXPECT_THROW(r.add("GET", "/a", Policy::everyone(), "", ok()), std::logic_error);
  r.add("GET", "/b", Policy{}, "", ok());
  EXPECT_EQ(r.undeclared(), std::vector<std::string>{"GET /b"});
}

TEST(Router, OverlongPathsAndParametersDoNotMatch) {
  Router r;
  r.add("GET", "/x/{id}", Policy::everyone(), "", ok());
  EXPECT_FALSE(r.match("GET", "/x/" + std::string(200, 'a')).route);
  std::string deep;
  for (int i = 0; i < 40; ++i) deep += "/x";
  EXPECT_FALSE(r.match("GET", deep).path_known);
}

}  // namespace
}  // namespace yq::http
