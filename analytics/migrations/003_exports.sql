-- The snapshot archive: every exported file (Excel, PDF, chart images) kept with what it showed.
-- ``figures`` holds the headline figures the comparison of two snapshots reads (head count,
-- qualification shares, gaps as staff_id + criterion, task statuses), so a comparison never
-- recomputes from data that has changed since.
create sequence export_id_seq start 1;

create table exports (
    export_id bigint primary key default nextval('export_id_seq'),
    kind varchar not null,            -- xlsx | pdf | png | zip
    view varchar not null,            -- toan-bo (whole dashboard) or a screen: tong-quan, trinh-do, ...
    scope json not null,              -- the reader's filters and role (analytics.scope.Scope)
    scope_text varchar not null,      -- the filters in Vietnamese, as printed on the file
    data_version varchar not null,    -- imports.progress_reports.standards_history high-water marks
    as_of date,                       -- the roster date the file shows
    created_at timestamp not null default current_timestamp,
    created_by varchar,
    file_name varchar not null,
    size_bytes bigint not null,
    bytes blob not null,
    figures json not null
);

create index exports_created_idx on exports (created_at);
