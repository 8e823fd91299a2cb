-- The analyst's view: the reports of one incident by several articles merged into one record
-- (geo.incidents.merge_reports), rewritten in the transaction of each write. The app reads this table.
CREATE TABLE incidents_merged (LIKE incidents INCLUDING ALL);
