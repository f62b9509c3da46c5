-- Training needs from the gaps (plan task 4b): what course each gap calls for, and the training
-- records imported (kind "training") that show a course done, under way or planned.

-- One row per kind of gap: a criterion of placement_checks (gap_source 'placement') or a
-- reason_code of review_list that no criterion already gives (gap_source 'review').
-- required_match: for certificates, ';'-separated folded keywords one of which the standard's
-- requirement contains (null: any). course: {required} is the standard's requirement (majors
-- joined by ', '), {field} the person's field. course_key: the course a training record closes;
-- keywords (';', folded as name_key) recognise it in a record's course text, the first rule by
-- sort_order wins; rules sharing a course_key carry the keywords once. Editable defaults.
create table course_rules (
    rule_key varchar primary key,
    gap_source varchar not null,
    gap_code varchar not null,
    required_match varchar,
    course_key varchar not null,
    course varchar not null,
    course_group varchar not null,
    keywords varchar,
    sort_order integer not null,
    legal_source varchar not null
);

insert into course_rules values
    ('education_level', 'placement', 'education_level', null, 'degree', 'Đào tạo trình độ {required} ngành phù hợp với vị trí', 'Đào tạo chuyên môn', 'dai hoc; cu nhan; ky su; van bang 2; van bang hai; lien thong; thac si; tien si', 10, 'NĐ 33/2023/NĐ-CP, Điều 10'),
    ('major', 'placement', 'major', null, 'degree', 'Văn bằng đại học ngành phù hợp ({required})', 'Đào tạo chuyên môn', null, 20, 'NĐ 33/2023/NĐ-CP, Điều 10 (ngành phù hợp; chưa kiểm chứng)'),
    ('political_theory', 'placement', 'political_theory', null, 'llct_tc', 'LLCT {required}', 'Lý luận chính trị', 'trung cap ly luan chinh tri; trung cap llct; llct trung cap; tc llct; ly luan chinh tri trung cap; cao cap ly luan chinh tri; cao cap llct', 30, 'QĐ 71-QĐ/TU, 396-QĐ/TU (chưa kiểm chứng)'),
    ('state_management', 'placement', 'state_management', null, 'qlnn_cv', 'Bồi dưỡng QLNN ngạch {required}', 'Quản lý nhà nước', 'quan ly nha nuoc ngach chuyen vien; qlnn ngach chuyen vien; qlnn chuyen vien; quan ly nha nuoc chuyen vien', 40, 'NĐ 101/2017/NĐ-CP, NĐ 89/2021/NĐ-CP (bồi dưỡng theo tiêu chuẩn ngạch; chưa kiểm chứng)'),
    ('chief_accountant', 'placement', 'certificate', 'ke toan truong', 'ktt', 'Bồi dưỡng kế toán trưởng', 'Tài chính – kế toán', 'ke toan truong', 50, 'Luật Kế toán 2015; TT 91/2017/TT-BTC (chưa kiểm chứng)'),
    ('it_basic', 'placement', 'certificate', 'cntt; tin hoc; cong nghe thong tin', 'cntt_cb', 'Chứng chỉ ứng dụng CNTT cơ bản', 'Tin học, chuyển đổi số', 'ung dung cong nghe thong tin; ung dung cntt; tin hoc', 60, 'TT 03/2014/TT-BTTTT'),
    ('foreign_language', 'placement', 'certificate', 'ngoai ngu; tieng anh', 'ngoai_ngu', 'Bồi dưỡng ngoại ngữ theo khung năng lực 6 bậc', 'Ngoại ngữ', 'ngoai ngu; tieng anh; anh van; tieng trung; tieng phap', 70, 'TT 01/2014/TT-BGDĐT (yêu cầu theo vị trí chưa kiểm chứng)'),
    ('certificate_other', 'placement', 'certificate', null, 'chung_chi', 'Bồi dưỡng lấy chứng chỉ {required}', 'Chứng chỉ theo vị trí', null, 80, 'Theo tiêu chuẩn của vị trí (bảng standards; chưa kiểm chứng)'),
    ('khtnv', 'review', 'khtnv', null, 'nghiep_vu', 'Bồi dưỡng nghiệp vụ chuyên sâu theo vị trí việc làm', 'Bồi dưỡng theo vị trí việc làm', 'nghiep vu chuyen sau; boi duong chuyen sau; nghiep vu theo vi tri viec lam', 90, 'Kế hoạch phường Việt Hòa 2026, nhiệm vụ 4b; NĐ 101/2017/NĐ-CP (chưa kiểm chứng)');

-- One row per training record of an imported file. staff_id is matched to the ward's roster as
-- evaluation rows are (id, name + birth date, name + birth year, a name unique in the ward);
-- course_key: the course_rules course the record's course names (null: "khóa khác"), set on
-- import. status as written (done | ongoing | planned) or null: the queries derive it from the
-- dates and the certificate at their reference date.
create table training_records (
    import_id bigint not null,
    ward varchar not null,
    source_row integer not null,
    staff_id varchar,
    match_method varchar not null,
    full_name varchar,
    name_key varchar,
    birth_date date,
    birth_year integer,
    unit varchar,
    course varchar not null,
    course_key varchar,
    date_from date,
    date_to date,
    certificate varchar,
    issuer varchar,
    status varchar,
    note varchar
);
