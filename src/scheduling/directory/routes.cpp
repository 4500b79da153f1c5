#include "http/route_helpers.hpp"
#include "identity/catalog.hpp"
#include "scheduling/scheduling_routes.hpp"

namespace yq::scheduling {

namespace {

using http::Policy;
using http::RequestContext;

// A query parameter that must be one of the codes, or absent.
bool code_param(const RequestContext& ctx, std::string_view name,
                const std::vector<std::string_view>& allowed, std::optional<std::string>& out,
                core::JsonReader& errors) {
  out = ctx.query(name);
  if (!out || out->empty()) {
    out.reset();
    return true;
  }
  for (auto a : allowed)
    if (a == *out) return true;
  errors.fail(name, "field.unknown_choice");
  return false;
}

}  // namespace

void add_directory_routes(http::Router& router, Directory& dir) {
  router.add("GET", "/api/v1/doctors", Policy::everyone(),
             "Find a doctor: q (names in any script), specialty, language, organisation, region, "
             "consultation_type, available_before, sort=name|next_free, limit, offset",
             [&](RequestContext& ctx) {
               static const boost::json::object kEmpty;
               core::JsonReader errors(kEmpty);
               DirectoryQuery q;
               code_param(ctx, "specialty", identity::specialties(), q.specialty, errors);
               code_param(ctx, "language", identity::spoken_languages(), q.language, errors);
               code_param(ctx, "region", identity::regions(), q.region, errors);
               code_param(ctx, "consultation_type", {"video", "voice", "in_person"},
                          q.consultation_type, errors);
               std::optional<std::string> sort;
               code_param(ctx, "sort", {"name", "next_free"}, sort, errors);
               q.by_next_free = sort == "next_free";
               q.organisation_id = ctx.query("organisation");
               if (q.organisation_id && q.organisation_id->empty()) q.organisation_id.reset();
               q.available_before = ctx.query("available_before");
               if (q.available_before && q.available_before->empty()) q.available_before.reset();
               q.text = ctx.query("q");
               if (q.text && core::utf8_length(*q.text) > kMaxSearchText)
                 errors.fail("q", "field.too_long");
               if (q.text && q.text->find_first_not_of(" \t") == std::string::npos) q.text.reset();
               const auto limit = http::query_int(ctx, "limit", 1, kMaxDirectoryPage, 20);
               const auto offset = http::query_int(ctx, "offset", 0, kMaxDirectoryOffset, 0);
               if (!limit) errors.fail("limit", "field.out_of_range");
               if (!offset) errors.fail("offset", "field.out_of_range");
               if (!errors.ok()) return ctx.problem(errors.error());
               q.limit = *limit;
               q.offset = *offset;
               return http::answer(ctx, dir.search(q));
             });

  router.add(
      "GET", "/api/v1/doctors/{id}/slots", Policy::everyone(),
      "A doctor's free slots: from=YYYY-MM-DD (default today), to=YYYY-MM-DD or days (at most "
      "31, default 14), service",
      [&](RequestContext& ctx) {
        const auto days = http::query_int(ctx, "days", 1, kMaxSlotRangeDays, 14);
        if (!days) return ctx.problem(core::Error::field("days", "field.out_of_range"));
        return http::answer(ctx, dir.free_slots(ctx.param("id"), ctx.query("from"), ctx.query("to"),
                                                *days, ctx.query("service")));
      },
      http::RouteOptions{.quick_read = true});
}

}  // namespace yq::scheduling
