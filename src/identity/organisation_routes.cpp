#include <boost/json/array.hpp>

#include "core/json_input.hpp"
#include "http/route_helpers.hpp"
#include "identity/catalog.hpp"
#include "identity/photo.hpp"
#include "identity/routes.hpp"

namespace yq::identity {

namespace {

using core::JsonReader;
using http::Policy;
using http::Reply;
using http::RequestContext;
using http::with_body;

boost::json::array to_array(const std::vector<std::string_view>& v) {
  boost::json::array out;
  for (auto s : v) out.emplace_back(s);
  return out;
}

boost::json::array to_array(std::vector<boost::json::object> v) {
  boost::json::array out;
  for (auto& o : v) out.emplace_back(std::move(o));
  return out;
}

OrganisationInput read_organisation(JsonReader& r, bool creating) {
  OrganisationInput in;
  in.kind = r.choice("kind", organisation_kinds(), creating);
  in.name = r.localised("name", 200, creating, creating);
  in.region = r.choice("region", regions(), creating);
  in.address = r.text("address", 500, false);
  in.phone = r.text("phone", 32, false);
  in.email = r.email("email", false);
  if (!creating) in.active = r.boolean("active", false);
  return in;
}

}  // namespace

void add_organisation_routes(http::Router& router, OrganisationService& orgs) {
  router.add(
      "GET", "/api/v1/meta", Policy::everyone(),
      "Codes for kinds, regions, roles, specialties, languages",
      [](RequestContext&) {
        return Reply::json(200, {{"organisation_kinds", to_array(organisation_kinds())},
                                 {"regions", to_array(regions())},
                                 {"staff_roles", to_array(staff_roles())},
                                 {"specialties", to_array(specialties())},
                                 {"languages", to_array(spoken_languages())},
                                 {"ui_languages", to_array(ui_languages())}});
      },
      http::RouteOptions{.quick_read = true});

  router.add(
      "GET", "/api/v1/organisations", Policy::everyone(), "Directory of active organisations",
      [&](RequestContext& ctx) {
        return Reply::json(
            200, {{"items", to_array(orgs.list(false, ctx.query("kind"), ctx.query("region")))}});
      },
      http::RouteOptions{.quick_read = true});

  router.add(
      "GET", "/api/v1/organisations/{org}", Policy::everyone(), "One active organisation",
      [&](RequestContext& ctx) { return http::answer(ctx, orgs.get(ctx.param("org"), false)); },
      http::RouteOptions{.quick_read = true});

  router.add("GET", "/api/v1/admin/organisations", Policy::platform_admin(),
             "All organisations, inactive too", [&](RequestContext& ctx) {
               return Reply::json(
                   200,
                   {{"items", to_array(orgs.list(true, ctx.query("kind"), ctx.query("region")))}});
             });

  router.add("POST", "/api/v1/admin/organisations", Policy::platform_admin(),
             "Create an organisation", [&](RequestContext& ctx) {
               return with_body(ctx, [&](JsonReader& r) {
                 auto in = read_organisation(r, true);
                 if (!r.ok()) return ctx.problem(r.error());
                 return http::answer(ctx, orgs.create(ctx.caller(), in, ctx.client), 201);
               });
             });

  router.add("PATCH", "/api/v1/admin/organisations/{org}", Policy::platform_admin(),
             "Change an organisation", [&](RequestContext& ctx) {
               return with_body(ctx, [&](JsonReader& r) {
                 auto in = read_organisation(r, false);
                 if (!r.ok()) return ctx.problem(r.error());
                 return http::answer(ctx,
                                     orgs.update(ctx.caller(), ctx.param("org"), in, ctx.client));
               });
             });

  const Policy admins = Policy::roles_any({"org_admin", "platform_admin"});
  router.add("GET", "/api/v1/organisations/{org}/staff", admins,
             "Staff of an organisation (its admins only)", [&](RequestContext& ctx) {
               auto staff = orgs.staff(ctx.caller(), ctx.param("org"));
               if (!staff) return ctx.problem(staff.error());
               return Reply::json(200, {{"items", to_array(std::move(*staff))}});
             });

  router.add("POST", "/api/v1/organisations/{org}/staff", admins,
             "Invite a staff member: e-mail a link; roles attach when it is accepted",
             [&](RequestContext& ctx) {
               return with_body(ctx, [&](JsonReader& r, const boost::json::object&) {
                 StaffInput in;
                 auto email = r.email("email", true);
                 auto name = r.text("display_name", 100, true);
                 auto roles = r.choices("roles", staff_roles(), 4, true);
                 auto lang = r.choice("preferred_lang", ui_languages(), false);
                 if (!r.ok()) return ctx.problem(r.error());
                 in.email = *email;
                 in.display_name = *name;
                 in.roles = *roles;
                 in.preferred_lang = lang.value_or(std::string(core::lang_tag(ctx.lang)));
                 return http::answer(
                     ctx, orgs.add_staff(ctx.caller(), ctx.param("org"), in, ctx.client), 201);
               });
             });

  add_invitation_routes(router, orgs.invitations());

  router.add("PATCH", "/api/v1/organisations/{org}/staff/{account}", admins,
             "Change a staff member's roles, name or status", [&](RequestContext& ctx) {
               return with_body(ctx, [&](JsonReader& r, const boost::json::object&) {
                 StaffChange in;
                 in.display_name = r.text("display_name", 100, false, 1);
                 in.roles = r.choices("roles", staff_roles(), 4, false);
                 in.status = r.choice("status", {"active", "disabled"}, false);
                 if (in.roles && in.roles->empty()) r.fail("roles", "field.required");
                 if (!r.ok()) return ctx.problem(r.error());
                 return http::answer(ctx, orgs.change_staff(ctx.caller(), ctx.param("org"),
                                                            ctx.param("account"), in, ctx.client));
               });
             });

  router.add(
      "GET", "/api/v1/doctors/{id}", Policy::everyone(), "A doctor's public profile",
      [&](RequestContext& ctx) { return http::answer(ctx, orgs.doctor(ctx.param("id"))); },
      http::RouteOptions{.quick_read = true});

  router.add("PUT", "/api/v1/doctors/{id}/profile",
             Policy::roles_any({"doctor", "org_admin", "platform_admin"}),
             "Edit a doctor's profile (the doctor or an admin of their organisation)",
             [&](RequestContext& ctx) {
               return with_body(ctx, [&](JsonReader& r) {
                 DoctorProfileInput in;
                 in.title = r.text("title", 50, false).value_or("");
                 in.name_zh = r.text("name_zh", 50, false).value_or("");
                 in.registration_no = r.text("registration_no", 50, false).value_or("");
                 in.qualifications = r.text("qualifications", 500, false).value_or("");
                 in.bio = r.localised("bio", 2000, false, false).value_or(core::LocalisedText{});
                 in.specialties = r.choices("specialties", specialties(), 10, false)
                                      .value_or(std::vector<std::string>{});
                 in.languages = r.choices("languages", spoken_languages(), 13, false)
                                    .value_or(std::vector<std::string>{});
                 in.fee_cents = r.integer("fee_cents", 0, 100'000'00, false).value_or(0);
                 if (!r.ok()) return ctx.problem(r.error());
                 return http::answer(
                     ctx, orgs.put_doctor_profile(ctx.caller(), ctx.param("id"), in, ctx.client));
               });
             });
}

void add_doctor_photo_routes(http::Router& router, OrganisationService& orgs) {
  router.add(
      "PUT", "/api/v1/doctors/{id}/photo",
      Policy::roles_any({"doctor", "org_admin", "platform_admin"}),
      "Upload a doctor's photo (JPEG or PNG, at most 2 MiB)",
      [&](RequestContext& ctx) {
        return http::answer(
            ctx, orgs.put_doctor_photo(ctx.caller(), ctx.param("id"), ctx.body(), ctx.client));
      },
      http::RouteOptions{static_cast<std::int64_t>(kMaxPhotoBytes), {"image/jpeg", "image/png"}});

  router.add("GET", "/api/v1/doctors/{id}/photo", Policy::everyone(), "A doctor's public photo",
             [&](RequestContext& ctx) {
               auto photo = orgs.doctor_photo(ctx.param("id"));
               if (!photo) return ctx.problem(photo.error());
               Reply reply{200, photo->first, std::move(photo->second), {}};
               reply.headers.emplace_back("Cache-Control", "public, max-age=86400");
               return reply;
             });
}

}  // namespace yq::identity
