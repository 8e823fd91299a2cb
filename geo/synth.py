"""Synthetic incidents for demos and benchmarks, clearly marked as such.

:func:`synthesize` draws ``n`` ACLED-style incidents in the Pakistan-
Afghanistan border region with a plausible shape: most of them in Khyber
Pakhtunkhwa (above all the former FATA districts and the southern districts),
Balochistan and the eastern Afghan provinces; actors, event types and
sub-event types with realistic relative frequencies; dates spread over
several years with a rising trend; skewed fatality counts, some unknown.
Points fall inside the district polygons of ``data/boundaries/admin2``;
when a gazetteer is given, most incidents sit at (or near) one of the
district's towns, as real reporting does.

Every record says it is synthetic: ``source`` is ``"synthetic"``, ``notes``
is ``"SYNTHETIC"``, ``doc_id`` starts with ``synthetic-`` and the evidence
sentence starts with ``SYNTHETIC:``. The same ``seed`` gives the same frame.

Examples
--------
>>> gdf = synthesize(200, seed=1)
>>> len(gdf), set(gdf["source"]), set(gdf["notes"])
(200, {'synthetic'}, {'SYNTHETIC'})
>>> synthesize(50, seed=1)["event_id"].tolist() == synthesize(50, seed=1)["event_id"].tolist()
True
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from pathlib import Path
from typing import Final

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo import settings
from geo.errors import InputError
from geo.gazetteer import Place
from geo.incidents import COLUMNS, make_event_id, normalise_frame

logger = logging.getLogger(__name__)

SYNTHETIC_SOURCE: Final = "synthetic"
SYNTHETIC_NOTE: Final = "SYNTHETIC"
#: Default place of the synthetic store (a GeoPackage in the store's format).
DEFAULT_PATH: Final[Path] = settings.DATA_DIR / "synthetic.gpkg"

COUNTRY_NAMES: Final[dict[str, str]] = {"PK": "Pakistan", "AF": "Afghanistan"}
COUNTRY_SHARE: Final[dict[str, float]] = {"PK": 0.64, "AF": 0.36}

#: Relative weight of each province within its country (others: weight 0.1).
PROVINCE_WEIGHTS: Final[dict[str, float]] = {
    "Khyber Pakhtunkhwa": 55,
    "Balochistan": 30,
    "Punjab": 6,
    "Sindh": 5,
    "Gilgit-Baltistan": 2,
    "Islamabad Capital Territory": 1,
    "Azad Kashmir": 1,
    "Nangarhar": 14,
    "Kunar": 10,
    "Khost": 10,
    "Paktika": 10,
    "Kabul": 8,
    "Paktia": 7,
    "Kandahar": 5,
    "Helmand": 4,
    "Laghman": 4,
    "Ghazni": 4,
    "Nuristan": 3,
    "Zabul": 3,
    "Logar": 3,
}
#: Districts weighted up within their province (former FATA, the southern KP belt).
DISTRICT_WEIGHTS: Final[dict[str, float]] = {
    "North Waziristan": 6,
    "South Waziristan": 5,
    "Bajaur": 4,
    "Khyber": 4,
    "Kurram": 4,
    "Mohmand": 3,
    "Orakzai": 3,
    "Bannu": 4,
    "Lakki Marwat": 4,
    "Dera Ismail Khan": 4,
    "Tank": 3,
    "Peshawar": 3,
    "Quetta": 4,
    "Kech": 3,
    "Gwadar": 2,
}

#: Actors: name -> (ACLED inter code, countries where it acts, relative frequency).
ACTORS: Final[dict[str, tuple[int, tuple[str, ...], float]]] = {
    "TTP: Tehreek-e-Taliban Pakistan": (2, ("PK", "AF"), 24),
    "Military Forces of Pakistan": (1, ("PK", "AF"), 22),
    "Police Forces of Pakistan": (1, ("PK",), 8),
    "BLA: Baloch Liberation Army": (2, ("PK",), 8),
    "IS-K: Islamic State Khorasan Province": (2, ("PK", "AF"), 6),
    "Hafiz Gul Bahadur Group": (2, ("PK",), 3),
    "Lashkar-e-Islam": (2, ("PK",), 2),
    "Unidentified Armed Group (Pakistan)": (3, ("PK",), 12),
    "Military Forces of Afghanistan (2021-): Afghan Taliban": (1, ("AF",), 20),
    "NRF: National Resistance Front": (2, ("AF",), 3),
    "Unidentified Armed Group (Afghanistan)": (3, ("AF",), 8),
}
STATE_FORCES: Final[dict[str, str]] = {
    "PK": "Military Forces of Pakistan",
    "AF": "Military Forces of Afghanistan (2021-): Afghan Taliban",
}

#: (event type, sub-event type) -> (relative frequency, mean fatalities).
EVENTS: Final[dict[tuple[str, str], tuple[float, float]]] = {
    ("Battles", "Armed clash"): (30, 3.0),
    ("Explosions/Remote violence", "Remote explosive/landmine/IED"): (12, 2.5),
    ("Explosions/Remote violence", "Air/drone strike"): (6, 5.0),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack"): (6, 2.0),
    ("Explosions/Remote violence", "Suicide bomb"): (3, 12.0),
    ("Explosions/Remote violence", "Grenade"): (3, 1.0),
    ("Violence against civilians", "Attack"): (15, 1.5),
    ("Violence against civilians", "Abduction/forced disappearance"): (5, 0.1),
    ("Strategic developments", "Arrests"): (6, 0.0),
    ("Strategic developments", "Looting/property destruction"): (3, 0.0),
    ("Strategic developments", "Disrupted weapons use"): (4, 0.2),
    ("Protests", "Peaceful protest"): (5, 0.0),
    ("Riots", "Mob violence"): (2, 0.3),
}
VERBS: Final[dict[str, str]] = {
    "Armed clash": "clashed with",
    "Remote explosive/landmine/IED": "detonated an IED targeting",
    "Air/drone strike": "carried out an air or drone strike on",
    "Shelling/artillery/missile attack": "shelled positions of",
    "Suicide bomb": "carried out a suicide bombing against",
    "Grenade": "threw a grenade at",
    "Attack": "attacked",
    "Abduction/forced disappearance": "abducted",
    "Arrests": "arrested suspects among",
    "Looting/property destruction": "destroyed property of",
    "Disrupted weapons use": "defused explosives planted by",
    "Peaceful protest": "protested against",
    "Mob violence": "rioted against",
}


def _weights(values: Iterable[float]) -> np.ndarray:
    w = np.asarray(list(values), dtype=float)
    return w / w.sum()


def _points_in(polygon: shapely.Geometry, k: int, rng: np.random.Generator) -> np.ndarray:
    """``k`` uniform random (lon, lat) points inside ``polygon`` (rejection sampling)."""
    minx, miny, maxx, maxy = polygon.bounds
    out: list[np.ndarray] = []
    got = 0
    shapely.prepare(polygon)
    while got < k:
        m = max(16, int((k - got) * 2.5))
        xs = rng.uniform(minx, maxx, m)
        ys = rng.uniform(miny, maxy, m)
        inside = shapely.contains_xy(polygon, xs, ys)
        pts = np.column_stack([xs[inside], ys[inside]])
        out.append(pts)
        got += len(pts)
    return np.concatenate(out)[:k]


def _load_districts(boundaries_dir: str | Path | None) -> gpd.GeoDataFrame:
    folder = Path(boundaries_dir) if boundaries_dir is not None else settings.BOUNDARIES_DIR
    path = folder / "admin2.geojson"
    if not path.is_file():
        msg = f"district polygons not found: {path}"
        raise InputError(msg, path=path)
    districts = gpd.read_file(path)
    return districts[districts["country_code"].isin(list(COUNTRY_NAMES))].reset_index(drop=True)


def _district_probabilities(districts: gpd.GeoDataFrame) -> np.ndarray:
    prob = np.zeros(len(districts))
    for cc, share in COUNTRY_SHARE.items():
        in_cc = (districts["country_code"] == cc).to_numpy()
        prov_w = districts.loc[in_cc, "admin1"].map(lambda a: PROVINCE_WEIGHTS.get(a, 0.1)).to_numpy(float)
        dist_w = districts.loc[in_cc, "name"].map(lambda d: DISTRICT_WEIGHTS.get(d, 1.0)).to_numpy(float)
        # a province's weight is shared by its districts in proportion to their own weights
        prov_tot = pd.Series(dist_w).groupby(districts.loc[in_cc, "admin1"].to_numpy()).transform("sum").to_numpy()
        w = prov_w * dist_w / prov_tot
        prob[in_cc] = share * w / w.sum()
    return prob / prob.sum()


def _towns_by_district(districts: gpd.GeoDataFrame, places: Iterable[Place] | None) -> dict[int, pd.DataFrame]:
    if places is None:
        return {}
    towns = [
        (p.name, p.lon, p.lat, max(p.population, 500))
        for p in places
        if p.feature_type in ("town", "city", "village") and p.country_code in COUNTRY_NAMES
    ]
    if not towns:
        return {}
    frame = pd.DataFrame(towns, columns=["name", "lon", "lat", "population"])
    pts = gpd.GeoDataFrame(frame, geometry=gpd.points_from_xy(frame["lon"], frame["lat"]), crs=settings.CRS)
    joined = gpd.sjoin(pts, districts[["geometry"]], predicate="within", how="inner")
    return {int(k): g[["name", "lon", "lat", "population"]] for k, g in joined.groupby("index_right")}


def synthesize(
    n: int,
    *,
    seed: int = 0,
    places: Iterable[Place] | None = None,
    boundaries_dir: str | Path | None = None,
    start: dt.date = dt.date(2022, 1, 1),
    end: dt.date = dt.date(2025, 12, 31),
) -> gpd.GeoDataFrame:
    """Draw ``n`` synthetic incidents in the border region.

    Parameters
    ----------
    n
        How many incidents.
    seed
        Seed of the random generator: the same seed gives the same frame.
    places
        Gazetteer places (e.g. a :class:`geo.gazetteer.Gazetteer`); when
        given, about 70 % of the incidents are located at a town of their
        district (``geo_precision`` 1) or near it (2).
    boundaries_dir
        Folder with ``admin2.geojson`` (default: ``data/boundaries``).
    start, end
        Date range of the incidents (inclusive).

    Returns
    -------
    geopandas.GeoDataFrame
        Incidents in the schema of :mod:`geo.incidents`, sorted by date.

    Raises
    ------
    geo.errors.InputError
        ``n`` is negative or the district polygons are missing.
    """
    if n < 0:
        msg = f"n must be >= 0, got {n}"
        raise InputError(msg, field="n")
    rng = np.random.default_rng(seed)
    districts = _load_districts(boundaries_dir)
    towns = _towns_by_district(districts, places)

    # where: district by weight, then a town of it or a point inside it
    d_idx = rng.choice(len(districts), size=n, p=_district_probabilities(districts))
    lon = np.empty(n)
    lat = np.empty(n)
    location = np.empty(n, dtype=object)
    geo_precision = np.empty(n, dtype=np.int64)
    for d in np.unique(d_idx):
        rows = np.flatnonzero(d_idx == d)
        row = districts.iloc[int(d)]
        pts = _points_in(row.geometry, len(rows), rng)
        lon[rows], lat[rows] = pts[:, 0], pts[:, 1]
        location[rows] = row["name"]
        geo_precision[rows] = np.where(rng.random(len(rows)) < 0.15, 3, 2)
        town = towns.get(int(d))
        if town is not None and len(town):
            at_town = rng.random(len(rows)) < 0.7
            k = int(at_town.sum())
            pick = rng.choice(len(town), size=k, p=_weights(np.sqrt(town["population"].to_numpy(float))))
            sel = rows[at_town]
            near = rng.random(k) < 0.3  # "near <town>": a few km off, still coded to the town
            jitter = np.where(near, 0.03, 0.0)
            lon[sel] = town["lon"].to_numpy()[pick] + rng.normal(0, 1, k) * jitter
            lat[sel] = town["lat"].to_numpy()[pick] + rng.normal(0, 1, k) * jitter
            location[sel] = town["name"].to_numpy()[pick]
            geo_precision[sel] = np.where(near, 2, 1)
    cc = districts["country_code"].to_numpy()[d_idx]
    admin1 = districts["admin1"].to_numpy()[d_idx]
    admin2 = districts["name"].to_numpy()[d_idx]

    # what: event type and sub-event type
    kinds = list(EVENTS)
    k_idx = rng.choice(len(kinds), size=n, p=_weights(v[0] for v in EVENTS.values()))
    event_type = np.array([k[0] for k in kinds], dtype=object)[k_idx]
    sub_event = np.array([k[1] for k in kinds], dtype=object)[k_idx]

    # who: actor1 among the actors active in the country; actor2 by event type
    actor1 = np.empty(n, dtype=object)
    actor2 = np.empty(n, dtype=object)
    for code in COUNTRY_NAMES:
        rows = np.flatnonzero(cc == code)
        names = [a for a, (_, where, _) in ACTORS.items() if code in where]
        actor1[rows] = np.array(names, dtype=object)[
            rng.choice(len(names), size=len(rows), p=_weights(ACTORS[a][2] for a in names))
        ]
        state = STATE_FORCES[code]
        civilians = f"Civilians ({COUNTRY_NAMES[code]})"
        a1 = actor1[rows]
        et = event_type[rows]
        is_state = np.array([ACTORS[a][0] == 1 for a in a1], dtype=bool)
        nonstate = [a for a in names if ACTORS[a][0] != 1]
        other_side = np.where(
            is_state,
            np.array(nonstate, dtype=object)[rng.integers(0, len(nonstate), len(rows))],
            state,
        )
        a2 = np.where(
            et == "Violence against civilians",
            civilians,
            np.where(
                et == "Battles",
                other_side,
                np.where(rng.random(len(rows)) < 0.5, civilians, np.where(rng.random(len(rows)) < 0.6, other_side, "")),
            ),
        )
        protests = et == "Protests"
        riots = et == "Riots"
        a1 = np.where(protests, f"Protesters ({COUNTRY_NAMES[code]})", a1)
        a1 = np.where(riots, f"Rioters ({COUNTRY_NAMES[code]})", a1)
        a2 = np.where(protests | riots, np.where(rng.random(len(rows)) < 0.5, state, ""), a2)
        a2 = np.where(et == "Strategic developments", np.where(is_state, other_side, ""), a2)
        # air strikes and shelling are carried out by state forces; the group becomes the target
        state_only = np.isin(sub_event[rows], ["Air/drone strike", "Shelling/artillery/missile attack"]) & ~is_state
        a2 = np.where(state_only, a1, a2)
        a1 = np.where(state_only, state, a1)
        actor1[rows] = a1
        actor2[rows] = a2
    inter = {a: v[0] for a, v in ACTORS.items()}

    def inter_code(a: str) -> int | None:
        if not a:
            return None
        if a.startswith("Civilians"):
            return 7
        if a.startswith("Protesters"):
            return 6
        if a.startswith("Rioters"):
            return 5
        return inter.get(a)

    # when: a rising trend over the range (density grows linearly, x2.5 at the end)
    span = (end - start).days + 1
    u = rng.random(n)
    a, b = 1.0, 1.5  # density a + b*t on [0, 1]: inverse CDF
    t = (-a + np.sqrt(a * a + 2 * b * u * (a + b / 2))) / b
    days = np.minimum((t * span).astype(int), span - 1)
    dates = pd.to_datetime(start) + pd.to_timedelta(days, unit="D")
    time_precision = rng.choice([1, 2, 3], size=n, p=[0.82, 0.13, 0.05])

    # how many: negative binomial around the event's mean (heavily skewed), 6 % unknown
    means = np.array([EVENTS[k][1] for k in kinds])[k_idx]
    shape = 0.6
    fat = np.where(means > 0, rng.negative_binomial(shape, shape / (shape + np.maximum(means, 1e-9))), 0)
    fatalities = pd.array(fat, dtype="Int64")
    fatalities[rng.random(n) < 0.06] = pd.NA

    evidence = [
        f"SYNTHETIC: {x1 or 'Unidentified actors'} {VERBS[s]} {x2 or 'targets'} in {a1n}."
        for x1, x2, s, a1n in zip(actor1, actor2, sub_event, admin1, strict=True)
    ]
    doc_id = f"synthetic-s{seed}"
    frame = pd.DataFrame(
        {
            "event_id": [make_event_id(doc_id, i, i, et) for i, et in enumerate(event_type)],
            "event_date": dates.strftime("%Y-%m-%d"),
            "time_precision": time_precision,
            "event_type": event_type,
            "sub_event_type": sub_event,
            "actor1": actor1,
            "inter1": [inter_code(x) for x in actor1],
            "actor2": actor2,
            "inter2": [inter_code(x) for x in actor2],
            "country": [COUNTRY_NAMES[c] for c in cc],
            "admin1": admin1,
            "admin2": admin2,
            "location": location,
            "latitude": np.round(lat, 5),
            "longitude": np.round(lon, 5),
            "geo_precision": geo_precision,
            "source": SYNTHETIC_SOURCE,
            "notes": SYNTHETIC_NOTE,
            "fatalities": fatalities,
            "country_code": cc,
            "doc_id": doc_id,
            "source_url": "",
            "evidence": evidence,
            "char_start": np.arange(n),
            "char_end": np.arange(n),
            "confidence": 1.0,
            "place_id": "",
            "geocoder": SYNTHETIC_SOURCE,
        },
        columns=list(COLUMNS),
    )
    frame = frame.sort_values(["event_date", "char_start"], kind="stable", ignore_index=True)
    gdf = normalise_frame(frame)
    logger.info("synthesized %d incidents (seed %d)", n, seed)
    return gdf


def is_synthetic(gdf: gpd.GeoDataFrame) -> bool:
    """Whether any incident of ``gdf`` is synthetic (``source == "synthetic"``)."""
    return bool(len(gdf)) and bool((gdf["source"] == SYNTHETIC_SOURCE).any())
