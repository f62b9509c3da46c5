-- Sign-in and the audit log. Passwords are kept only as argon2id hashes (analytics/accounts.py).
-- Times are UTC; screens and exports show them in Vietnam time.
create table accounts (
    username varchar primary key,     -- lower case, NFC
    role varchar not null,            -- leader | hr | unit_head | viewer (analytics/policy.py)
    unit varchar,                     -- a unit head's own unit
    ward varchar,                     -- null: every ward (the city's Sở Nội vụ)
    password_hash varchar not null,
    active boolean not null default true,
    failed_attempts integer not null default 0,
    locked_until timestamp,
    created_at timestamp not null,
    created_by varchar,
    password_changed_at timestamp not null,
    last_sign_in_at timestamp
);

-- Append-only: the code only ever inserts. Each row carries the hash of the one before it, so
-- an edited or deleted row breaks the chain, and ``audit_head`` keeps the newest id and hash, so
-- rows removed from the end show too (analytics.audit.verify).
create table audit_log (
    audit_id bigint primary key,      -- 1, 2, 3, … without a gap
    occurred_at timestamp not null,
    username varchar,
    role varchar,
    action varchar not null,          -- analytics.audit.ACTIONS
    outcome varchar not null,         -- ok | failed | refused | rejected
    detail varchar,
    address varchar,
    prev_hash varchar,
    hash varchar not null
);

create index audit_log_at_idx on audit_log (occurred_at);

create table audit_head (
    last_id bigint not null,
    last_hash varchar not null
);

insert into settings values
    ('signin_max_failures', 5, 'Số lần đăng nhập sai liên tiếp thì tạm khóa tài khoản', 'Quy chế bảo đảm an toàn thông tin (mặc định, sửa được)'),
    ('signin_lockout_minutes', 15, 'Số phút tạm khóa tài khoản sau khi đăng nhập sai quá số lần', 'Quy chế bảo đảm an toàn thông tin (mặc định, sửa được)'),
    ('session_idle_minutes', 30, 'Số phút không thao tác thì phiên đăng nhập hết hạn', 'Quy chế bảo đảm an toàn thông tin (mặc định, sửa được)'),
    ('small_cell_threshold', 3, 'Ô số liệu tổng hợp ít hơn số người này hiện "< N" với vai trò người xem', 'Luật Bảo vệ dữ liệu cá nhân 2025; NĐ 13/2023/NĐ-CP (chưa kiểm chứng)');
