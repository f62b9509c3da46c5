-- Rules that encode the law live here, editable by the HR officer, each with its legal source.
-- Items marked "(chưa kiểm chứng)" are defaults to be checked against the gazette (DOMAIN.md §4-5).

create table settings (
    key varchar primary key,
    value double not null,
    label varchar not null,
    legal_source varchar
);

insert into settings values
    ('quota_htxsnv_ratio', 0.20, 'Tỷ lệ HTXSNV tối đa so với số HTTNV trong đơn vị', 'NĐ 335/2025/NĐ-CP'),
    ('score_htxsnv', 90, 'Điểm tối thiểu xếp loại HTXSNV', 'NĐ 335/2025/NĐ-CP'),
    ('score_httnv', 70, 'Điểm tối thiểu xếp loại HTTNV', 'NĐ 335/2025/NĐ-CP'),
    ('score_htnv', 50, 'Điểm tối thiểu xếp loại HTNV', 'NĐ 335/2025/NĐ-CP'),
    ('retirement_age_male', 61.5, 'Tuổi nghỉ hưu của nam (năm 2026)', 'BLLĐ 2019, NĐ 135/2020/NĐ-CP (chưa kiểm chứng)'),
    ('retirement_age_female', 57, 'Tuổi nghỉ hưu của nữ (năm 2026)', 'BLLĐ 2019, NĐ 135/2020/NĐ-CP (chưa kiểm chứng)'),
    ('review_khtnv_years', 2, 'Số năm gần nhất xét xếp loại KHTNV (năm trước hoặc năm hiện tại)', 'NĐ 154/2025/NĐ-CP');

create table fields (
    field varchar primary key,
    sensitive boolean not null,
    legal_source varchar
);

insert into fields values
    ('Đất đai', true, 'Kế hoạch phường Việt Hòa 2026, nhiệm vụ 3'),
    ('Xây dựng', true, 'Kế hoạch phường Việt Hòa 2026, nhiệm vụ 3'),
    ('Tài chính – Kế toán', true, 'Kế hoạch phường Việt Hòa 2026, nhiệm vụ 3'),
    ('Công nghệ thông tin', true, 'Kế hoạch phường Việt Hòa 2026, nhiệm vụ 3'),
    ('Giáo dục', true, 'Kế hoạch phường Việt Hòa 2026, nhiệm vụ 3'),
    ('Y tế', true, 'Kế hoạch phường Việt Hòa 2026, nhiệm vụ 3'),
    ('Dân tộc', true, 'Kế hoạch phường Việt Hòa 2026, nhiệm vụ 3'),
    ('Tôn giáo', true, 'Kế hoạch phường Việt Hòa 2026, nhiệm vụ 3'),
    ('Khiếu nại – Tố cáo', true, 'Kế hoạch phường Việt Hòa 2026, nhiệm vụ 3'),
    ('Tư pháp – Hộ tịch', true, 'Bổ sung theo DOMAIN.md §1 (có thể tắt)'),
    ('Tài nguyên – Môi trường', true, 'Bổ sung theo DOMAIN.md §1 (có thể tắt)'),
    ('Văn hóa – Xã hội', false, null),
    ('Lao động – Thương binh và Xã hội', false, null),
    ('Kinh tế', false, null),
    ('Nội vụ', false, null),
    ('Văn phòng – Tổng hợp', false, null),
    ('Quân sự – Quốc phòng', false, null),
    ('Công an', false, null),
    ('Lãnh đạo, quản lý', false, null);

create sequence standard_id_seq start 100;

-- criterion: education_level | major | political_theory | state_management | certificate
-- applies_to: all | leader | field | position
create table standards (
    standard_id integer primary key default nextval('standard_id_seq'),
    criterion varchar not null,
    applies_to varchar not null,
    target varchar,                   -- the field or position when applies_to is field / position
    required varchar not null,        -- a level, or major keywords separated by ';'
    legal_source varchar not null,
    note varchar,
    active boolean not null default true,
    updated_at timestamp not null default current_timestamp,
    updated_by varchar not null default 'hệ thống'
);

insert into standards (standard_id, criterion, applies_to, target, required, legal_source, note) values
    (1, 'education_level', 'all', null, 'Đại học', 'NĐ 33/2023/NĐ-CP, Điều 10', 'Công chức cấp xã: tốt nghiệp đại học trở lên'),
    (2, 'political_theory', 'leader', null, 'Trung cấp', 'QĐ 71-QĐ/TU, 396-QĐ/TU (chưa kiểm chứng)', 'Lãnh đạo đơn vị thuộc phường'),
    (3, 'state_management', 'leader', null, 'Chuyên viên', 'QĐ 71-QĐ/TU, 396-QĐ/TU (chưa kiểm chứng)', 'Lãnh đạo đơn vị thuộc phường'),
    (4, 'certificate', 'position', 'Kế toán trưởng', 'Kế toán trưởng', 'Luật Kế toán 2015 (chưa kiểm chứng)', 'Chứng chỉ bồi dưỡng kế toán trưởng'),
    (10, 'major', 'field', 'Đất đai', 'Quản lý đất đai; Địa chính; Trắc địa; Đất đai', 'NĐ 33/2023/NĐ-CP, Điều 10 (ngành phù hợp; chưa kiểm chứng)', null),
    (11, 'major', 'field', 'Xây dựng', 'Xây dựng; Kiến trúc; Quy hoạch; Giao thông', 'NĐ 33/2023/NĐ-CP, Điều 10 (ngành phù hợp; chưa kiểm chứng)', null),
    (12, 'major', 'field', 'Tài chính – Kế toán', 'Kế toán; Kiểm toán; Tài chính; Ngân hàng', 'NĐ 33/2023/NĐ-CP, Điều 10 (ngành phù hợp; chưa kiểm chứng)', null),
    (13, 'major', 'field', 'Tư pháp – Hộ tịch', 'Luật', 'NĐ 33/2023/NĐ-CP, Điều 10 (ngành phù hợp; chưa kiểm chứng)', null),
    (14, 'major', 'field', 'Khiếu nại – Tố cáo', 'Luật', 'NĐ 33/2023/NĐ-CP, Điều 10 (ngành phù hợp; chưa kiểm chứng)', null),
    (15, 'major', 'field', 'Công nghệ thông tin', 'Công nghệ thông tin; CNTT; Tin học; Khoa học máy tính; Điện tử viễn thông; Hệ thống thông tin; Kỹ thuật phần mềm', 'NĐ 33/2023/NĐ-CP, Điều 10 (ngành phù hợp; chưa kiểm chứng)', null),
    (16, 'major', 'field', 'Y tế', 'Y; Dược; Điều dưỡng; Y tế', 'NĐ 33/2023/NĐ-CP, Điều 10 (ngành phù hợp; chưa kiểm chứng)', null),
    (17, 'major', 'field', 'Giáo dục', 'Sư phạm; Quản lý giáo dục; Giáo dục', 'NĐ 33/2023/NĐ-CP, Điều 10 (ngành phù hợp; chưa kiểm chứng)', null),
    (18, 'major', 'field', 'Văn hóa – Xã hội', 'Văn hóa; Xã hội học; Công tác xã hội; Xã hội', 'NĐ 33/2023/NĐ-CP, Điều 10 (ngành phù hợp; chưa kiểm chứng)', null),
    (19, 'major', 'field', 'Tài nguyên – Môi trường', 'Môi trường; Tài nguyên; Quản lý đất đai', 'NĐ 33/2023/NĐ-CP, Điều 10 (ngành phù hợp; chưa kiểm chứng)', null);

create sequence standard_change_seq start 1;

create table standards_history (
    change_id bigint primary key default nextval('standard_change_seq'),
    standard_id integer not null,
    action varchar not null,          -- insert | update | deactivate
    before json,
    after json,
    changed_by varchar not null,
    changed_at timestamp not null default current_timestamp
);
