// yiqiao-bench-records-decide: times the consent decision for the shared record in process, over
// many patient/organisation pairs of a generated database (bench/records/run.sh).
//
//   yiqiao-bench-records-decide --database URL --pairs DIR/reads.tsv [--patients DIR/patients.tsv]
//                               [--calls 20000] [--warmup 2000]
//
// Three measures, each call timed alone with steady_clock inside an open read transaction (1,000
// calls per transaction), reported as mean, p50, p99 and max in microseconds:
//   scope        consent::record_scope for a doctor reading as an organisation that cares for the
//                patient (enrolment, consent, emergency access, restrictions): the decision itself
//   care+scope   what a read decides: the care relationship as the server wires it (the record's
//                follow-ups and referrals, scheduling's appointments, the queue's open visits),
//                then record_scope
//   self         consent::record_scope for the patient reading their own record
// The pairs are walked in file order (shuffled by the generator), so each call is another patient.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "consent/sharing.hpp"
#include "core/time.hpp"
#include "queue/queue.hpp"
#include "records/care.hpp"
#include "scheduling/booking/appointment_view.hpp"
#include "store/database.hpp"

namespace {

using namespace yq;

struct Pair {
  std::string doctor, patient, org;
};

struct Stats {
  double mean = 0, p50 = 0, p99 = 0, max = 0;
  std::size_t n = 0, allowed = 0;
};

Stats stats_of(std::vector<double> us, std::size_t allowed) {
  Stats s;
  s.n = us.size();
  s.allowed = allowed;
  if (us.empty()) return s;
  std::sort(us.begin(), us.end());
  double sum = 0;
  for (const double v : us) sum += v;
  s.mean = sum / static_cast<double>(us.size());
  const auto at = [&](double q) {
    return us[std::min(us.size() - 1,
                       static_cast<std::size_t>(q * static_cast<double>(us.size())))];
  };
  s.p50 = at(0.50);
  s.p99 = at(0.99);
  s.max = us.back();
  return s;
}

template <class F>
Stats timed(store::Database& db, std::size_t calls, std::size_t warmup, std::size_t n, F&& fn) {
  std::vector<double> us;
  us.reserve(calls);
  std::size_t allowed = 0;
  for (std::size_t done = 0; done < warmup + calls;) {
    db.read([&](store::Connection& c) {
      for (std::size_t k = 0; k < 1000 && done < warmup + calls; ++k, ++done) {
        const auto t0 = std::chrono::steady_clock::now();
        const bool ok = fn(c, done % n);
        const auto t1 = std::chrono::steady_clock::now();
        if (done < warmup) continue;
        us.push_back(std::chrono::duration<double, std::micro>(t1 - t0).count());
        allowed += ok;
      }
    });
  }
  return stats_of(std::move(us), allowed);
}

void print(const char* name, const Stats& s) {
  std::printf(
      "JSON {\"measure\":\"%s\",\"calls\":%zu,\"allowed\":%zu,\"mean_us\":%.1f,\"p50_us\":%.1f,"
      "\"p99_us\":%.1f,\"max_us\":%.1f}\n",
      name, s.n, s.allowed, s.mean, s.p50, s.p99, s.max);
}

}  // namespace

int main(int argc, char** argv) {
  std::string database, pairs_file, patients_file;
  std::size_t calls = 20000, warmup = 2000;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string k = argv[i], v = argv[i + 1];
    if (k == "--database")
      database = v;
    else if (k == "--pairs")
      pairs_file = v;
    else if (k == "--patients")
      patients_file = v;
    else if (k == "--calls")
      calls = std::stoul(v);
    else if (k == "--warmup")
      warmup = std::stoul(v);
    else {
      std::cerr << "decide: unknown option " << k << "\n";
      return 2;
    }
  }
  if (database.empty() || pairs_file.empty()) {
    std::cerr << "usage: yiqiao-bench-records-decide --database URL --pairs reads.tsv\n";
    return 2;
  }
  std::vector<Pair> pairs;
  {
    std::ifstream in(pairs_file);
    std::string line;
    while (std::getline(in, line)) {
      std::istringstream f(line);
      Pair p;
      std::string token;
      if (std::getline(f, p.doctor, '\t') && std::getline(f, token, '\t') &&
          std::getline(f, p.patient, '\t') && std::getline(f, p.org, '\t'))
        pairs.push_back(std::move(p));
    }
  }
  std::vector<std::string> patients;
  if (!patients_file.empty()) {
    std::ifstream in(patients_file);
    std::string line;
    while (std::getline(in, line)) patients.push_back(line.substr(0, line.find('\t')));
  }
  if (pairs.empty()) {
    std::cerr << "decide: no pairs in " << pairs_file << "\n";
    return 1;
  }
  auto db = store::open_database(database, 1);
  const core::SystemClock clock;
  const std::int64_t now = clock.now();
  // The care sources as src/app/wiring.cpp adds them.
  records::Care care;
  care.add_source(&scheduling::organisations_with_visit_near);
  care.add_source([](store::Connection& c, const std::string& patient, std::int64_t) {
    return queue::organisations_with_open_visit(c, patient);
  });

  print("scope", timed(*db, calls, warmup, pairs.size(), [&](store::Connection& c, std::size_t i) {
          const auto& p = pairs[i];
          return consent::record_scope(c, now, {p.doctor, p.org, true}, p.patient).allowed;
        }));
  print("care+scope",
        timed(*db, calls, warmup, pairs.size(), [&](store::Connection& c, std::size_t i) {
          const auto& p = pairs[(i + pairs.size() / 2) % pairs.size()];  // other pages than above
          const bool cares = care.cares(c, p.patient, p.org, now);
          return consent::record_scope(c, now, {p.doctor, p.org, cares}, p.patient).allowed;
        }));
  if (!patients.empty())
    print("self",
          timed(*db, calls, warmup, patients.size(), [&](store::Connection& c, std::size_t i) {
            const auto& p = patients[i];
            return consent::record_scope(c, now, {p, "", false}, p).allowed;
          }));
  return 0;
}
