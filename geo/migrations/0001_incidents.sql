-- The incident table: the columns of geo.incidents.COLUMNS plus a WGS84 point.
CREATE EXTENSION IF NOT EXISTS postgis;

CREATE TABLE incidents (
    event_id       text PRIMARY KEY,
    -- ISO 8601 (YYYY-MM-DD), kept as written; ISO strings sort as dates under COLLATE "C"
    event_date     text COLLATE "C" NOT NULL,
    time_precision integer,
    event_type     text NOT NULL DEFAULT '',
    sub_event_type text NOT NULL DEFAULT '',
    actor1         text NOT NULL DEFAULT '',
    inter1         integer,
    actor2         text NOT NULL DEFAULT '',
    inter2         integer,
    country        text NOT NULL DEFAULT '',
    admin1         text NOT NULL DEFAULT '',
    admin2         text NOT NULL DEFAULT '',
    location       text NOT NULL DEFAULT '',
    latitude       double precision,
    longitude      double precision,
    geo_precision  integer,
    source         text NOT NULL DEFAULT '',
    notes          text NOT NULL DEFAULT '',
    fatalities     integer,
    country_code   text NOT NULL DEFAULT '',
    doc_id         text NOT NULL DEFAULT '',
    source_url     text NOT NULL DEFAULT '',
    evidence       text NOT NULL DEFAULT '',
    char_start     integer,
    char_end       integer,
    confidence     double precision,
    place_id       text NOT NULL DEFAULT '',
    geocoder       text NOT NULL DEFAULT '',
    geom           geometry(Point, 4326),
    CONSTRAINT incidents_coordinates CHECK ((latitude IS NULL) = (longitude IS NULL))
);

COMMENT ON TABLE incidents IS 'Frontier Incident Map: one record per report of an incident (ACLED columns)';

-- One row per write that changed the store (or the first write): exists() and the data version of the app.
CREATE TABLE store_writes (
    id         bigserial PRIMARY KEY,
    written_at timestamptz NOT NULL DEFAULT now(),
    inserted   integer NOT NULL,
    updated    integer NOT NULL,
    deleted    integer NOT NULL,
    total      integer NOT NULL
);
