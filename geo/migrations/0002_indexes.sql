-- Indexes behind the app's filters: map bounds, dates, actors, types, places and the text search.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE INDEX incidents_geom_gist ON incidents USING gist (geom);
CREATE INDEX incidents_event_date ON incidents (event_date);
CREATE INDEX incidents_actor1 ON incidents (actor1);
CREATE INDEX incidents_actor2 ON incidents (actor2);
CREATE INDEX incidents_event_type ON incidents (event_type, sub_event_type);
CREATE INDEX incidents_admin ON incidents (country_code, admin1, admin2);
CREATE INDEX incidents_doc_id ON incidents (doc_id);

-- The text filter searches notes, evidence, location, actors and admin names (geo.filters.TEXT_COLUMNS).
-- One trigram index over their concatenation (joined by a unit separator) finds the candidates of a
-- case-insensitive substring search; each column is then checked exactly.
CREATE FUNCTION fim_search_text(notes text, evidence text, location text, actor1 text, actor2 text,
                                admin1 text, admin2 text)
    RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN notes || chr(31) || evidence || chr(31) || location || chr(31) || actor1 || chr(31) || actor2
           || chr(31) || admin1 || chr(31) || admin2;

CREATE INDEX incidents_text_trgm ON incidents
    USING gin (fim_search_text(notes, evidence, location, actor1, actor2, admin1, admin2) gin_trgm_ops);
