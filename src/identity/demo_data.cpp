#include "identity/demo_data.hpp"

#include <vector>

#include "audit/audit_log.hpp"
#include "core/ids.hpp"
#include "core/log.hpp"

namespace yq::identity {

namespace {

struct DemoOrg {
  const char* key;
  const char* kind;
  const char* en;
  const char* zh_hant;
  const char* zh_hans;
  const char* region;
  const char* address;
  const char* phone;
};

struct DemoAccount {
  const char* email;
  const char* name;
  const char* lang;
  std::vector<std::pair<const char*, const char*>> roles;  // role, org key ("" for global)
};

struct DemoDoctor {
  const char* email;
  const char* org;
  const char* title;
  const char* name_zh;
  const char* qualifications;
  const char* bio_en;
  const char* bio_zh_hant;
  const char* bio_zh_hans;
  std::vector<const char*> specialties;
  std::vector<const char*> languages;
  long fee_cents;
};

const std::vector<DemoOrg> kOrgs{
    {"harbour", "clinic", "Harbour Health Clinic", "海港健康診所", "海港健康诊所", "hong_kong",
     "88 Queen's Road Central, Central, Hong Kong", "+852 2555 0101"},
    {"kowloon", "public_hospital", "Kowloon East Hospital", "九龍東醫院", "九龙东医院", "hong_kong",
     "2 Lam Tin Road, Kwun Tong, Kowloon", "+852 2555 0202"},
    {"bayarea", "private_hospital", "Greater Bay Private Hospital", "大灣區私家醫院",
     "大湾区私家医院", "shenzhen", "1 Houhai Avenue, Nanshan District, Shenzhen",
     "+86 755 5550 0303"},
    {"lotus", "pharmacy", "Lotus Pharmacy", "蓮花藥房", "莲花药房", "hong_kong",
     "12 Nathan Road, Tsim Sha Tsui, Kowloon", "+852 2555 0404"},
};

const std::vector<DemoAccount> kAccounts{
    {"admin@demo.yiqiao.hk", "Platform Admin", "en", {{"platform_admin", ""}}},
    {"orgadmin@demo.yiqiao.hk", "Grace Lee", "en", {{"org_admin", "harbour"}}},
    {"orgadmin2@demo.yiqiao.hk", "何志強", "zh-Hant", {{"org_admin", "kowloon"}}},
    {"doctor@demo.yiqiao.hk", "Dr. Wong Ka Yan", "zh-Hant", {{"doctor", "harbour"}}},
    {"doctor2@demo.yiqiao.hk", "Dr. Chan Siu Ming", "en", {{"doctor", "kowloon"}}},
    {"doctor3@demo.yiqiao.hk", "Dr. Li Wei", "zh-Hans", {{"doctor", "bayarea"}}},
    {"nurse@demo.yiqiao.hk", "Nurse Cheung Mei Ling", "zh-Hant", {{"nurse", "harbour"}}},
    {"pharmacist@demo.yiqiao.hk", "Lam Chi Keung", "zh-Hant", {{"pharmacist", "lotus"}}},
    {"patient@demo.yiqiao.hk", "Chan Tai Man", "zh-Hant", {{"patient", ""}}},
    {"patient2@demo.yiqiao.hk", "Amy Ho", "en", {{"patient", ""}}},
    {"patient3@demo.yiqiao.hk", "张伟", "zh-Hans", {{"patient", ""}}},
};

const std::vector<DemoDoctor> kDoctors{
    {"doctor@demo.yiqiao.hk",
     "harbour",
     "Dr.",
     "黃嘉欣",
     "MBBS (HK), FHKAM (Family Medicine)",
     "Family physician with fifteen years of practice in Central; sees adults and children by "
     "video and in person.",
     "家庭醫生，在中環執業十五年，提供成人及兒童視像和親身診症。",
     "家庭医生，在中环执业十五年，提供成人及儿童视像和亲身诊症。",
     {"family_medicine", "general_practice"},
     {"yue", "en", "cmn"},
     48000},
    {"doctor2@demo.yiqiao.hk",
     "kowloon",
     "Dr.",
     "陳少明",
     "MBChB (CUHK), FHKCPsych",
     "Psychiatrist leading the hospital's psychological support service.",
     "精神科專科醫生，主管醫院心理支援服務。",
     "精神科专科医生，主管医院心理支援服务。",
     {"psychiatry", "clinical_psychology"},
     {"yue", "en"},
     0},
    {"doctor3@demo.yiqiao.hk",
     "bayarea",
     "Dr.",
     "李伟",
     "MD (Sun Yat-sen University)",
     "Cardiologist receiving cross-border referrals from Hong Kong and Macao.",
     "心臟科醫生，接收來自香港及澳門的跨境轉介。",
     "心脏科医生，接收来自香港及澳门的跨境转介。",
     {"cardiology", "internal_medicine"},
     {"cmn", "yue", "en"},
     60000},
};

}  // namespace

bool load_demo_data(store::Database& db, AccountService& accounts, const core::Clock& clock) {
  const bool empty =
      db.read([](store::Connection& c) { return !c.query_one("SELECT 1 FROM accounts LIMIT 1"); });
  if (!empty) return false;
  const std::string hash = accounts.hash_password(kDemoPassword);
  db.write([&](store::Connection& c) {
    const auto now = clock.now();
    std::vector<std::pair<std::string, std::string>> org_ids;
    auto org_id = [&](const std::string& key) {
      for (const auto& [k, id] : org_ids) {
        if (k == key) return id;
      }
      return std::string();
    };
    for (const auto& o : kOrgs) {
      const std::string id = core::new_id();
      org_ids.emplace_back(o.key, id);
      c.execute(
          "INSERT INTO organisations (id, kind, name_en, name_zh_hant, name_zh_hans, region, "
          "address, phone, "
          "email, active, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, '', 1, ?, ?)",
          {id, o.kind, o.en, o.zh_hant, o.zh_hans, o.region, o.address, o.phone, now, now});
    }
    std::vector<std::pair<std::string, std::string>> account_ids;
    for (const auto& a : kAccounts) {
      const std::string id = core::new_id();
      account_ids.emplace_back(a.email, id);
      c.execute(
          "INSERT INTO accounts (id, email, password_hash, display_name, preferred_lang, "
          "password_changed_at, email_verified_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, "
          "?, ?, ?, ?)",
          {id, a.email, hash, a.name, a.lang, now, now, now, now});
      for (const auto& [role, org] : a.roles) {
        c.execute(
            "INSERT INTO account_roles (account_id, role, organisation_id, granted_at) VALUES (?, "
            "?, ?, ?)",
            {id, role, org_id(org), now});
      }
    }
    for (const auto& d : kDoctors) {
      std::string id;
      for (const auto& [email, aid] : account_ids) {
        if (email == d.email) id = aid;
      }
      c.execute(
          "INSERT INTO doctor_profiles (account_id, organisation_id, title, name_zh, "
          "qualifications, bio_en, "
          "bio_zh_hant, bio_zh_hans, fee_cents, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          {id, org_id(d.org), d.title, d.name_zh, d.qualifications, d.bio_en, d.bio_zh_hant,
           d.bio_zh_hans, d.fee_cents, now});
      for (const char* s : d.specialties) {
        c.execute("INSERT INTO doctor_specialties (account_id, specialty) VALUES (?, ?)", {id, s});
      }
      for (const char* l : d.languages) {
        c.execute("INSERT INTO doctor_languages (account_id, language) VALUES (?, ?)", {id, l});
      }
    }
    audit::Event e;
    e.action = "system.demo_data_loaded";
    e.detail = std::to_string(kOrgs.size()) + " organisations, " +
               std::to_string(kAccounts.size()) + " accounts";
    audit::record(c, clock, e);
  });
  core::log::info("demo_data_loaded", {{"accounts", kAccounts.size()}});
  return true;
}

std::optional<std::string> demo_organisation_id(store::Connection& c, const std::string& name_en) {
  const auto r = c.query_one("SELECT id FROM organisations WHERE name_en = ?", {name_en});
  if (!r) return std::nullopt;
  return r->text(0);
}

std::optional<std::string> demo_account_id(store::Connection& c, const std::string& email) {
  const auto r = c.query_one("SELECT id FROM accounts WHERE email = ?", {email});
  if (!r) return std::nullopt;
  return r->text(0);
}

}  // namespace yq::identity
