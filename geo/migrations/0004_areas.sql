-- Province and district polygons and the area each incident lies in, for the choropleth counts.
-- incident_areas is derived data: redone when the store changed (area_assignments holds the version).
CREATE TABLE areas (
    level    text NOT NULL,
    ordinal  integer NOT NULL,
    shape_id text NOT NULL,
    geom     geometry(MultiPolygon, 4326) NOT NULL,
    PRIMARY KEY (level, ordinal)
);
CREATE INDEX areas_geom_gist ON areas USING gist (geom);

CREATE TABLE incident_areas (
    source   text NOT NULL,
    level    text NOT NULL,
    event_id text NOT NULL,
    shape_id text NOT NULL,
    PRIMARY KEY (source, level, event_id)
);

CREATE TABLE area_assignments (
    source        text NOT NULL,
    level         text NOT NULL,
    store_version bigint NOT NULL,
    PRIMARY KEY (source, level)
);
