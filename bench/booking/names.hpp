#pragma once
// Name parts for the generated directory: each in Traditional and Simplified Chinese, Cantonese
// romanisation (Hong Kong, Macao) and pinyin (the mainland), so the same person can be written the
// way each region writes them and a search in any script has something to find.
#include <array>

namespace yq::bench {

struct NamePart {
  const char* hant;
  const char* hans;
  const char* canto;
  const char* pinyin;
};

inline constexpr std::array<NamePart, 30> kSurnames{{
    {"陳", "陈", "Chan", "Chen"},    {"黃", "黄", "Wong", "Huang"},  {"李", "李", "Lee", "Li"},
    {"張", "张", "Cheung", "Zhang"}, {"梁", "梁", "Leung", "Liang"}, {"林", "林", "Lam", "Lin"},
    {"劉", "刘", "Lau", "Liu"},      {"吳", "吴", "Ng", "Wu"},       {"王", "王", "Wong", "Wang"},
    {"何", "何", "Ho", "He"},        {"郭", "郭", "Kwok", "Guo"},    {"鄭", "郑", "Cheng", "Zheng"},
    {"楊", "杨", "Yeung", "Yang"},   {"馬", "马", "Ma", "Ma"},       {"羅", "罗", "Law", "Luo"},
    {"周", "周", "Chow", "Zhou"},    {"鄧", "邓", "Tang", "Deng"},   {"葉", "叶", "Yip", "Ye"},
    {"蔡", "蔡", "Choi", "Cai"},     {"許", "许", "Hui", "Xu"},      {"曾", "曾", "Tsang", "Zeng"},
    {"趙", "赵", "Chiu", "Zhao"},    {"謝", "谢", "Tse", "Xie"},     {"蘇", "苏", "So", "Su"},
    {"馮", "冯", "Fung", "Feng"},    {"盧", "卢", "Lo", "Lu"},       {"麥", "麦", "Mak", "Mai"},
    {"譚", "谭", "Tam", "Tan"},      {"袁", "袁", "Yuen", "Yuan"},   {"關", "关", "Kwan", "Guan"},
}};

inline constexpr std::array<NamePart, 30> kGiven{{
    {"志", "志", "Chi", "Zhi"},   {"偉", "伟", "Wai", "Wei"},   {"嘉", "嘉", "Ka", "Jia"},
    {"欣", "欣", "Yan", "Xin"},   {"明", "明", "Ming", "Ming"}, {"華", "华", "Wah", "Hua"},
    {"國", "国", "Kwok", "Guo"},  {"美", "美", "Mei", "Mei"},   {"玲", "玲", "Ling", "Ling"},
    {"俊", "俊", "Chun", "Jun"},  {"傑", "杰", "Kit", "Jie"},   {"文", "文", "Man", "Wen"},
    {"麗", "丽", "Lai", "Li"},    {"芳", "芳", "Fong", "Fang"}, {"強", "强", "Keung", "Qiang"},
    {"輝", "辉", "Fai", "Hui"},   {"婷", "婷", "Ting", "Ting"}, {"詩", "诗", "Sze", "Shi"},
    {"穎", "颖", "Wing", "Ying"}, {"健", "健", "Kin", "Jian"},  {"德", "德", "Tak", "De"},
    {"思", "思", "See", "Si"},    {"慧", "慧", "Wai", "Hui"},   {"家", "家", "Ka", "Jia"},
    {"寶", "宝", "Po", "Bao"},    {"東", "东", "Tung", "Dong"}, {"龍", "龙", "Lung", "Long"},
    {"鳳", "凤", "Fung", "Feng"}, {"雲", "云", "Wan", "Yun"},   {"曉", "晓", "Hiu", "Xiao"},
}};

// Doctors trained abroad or from elsewhere, written only in English.
inline constexpr std::array<const char*, 12> kWesternGiven{"Sarah", "James", "Priya", "David",
                                                           "Emily", "Rahul", "Anna",  "Mark",
                                                           "Aisha", "Peter", "Grace", "Tom"};
inline constexpr std::array<const char*, 12> kWesternFamily{
    "Thompson", "Singh", "Fernandes", "Miller", "Khan",   "Santos",
    "Walker",   "Gupta", "Reyes",     "Brown",  "Suzuki", "Kim"};

// Districts that name the organisations: English, Traditional, Simplified, region code.
struct District {
  const char* en;
  const char* hant;
  const char* hans;
  const char* region;
};

inline constexpr std::array<District, 20> kDistricts{{
    {"Central", "中環", "中环", "hong_kong"},   {"Wan Chai", "灣仔", "湾仔", "hong_kong"},
    {"Kwun Tong", "觀塘", "观塘", "hong_kong"}, {"Sha Tin", "沙田", "沙田", "hong_kong"},
    {"Tuen Mun", "屯門", "屯门", "hong_kong"},  {"Yuen Long", "元朗", "元朗", "hong_kong"},
    {"Tsuen Wan", "荃灣", "荃湾", "hong_kong"}, {"Mong Kok", "旺角", "旺角", "hong_kong"},
    {"Tai Po", "大埔", "大埔", "hong_kong"},    {"Sai Kung", "西貢", "西贡", "hong_kong"},
    {"Taipa", "氹仔", "氹仔", "macao"},         {"Senado", "議事亭", "议事亭", "macao"},
    {"Tianhe", "天河", "天河", "guangzhou"},    {"Yuexiu", "越秀", "越秀", "guangzhou"},
    {"Nanshan", "南山", "南山", "shenzhen"},    {"Futian", "福田", "福田", "shenzhen"},
    {"Xiangzhou", "香洲", "香洲", "zhuhai"},    {"Chancheng", "禪城", "禅城", "foshan"},
    {"Dongcheng", "東城", "东城", "dongguan"},  {"Huicheng", "惠城", "惠城", "huizhou"},
}};

// Specialty codes (identity/catalog.cpp) with the service names their organisations give them.
struct Specialty {
  const char* code;
  const char* en;
  const char* hant;
  const char* hans;
};

inline constexpr std::array<Specialty, 18> kSpecialties{{
    {"general_practice", "General practice", "普通科", "普通科"},
    {"family_medicine", "Family medicine", "家庭醫學", "家庭医学"},
    {"internal_medicine", "Internal medicine", "內科", "内科"},
    {"paediatrics", "Paediatrics", "兒科", "儿科"},
    {"psychiatry", "Psychiatry", "精神科", "精神科"},
    {"clinical_psychology", "Clinical psychology", "臨床心理", "临床心理"},
    {"cardiology", "Cardiology", "心臟科", "心脏科"},
    {"dermatology", "Dermatology", "皮膚科", "皮肤科"},
    {"orthopaedics", "Orthopaedics", "骨科", "骨科"},
    {"obstetrics_gynaecology", "Obstetrics and gynaecology", "婦產科", "妇产科"},
    {"ophthalmology", "Ophthalmology", "眼科", "眼科"},
    {"ent", "Ear, nose and throat", "耳鼻喉科", "耳鼻喉科"},
    {"oncology", "Oncology", "腫瘤科", "肿瘤科"},
    {"respiratory_medicine", "Respiratory medicine", "呼吸科", "呼吸科"},
    {"endocrinology", "Endocrinology", "內分泌科", "内分泌科"},
    {"geriatrics", "Geriatrics", "老人科", "老人科"},
    {"radiology", "Radiology", "放射科", "放射科"},
    {"chinese_medicine", "Chinese medicine", "中醫", "中医"},
}};

inline constexpr std::array<const char*, 13> kLanguages{
    "yue", "cmn", "en", "hak", "nan", "tl", "id", "hi", "ur", "ne", "ja", "ko", "fr"};

}  // namespace yq::bench
