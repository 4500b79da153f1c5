-- The coded terms of the shared record besides ICD-10 diagnoses (table record_codes, migration
-- 017): laboratory tests and vital signs, vaccines, allergy substances, procedures and medications,
-- each named in English, Traditional Chinese (Hong Kong usage) and Simplified Chinese (Mainland
-- usage). As in migration 010, each Chinese column uses its own place's terms rather than a
-- character conversion of the other (血紅素 / 血红蛋白, 肌酸酐 / 肌酐, 撲熱息痛 / 对乙酰氨基酚,
-- 剖腹產 / 剖宫产, 日本腦炎 / 乙型脑炎, 通波仔 for a coronary angioplasty in Hong Kong).
--
-- Where the codes come from, and the choices made:
-- * lab and vital (LOINC, http://loinc.org): the tests Hong Kong laboratories report, in SI units
--   written in UCUM (umol/L, 10*9/L, m[IU]/L, mL/min/{1.73_m2}). Each code's property matches the
--   unit: the molar code where the result is in mmol/L or umol/L (creatinine 14682-9, not the
--   mass code 2160-0; cholesterol 14647-2, LDL 22748-8 and, calculated, 39469-2; glucose in
--   plasma 14749-6, fasting 14771-0, capillary by meter 14743-9), albumin/creatinine ratio in
--   mg/mmol as 32294-1 (the [Mass Ratio] codes 9318-7 and 14959-1 are mg/g). English names are
--   the short clinical names a report prints (British spelling), not LOINC's long names.
--   Reference ranges are adult ones typical of Hong Kong laboratories; the reporting laboratory's
--   own range always prevails. Where men and women differ the range runs from the lower of the two
--   lower limits to the higher of the two upper limits, so a value outside it is abnormal for
--   either sex. NULL where a side has no clinical meaning (no lower limit for CRP or ALT), and
--   both NULL where the range depends on the reagent (PT, APTT) or none applies (weight). BMI and
--   waist use the Asian cut-offs the Department of Health uses (BMI 18.5-22.9; waist below 90 cm
--   for men, 80 cm for women). eGFR is flagged below 60 (KDIGO G3 onwards).
-- * vaccine (CVX, http://hl7.org/fhir/sid/cvx, CDC list as of September 2025): the Hong Kong
--   Childhood Immunisation Programme, seasonal influenza, COVID-19 (510 and 511 are CVX's non-US
--   codes for Sinopharm BIBP and Sinovac CoronaVac) and the vaccines of adult and travel practice.
--   CVX has no code for the reduced-antigen dTap-IPV booster given in Primary 6, so it is not
--   listed; the Primary 1 DTaP-IPV booster is 130.
-- * allergen (SNOMED CT substances, http://snomed.info/sct, international edition): drug classes
--   and drugs (carbamazepine and phenytoin for HLA-B*15:02, common in southern Chinese), foods and
--   environmental allergens. House dust mite and mould are organism concepts, as SNOMED CT and the
--   HL7 International Patient Summary record them. Tree nut and ACE inhibitors are left out: no
--   international-edition concept could be confirmed.
-- * procedure (SNOMED CT procedures): common operations, endoscopy, imaging and office procedures.
-- * medication (ATC, http://www.whocc.no/atc, 5th level): medicines commonly prescribed in Hong
--   Kong primary and hospital care, named by INN; the Chinese names are those used in Hong Kong
--   and on the Mainland, which differ by place, not only by script.
-- Codes that could not be confirmed were left out rather than guessed (see the commit message).
-- Later migrations may add codes or correct names, never delete one.

INSERT INTO record_codes (code_set, system, code, name_en, name_zh_hant, name_zh_hans, unit, ref_low, ref_high) VALUES
  -- Complete blood count
  ('lab', 'http://loinc.org', '718-7', 'Haemoglobin', '血紅素', '血红蛋白', 'g/L', 115, 170),
  ('lab', 'http://loinc.org', '789-8', 'Red blood cell count', '紅血球數目', '红细胞计数', '10*12/L', 3.8, 5.8),
  ('lab', 'http://loinc.org', '4544-3', 'Haematocrit', '紅血球比容', '红细胞比容', 'L/L', 0.35, 0.50),
  ('lab', 'http://loinc.org', '787-2', 'Mean corpuscular volume (MCV)', '平均紅血球體積', '平均红细胞体积', 'fL', 80, 100),
  ('lab', 'http://loinc.org', '785-6', 'Mean corpuscular haemoglobin (MCH)', '平均紅血球血紅素量', '平均红细胞血红蛋白含量', 'pg', 27, 33),
  ('lab', 'http://loinc.org', '786-4', 'Mean corpuscular haemoglobin concentration (MCHC)', '平均紅血球血紅素濃度', '平均红细胞血红蛋白浓度', 'g/L', 320, 360),
  ('lab', 'http://loinc.org', '788-0', 'Red cell distribution width (RDW)', '紅血球分佈寬度', '红细胞分布宽度', '%', 11.5, 14.5),
  ('lab', 'http://loinc.org', '6690-2', 'White blood cell count', '白血球數目', '白细胞计数', '10*9/L', 4.0, 10.0),
  ('lab', 'http://loinc.org', '751-8', 'Neutrophil count', '中性白血球數目', '中性粒细胞绝对值', '10*9/L', 2.0, 7.5),
  ('lab', 'http://loinc.org', '731-0', 'Lymphocyte count', '淋巴細胞數目', '淋巴细胞绝对值', '10*9/L', 1.0, 3.5),
  ('lab', 'http://loinc.org', '742-7', 'Monocyte count', '單核細胞數目', '单核细胞绝对值', '10*9/L', 0.2, 0.8),
  ('lab', 'http://loinc.org', '711-2', 'Eosinophil count', '嗜酸性白血球數目', '嗜酸性粒细胞绝对值', '10*9/L', NULL, 0.5),
  ('lab', 'http://loinc.org', '704-7', 'Basophil count', '嗜鹼性白血球數目', '嗜碱性粒细胞绝对值', '10*9/L', NULL, 0.1),
  ('lab', 'http://loinc.org', '777-3', 'Platelet count', '血小板數目', '血小板计数', '10*9/L', 150, 400),
  ('lab', 'http://loinc.org', '32623-1', 'Mean platelet volume (MPV)', '平均血小板體積', '平均血小板体积', 'fL', 7.5, 11.5),
  ('lab', 'http://loinc.org', '4679-7', 'Reticulocytes', '網織紅血球', '网织红细胞百分比', '%', 0.5, 2.5),
  ('lab', 'http://loinc.org', '4537-7', 'Erythrocyte sedimentation rate (ESR), Westergren', '紅血球沉降率（韋氏法）', '红细胞沉降率（魏氏法）', 'mm/h', NULL, 30),
  -- Coagulation
  ('lab', 'http://loinc.org', '5902-2', 'Prothrombin time (PT)', '凝血酶原時間', '凝血酶原时间', 's', NULL, NULL),
  ('lab', 'http://loinc.org', '6301-6', 'International normalised ratio (INR)', '國際標準化比率', '国际标准化比值', '{INR}', 0.9, 1.2),
  ('lab', 'http://loinc.org', '14979-9', 'Activated partial thromboplastin time (APTT)', '活化部分凝血活酶時間', '活化部分凝血活酶时间', 's', NULL, NULL),
  ('lab', 'http://loinc.org', '3255-7', 'Fibrinogen', '纖維蛋白原', '纤维蛋白原', 'g/L', 2.0, 4.0),
  ('lab', 'http://loinc.org', '48065-7', 'D-dimer (fibrinogen equivalent units)', 'D-二聚體（纖維蛋白原當量）', 'D-二聚体（纤维蛋白原当量）', 'mg/L{FEU}', NULL, 0.5),
  -- Renal function, electrolytes, bone
  ('lab', 'http://loinc.org', '14682-9', 'Creatinine', '肌酸酐', '肌酐', 'umol/L', 49, 104),
  ('lab', 'http://loinc.org', '22664-7', 'Urea', '尿素', '尿素', 'mmol/L', 2.5, 7.8),
  ('lab', 'http://loinc.org', '62238-1', 'Estimated glomerular filtration rate (eGFR, CKD-EPI)', '估算腎小球濾過率（CKD-EPI）', '估算肾小球滤过率（CKD-EPI）', 'mL/min/{1.73_m2}', 60, NULL),
  ('lab', 'http://loinc.org', '2951-2', 'Sodium', '鈉', '钠', 'mmol/L', 136, 145),
  ('lab', 'http://loinc.org', '2823-3', 'Potassium', '鉀', '钾', 'mmol/L', 3.5, 5.1),
  ('lab', 'http://loinc.org', '2075-0', 'Chloride', '氯', '氯', 'mmol/L', 98, 107),
  ('lab', 'http://loinc.org', '1963-8', 'Bicarbonate', '碳酸氫鹽', '碳酸氢根', 'mmol/L', 22, 29),
  ('lab', 'http://loinc.org', '2000-8', 'Calcium', '鈣', '钙', 'mmol/L', 2.15, 2.55),
  ('lab', 'http://loinc.org', '29265-6', 'Calcium, albumin-adjusted', '經白蛋白校正鈣', '白蛋白校正钙', 'mmol/L', 2.15, 2.55),
  ('lab', 'http://loinc.org', '1995-0', 'Ionised calcium', '離子鈣', '离子钙', 'mmol/L', 1.15, 1.33),
  ('lab', 'http://loinc.org', '14879-1', 'Phosphate', '磷酸鹽', '无机磷', 'mmol/L', 0.81, 1.45),
  ('lab', 'http://loinc.org', '2601-3', 'Magnesium', '鎂', '镁', 'mmol/L', 0.66, 1.07),
  ('lab', 'http://loinc.org', '14933-6', 'Urate (uric acid)', '尿酸', '尿酸', 'umol/L', 140, 430),
  ('lab', 'http://loinc.org', '14866-8', 'Parathyroid hormone, intact', '完整副甲狀腺素', '完整甲状旁腺激素', 'pmol/L', 1.6, 6.9),
  ('lab', 'http://loinc.org', '32294-1', 'Urine albumin/creatinine ratio (ACR)', '尿白蛋白／肌酸酐比率', '尿白蛋白/肌酐比值', 'mg/mmol', NULL, 3.0),
  -- Liver function
  ('lab', 'http://loinc.org', '1742-6', 'Alanine aminotransferase (ALT)', '丙氨酸轉氨酶（ALT）', '丙氨酸氨基转移酶（ALT）', 'U/L', NULL, 41),
  ('lab', 'http://loinc.org', '1920-8', 'Aspartate aminotransferase (AST)', '天門冬氨酸轉氨酶（AST）', '天门冬氨酸氨基转移酶（AST）', 'U/L', NULL, 40),
  ('lab', 'http://loinc.org', '6768-6', 'Alkaline phosphatase (ALP)', '鹼性磷酸酶', '碱性磷酸酶', 'U/L', 35, 129),
  ('lab', 'http://loinc.org', '2324-2', 'Gamma-glutamyl transferase (GGT)', 'γ-谷氨醯轉移酶', 'γ-谷氨酰转移酶', 'U/L', NULL, 71),
  ('lab', 'http://loinc.org', '14631-6', 'Bilirubin, total', '總膽紅素', '总胆红素', 'umol/L', NULL, 21),
  ('lab', 'http://loinc.org', '14629-0', 'Bilirubin, direct', '直接膽紅素', '直接胆红素', 'umol/L', NULL, 5),
  ('lab', 'http://loinc.org', '1751-7', 'Albumin', '白蛋白', '白蛋白', 'g/L', 35, 52),
  ('lab', 'http://loinc.org', '2885-2', 'Total protein', '總蛋白', '总蛋白', 'g/L', 64, 83),
  ('lab', 'http://loinc.org', '10834-0', 'Globulin (calculated)', '球蛋白（計算值）', '球蛋白（计算值）', 'g/L', 20, 35),
  -- Lipids
  ('lab', 'http://loinc.org', '14647-2', 'Total cholesterol', '總膽固醇', '总胆固醇', 'mmol/L', NULL, 5.2),
  ('lab', 'http://loinc.org', '22748-8', 'LDL cholesterol', '低密度脂蛋白膽固醇', '低密度脂蛋白胆固醇', 'mmol/L', NULL, 3.4),
  ('lab', 'http://loinc.org', '39469-2', 'LDL cholesterol (calculated)', '低密度脂蛋白膽固醇（計算值）', '低密度脂蛋白胆固醇（计算值）', 'mmol/L', NULL, 3.4),
  ('lab', 'http://loinc.org', '14646-4', 'HDL cholesterol', '高密度脂蛋白膽固醇', '高密度脂蛋白胆固醇', 'mmol/L', 1.0, NULL),
  ('lab', 'http://loinc.org', '14927-8', 'Triglycerides', '三酸甘油酯', '甘油三酯', 'mmol/L', NULL, 1.7),
  ('lab', 'http://loinc.org', '70204-3', 'Non-HDL cholesterol', '非高密度脂蛋白膽固醇', '非高密度脂蛋白胆固醇', 'mmol/L', NULL, 4.1),
  -- Diabetes
  ('lab', 'http://loinc.org', '4548-4', 'Haemoglobin A1c (HbA1c)', '糖化血紅素（HbA1c）', '糖化血红蛋白（HbA1c）', '%', NULL, 6.0),
  ('lab', 'http://loinc.org', '59261-8', 'Haemoglobin A1c (HbA1c), IFCC', '糖化血紅素（HbA1c，IFCC單位）', '糖化血红蛋白（HbA1c，IFCC单位）', 'mmol/mol', NULL, 42),
  ('lab', 'http://loinc.org', '14771-0', 'Fasting glucose', '空腹血糖', '空腹血糖', 'mmol/L', 3.9, 6.0),
  ('lab', 'http://loinc.org', '14749-6', 'Glucose (plasma, random)', '血糖（血漿，隨機）', '血糖（血浆，随机）', 'mmol/L', 3.9, 7.8),
  -- Thyroid
  ('lab', 'http://loinc.org', '3016-3', 'Thyroid-stimulating hormone (TSH)', '促甲狀腺激素（TSH）', '促甲状腺激素（TSH）', 'm[IU]/L', 0.4, 4.0),
  ('lab', 'http://loinc.org', '14920-3', 'Free thyroxine (free T4)', '游離甲狀腺素（FT4）', '游离甲状腺素（FT4）', 'pmol/L', 12, 22),
  ('lab', 'http://loinc.org', '14928-6', 'Free triiodothyronine (free T3)', '游離三碘甲狀腺原氨酸（FT3）', '游离三碘甲状腺原氨酸（FT3）', 'pmol/L', 3.1, 6.8),
  -- Inflammation
  ('lab', 'http://loinc.org', '1988-5', 'C-reactive protein (CRP)', 'C-反應蛋白', 'C反应蛋白', 'mg/L', NULL, 5),
  ('lab', 'http://loinc.org', '30522-7', 'C-reactive protein, high sensitivity (hs-CRP)', '高敏感度C-反應蛋白', '超敏C反应蛋白', 'mg/L', NULL, 3),
  ('lab', 'http://loinc.org', '33959-8', 'Procalcitonin', '降鈣素原', '降钙素原', 'ug/L', NULL, 0.05),
  -- Iron and haematinics
  ('lab', 'http://loinc.org', '2276-4', 'Ferritin', '鐵蛋白', '铁蛋白', 'ug/L', 13, 400),
  ('lab', 'http://loinc.org', '14798-3', 'Iron', '血清鐵', '血清铁', 'umol/L', 6.6, 28),
  ('lab', 'http://loinc.org', '14800-7', 'Total iron-binding capacity (TIBC)', '總鐵結合力', '总铁结合力', 'umol/L', 45, 72),
  ('lab', 'http://loinc.org', '2502-3', 'Transferrin (iron) saturation', '鐵飽和度', '转铁蛋白饱和度', '%', 15, 50),
  ('lab', 'http://loinc.org', '14685-2', 'Vitamin B12', '維他命B12', '维生素B12', 'pmol/L', 145, 569),
  ('lab', 'http://loinc.org', '14732-2', 'Folate', '葉酸', '叶酸', 'nmol/L', 7.0, NULL),
  -- Cardiac
  ('lab', 'http://loinc.org', '67151-1', 'Troponin T, high sensitivity', '高敏感度肌鈣蛋白T', '高敏肌钙蛋白T', 'ng/L', NULL, 14),
  ('lab', 'http://loinc.org', '89579-7', 'Troponin I, high sensitivity', '高敏感度肌鈣蛋白I', '高敏肌钙蛋白I', 'ng/L', NULL, 26),
  ('lab', 'http://loinc.org', '33762-6', 'NT-proBNP', 'N端B型利鈉肽前體（NT-proBNP）', 'N末端B型利钠肽原（NT-proBNP）', 'ng/L', NULL, 125),
  ('lab', 'http://loinc.org', '2157-6', 'Creatine kinase (CK)', '肌酸激酶', '肌酸激酶', 'U/L', NULL, 308),
  ('lab', 'http://loinc.org', '2532-0', 'Lactate dehydrogenase (LDH)', '乳酸脫氫酶', '乳酸脱氢酶', 'U/L', NULL, 225),
  -- Tumour markers and others
  ('lab', 'http://loinc.org', '2857-1', 'Prostate-specific antigen (PSA)', '前列腺特異抗原', '前列腺特异性抗原', 'ug/L', NULL, 4.0),
  ('lab', 'http://loinc.org', '1834-1', 'Alpha-fetoprotein (AFP)', '甲胎蛋白', '甲胎蛋白', 'ug/L', NULL, 10),
  ('lab', 'http://loinc.org', '2039-6', 'Carcinoembryonic antigen (CEA)', '癌胚抗原', '癌胚抗原', 'ug/L', NULL, 5.0),
  ('lab', 'http://loinc.org', '10334-1', 'Cancer antigen 125 (CA-125)', '癌抗原125', '糖类抗原125', 'U/mL', NULL, 35),
  ('lab', 'http://loinc.org', '1798-8', 'Amylase', '澱粉酶', '淀粉酶', 'U/L', 28, 100),
  ('lab', 'http://loinc.org', '32693-4', 'Lactate (blood)', '乳酸（血液）', '乳酸（血液）', 'mmol/L', 0.5, 2.2);

INSERT INTO record_codes (code_set, system, code, name_en, name_zh_hant, name_zh_hans, unit, ref_low, ref_high) VALUES
  ('vital', 'http://loinc.org', '85354-9', 'Blood pressure', '血壓', '血压', 'mm[Hg]', NULL, NULL),
  ('vital', 'http://loinc.org', '8480-6', 'Systolic blood pressure', '收縮壓', '收缩压', 'mm[Hg]', 90, 139),
  ('vital', 'http://loinc.org', '8462-4', 'Diastolic blood pressure', '舒張壓', '舒张压', 'mm[Hg]', 60, 89),
  ('vital', 'http://loinc.org', '8867-4', 'Heart rate', '心率', '心率', '/min', 60, 100),
  ('vital', 'http://loinc.org', '9279-1', 'Respiratory rate', '呼吸頻率', '呼吸频率', '/min', 12, 20),
  ('vital', 'http://loinc.org', '8310-5', 'Body temperature', '體溫', '体温', 'Cel', 36.0, 37.5),
  ('vital', 'http://loinc.org', '59408-5', 'Oxygen saturation (pulse oximetry)', '血氧飽和度（脈搏血氧計）', '血氧饱和度（脉搏血氧仪）', '%', 95, NULL),
  ('vital', 'http://loinc.org', '2708-6', 'Oxygen saturation (arterial blood)', '動脈血氧飽和度', '动脉血氧饱和度', '%', 95, NULL),
  ('vital', 'http://loinc.org', '29463-7', 'Body weight', '體重', '体重', 'kg', NULL, NULL),
  ('vital', 'http://loinc.org', '8302-2', 'Body height', '身高', '身高', 'cm', NULL, NULL),
  ('vital', 'http://loinc.org', '8306-3', 'Body length (lying)', '身長（臥位）', '身长（卧位）', 'cm', NULL, NULL),
  ('vital', 'http://loinc.org', '39156-5', 'Body mass index (BMI)', '體重指標（BMI）', '体重指数（BMI）', 'kg/m2', 18.5, 22.9),
  ('vital', 'http://loinc.org', '8280-0', 'Waist circumference', '腰圍', '腰围', 'cm', NULL, 90),
  ('vital', 'http://loinc.org', '9843-4', 'Head circumference', '頭圍', '头围', 'cm', NULL, NULL),
  ('vital', 'http://loinc.org', '72514-3', 'Pain score (0-10 numeric rating)', '痛楚評分（0至10分）', '疼痛评分（0-10数字评分）', '{score}', NULL, NULL),
  ('vital', 'http://loinc.org', '14743-9', 'Capillary blood glucose (meter)', '指尖血糖（血糖機）', '指尖血糖（血糖仪）', 'mmol/L', 3.9, 7.8);

INSERT INTO record_codes (code_set, system, code, name_en, name_zh_hant, name_zh_hans) VALUES
  -- Hong Kong Childhood Immunisation Programme
  ('vaccine', 'http://hl7.org/fhir/sid/cvx', '19', 'BCG vaccine', '卡介苗', '卡介苗'),
  ('vaccine', 'http://hl7.org/fhir/sid/cvx', '08', 'Hepatitis B vaccine, paediatric/adolescent', '乙型肝炎疫苗（兒童及青少年劑量）', '乙型肝炎疫苗（儿童及青少年剂量）'),
  ('vaccine', 'http://hl7.org/fhir/sid/cvx', '43', 'Hepatitis B vaccine, adult', '乙型肝炎疫苗（成人劑量）', '乙型肝炎疫苗（成人剂量）'),
  ('vaccine', 'http://hl7.org/fhir/sid/cvx', '130', 'DTaP-IPV vaccine', '白喉、破傷風、無細胞型百日咳及滅活小兒麻痺混合疫苗', '吸附无细胞百白破-脊髓灰质炎灭活联合疫苗'),
  ('vaccine', 'http://hl7.org/fhir/sid/cvx', '120', 'DTaP-IPV-Hib vaccine', '白喉、破傷風、無細胞型百日咳、滅活小兒麻痺及乙型流感嗜血桿菌混合疫苗', '百白破-脊髓灰质炎灭活-b型流感嗜血杆菌联合疫苗（五联疫苗）'),
  ('vaccine', 'http://hl7.org/fhir/sid/cvx', '146', 'DTaP-IPV-Hib-HepB vaccine', '白喉、破傷風、無細胞型百日咳、滅活小兒麻痺、乙型流感嗜血桿菌及乙型肝炎混合疫苗', '百白破-脊髓灰质炎灭活-b型流感嗜血杆菌-乙型肝炎联合疫苗（六联疫苗）'),
  ('vaccine', 'http://hl7.org/fhir/sid/cvx', '10', 'Inactivated poliovirus vaccine (IPV)', '滅活小兒麻痺疫苗', '脊髓灰质炎灭活疫苗'),
  ('vaccine', 'http://hl7.org/fhir/sid/cvx', '48', 'Haemophilus influenzae type b conjugate vaccine (PRP-T)', '乙型流感嗜血桿菌結合疫苗', 'b型流感嗜血杆菌结合疫苗'),
  ('vaccine', 'http://hl7.org/fhir/sid/cvx', '133', 'Pneumococcal conjugate vaccine, 13-valent (PCV13)', '13價肺炎球菌結合疫苗', '13价肺炎球菌多糖结合疫苗'),
  ('vaccine', 'http://hl7.org/fhir/sid/cvx', '215', 'Pneumococcal conjugate vaccine, 15-valent (PCV15)', '15價肺炎球菌結合疫苗', '15价肺炎球菌多糖结合疫苗'),
  ('vaccine', 'http://hl7.org/fhir/sid/cvx', '216', 'Pneumococcal conjugate vaccine, 20-valent (PCV20)', '20價肺炎球菌結合疫苗', '20价肺炎球菌多糖结合疫苗'),
  ('vaccine', 'http://hl7.org/fhir/sid/cvx', '03', 'Measles, mumps and rubella vaccine (MMR)', '麻疹、流行性腮腺炎及德國麻疹混合疫苗', '麻疹腮腺炎风疹联合减毒活疫苗'),
  ('vaccine', 'http://hl7.org/fhir/sid/cvx', '21', 'Varicella vaccine', '水痘疫苗', '水痘减毒活疫苗'),
  ('vaccine', 'http://hl7.org/fhir/sid/cvx', '94', 'Measles, mumps, rubella and varicella vaccine (MMRV)', '麻疹、流行性腮腺炎、德國麻疹及水痘混合疫苗', '麻疹腮腺炎风疹水痘联合减毒活疫苗'),
  ('vaccine', 'http://hl7.org/fhir/sid/cvx', '165', 'Human papillomavirus vaccine, 9-valent (HPV9)', '九價人類乳頭瘤病毒疫苗', '九价人乳头瘤病毒疫苗'),
  ('vaccine', 'http://hl7.org/fhir/sid/cvx', '137', 'Human papillomavirus vaccine, unspecified formulation', '人類乳頭瘤病毒疫苗（未明示種類）', '人乳头瘤病毒疫苗（未特指剂型）'),
  ('vaccine', 'http://hl7.org/fhir/sid/cvx', '115', 'Tdap vaccine (reduced diphtheria and pertussis)', '減量白喉、破傷風及無細胞型百日咳混合疫苗（Tdap）', '青少年及成人用百白破疫苗（减量，Tdap）'),
  ('vaccine', 'http://hl7.org/fhir/sid/cvx', '113', 'Td vaccine, adult, preservative free', '成人破傷風及白喉混合疫苗', '成人及青少年用吸附白喉破伤风联合疫苗'),
  ('vaccine', 'http://hl7.org/fhir/sid/cvx', '116', 'Rotavirus vaccine, pentavalent', '五價輪狀病毒疫苗', '五价轮状病毒疫苗'),
  ('vaccine', 'http://hl7.org/fhir/sid/cvx', '119', 'Rotavirus vaccine, monovalent', '單價輪狀病毒疫苗', '单价轮状病毒疫苗'),
  -- Seasonal influenza
  ('vaccine', 'http://hl7.org/fhir/sid/cvx', '88', 'Influenza vaccine, unspecified formulation', '季節性流感疫苗（未明示種類）', '流感疫苗（未特指剂型）'),
  ('vaccine', 'http://hl7.org/fhir/sid/cvx', '140', 'Influenza vaccine, inactivated, trivalent, preservative free', '滅活流感疫苗（三價，無防腐劑）', '三价流感病毒裂解疫苗（无防腐剂）'),
  ('vaccine', 'http://hl7.org/fhir/sid/cvx', '141', 'Influenza vaccine, inactivated, trivalent, with preservative', '滅活流感疫苗（三價，含防腐劑）', '三价流感病毒裂解疫苗（含防腐剂）'),
  ('vaccine', 'http://hl7.org/fhir/sid/cvx', '150', 'Influenza vaccine, inactivated, quadrivalent, preservative free', '滅活流感疫苗（四價，無防腐劑）', '四价流感病毒裂解疫苗（无防腐剂）'),
  ('vaccine', 'http://hl7.org/fhir/sid/cvx', '158', 'Influenza vaccine, inactivated, quadrivalent, with preservative', '滅活流感疫苗（四價，含防腐劑）', '四价流感病毒裂解疫苗（含防腐剂）'),
  ('vaccine', 'http://hl7.org/fhir/sid/cvx', '111', 'Influenza vaccine, live attenuated, trivalent, intranasal', '減活流感疫苗（三價，噴鼻）', '鼻喷流感减毒活疫苗（三价）'),
  ('vaccine', 'http://hl7.org/fhir/sid/cvx', '149', 'Influenza vaccine, live attenuated, quadrivalent, intranasal', '減活流感疫苗（四價，噴鼻）', '鼻喷流感减毒活疫苗（四价）'),
  -- COVID-19
  ('vaccine', 'http://hl7.org/fhir/sid/cvx', '208', 'COVID-19 vaccine, mRNA, Pfizer-BioNTech (Comirnaty) 30 mcg', '2019冠狀病毒病mRNA疫苗（復必泰，30微克）', '新冠病毒mRNA疫苗（复必泰，30微克）'),
  ('vaccine', 'http://hl7.org/fhir/sid/cvx', '217', 'COVID-19 vaccine, mRNA, Pfizer-BioNTech (Comirnaty) 30 mcg, tris-sucrose', '2019冠狀病毒病mRNA疫苗（復必泰，30微克，tris-蔗糖配方）', '新冠病毒mRNA疫苗（复必泰，30微克，氨丁三醇-蔗糖配方）'),
  ('vaccine', 'http://hl7.org/fhir/sid/cvx', '309', 'COVID-19 vaccine, mRNA, Pfizer-BioNTech (Comirnaty) 30 mcg, updated formula from 2023', '2019冠狀病毒病mRNA疫苗（復必泰，30微克，2023年起更新配方）', '新冠病毒mRNA疫苗（复必泰，30微克，2023年起更新配方）'),
  ('vaccine', 'http://hl7.org/fhir/sid/cvx', '207', 'COVID-19 vaccine, mRNA, Moderna (Spikevax) 100 mcg', '2019冠狀病毒病mRNA疫苗（莫德納Spikevax，100微克）', '新冠病毒mRNA疫苗（莫德纳Spikevax，100微克）'),
  ('vaccine', 'http://hl7.org/fhir/sid/cvx', '312', 'COVID-19 vaccine, mRNA, Moderna (Spikevax) 50 mcg, updated formula from 2023', '2019冠狀病毒病mRNA疫苗（莫德納Spikevax，50微克，2023年起更新配方）', '新冠病毒mRNA疫苗（莫德纳Spikevax，50微克，2023年起更新配方）'),
  ('vaccine', 'http://hl7.org/fhir/sid/cvx', '211', 'COVID-19 vaccine, protein subunit, Novavax', '2019冠狀病毒病蛋白次單位疫苗（Novavax）', '新冠病毒重组蛋白疫苗（诺瓦瓦克斯）'),
  ('vaccine', 'http://hl7.org/fhir/sid/cvx', '210', 'COVID-19 vaccine, viral vector, AstraZeneca', '2019冠狀病毒病病毒載體疫苗（阿斯利康）', '新冠病毒腺病毒载体疫苗（阿斯利康）'),
  ('vaccine', 'http://hl7.org/fhir/sid/cvx', '510', 'COVID-19 vaccine, inactivated, Sinopharm BIBP', '2019冠狀病毒病滅活疫苗（國藥集團北京生物）', '新冠病毒灭活疫苗（Vero细胞，国药集团北京生物）'),
  ('vaccine', 'http://hl7.org/fhir/sid/cvx', '511', 'COVID-19 vaccine, inactivated, Sinovac (CoronaVac)', '2019冠狀病毒病滅活疫苗（科興，克爾來福）', '新冠病毒灭活疫苗（Vero细胞，科兴，克尔来福）'),
  ('vaccine', 'http://hl7.org/fhir/sid/cvx', '213', 'COVID-19 vaccine, unspecified', '2019冠狀病毒病疫苗（未明示種類）', '新冠病毒疫苗（未特指）'),
  -- Adult and travel vaccines
  ('vaccine', 'http://hl7.org/fhir/sid/cvx', '33', 'Pneumococcal polysaccharide vaccine, 23-valent (PPSV23)', '23價肺炎球菌多醣疫苗', '23价肺炎球菌多糖疫苗'),
  ('vaccine', 'http://hl7.org/fhir/sid/cvx', '187', 'Zoster vaccine, recombinant', '重組帶狀疱疹（生蛇）疫苗', '重组带状疱疹疫苗'),
  ('vaccine', 'http://hl7.org/fhir/sid/cvx', '52', 'Hepatitis A vaccine, adult', '甲型肝炎疫苗（成人劑量）', '甲型肝炎灭活疫苗（成人剂量）'),
  ('vaccine', 'http://hl7.org/fhir/sid/cvx', '83', 'Hepatitis A vaccine, paediatric/adolescent, 2-dose', '甲型肝炎疫苗（兒童及青少年劑量，兩劑）', '甲型肝炎灭活疫苗（儿童及青少年剂量，两剂）'),
  ('vaccine', 'http://hl7.org/fhir/sid/cvx', '104', 'Hepatitis A and hepatitis B vaccine', '甲型及乙型肝炎混合疫苗', '甲型乙型肝炎联合疫苗'),
  ('vaccine', 'http://hl7.org/fhir/sid/cvx', '175', 'Rabies vaccine, human diploid cell culture, intramuscular', '狂犬病疫苗（人二倍體細胞，肌肉注射）', '人用狂犬病疫苗（人二倍体细胞，肌内注射）'),
  ('vaccine', 'http://hl7.org/fhir/sid/cvx', '176', 'Rabies vaccine, chick embryo fibroblast culture, intramuscular', '狂犬病疫苗（雞胚細胞，肌肉注射）', '人用狂犬病疫苗（鸡胚细胞，肌内注射）'),
  ('vaccine', 'http://hl7.org/fhir/sid/cvx', '90', 'Rabies vaccine, unspecified formulation', '狂犬病疫苗（未明示種類）', '人用狂犬病疫苗（未特指剂型）'),
  ('vaccine', 'http://hl7.org/fhir/sid/cvx', '134', 'Japanese encephalitis vaccine, intramuscular', '日本腦炎疫苗（肌肉注射）', '乙型脑炎灭活疫苗（肌内注射）'),
  ('vaccine', 'http://hl7.org/fhir/sid/cvx', '129', 'Japanese encephalitis vaccine, unspecified formulation', '日本腦炎疫苗（未明示種類）', '乙型脑炎疫苗（未特指剂型）'),
  ('vaccine', 'http://hl7.org/fhir/sid/cvx', '101', 'Typhoid Vi capsular polysaccharide vaccine', '傷寒Vi多醣疫苗', '伤寒Vi多糖疫苗'),
  ('vaccine', 'http://hl7.org/fhir/sid/cvx', '25', 'Typhoid vaccine, oral, live', '口服傷寒活疫苗', '口服伤寒减毒活疫苗'),
  ('vaccine', 'http://hl7.org/fhir/sid/cvx', '190', 'Typhoid conjugate vaccine', '傷寒結合疫苗', '伤寒结合疫苗'),
  ('vaccine', 'http://hl7.org/fhir/sid/cvx', '37', 'Yellow fever vaccine, live', '黃熱病疫苗', '黄热减毒活疫苗'),
  ('vaccine', 'http://hl7.org/fhir/sid/cvx', '136', 'Meningococcal ACWY conjugate vaccine, CRM197 (MenACWY-CRM)', '四價腦膜炎雙球菌結合疫苗（MenACWY-CRM）', 'ACYW135群脑膜炎球菌结合疫苗（CRM197载体）'),
  ('vaccine', 'http://hl7.org/fhir/sid/cvx', '203', 'Meningococcal ACWY conjugate vaccine, tetanus toxoid (MenACWY-TT)', '四價腦膜炎雙球菌結合疫苗（MenACWY-TT）', 'ACYW135群脑膜炎球菌结合疫苗（破伤风类毒素载体）'),
  ('vaccine', 'http://hl7.org/fhir/sid/cvx', '114', 'Meningococcal ACWY conjugate vaccine, diphtheria toxoid (MenACWY-D)', '四價腦膜炎雙球菌結合疫苗（MenACWY-D）', 'ACYW135群脑膜炎球菌结合疫苗（白喉类毒素载体）'),
  ('vaccine', 'http://hl7.org/fhir/sid/cvx', '163', 'Meningococcal B vaccine, outer membrane vesicle (4CMenB)', 'B型腦膜炎雙球菌疫苗（4CMenB）', 'B群脑膜炎球菌疫苗（4CMenB）'),
  ('vaccine', 'http://hl7.org/fhir/sid/cvx', '303', 'RSV vaccine, recombinant protein subunit RSVPreF3, adjuvanted', '呼吸道合胞病毒疫苗（重組蛋白，含佐劑）', '呼吸道合胞病毒疫苗（重组蛋白，含佐剂）'),
  ('vaccine', 'http://hl7.org/fhir/sid/cvx', '305', 'RSV vaccine, bivalent protein subunit RSVpreF', '呼吸道合胞病毒疫苗（二價蛋白次單位）', '呼吸道合胞病毒疫苗（二价蛋白亚单位）'),
  ('vaccine', 'http://hl7.org/fhir/sid/cvx', '206', 'Mpox vaccine, live, non-replicating (MVA-BN)', '猴痘疫苗（非複製型活疫苗）', '猴痘疫苗（非复制型减毒活疫苗）');

INSERT INTO record_codes (code_set, system, code, name_en, name_zh_hant, name_zh_hans) VALUES
  -- Drugs and drug classes
  ('allergen', 'http://snomed.info/sct', '764146007', 'Penicillins', '青黴素類（盤尼西林）', '青霉素类'),
  ('allergen', 'http://snomed.info/sct', '372687004', 'Amoxicillin', '阿莫西林', '阿莫西林'),
  ('allergen', 'http://snomed.info/sct', '764147003', 'Cephalosporins', '頭孢菌素類', '头孢菌素类'),
  ('allergen', 'http://snomed.info/sct', '387406002', 'Sulfonamides', '磺胺類藥物', '磺胺类药物'),
  ('allergen', 'http://snomed.info/sct', '428787002', 'Macrolides', '大環內酯類抗生素', '大环内酯类抗生素'),
  ('allergen', 'http://snomed.info/sct', '372809001', 'Tetracycline', '四環素', '四环素'),
  ('allergen', 'http://snomed.info/sct', '763805006', 'Aminoglycosides', '氨基糖苷類抗生素', '氨基糖苷类抗生素'),
  ('allergen', 'http://snomed.info/sct', '372786004', 'Clindamycin', '克林黴素', '克林霉素'),
  ('allergen', 'http://snomed.info/sct', '387458008', 'Aspirin', '阿士匹靈', '阿司匹林'),
  ('allergen', 'http://snomed.info/sct', '372665008', 'Non-steroidal anti-inflammatory drugs (NSAIDs)', '非類固醇消炎藥', '非甾体抗炎药'),
  ('allergen', 'http://snomed.info/sct', '387207008', 'Ibuprofen', '布洛芬', '布洛芬'),
  ('allergen', 'http://snomed.info/sct', '7034005', 'Diclofenac', '雙氯芬酸', '双氯芬酸'),
  ('allergen', 'http://snomed.info/sct', '387517004', 'Paracetamol', '撲熱息痛', '对乙酰氨基酚'),
  ('allergen', 'http://snomed.info/sct', '387494007', 'Codeine', '可待因', '可待因'),
  ('allergen', 'http://snomed.info/sct', '373529000', 'Morphine', '嗎啡', '吗啡'),
  ('allergen', 'http://snomed.info/sct', '387222003', 'Carbamazepine', '卡巴咪嗪', '卡马西平'),
  ('allergen', 'http://snomed.info/sct', '387220006', 'Phenytoin', '苯妥英', '苯妥英'),
  ('allergen', 'http://snomed.info/sct', '387135004', 'Allopurinol', '別嘌醇', '别嘌醇'),
  ('allergen', 'http://snomed.info/sct', '385420005', 'Contrast media (including iodinated contrast)', '顯影劑（包括含碘顯影劑）', '造影剂（包括含碘造影剂）'),
  ('allergen', 'http://snomed.info/sct', '111088007', 'Latex', '乳膠', '乳胶'),
  ('allergen', 'http://snomed.info/sct', '33396006', 'Nickel', '鎳', '镍'),
  -- Foods
  ('allergen', 'http://snomed.info/sct', '762952008', 'Peanut', '花生', '花生'),
  ('allergen', 'http://snomed.info/sct', '735029006', 'Shellfish', '貝殼類海產（蝦蟹貝類）', '贝壳类海产（虾蟹贝类）'),
  ('allergen', 'http://snomed.info/sct', '735971005', 'Fish', '魚類', '鱼类'),
  ('allergen', 'http://snomed.info/sct', '102263004', 'Egg', '雞蛋（蛋類）', '鸡蛋（蛋类）'),
  ('allergen', 'http://snomed.info/sct', '3718001', 'Cow''s milk', '牛奶', '牛奶'),
  ('allergen', 'http://snomed.info/sct', '256355007', 'Soya bean', '黃豆（大豆）', '大豆'),
  ('allergen', 'http://snomed.info/sct', '412071004', 'Wheat', '小麥', '小麦'),
  ('allergen', 'http://snomed.info/sct', '260167008', 'Sesame seed', '芝麻', '芝麻'),
  -- Environment
  ('allergen', 'http://snomed.info/sct', '260147004', 'House dust mite', '屋塵蟎', '屋尘螨'),
  ('allergen', 'http://snomed.info/sct', '256277009', 'Grass pollen', '草花粉', '草花粉'),
  ('allergen', 'http://snomed.info/sct', '782576004', 'Tree pollen', '樹花粉', '树花粉'),
  ('allergen', 'http://snomed.info/sct', '264287008', 'Animal dander', '動物皮屑', '动物皮屑'),
  ('allergen', 'http://snomed.info/sct', '260152009', 'Cat dander', '貓皮屑', '猫皮屑'),
  ('allergen', 'http://snomed.info/sct', '260154005', 'Dog dander', '狗皮屑', '狗皮屑'),
  ('allergen', 'http://snomed.info/sct', '288328004', 'Bee venom', '蜂毒', '蜂毒'),
  ('allergen', 'http://snomed.info/sct', '84489001', 'Mould', '黴菌', '霉菌');

INSERT INTO record_codes (code_set, system, code, name_en, name_zh_hant, name_zh_hans) VALUES
  -- Operations
  ('procedure', 'http://snomed.info/sct', '80146002', 'Appendicectomy', '闌尾切除術', '阑尾切除术'),
  ('procedure', 'http://snomed.info/sct', '38102005', 'Cholecystectomy', '膽囊切除術', '胆囊切除术'),
  ('procedure', 'http://snomed.info/sct', '45595009', 'Laparoscopic cholecystectomy', '腹腔鏡膽囊切除術', '腹腔镜胆囊切除术'),
  ('procedure', 'http://snomed.info/sct', '44558001', 'Repair of inguinal hernia', '腹股溝疝氣修補術', '腹股沟疝修补术'),
  ('procedure', 'http://snomed.info/sct', '11466000', 'Caesarean section', '剖腹產', '剖宫产术'),
  ('procedure', 'http://snomed.info/sct', '85548006', 'Episiotomy', '會陰切開術', '会阴切开术'),
  ('procedure', 'http://snomed.info/sct', '236886002', 'Hysterectomy', '子宮切除術', '子宫切除术'),
  ('procedure', 'http://snomed.info/sct', '287664005', 'Bilateral tubal ligation', '雙側輸卵管結紮術', '双侧输卵管结扎术'),
  ('procedure', 'http://snomed.info/sct', '22523008', 'Vasectomy', '輸精管結紮術', '输精管结扎术'),
  ('procedure', 'http://snomed.info/sct', '13619001', 'Thyroidectomy', '甲狀腺切除術', '甲状腺切除术'),
  ('procedure', 'http://snomed.info/sct', '173422009', 'Tonsillectomy', '扁桃腺切除術', '扁桃体切除术'),
  ('procedure', 'http://snomed.info/sct', '54885007', 'Cataract extraction', '白內障摘除術', '白内障摘除术'),
  ('procedure', 'http://snomed.info/sct', '609588000', 'Total knee replacement', '全膝關節置換術', '全膝关节置换术'),
  ('procedure', 'http://snomed.info/sct', '52734007', 'Total hip replacement', '全髖關節置換術', '全髋关节置换术'),
  ('procedure', 'http://snomed.info/sct', '392021009', 'Lumpectomy of breast', '乳房腫塊切除術', '乳腺肿块切除术'),
  ('procedure', 'http://snomed.info/sct', '90470006', 'Prostatectomy', '前列腺切除術', '前列腺切除术'),
  ('procedure', 'http://snomed.info/sct', '70536003', 'Kidney transplant', '腎臟移植', '肾移植术'),
  -- Cardiology
  ('procedure', 'http://snomed.info/sct', '33367005', 'Coronary angiography', '冠狀動脈造影', '冠状动脉造影'),
  ('procedure', 'http://snomed.info/sct', '415070008', 'Percutaneous coronary intervention (PCI)', '經皮冠狀動脈介入治療（通波仔）', '经皮冠状动脉介入治疗（PCI）'),
  ('procedure', 'http://snomed.info/sct', '232717009', 'Coronary artery bypass grafting (CABG)', '冠狀動脈搭橋手術', '冠状动脉旁路移植术（搭桥术）'),
  ('procedure', 'http://snomed.info/sct', '180325003', 'Direct current cardioversion', '直流電心臟復律', '直流电复律'),
  ('procedure', 'http://snomed.info/sct', '18286008', 'Catheter ablation of heart tissue', '心臟導管消融術', '心脏导管消融术'),
  -- Endoscopy
  ('procedure', 'http://snomed.info/sct', '76009000', 'Oesophagogastroduodenoscopy (upper GI endoscopy)', '上消化道內窺鏡檢查（照胃鏡）', '食管胃十二指肠镜检查（胃镜）'),
  ('procedure', 'http://snomed.info/sct', '73761001', 'Colonoscopy', '大腸內窺鏡檢查（照大腸鏡）', '结肠镜检查'),
  ('procedure', 'http://snomed.info/sct', '274031008', 'Rectal polypectomy', '直腸瘜肉切除術', '直肠息肉切除术'),
  ('procedure', 'http://snomed.info/sct', '85765000', 'Fibreoptic bronchoscopy', '纖維支氣管鏡檢查', '纤维支气管镜检查'),
  -- Imaging and tests
  ('procedure', 'http://snomed.info/sct', '29303009', 'Electrocardiography (ECG)', '心電圖檢查', '心电图检查'),
  ('procedure', 'http://snomed.info/sct', '40701008', 'Echocardiography', '心臟超聲波檢查', '超声心动图检查'),
  ('procedure', 'http://snomed.info/sct', '54550000', 'Electroencephalography (EEG)', '腦電圖檢查', '脑电图检查'),
  ('procedure', 'http://snomed.info/sct', '127783003', 'Spirometry', '肺功能測試（肺量計）', '肺功能检查（肺量计）'),
  ('procedure', 'http://snomed.info/sct', '399208008', 'Chest X-ray', '胸部X光檢查', '胸部X线检查'),
  ('procedure', 'http://snomed.info/sct', '77477000', 'Computed tomography (CT)', '電腦掃描', '计算机断层扫描（CT）'),
  ('procedure', 'http://snomed.info/sct', '113091000', 'Magnetic resonance imaging (MRI)', '磁力共振掃描', '磁共振成像（MRI）'),
  ('procedure', 'http://snomed.info/sct', '45036003', 'Ultrasonography of abdomen', '腹部超聲波檢查', '腹部超声检查'),
  ('procedure', 'http://snomed.info/sct', '71651007', 'Mammography', '乳房X光造影', '乳腺X线摄影'),
  ('procedure', 'http://snomed.info/sct', '312681000', 'Bone density scan', '骨質密度檢查', '骨密度检查'),
  ('procedure', 'http://snomed.info/sct', '90226004', 'Cervical smear (cytology, genital source)', '子宮頸細胞檢驗（柏氏抹片）', '宫颈细胞学检查（涂片）'),
  -- Biopsy and office procedures
  ('procedure', 'http://snomed.info/sct', '240977001', 'Skin biopsy', '皮膚活組織檢驗', '皮肤活检'),
  ('procedure', 'http://snomed.info/sct', '122548005', 'Breast biopsy', '乳房活組織檢驗', '乳腺活检'),
  ('procedure', 'http://snomed.info/sct', '65575008', 'Prostate biopsy', '前列腺活組織檢驗', '前列腺穿刺活检'),
  ('procedure', 'http://snomed.info/sct', '288086009', 'Suture of open wound', '傷口縫合', '伤口缝合'),
  ('procedure', 'http://snomed.info/sct', '173291009', 'Simple tooth extraction', '脫牙', '拔牙'),
  ('procedure', 'http://snomed.info/sct', '65546002', 'Extraction of wisdom tooth', '剝智慧齒', '智齿拔除'),
  ('procedure', 'http://snomed.info/sct', '65200003', 'Insertion of intrauterine contraceptive device', '放置子宮環', '放置宫内节育器（上环）'),
  ('procedure', 'http://snomed.info/sct', '33879002', 'Vaccination (administration of vaccine)', '接種疫苗', '接种疫苗'),
  -- Treatments
  ('procedure', 'http://snomed.info/sct', '265764009', 'Renal dialysis', '腎透析（洗腎）', '肾透析'),
  ('procedure', 'http://snomed.info/sct', '71493000', 'Transfusion of packed red cells', '輸注濃縮紅血球', '输注浓缩红细胞'),
  ('procedure', 'http://snomed.info/sct', '367336001', 'Chemotherapy', '化學治療（化療）', '化学治疗（化疗）'),
  ('procedure', 'http://snomed.info/sct', '33195004', 'External beam radiotherapy', '體外放射治療（電療）', '体外放射治疗（放疗）'),
  ('procedure', 'http://snomed.info/sct', '91251008', 'Physiotherapy', '物理治療', '物理治疗');

INSERT INTO record_codes (code_set, system, code, name_en, name_zh_hant, name_zh_hans) VALUES
  -- Diabetes
  ('medication', 'http://www.whocc.no/atc', 'A10BA02', 'Metformin', '二甲雙胍', '二甲双胍'),
  ('medication', 'http://www.whocc.no/atc', 'A10BB09', 'Gliclazide', '格列齊特', '格列齐特'),
  ('medication', 'http://www.whocc.no/atc', 'A10BH01', 'Sitagliptin', '西格列汀', '西格列汀'),
  ('medication', 'http://www.whocc.no/atc', 'A10BH05', 'Linagliptin', '利格列汀', '利格列汀'),
  ('medication', 'http://www.whocc.no/atc', 'A10BK01', 'Dapagliflozin', '達格列淨', '达格列净'),
  ('medication', 'http://www.whocc.no/atc', 'A10BK03', 'Empagliflozin', '恩格列淨', '恩格列净'),
  ('medication', 'http://www.whocc.no/atc', 'A10AE04', 'Insulin glargine', '甘精胰島素', '甘精胰岛素'),
  ('medication', 'http://www.whocc.no/atc', 'A10AB05', 'Insulin aspart', '門冬胰島素', '门冬胰岛素'),
  -- Cardiovascular
  ('medication', 'http://www.whocc.no/atc', 'C08CA01', 'Amlodipine', '氨氯地平', '氨氯地平'),
  ('medication', 'http://www.whocc.no/atc', 'C08CA05', 'Nifedipine', '硝苯地平', '硝苯地平'),
  ('medication', 'http://www.whocc.no/atc', 'C09AA03', 'Lisinopril', '賴諾普利', '赖诺普利'),
  ('medication', 'http://www.whocc.no/atc', 'C09AA02', 'Enalapril', '依那普利', '依那普利'),
  ('medication', 'http://www.whocc.no/atc', 'C09AA04', 'Perindopril', '培哚普利', '培哚普利'),
  ('medication', 'http://www.whocc.no/atc', 'C09CA01', 'Losartan', '氯沙坦', '氯沙坦'),
  ('medication', 'http://www.whocc.no/atc', 'C09CA03', 'Valsartan', '纈沙坦', '缬沙坦'),
  ('medication', 'http://www.whocc.no/atc', 'C07AB07', 'Bisoprolol', '比索洛爾', '比索洛尔'),
  ('medication', 'http://www.whocc.no/atc', 'C07AB02', 'Metoprolol', '美托洛爾', '美托洛尔'),
  ('medication', 'http://www.whocc.no/atc', 'C07AA05', 'Propranolol', '普萘洛爾', '普萘洛尔'),
  ('medication', 'http://www.whocc.no/atc', 'C03CA01', 'Furosemide', '呋塞米（速尿）', '呋塞米'),
  ('medication', 'http://www.whocc.no/atc', 'C03AA03', 'Hydrochlorothiazide', '氫氯噻嗪', '氢氯噻嗪'),
  ('medication', 'http://www.whocc.no/atc', 'C03DA01', 'Spironolactone', '螺內酯', '螺内酯'),
  ('medication', 'http://www.whocc.no/atc', 'C01DA14', 'Isosorbide mononitrate', '單硝酸異山梨酯', '单硝酸异山梨酯'),
  ('medication', 'http://www.whocc.no/atc', 'C01DA02', 'Glyceryl trinitrate', '硝酸甘油', '硝酸甘油'),
  ('medication', 'http://www.whocc.no/atc', 'C01AA05', 'Digoxin', '地高辛', '地高辛'),
  ('medication', 'http://www.whocc.no/atc', 'C10AA05', 'Atorvastatin', '阿托伐他汀', '阿托伐他汀'),
  ('medication', 'http://www.whocc.no/atc', 'C10AA01', 'Simvastatin', '辛伐他汀', '辛伐他汀'),
  ('medication', 'http://www.whocc.no/atc', 'C10AA07', 'Rosuvastatin', '瑞舒伐他汀', '瑞舒伐他汀'),
  -- Antithrombotics
  ('medication', 'http://www.whocc.no/atc', 'B01AC06', 'Aspirin (acetylsalicylic acid), antiplatelet dose', '阿士匹靈（抗血小板劑量）', '阿司匹林（抗血小板剂量）'),
  ('medication', 'http://www.whocc.no/atc', 'B01AC04', 'Clopidogrel', '氯吡格雷', '氯吡格雷'),
  ('medication', 'http://www.whocc.no/atc', 'B01AC24', 'Ticagrelor', '替格瑞洛', '替格瑞洛'),
  ('medication', 'http://www.whocc.no/atc', 'B01AA03', 'Warfarin', '華法林（薄血藥）', '华法林'),
  ('medication', 'http://www.whocc.no/atc', 'B01AF02', 'Apixaban', '阿哌沙班', '阿哌沙班'),
  ('medication', 'http://www.whocc.no/atc', 'B01AF01', 'Rivaroxaban', '利伐沙班', '利伐沙班'),
  ('medication', 'http://www.whocc.no/atc', 'B01AE07', 'Dabigatran etexilate', '達比加群', '达比加群酯'),
  -- Gastrointestinal
  ('medication', 'http://www.whocc.no/atc', 'A02BC01', 'Omeprazole', '奧美拉唑', '奥美拉唑'),
  ('medication', 'http://www.whocc.no/atc', 'A02BC05', 'Esomeprazole', '埃索美拉唑', '艾司奥美拉唑'),
  ('medication', 'http://www.whocc.no/atc', 'A02BC02', 'Pantoprazole', '泮托拉唑', '泮托拉唑'),
  ('medication', 'http://www.whocc.no/atc', 'A02BA03', 'Famotidine', '法莫替丁', '法莫替丁'),
  ('medication', 'http://www.whocc.no/atc', 'A03FA03', 'Domperidone', '多潘立酮', '多潘立酮'),
  ('medication', 'http://www.whocc.no/atc', 'A03FA01', 'Metoclopramide', '甲氧氯普胺（胃復安）', '甲氧氯普胺'),
  ('medication', 'http://www.whocc.no/atc', 'A03BB01', 'Hyoscine butylbromide', '丁溴東莨菪鹼', '丁溴东莨菪碱'),
  ('medication', 'http://www.whocc.no/atc', 'A04AA01', 'Ondansetron', '昂丹司瓊', '昂丹司琼'),
  ('medication', 'http://www.whocc.no/atc', 'A06AD11', 'Lactulose', '乳果糖', '乳果糖'),
  ('medication', 'http://www.whocc.no/atc', 'A06AB06', 'Senna glycosides', '番瀉葉苷', '番泻苷'),
  ('medication', 'http://www.whocc.no/atc', 'A07DA03', 'Loperamide', '洛哌丁胺', '洛哌丁胺'),
  -- Analgesics and anti-inflammatories
  ('medication', 'http://www.whocc.no/atc', 'N02BE01', 'Paracetamol', '撲熱息痛', '对乙酰氨基酚'),
  ('medication', 'http://www.whocc.no/atc', 'M01AE01', 'Ibuprofen', '布洛芬', '布洛芬'),
  ('medication', 'http://www.whocc.no/atc', 'M01AE02', 'Naproxen', '萘普生', '萘普生'),
  ('medication', 'http://www.whocc.no/atc', 'M01AB05', 'Diclofenac', '雙氯芬酸', '双氯芬酸'),
  ('medication', 'http://www.whocc.no/atc', 'M01AH01', 'Celecoxib', '塞來昔布', '塞来昔布'),
  ('medication', 'http://www.whocc.no/atc', 'N02AX02', 'Tramadol', '曲馬多', '曲马多'),
  ('medication', 'http://www.whocc.no/atc', 'M04AA01', 'Allopurinol', '別嘌醇', '别嘌醇'),
  ('medication', 'http://www.whocc.no/atc', 'M04AC01', 'Colchicine', '秋水仙素', '秋水仙碱'),
  ('medication', 'http://www.whocc.no/atc', 'M05BA04', 'Alendronic acid', '阿崙膦酸', '阿仑膦酸'),
  -- Anti-infectives
  ('medication', 'http://www.whocc.no/atc', 'J01CA04', 'Amoxicillin', '阿莫西林', '阿莫西林'),
  ('medication', 'http://www.whocc.no/atc', 'J01CR02', 'Amoxicillin and clavulanic acid', '阿莫西林／克拉維酸', '阿莫西林克拉维酸'),
  ('medication', 'http://www.whocc.no/atc', 'J01DB01', 'Cefalexin', '頭孢氨芐', '头孢氨苄'),
  ('medication', 'http://www.whocc.no/atc', 'J01DC02', 'Cefuroxime', '頭孢呋辛', '头孢呋辛'),
  ('medication', 'http://www.whocc.no/atc', 'J01FA09', 'Clarithromycin', '克拉黴素', '克拉霉素'),
  ('medication', 'http://www.whocc.no/atc', 'J01FA10', 'Azithromycin', '阿奇黴素', '阿奇霉素'),
  ('medication', 'http://www.whocc.no/atc', 'J01AA02', 'Doxycycline', '多西環素', '多西环素'),
  ('medication', 'http://www.whocc.no/atc', 'J01MA12', 'Levofloxacin', '左氧氟沙星', '左氧氟沙星'),
  ('medication', 'http://www.whocc.no/atc', 'J01XE01', 'Nitrofurantoin', '呋喃妥因', '呋喃妥因'),
  ('medication', 'http://www.whocc.no/atc', 'J05AH02', 'Oseltamivir', '奧司他韋（特敏福）', '奥司他韦'),
  ('medication', 'http://www.whocc.no/atc', 'J05AB01', 'Aciclovir', '阿昔洛韋', '阿昔洛韦'),
  ('medication', 'http://www.whocc.no/atc', 'J05AF10', 'Entecavir', '恩替卡韋', '恩替卡韦'),
  ('medication', 'http://www.whocc.no/atc', 'J05AF13', 'Tenofovir alafenamide', '替諾福韋艾拉酚胺', '丙酚替诺福韦'),
  ('medication', 'http://www.whocc.no/atc', 'P01BA02', 'Hydroxychloroquine', '羥氯喹', '羟氯喹'),
  -- Respiratory and allergy
  ('medication', 'http://www.whocc.no/atc', 'R03AC02', 'Salbutamol', '沙丁胺醇', '沙丁胺醇'),
  ('medication', 'http://www.whocc.no/atc', 'R03AK07', 'Budesonide and formoterol', '布地奈德／福莫特羅', '布地奈德福莫特罗'),
  ('medication', 'http://www.whocc.no/atc', 'R03AK06', 'Salmeterol and fluticasone', '沙美特羅／氟替卡松', '沙美特罗替卡松'),
  ('medication', 'http://www.whocc.no/atc', 'R03BB04', 'Tiotropium bromide', '噻托溴銨', '噻托溴铵'),
  ('medication', 'http://www.whocc.no/atc', 'R03DC03', 'Montelukast', '孟魯司特', '孟鲁司特'),
  ('medication', 'http://www.whocc.no/atc', 'R01AD08', 'Fluticasone (nasal)', '氟替卡松（鼻用）', '氟替卡松（鼻用）'),
  ('medication', 'http://www.whocc.no/atc', 'R01AD09', 'Mometasone (nasal)', '莫米松（鼻用）', '莫米松（鼻用）'),
  ('medication', 'http://www.whocc.no/atc', 'R06AX13', 'Loratadine', '氯雷他定', '氯雷他定'),
  ('medication', 'http://www.whocc.no/atc', 'R06AE07', 'Cetirizine', '西替利嗪', '西替利嗪'),
  ('medication', 'http://www.whocc.no/atc', 'R06AB04', 'Chlorphenamine', '氯苯那敏（撲爾敏）', '氯苯那敏（扑尔敏）'),
  ('medication', 'http://www.whocc.no/atc', 'R05DA09', 'Dextromethorphan', '右美沙芬', '右美沙芬'),
  -- Endocrine
  ('medication', 'http://www.whocc.no/atc', 'H03AA01', 'Levothyroxine', '左甲狀腺素', '左甲状腺素'),
  ('medication', 'http://www.whocc.no/atc', 'H03BB01', 'Carbimazole', '卡比馬唑', '卡比马唑'),
  ('medication', 'http://www.whocc.no/atc', 'H02AB06', 'Prednisolone', '潑尼松龍', '泼尼松龙'),
  -- Nervous system and mental health
  ('medication', 'http://www.whocc.no/atc', 'N06AB06', 'Sertraline', '舍曲林', '舍曲林'),
  ('medication', 'http://www.whocc.no/atc', 'N06AB03', 'Fluoxetine', '氟西汀', '氟西汀'),
  ('medication', 'http://www.whocc.no/atc', 'N06AB10', 'Escitalopram', '艾司西酞普蘭', '艾司西酞普兰'),
  ('medication', 'http://www.whocc.no/atc', 'N06AX11', 'Mirtazapine', '米氮平', '米氮平'),
  ('medication', 'http://www.whocc.no/atc', 'N06AA09', 'Amitriptyline', '阿米替林', '阿米替林'),
  ('medication', 'http://www.whocc.no/atc', 'N05AH04', 'Quetiapine', '喹硫平', '喹硫平'),
  ('medication', 'http://www.whocc.no/atc', 'N05AH03', 'Olanzapine', '奧氮平', '奥氮平'),
  ('medication', 'http://www.whocc.no/atc', 'N05AX08', 'Risperidone', '利培酮', '利培酮'),
  ('medication', 'http://www.whocc.no/atc', 'N05CF01', 'Zopiclone', '佐匹克隆', '佐匹克隆'),
  ('medication', 'http://www.whocc.no/atc', 'N05BA06', 'Lorazepam', '勞拉西泮', '劳拉西泮'),
  ('medication', 'http://www.whocc.no/atc', 'N05BA01', 'Diazepam', '地西泮', '地西泮'),
  ('medication', 'http://www.whocc.no/atc', 'N06BA04', 'Methylphenidate', '哌醋甲酯', '哌甲酯'),
  ('medication', 'http://www.whocc.no/atc', 'N06DA02', 'Donepezil', '多奈哌齊', '多奈哌齐'),
  ('medication', 'http://www.whocc.no/atc', 'N03AX12', 'Gabapentin', '加巴噴丁', '加巴喷丁'),
  ('medication', 'http://www.whocc.no/atc', 'N03AX16', 'Pregabalin', '普瑞巴林', '普瑞巴林'),
  ('medication', 'http://www.whocc.no/atc', 'N03AF01', 'Carbamazepine', '卡巴咪嗪', '卡马西平'),
  ('medication', 'http://www.whocc.no/atc', 'N03AG01', 'Valproic acid', '丙戊酸', '丙戊酸'),
  ('medication', 'http://www.whocc.no/atc', 'N03AX14', 'Levetiracetam', '左乙拉西坦', '左乙拉西坦'),
  ('medication', 'http://www.whocc.no/atc', 'N07CA01', 'Betahistine', '倍他司汀', '倍他司汀'),
  ('medication', 'http://www.whocc.no/atc', 'N05AB04', 'Prochlorperazine', '丙氯拉嗪', '丙氯拉嗪'),
  ('medication', 'http://www.whocc.no/atc', 'N07BA01', 'Nicotine (smoking cessation)', '尼古丁（戒煙）', '尼古丁（戒烟）'),
  -- Genitourinary and hormones
  ('medication', 'http://www.whocc.no/atc', 'G04CA02', 'Tamsulosin', '坦索羅辛', '坦索罗辛'),
  ('medication', 'http://www.whocc.no/atc', 'G04CB01', 'Finasteride', '非那雄胺', '非那雄胺'),
  ('medication', 'http://www.whocc.no/atc', 'G04BE03', 'Sildenafil', '西地那非', '西地那非'),
  ('medication', 'http://www.whocc.no/atc', 'G03AA07', 'Levonorgestrel and ethinylestradiol (combined oral contraceptive)', '左炔諾孕酮／炔雌醇（口服避孕藥）', '左炔诺孕酮炔雌醇（复方口服避孕药）'),
  ('medication', 'http://www.whocc.no/atc', 'G03AD01', 'Levonorgestrel (emergency contraceptive)', '左炔諾孕酮（緊急避孕藥）', '左炔诺孕酮（紧急避孕药）'),
  -- Vitamins and minerals
  ('medication', 'http://www.whocc.no/atc', 'B03BB01', 'Folic acid', '葉酸', '叶酸'),
  ('medication', 'http://www.whocc.no/atc', 'B03AA07', 'Ferrous sulfate', '硫酸亞鐵', '硫酸亚铁'),
  ('medication', 'http://www.whocc.no/atc', 'A12AA04', 'Calcium carbonate', '碳酸鈣', '碳酸钙'),
  ('medication', 'http://www.whocc.no/atc', 'A11CC05', 'Colecalciferol (vitamin D3)', '膽鈣化醇（維他命D3）', '胆钙化醇（维生素D3）'),
  -- Skin
  ('medication', 'http://www.whocc.no/atc', 'D07AA02', 'Hydrocortisone (topical)', '氫化可的松（外用）', '氢化可的松（外用）'),
  ('medication', 'http://www.whocc.no/atc', 'D06AX09', 'Mupirocin', '莫匹羅星', '莫匹罗星');
