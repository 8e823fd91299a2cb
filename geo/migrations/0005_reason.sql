-- The incident decision's reason (geo.extract.decision): why a record has its confidence.
-- Records read from text below the confidence threshold are hidden by default; the index serves that filter.
ALTER TABLE incidents ADD COLUMN reason text NOT NULL DEFAULT '';
ALTER TABLE incidents_merged ADD COLUMN reason text NOT NULL DEFAULT '';
CREATE INDEX incidents_merged_confidence ON incidents_merged (confidence);
