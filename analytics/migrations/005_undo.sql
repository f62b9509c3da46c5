-- Undo of an import: its rows are removed, the original stays in the archive marked undone, and
-- importing the same file again brings it back under the same import_id. ``revision`` counts
-- undos and re-imports, so the data version changes on each (analytics.queries.data_version).
alter table imports add column undone_at timestamp;
alter table imports add column undone_by varchar;
alter table imports add column revision integer default 0;
