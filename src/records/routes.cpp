#include "records/routes.hpp"

#include "core/ids.hpp"
#include "http/route_helpers.hpp"
#include "records/codes.hpp"
#include "records/entries.hpp"
#include "records/entry_forms.hpp"

namespace yq::records {

namespace {

using http::answer;
using http::Policy;
using http::Reply;
using http::RequestContext;

// The patient and the organisation a request names; junk ids answer 404 before any lookup.
std::optional<RecordRequest> request_of(RequestContext& ctx) {
  const std::string patient = ctx.param("p");
  const std::string as = ctx.query("as").value_or("");
  if (!core::looks_like_id(patient) || (!as.empty() && !core::looks_like_id(as)))
    return std::nullopt;
  return RecordRequest{ctx.caller(), ctx.client, patient, as};
}

template <class F>
Reply for_patient(RequestContext& ctx, F&& fn) {
  const auto rq = request_of(ctx);
  if (!rq) return ctx.problem(core::Errc::not_found);
  return fn(*rq);
}

Reply with_id(RequestContext& ctx, const char* name,
              const std::function<Reply(const RecordRequest&, const std::string&)>& fn) {
  return for_patient(ctx, [&](const RecordRequest& rq) {
    const std::string id = ctx.param(name);
    if (!core::looks_like_id(id)) return ctx.problem(core::Errc::not_found);
    return fn(rq, id);
  });
}

}  // namespace

void add_record_routes(http::Router& router, RecordService& k) {
  const Policy readers = Policy::roles_any({"patient", "doctor", "nurse"});
  const Policy clinicians = Policy::roles_any({"doctor", "nurse"});
  const Policy patients = Policy::roles_any({"patient"});
  const Policy org_admins = Policy::roles_any({"org_admin"});

  // ---- reading ----
  router.add("GET", "/api/v1/patients/{p}/record", readers,
             "The patient's health record summary (allergies, medications, problems, latest "
             "results, immunisations, counts), as consent lets the caller see it",
             [&k](RequestContext& ctx) {
               return for_patient(
                   ctx, [&](const RecordRequest& rq) { return answer(ctx, k.summary(rq)); });
             });
  router.add("GET", "/api/v1/patients/{p}/record/trends", readers,
             "A lab result's or vital sign's values over time (?code=system|code)",
             [&k](RequestContext& ctx) {
               return for_patient(ctx, [&](const RecordRequest& rq) {
                 return answer(ctx, k.trend(rq, ctx.query("code").value_or("")));
               });
             });
  router.add("GET", "/api/v1/patients/{p}/record/entries/{id}", readers,
             "One entry with every version", [&k](RequestContext& ctx) {
               return with_id(ctx, "id", [&](const RecordRequest& rq, const std::string& id) {
                 return answer(ctx, k.entry(rq, id));
               });
             });
  router.add("GET", "/api/v1/patients/{p}/record/entries/{id}/document", readers,
             "A clinical document's PDF", [&k](RequestContext& ctx) {
               return with_id(ctx, "id", [&](const RecordRequest& rq, const std::string& id) {
                 auto doc = k.document(rq, id);
                 if (!doc) return ctx.problem(doc.error());
                 Reply reply{200, "application/pdf", std::move(doc->bytes), {}};
                 reply.headers.emplace_back("Content-Disposition",
                                            "inline; filename=\"document.pdf\"");
                 // Served as a PDF only (nosniff): no script or style of its own; the record page
                 // of this site may frame it.
                 reply.headers.emplace_back("Content-Security-Policy",
                                            "default-src 'none'; frame-ancestors 'self'");
                 reply.headers.emplace_back("X-Frame-Options", "SAMEORIGIN");
                 reply.headers.emplace_back("Cache-Control", "no-store");
                 return reply;
               });
             });
  router.add("GET", "/api/v1/patients/{p}/record/{category}", readers,
             "One category of the record, newest first (?before=&limit=1..100)",
             [&k](RequestContext& ctx) {
               return for_patient(ctx, [&](const RecordRequest& rq) {
                 const auto limit = http::query_int(ctx, "limit", 1, kMaxPage, kDefaultPage);
                 if (!limit) return ctx.problem(core::Error::field("limit", "field.out_of_range"));
                 return answer(ctx, k.category(rq, ctx.param("category"),
                                               ctx.query("before").value_or(""), *limit));
               });
             });

  // ---- writing ----
  router.add("POST", "/api/v1/patients/{p}/record/entries", clinicians,
             "Record an entry (allergy, condition, procedure, medication, immunisation, vital, "
             "lab result, report, referral, birth) as an organisation caring for the patient",
             [&k](RequestContext& ctx) {
               return for_patient(ctx, [&](const RecordRequest& rq) {
                 return http::with_body(ctx, [&](core::JsonReader&, const boost::json::object& b) {
                   return answer(ctx, k.create(rq, b), 201);
                 });
               });
             });
  router.add("PUT", "/api/v1/patients/{p}/record/entries/{id}", clinicians,
             "Correct an entry of the caller's organisation (a new version; {version, reason})",
             [&k](RequestContext& ctx) {
               return with_id(ctx, "id", [&](const RecordRequest& rq, const std::string& id) {
                 return http::with_body(ctx, [&](core::JsonReader&, const boost::json::object& b) {
                   return answer(ctx, k.correct(rq, id, b));
                 });
               });
             });
  router.add("POST", "/api/v1/patients/{p}/record/entries/{id}/entered-in-error", clinicians,
             "Mark an entry of the caller's organisation entered in error ({reason})",
             [&k](RequestContext& ctx) {
               return with_id(ctx, "id", [&](const RecordRequest& rq, const std::string& id) {
                 return http::with_body(ctx, [&](core::JsonReader& r) {
                   const auto reason = r.text("reason", kMaxReason, true, 1);
                   if (!r.ok()) return ctx.problem(r.error());
                   return answer(ctx, k.entered_in_error(rq, id, *reason));
                 });
               });
             });
  router.add(
      "POST", "/api/v1/patients/{p}/record/documents", clinicians,
      "Upload a clinical document (a PDF of at most 10 MiB; ?title=&kind=&date=)",
      [&k](RequestContext& ctx) {
        return for_patient(ctx, [&](const RecordRequest& rq) {
          return answer(
              ctx,
              k.upload(rq, ctx.query("title").value_or(""), ctx.query("kind").value_or("other"),
                       ctx.query("date").value_or(""), ctx.body()),
              201);
        });
      },
      http::RouteOptions{kMaxDocumentBytes, {"application/pdf"}});
  router.add("POST", "/api/v1/patients/{p}/record/emergency-access", clinicians,
             "Start a 4-hour emergency access to the whole record, with a reason (8-500 "
             "characters); the patient is told at once",
             [&k](RequestContext& ctx) {
               return for_patient(ctx, [&](const RecordRequest& rq) {
                 return http::with_body(ctx, [&](core::JsonReader& r) {
                   const auto reason = r.text("reason", 500, true, 8);
                   if (!r.ok()) return ctx.problem(r.error());
                   return answer(ctx, k.start_emergency_access(rq, *reason), 201);
                 });
               });
             });
  router.add("POST", "/api/v1/patients/{p}/sharing/requests", clinicians,
             "Ask the patient for consent to see their record from other organisations",
             [&k](RequestContext& ctx) {
               return for_patient(ctx, [&](const RecordRequest& rq) {
                 return answer(ctx, k.ask_consent(rq), 201);
               });
             });

  // ---- the patient's side ----
  router.add("GET", "/api/v1/patients/{p}/sharing", patients,
             "The sharing of the patient's record: joined, organisations, suggestions, "
             "restrictions, open requests, emergency accesses",
             [&k](RequestContext& ctx) {
               return for_patient(
                   ctx, [&](const RecordRequest& rq) { return answer(ctx, k.sharing(rq)); });
             });
  router.add("POST", "/api/v1/patients/{p}/sharing/join", patients,
             "Join the sharing of the health record", [&k](RequestContext& ctx) {
               return for_patient(
                   ctx, [&](const RecordRequest& rq) { return answer(ctx, k.join(rq, true)); });
             });
  router.add("POST", "/api/v1/patients/{p}/sharing/withdraw", patients,
             "Withdraw from the sharing (every organisation's consent ends)",
             [&k](RequestContext& ctx) {
               return for_patient(
                   ctx, [&](const RecordRequest& rq) { return answer(ctx, k.join(rq, false)); });
             });
  router.add("PUT", "/api/v1/patients/{p}/sharing/organisations/{org}", patients,
             "Give an organisation sharing consent", [&k](RequestContext& ctx) {
               return with_id(ctx, "org", [&](const RecordRequest& rq, const std::string& org) {
                 return answer(ctx, k.set_consent(rq, org, true));
               });
             });
  router.add("DELETE", "/api/v1/patients/{p}/sharing/organisations/{org}", patients,
             "Revoke an organisation's sharing consent", [&k](RequestContext& ctx) {
               return with_id(ctx, "org", [&](const RecordRequest& rq, const std::string& org) {
                 return answer(ctx, k.set_consent(rq, org, false));
               });
             });
  router.add("POST", "/api/v1/patients/{p}/sharing/restrictions", patients,
             "Restrict an entry or a category from every other organisation ({kind, target})",
             [&k](RequestContext& ctx) {
               return for_patient(ctx, [&](const RecordRequest& rq) {
                 return http::with_body(ctx, [&](core::JsonReader& r) {
                   const auto kind = r.choice("kind", {"entry", "category"}, true);
                   const auto target = r.text("target", 64, true, 1);
                   if (!r.ok()) return ctx.problem(r.error());
                   return answer(ctx, k.restrict(rq, *kind, *target), 201);
                 });
               });
             });
  router.add("DELETE", "/api/v1/patients/{p}/sharing/restrictions/{id}", patients,
             "Lift a restriction", [&k](RequestContext& ctx) {
               return with_id(ctx, "id", [&](const RecordRequest& rq, const std::string& id) {
                 return answer(ctx, k.lift_restriction(rq, id));
               });
             });
  router.add("POST", "/api/v1/patients/{p}/sharing/requests/{id}/approve", patients,
             "Approve a clinician's request (joins the sharing if needed)",
             [&k](RequestContext& ctx) {
               return with_id(ctx, "id", [&](const RecordRequest& rq, const std::string& id) {
                 return answer(ctx, k.answer_request(rq, id, true));
               });
             });
  router.add("POST", "/api/v1/patients/{p}/sharing/requests/{id}/decline", patients,
             "Decline a clinician's request", [&k](RequestContext& ctx) {
               return with_id(ctx, "id", [&](const RecordRequest& rq, const std::string& id) {
                 return answer(ctx, k.answer_request(rq, id, false));
               });
             });
  router.add("GET", "/api/v1/patients/{p}/access-log", patients,
             "Who read the record, newest first (?before=&limit=&organisation=&purpose=)",
             [&k](RequestContext& ctx) {
               return for_patient(ctx, [&](const RecordRequest& rq) {
                 const auto before = http::query_int(ctx, "before", 0, INT64_MAX, 0);
                 const auto limit = http::query_int(ctx, "limit", 1, 100, 50);
                 const auto purpose = ctx.query("purpose").value_or("");
                 const auto org = ctx.query("organisation").value_or("");
                 if (!before) return ctx.problem(core::Error::field("before", "field.invalid"));
                 if (!limit) return ctx.problem(core::Error::field("limit", "field.out_of_range"));
                 if (!purpose.empty() && purpose != "care" && purpose != "emergency" &&
                     purpose != "carer" && purpose != "parent")
                   return ctx.problem(core::Error::field("purpose", "field.unknown_choice"));
                 if (!org.empty() && !core::looks_like_id(org))
                   return ctx.problem(core::Error::field("organisation", "field.invalid"));
                 return answer(ctx, k.access_log(rq, *before, *limit, org, purpose));
               });
             });

  // ---- organisation admins ----
  router.add("GET", "/api/v1/organisations/{org}/emergency-accesses", org_admins,
             "The organisation's emergency accesses to review (?status=unreviewed|all)",
             [&k](RequestContext& ctx) {
               const std::string org = ctx.param("org");
               const std::string status = ctx.query("status").value_or("unreviewed");
               if (!core::looks_like_id(org)) return ctx.problem(core::Errc::not_found);
               if (status != "unreviewed" && status != "all")
                 return ctx.problem(core::Error::field("status", "field.unknown_choice"));
               return answer(ctx, k.emergency_accesses(ctx.caller(), org, status == "unreviewed"));
             });
  router.add("POST", "/api/v1/organisations/{org}/emergency-accesses/{id}/review", org_admins,
             "Mark an emergency access reviewed, with a note", [&k](RequestContext& ctx) {
               const std::string org = ctx.param("org");
               const std::string id = ctx.param("id");
               if (!core::looks_like_id(org) || !core::looks_like_id(id))
                 return ctx.problem(core::Errc::not_found);
               return http::with_body(ctx, [&](core::JsonReader& r) {
                 const auto note = r.text("note", 1000, false).value_or("");
                 if (!r.ok()) return ctx.problem(r.error());
                 return answer(ctx,
                               k.review_emergency_access(ctx.caller(), ctx.client, org, id, note));
               });
             });
  router.add("GET", "/api/v1/organisations/{org}/record-access-log.csv", org_admins,
             "Every record read by the organisation's staff in a date range (?from=&to=, at "
             "most 366 days), as CSV",
             [&k](RequestContext& ctx) {
               const std::string org = ctx.param("org");
               if (!core::looks_like_id(org)) return ctx.problem(core::Errc::not_found);
               auto csv =
                   k.access_log_csv(ctx.caller(), ctx.client, org, ctx.query("from").value_or(""),
                                    ctx.query("to").value_or(""));
               if (!csv) return ctx.problem(csv.error());
               Reply reply{200, "text/csv; charset=utf-8", std::move(*csv), {}};
               reply.headers.emplace_back("Content-Disposition",
                                          "attachment; filename=\"record-access-log.csv\"");
               return reply;
             });

  // ---- codes ----
  router.add("GET", "/api/v1/record-codes", Policy::signed_in(),
             "Coded terms for record entries (?set=lab|vital|vaccine|allergen|procedure|"
             "medication|diagnosis&q=)",
             [&k](RequestContext& ctx) {
               const std::string set = ctx.query("set").value_or("");
               if (!is_code_set(set))
                 return ctx.problem(core::Error::field("set", "field.unknown_choice"));
               const std::string q = ctx.query("q").value_or("");
               if (q.size() > 100) return ctx.problem(core::Error::field("q", "field.too_long"));
               const auto limit = http::query_int(ctx, "limit", 1, kMaxCodeSearch, 20);
               if (!limit) return ctx.problem(core::Error::field("limit", "field.out_of_range"));
               return Reply::json(200, k.codes(set, q, *limit));
             });
}

}  // namespace yq::records
