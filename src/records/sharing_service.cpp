// The patient's side of the shared record (joining, consent per organisation, restrictions,
// answering a clinician's request, the access log) and an organisation admin's review of
// emergency accesses and export of its access log.
#include <boost/json/parse.hpp>

#include <algorithm>

#include "audit/audit_log.hpp"
#include "audit/event.hpp"
#include "consent/consent.hpp"
#include "consent/sharing.hpp"
#include "core/hk_calendar.hpp"
#include "identity/people.hpp"
#include "records/entries.hpp"
#include "records/entry_forms.hpp"
#include "records/reading.hpp"
#include "records/record_service.hpp"

namespace yq::records {

namespace {

namespace json = boost::json;
using core::Errc;
using core::Error;

constexpr int kMaxAccessLogPage = 100;
constexpr int kMaxCsvRows = 100000;
constexpr std::int64_t kMaxCsvDays = 366;

// The patient, a parent of a child or an active carer: who decides about the sharing. Anyone
// else: not_found, as for a patient who does not exist.
bool decides_for(store::Connection& c, const RecordRequest& rq) {
  return !rq.patient_id.empty() && consent::may_act_for(c, rq.who.account_id, rq.patient_id);
}

json::object org_json(const std::unordered_map<std::string, identity::Organisation>& orgs,
                      const std::string& id) {
  json::object o{{"id", id}};
  if (const auto it = orgs.find(id); it != orgs.end()) {
    o["name"] = it->second.name.to_json();
    o["kind"] = it->second.kind;
  }
  return o;
}

json::object person_json(const std::unordered_map<std::string, identity::Person>& people,
                         const std::string& id) {
  json::object o{{"id", id}, {"name", ""}};
  if (const auto it = people.find(id); it != people.end()) {
    o["name"] = it->second.display_name;
    o["name_zh"] = it->second.name_zh;
    o["title"] = it->second.title;
  }
  return o;
}

std::string csv_field(std::string_view v) {
  // Quoted, and a leading formula character neutralised: the export opens in spreadsheets.
  std::string out = "\"";
  if (!v.empty() && std::string_view("=+-@\t\r").find(v.front()) != std::string_view::npos)
    out += '\'';
  for (const char ch : v) {
    if (ch == '"') out += '"';
    out += ch;
  }
  return out + "\"";
}

}  // namespace

RecordService::Answer RecordService::sharing(const RecordRequest& rq) {
  return db_.write([&](store::Connection& c) -> Answer {
    if (!decides_for(c, rq)) return Error::of(Errc::not_found);
    const std::int64_t now = clock_.now();
    const auto enrolment = consent::enrolment(c, rq.patient_id);
    const auto consents = consent::organisation_consents(c, rq.patient_id);
    const auto restrictions = consent::restrictions(c, rq.patient_id);
    const auto requests = consent::open_requests(c, now, rq.patient_id);
    const auto accesses = consent::emergency_accesses_about(c, rq.patient_id, 50);
    auto suggested = care.organisations_caring(c, rq.patient_id, now);
    for (const auto& r : c.query("SELECT DISTINCT organisation_id FROM record_entries WHERE "
                                 "patient_id = ?",
                                 {rq.patient_id}))
      suggested.push_back(r.text(0));
    std::vector<std::string> org_ids = suggested, person_ids;
    for (const auto& k : consents) org_ids.push_back(k.organisation_id);
    for (const auto& q : requests) {
      org_ids.push_back(q.organisation_id);
      person_ids.push_back(q.clinician_id);
    }
    for (const auto& a : accesses) {
      org_ids.push_back(a.organisation_id);
      person_ids.push_back(a.clinician_id);
    }
    const auto orgs = identity::organisations(c, org_ids);
    const auto people = identity::people(c, person_ids);
    json::array organisations, suggestions, restricted, asks, emergencies;
    std::vector<std::string> consented;
    for (const auto& k : consents) {
      if (k.active) consented.push_back(k.organisation_id);
      organisations.push_back(
          {{"organisation", org_json(orgs, k.organisation_id)},
           {"status", k.active ? "active" : "revoked"},
           {"given_at", k.given_at},
           {"revoked_at", k.revoked_at ? json::value(*k.revoked_at) : json::value(nullptr)}});
    }
    std::sort(suggested.begin(), suggested.end());
    suggested.erase(std::unique(suggested.begin(), suggested.end()), suggested.end());
    for (const auto& id : suggested)
      if (std::find(consented.begin(), consented.end(), id) == consented.end())
        suggestions.push_back(org_json(orgs, id));
    // The entries the patient restricted, shown so they know what they chose.
    std::vector<Entry> named_entries;
    for (const auto& x : restrictions)
      if (x.kind == "entry")
        if (auto e = load_entry(c, x.target); e && e->patient_id == rq.patient_id)
          named_entries.push_back(std::move(*e));
    const auto shown = entries_json(c, named_entries);
    for (const auto& x : restrictions) {
      json::value entry = nullptr;
      for (std::size_t i = 0; i < named_entries.size(); ++i)
        if (named_entries[i].id == x.target) entry = shown[i];
      restricted.push_back({{"id", x.id},
                            {"kind", x.kind},
                            {"target", x.target},
                            {"entry", std::move(entry)},
                            {"created_at", x.created_at}});
    }
    for (const auto& q : requests)
      asks.push_back({{"id", q.id},
                      {"organisation", org_json(orgs, q.organisation_id)},
                      {"clinician", person_json(people, q.clinician_id)},
                      {"created_at", q.created_at},
                      {"expires_at", q.expires_at}});
    for (const auto& a : accesses)
      emergencies.push_back({{"id", a.id},
                             {"organisation", org_json(orgs, a.organisation_id)},
                             {"clinician", person_json(people, a.clinician_id)},
                             {"reason", a.reason},
                             {"started_at", a.started_at},
                             {"expires_at", a.expires_at}});
    auto e = change_event(rq, "sharing.read", "sharing", rq.patient_id);
    audit::record(c, clock_, e);
    return json::object{
        {"joined", enrolment.joined},
        {"joined_at", enrolment.joined ? json::value(enrolment.joined_at) : json::value(nullptr)},
        {"organisations", std::move(organisations)},
        {"suggested", std::move(suggestions)},
        {"restrictions", std::move(restricted)},
        {"requests", std::move(asks)},
        {"emergency_accesses", std::move(emergencies)}};
  });
}

RecordService::Answer RecordService::join(const RecordRequest& rq, bool joining) {
  return db_.write([&](store::Connection& c) -> Answer {
    if (!decides_for(c, rq)) return Error::of(Errc::not_found);
    const std::int64_t now = clock_.now();
    const bool changed = joining
                             ? consent::join_sharing(c, now, rq.patient_id, rq.who.account_id)
                             : consent::withdraw_sharing(c, now, rq.patient_id, rq.who.account_id);
    if (changed)
      audit::record(c, clock_,
                    change_event(rq, joining ? "sharing.joined" : "sharing.withdrawn", "sharing",
                                 rq.patient_id));
    return json::object{{"joined", consent::enrolment(c, rq.patient_id).joined}};
  });
}

RecordService::Answer RecordService::set_consent(const RecordRequest& rq,
                                                 const std::string& organisation_id, bool give) {
  return db_.write([&](store::Connection& c) -> Answer {
    if (!decides_for(c, rq)) return Error::of(Errc::not_found);
    const auto org = identity::organisation(c, organisation_id);
    if (!org || org->kind == "pharmacy") return Error::of(Errc::not_found);
    const std::int64_t now = clock_.now();
    bool changed = false;
    if (give) {
      const auto outcome =
          consent::give_consent(c, now, rq.patient_id, organisation_id, rq.who.account_id);
      if (outcome == consent::GiveOutcome::not_joined) return Error::of(Errc::sharing_not_joined);
      changed = outcome == consent::GiveOutcome::given;
    } else {
      changed = consent::revoke_consent(c, now, rq.patient_id, organisation_id, rq.who.account_id);
    }
    if (changed) {
      auto e = change_event(rq, give ? "sharing.consent_given" : "sharing.consent_revoked",
                            "organisation", organisation_id);
      audit::record(c, clock_, e);
    }
    return json::object{
        {"organisation", organisation_id},
        {"status",
         consent::has_active_consent(c, rq.patient_id, organisation_id) ? "active" : "revoked"}};
  });
}

RecordService::Answer RecordService::restrict(const RecordRequest& rq, const std::string& kind,
                                              const std::string& target) {
  return db_.write([&](store::Connection& c) -> Answer {
    if (!decides_for(c, rq)) return Error::of(Errc::not_found);
    // An entry restriction names one of the patient's own entries; another id protects nothing.
    if (kind == "entry") {
      const auto e = load_entry(c, target);
      if (!e || e->patient_id != rq.patient_id) return Error::field("target", "field.unknown");
    }
    std::string id;
    switch (consent::add_restriction(c, clock_.now(), rq.patient_id, kind, target,
                                     rq.who.account_id, id)) {
      case consent::RestrictOutcome::invalid:
        return Error::field("target", "field.unknown_choice");
      case consent::RestrictOutcome::too_many:
        return Error::of(Errc::too_many_restrictions);
      case consent::RestrictOutcome::already:
        break;
      case consent::RestrictOutcome::added:
        audit::record(c, clock_, change_event(rq, "sharing.restricted", "sharing_restriction", id));
    }
    return json::object{{"id", id}, {"kind", kind}, {"target", target}};
  });
}

RecordService::Answer RecordService::lift_restriction(const RecordRequest& rq,
                                                      const std::string& restriction_id) {
  return db_.write([&](store::Connection& c) -> Answer {
    if (!decides_for(c, rq)) return Error::of(Errc::not_found);
    if (!consent::lift_restriction(c, clock_.now(), rq.patient_id, restriction_id))
      return Error::of(Errc::not_found);
    audit::record(
        c, clock_,
        change_event(rq, "sharing.restriction_lifted", "sharing_restriction", restriction_id));
    return json::object{{"id", restriction_id}, {"lifted", true}};
  });
}

RecordService::Answer RecordService::answer_request(const RecordRequest& rq,
                                                    const std::string& request_id, bool approve) {
  return db_.write([&](store::Connection& c) -> Answer {
    if (!decides_for(c, rq)) return Error::of(Errc::not_found);
    const auto answered = consent::answer_request(c, clock_.now(), rq.patient_id, request_id,
                                                  approve, rq.who.account_id);
    if (!answered) return Error::of(Errc::not_found);
    auto e = change_event(rq, approve ? "sharing.request_approved" : "sharing.request_declined",
                          "sharing_request", request_id);
    e.detail = "{\"organisation\":\"" + answered->organisation_id + "\"}";
    audit::record(c, clock_, e);
    return json::object{{"id", request_id}, {"answer", approve ? "approved" : "declined"}};
  });
}

RecordService::Answer RecordService::access_log(const RecordRequest& rq, std::int64_t before,
                                                std::int64_t limit, const std::string& organisation,
                                                const std::string& purpose) {
  return db_.write([&](store::Connection& c) -> Answer {
    if (!decides_for(c, rq)) return Error::of(Errc::not_found);
    const int page = static_cast<int>(std::clamp<std::int64_t>(limit, 1, kMaxAccessLogPage));
    // Filters apply after reading: read in batches until the page is full or the log ends.
    std::vector<std::pair<audit::StoredEvent, json::object>> rows;
    std::int64_t cursor = before;
    bool more = true;
    for (int batch = 0; batch < 20 && more && static_cast<int>(rows.size()) <= page; ++batch) {
      const auto events = audit::events_about_patient(c, rq.patient_id, "record.read", cursor, 200);
      more = events.size() == 200;
      for (const auto& ev : events) {
        cursor = ev.seq;
        boost::system::error_code ec;
        auto detail = json::parse(ev.event.detail, ec);
        json::object d = (!ec && detail.is_object()) ? detail.as_object() : json::object{};
        // The patient's own side reading (a parent, a carer) is shown; the patient's own is not.
        const auto text = [&](const char* k) {
          const auto* v = d.if_contains(k);
          return v && v->is_string() ? std::string(v->as_string()) : std::string();
        };
        if (!organisation.empty() && text("organisation") != organisation) continue;
        if (!purpose.empty() && text("purpose") != purpose) continue;
        rows.emplace_back(ev, std::move(d));
        if (static_cast<int>(rows.size()) > page) break;
      }
    }
    const bool has_next = static_cast<int>(rows.size()) > page;
    if (has_next) rows.resize(page);
    std::vector<std::string> people, orgs;
    for (const auto& [ev, d] : rows) {
      people.push_back(ev.event.actor_id);
      if (const auto* o = d.if_contains("organisation"); o && o->is_string())
        orgs.emplace_back(o->as_string());
    }
    const auto names = identity::people(c, people);
    const auto org_names = identity::organisations(c, orgs);
    const auto accesses = consent::emergency_accesses_about(c, rq.patient_id, 200);
    json::array items;
    for (const auto& [ev, d] : rows) {
      const auto* o = d.if_contains("organisation");
      const std::string org = o && o->is_string() ? std::string(o->as_string()) : "";
      const auto* p = d.if_contains("purpose");
      const std::string why = p && p->is_string() ? std::string(p->as_string()) : "";
      json::value emergency = nullptr;
      if (why == "emergency")
        for (const auto& a : accesses)
          if (a.clinician_id == ev.event.actor_id && a.organisation_id == org &&
              a.started_at <= ev.at && ev.at <= a.expires_at)
            emergency = json::object{{"reason", a.reason}, {"expires_at", a.expires_at}};
      items.push_back({{"seq", ev.seq},
                       {"at", ev.at},
                       {"reader", person_json(names, ev.event.actor_id)},
                       {"role", ev.event.actor_role},
                       {"organisation",
                        org.empty() ? json::value(nullptr) : json::value(org_json(org_names, org))},
                       {"purpose", why},
                       {"categories",
                        d.contains("categories") ? d.at("categories") : json::value(json::array{})},
                       {"outcome", ev.event.outcome == "success" ? "allowed" : "refused"},
                       {"emergency", std::move(emergency)}});
    }
    audit::record(c, clock_, change_event(rq, "record.access_log_read", "record", rq.patient_id));
    return json::object{
        {"items", std::move(items)},
        {"next", has_next ? json::value(rows.back().first.seq) : json::value(nullptr)}};
  });
}

RecordService::Answer RecordService::emergency_accesses(const identity::Principal& who,
                                                        const std::string& organisation_id,
                                                        bool unreviewed_only) {
  if (!who.has_role_in("org_admin", organisation_id)) return Error::of(Errc::not_found);
  return db_.read([&](store::Connection& c) -> Answer {
    const auto list =
        consent::emergency_accesses_by_organisation(c, organisation_id, unreviewed_only, 200);
    std::vector<std::string> people;
    for (const auto& a : list) {
      people.push_back(a.clinician_id);
      people.push_back(a.patient_id);
      if (!a.reviewed_by.empty()) people.push_back(a.reviewed_by);
    }
    const auto names = identity::people(c, people);
    json::array items;
    for (const auto& a : list)
      items.push_back(
          {{"id", a.id},
           {"clinician", person_json(names, a.clinician_id)},
           {"patient", person_json(names, a.patient_id)},
           {"reason", a.reason},
           {"started_at", a.started_at},
           {"expires_at", a.expires_at},
           {"reviewed_at", a.reviewed_at ? json::value(*a.reviewed_at) : json::value(nullptr)},
           {"reviewed_by", a.reviewed_by.empty() ? json::value(nullptr)
                                                 : json::value(person_json(names, a.reviewed_by))},
           {"review_note", a.review_note}});
    return json::object{{"items", std::move(items)}};
  });
}

RecordService::Answer RecordService::review_emergency_access(const identity::Principal& who,
                                                             const identity::ClientInfo& client,
                                                             const std::string& organisation_id,
                                                             const std::string& id,
                                                             const std::string& note) {
  if (!who.has_role_in("org_admin", organisation_id)) return Error::of(Errc::not_found);
  return db_.write([&](store::Connection& c) -> Answer {
    const auto access = consent::emergency_access(c, id);
    if (!access || access->organisation_id != organisation_id) return Error::of(Errc::not_found);
    if (!consent::review_emergency_access(c, clock_.now(), organisation_id, id, who.account_id,
                                          note))
      return Error::of(Errc::conflict);
    RecordRequest rq{who, client, access->patient_id, organisation_id};
    audit::record(c, clock_,
                  change_event(rq, "record.emergency_access_reviewed", "emergency_access", id));
    return json::object{{"id", id}, {"reviewed", true}};
  });
}

core::Result<std::string> RecordService::access_log_csv(const identity::Principal& who,
                                                        const identity::ClientInfo& client,
                                                        const std::string& organisation_id,
                                                        const std::string& from,
                                                        const std::string& to) {
  if (!who.has_role_in("org_admin", organisation_id)) return Error::of(Errc::not_found);
  const auto first = core::parse_day(from);
  const auto last = core::parse_day(to);
  std::vector<core::FieldError> errors;
  if (!first) errors.push_back({"from", "field.invalid"});
  if (!last) errors.push_back({"to", "field.invalid"});
  if (first && last && (*last < *first || *last - *first >= kMaxCsvDays))
    errors.push_back({"to", "field.out_of_range"});
  if (!errors.empty()) return Error{Errc::validation, errors, 0};
  return db_.write([&](store::Connection& c) -> core::Result<std::string> {
    const auto events = audit::events_with_action(
        c, "record.read", core::hk_instant(*first, 0), core::hk_instant(*last + 1, 0),
        "\"organisation\":\"" + organisation_id + "\"", kMaxCsvRows);
    std::vector<std::string> people;
    for (const auto& ev : events) people.push_back(ev.event.actor_id);
    const auto names = identity::people(c, people);
    std::string csv = "at,reader_id,reader,role,patient_id,purpose,categories,outcome\r\n";
    for (const auto& ev : events) {
      boost::system::error_code ec;
      auto detail = json::parse(ev.event.detail, ec);
      json::object d = (!ec && detail.is_object()) ? detail.as_object() : json::object{};
      const auto* p = d.if_contains("purpose");
      std::string cats;
      if (const auto* k = d.if_contains("categories"); k && k->is_array())
        for (const auto& x : k->as_array())
          if (x.is_string()) cats += (cats.empty() ? "" : " ") + std::string(x.as_string());
      const auto it = names.find(ev.event.actor_id);
      csv += csv_field(core::iso8601_utc(ev.at)) + "," + csv_field(ev.event.actor_id) + "," +
             csv_field(it == names.end() ? "" : it->second.display_name) + "," +
             csv_field(ev.event.actor_role) + "," + csv_field(ev.event.patient_id) + "," +
             csv_field(p && p->is_string() ? std::string(p->as_string()) : "") + "," +
             csv_field(cats) + "," +
             csv_field(ev.event.outcome == "success" ? "allowed" : "refused") + "\r\n";
    }
    auto e =
        audit::event_by(who, client, "record.access_log_exported", "organisation", organisation_id);
    e.detail = "{\"rows\":" + std::to_string(events.size()) + "}";
    audit::record(c, clock_, e);
    return csv;
  });
}

}  // namespace yq::records
