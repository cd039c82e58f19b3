#!/usr/bin/env python3
"""Build the place gazetteer of rex from the staged geographic data.

Usage:
    python3 scripts/gazetteer/build_places.py /work/shared/data/geo [--out Gazetteers/places]

Reads the GeoNames country dumps, the OCHA settlement list for Mali, the OpenStreetMap place
nodes (2019), the Natural Earth country outlines, the geoBoundaries outlines of Mali's regions
and cercles and the country facts (names, demonyms), and writes

    <out>/places.tsv     one entry per real place (format: Gazetteers/places/places.tsv header)
    <out>/demonyms.tsv   demonyms in English and French with the id of their country

Output is sorted and depends only on the input files, so a rerun gives identical bytes.
scripts/gazetteer/names-added.tsv (hand-made: id, names, source) adds spellings that analysts
write and no source has to generated entries ("Czech Republic", "Aguelhoc").
The hand-made files <out>/regions.tsv and <out>/places-added.tsv are read, not written: they
are checked (columns, coordinates, ids unique across all three files), and a GeoNames entry a
hand row replaces (its source column says `replaces geonames:N`) is left out of places.tsv.

Python 3 standard library only. The script checks its own output and stops with an error
message naming the problem if an invariant does not hold.
"""

import argparse
import collections
import csv
import glob
import json
import math
import os
import re
import sys
import unicodedata

# --------------------------------------------------------------------------------------------
# Settings

GEONAMES_CLASSES = set("PAHTLSV")          # R (roads, railways) and U (undersea) are left out
MATCH_KM = 10.0                            # same folded name within this distance: same place
DISAGREE_KM = 3.0                          # merged, but flag coords-disagree from this distance
VARIANT_KM = 2.0                           # different spelling within this distance: same place
NEAR_NAMESAKE_KM = 50.0                    # unmerged same name of another source: flag it
MIRROR_NEAR_KM = 10.0                      # mirrored point this close to a reference ...
MIRROR_FAR_KM = 30.0                       # ... while the given point is at least this far
SEAT_FAR_KM = 60.0                         # OCHA: a village this far from its commune's centre
BBOX_MARGIN_DEG = 0.05

# Demonym spellings missing from countries.json (one form per language and gender there).
EXTRA_DEMONYMS = {
    "BF": ["Burkinabè", "Burkinabé", "Burkinabes", "Burkinabès", "Burkinabés",
           "burkinabè", "burkinabé", "burkinabée", "burkinabés", "burkinabées"],
    "CI": ["Ivoirian", "Ivoirians"],
    "NE": ["Nigérien", "Nigériens"],
    "GB": ["Briton", "Britons"],
    "AE": ["Emirian"],
}

# OpenStreetMap `place` values kept, with the GeoNames feature kind they become.
OSM_KINDS = {
    "city": "P.PPL", "town": "P.PPL", "village": "P.PPL", "hamlet": "P.PPL",
    "village;hamlet": "P.PPL", "isolated_dwelling;hamlet": "P.PPL", "ham": "P.PPL",
    "isolated_dwelling": "P.PPL", "farm": "P.PPL", "allotments": "P.PPL", "plot": "P.PPL",
    "suburb": "P.PPL", "neighbourhood": "P.PPL", "quarter": "P.PPL", "Quartier": "P.PPL",
    "locality": "L.LCTY", "island": "T.ISL", "islet": "T.ISL",
}

OSM_FILES = {  # file -> country the extract was cut for (the extract has a buffer)
    "mli_osm_places.csv": "ML", "bfa_osm_places.csv": "BF", "ner_osm_places.csv": "NE",
    "mrt_osm_places.csv": "MR", "sen_gmb_osm_places.csv": "SN", "gin_osm_places.csv": "GN",
    "civ_osm_places.csv": "CI",
}

LIC_GEONAMES = "CC-BY-4.0"
LIC_OCHA = "CC-BY-IGO-3.0"
LIC_OSM = "ODbL-1.0"
LIC_COUNTRIES = "ODbL-1.0"
LIC_GEOBOUNDARIES = "CC-BY-4.0"

COLUMNS = ["id", "name", "kind", "country", "admin1", "admin2", "lat", "lon", "population",
           "names", "source", "licence", "flags"]


class BuildError(Exception):
    """A broken invariant or an unreadable input; the message says which."""


def fail(message):
    raise BuildError(message)


# --------------------------------------------------------------------------------------------
# Text

_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d"
                                    "\u202e\ufeff\u00ad"), None)
_MOJIBAKE = re.compile("[\u00c2-\u00f4][\u0080-\u00bf\u2018-\u203a\u0152\u0153\u0160\u0161"
                       "\u0178\u017d\u017e\u0192\u02c6\u02dc\u20ac\u2122]+")


def clean(text):
    """NFC, no invisible marks, single spaces."""
    text = unicodedata.normalize("NFC", text.translate(_INVISIBLE))
    return " ".join(text.split())


def repair_mojibake(text):
    """Undo UTF-8 bytes decoded as Latin-1 or Windows-1252 ("SÃ©gou" -> "Ségou").

    Returns (text, repaired?). Runs that do not decode as UTF-8 are left as they are."""
    def fix(match):
        run = match.group(0)
        for codec in ("latin-1", "cp1252"):
            try:
                return run.encode(codec).decode("utf-8")
            except (UnicodeEncodeError, UnicodeDecodeError):
                pass
        return run
    repaired = _MOJIBAKE.sub(fix, text)
    return repaired, repaired != text


def is_latin(text):
    """True when every letter is Latin script (modifier letters such as ʼ are allowed)."""
    for ch in text:
        if ch.isalpha():
            cat = unicodedata.category(ch)
            if cat == "Lm":
                continue
            if "LATIN" not in unicodedata.name(ch, ""):
                return False
    return True


_FOLD_MAP = str.maketrans({"-": " ", "'": " ", "\u2019": " ", "\u2018": " ", "\u02bc": " ",
                           "`": " ", "\u00b4": " ", "ø": "o", "đ": "d", "ł": "l", "ß": "ss",
                           "æ": "ae", "œ": "oe", "ɔ": "o", "ɛ": "e", "ɲ": "ny", "ŋ": "ng"})


def fold(text):
    """Accent-free, lower case, '-' and apostrophes as spaces: the key names are matched on."""
    text = unicodedata.normalize("NFKD", text.lower().translate(_FOLD_MAP))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(text.split())


def usable_alternate(name):
    """GeoNames alternate names worth matching: Latin script, with letters, not a code
    (IATA/ICAO "BKO", "GABS") and not a lower-case machine transliteration ("ba ma ke")."""
    if not name or not is_latin(name) or not any(ch.isalpha() for ch in name):
        return False
    if name.startswith("http"):
        return False
    if re.fullmatch(r"[A-Z]{2,4}", name):
        return False
    if not any(ch.isupper() for ch in name):
        return False
    return True


def levenshtein(a, b, limit):
    """Edit distance, or limit + 1 as soon as it must exceed limit."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


_NUMBER_TOKEN = re.compile(r"^(\d+|i|ii|iii|iv|v|vi|vii|viii|ix|x|xi|xii)$")


_FILLER_WORDS = {"ke", "centre", "ville", "village", "commune", "chef", "lieu"}


def numbers_in(key):
    return [t for t in re.findall(r"\d+|[a-z]+", key) if _NUMBER_TOKEN.match(t)]


def similar_spelling(a, b):
    """Folded names that are spellings of one name: same first letter, same numbers
    ("Kandiou 1" is not "Kandiou 2"), edit distance 1 (5-6 letters) or 2 (7 and more);
    names under 5 letters must be equal."""
    if a == b:
        return True
    ta, tb = a.split(), b.split()
    extra = set(ta) ^ set(tb)
    if extra and extra <= _FILLER_WORDS and (set(ta) <= set(tb) or set(tb) <= set(ta)):
        return min(len(a), len(b)) >= 5      # "Ké-Macina" / "Macina", "Molodo-Centre" / "Molodo"
    if len(a) < 5 or len(b) < 5 or a[0] != b[0] or numbers_in(a) != numbers_in(b):
        return False
    limit = 1 if min(len(a), len(b)) <= 6 else 2
    return levenshtein(a, b, limit) <= limit


def slug(text):
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


# --------------------------------------------------------------------------------------------
# Geometry

def km(lat1, lon1, lat2, lon2):
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


class Region:
    """A (multi)polygon with edges bucketed by latitude band, for fast point-in-polygon tests."""
    BAND = 0.1

    def __init__(self, key, geometry):
        self.key = key
        polys = geometry["coordinates"] if geometry["type"] == "MultiPolygon" \
            else [geometry["coordinates"]]
        self.bands = collections.defaultdict(list)
        xs, ys = [], []
        for poly in polys:
            for ring in poly:
                for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
                    xs.append(x1)
                    ys.append(y1)
                    if y1 == y2:
                        continue
                    lo, hi = min(y1, y2), max(y1, y2)
                    for band in range(math.floor(lo / self.BAND), math.floor(hi / self.BAND) + 1):
                        self.bands[band].append((x1, y1, x2, y2))
        self.bbox = (min(ys), min(xs), max(ys), max(xs))   # lat_min, lon_min, lat_max, lon_max

    def in_bbox(self, lat, lon, margin=0.0):
        a, b, c, d = self.bbox
        return a - margin <= lat <= c + margin and b - margin <= lon <= d + margin

    def contains(self, lat, lon):
        if not self.in_bbox(lat, lon):
            return False
        inside = False
        for x1, y1, x2, y2 in self.bands.get(math.floor(lat / self.BAND), ()):
            if (y1 > lat) != (y2 > lat):
                if lon < x1 + (lat - y1) * (x2 - x1) / (y2 - y1):
                    inside = not inside
        return inside



def find_twin(index, r):
    """An entry already made from the same source with one of the row's name keys, within VARIANT_KM of it."""
    for k in sorted(r["_keys"]):
        for e in index.get(k, ()):
            if km(r["_lat"], r["_lon"], e.lat, e.lon) <= VARIANT_KM:
                return e
    return None

def locate(regions, lat, lon):
    for region in regions:
        if region.contains(lat, lon):
            return region.key
    return None


class Grid:
    """Entries bucketed in 0.1° cells, to find the ones near a point."""
    def __init__(self):
        self.cells = collections.defaultdict(list)

    def add(self, item, lat, lon):
        self.cells[(math.floor(lat * 10), math.floor(lon * 10))].append(item)

    def near(self, lat, lon, radius_km):
        reach = int(radius_km / 11.0) + 1
        ci, cj = math.floor(lat * 10), math.floor(lon * 10)
        for i in range(ci - reach, ci + reach + 1):
            for j in range(cj - reach, cj + reach + 1):
                yield from self.cells.get((i, j), ())


# --------------------------------------------------------------------------------------------
# Entries

class Entry:
    """One row of places.tsv while it is being built."""
    __slots__ = ("id", "name", "kind", "country", "admin1", "admin2", "lat", "lon",
                 "population", "names", "sources", "licences", "flags", "keys", "primary")

    def __init__(self, id, name, kind, country, lat, lon, source, licence):
        self.id, self.name, self.kind, self.country = id, name, kind, country
        self.admin1 = self.admin2 = ""
        self.lat, self.lon = lat, lon
        self.population = ""
        self.names = []
        self.keys = set()          # folded names
        self.primary = set()       # folded preferred names (for sign checks)
        self.sources = [source]
        self.licences = {licence}
        self.flags = []
        self.add_name(name)

    def add_name(self, name):
        name = clean(name).replace("|", "/")
        if name and name not in self.names and is_latin(name):
            self.names.append(name)
            self.keys.add(fold(name))

    def flag(self, text):
        if text not in self.flags:
            self.flags.append(text)

    def row(self):
        others = sorted(n for n in self.names if n != self.name)
        return [self.id, self.name, self.kind, self.country, self.admin1, self.admin2,
                "%.5f" % self.lat, "%.5f" % self.lon, self.population,
                "|".join([self.name] + others), "+".join(self.sources),
                ";".join(sorted(self.licences)), "|".join(self.flags)]


def clean_admin(name):
    """'Ségou Region' -> 'Ségou', 'Cercle de Niono' -> 'Niono', 'Wilaya du Trarza' -> 'Trarza'."""
    name = clean(name)
    name = re.sub(r"^(Région|Region|Wilaya|District|Département|Province|Cercle|Préfecture)"
                  r"\s+(de la |de l[’']|des |du |de |d[’'] ?)", "", name)
    name = re.sub(r"\s+(Region|Cercle|Department|Province|Prefecture|Préfecture)$", "", name)
    return name


# --------------------------------------------------------------------------------------------
# Loading

def read_geonames(folder, stats):
    rows = {}
    for path in sorted(glob.glob(os.path.join(folder, "geonames", "*.txt"))):
        dump = os.path.basename(path)[:2]
        with open(path, encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                f = line.rstrip("\n").split("\t")
                if len(f) != 19:
                    fail("%s:%d: %d columns, GeoNames dumps have 19" % (path, number, len(f)))
                stats["geonames rows read"] += 1
                if f[6] not in GEONAMES_CLASSES:
                    stats["geonames rows of other classes (R, U) skipped"] += 1
                    continue
                key = f[0]
                if key in rows:
                    stats["geonames ids in two dumps (newest kept)"] += 1
                    old = rows[key]
                    newer = (f[18], f[8] == dump) > (old[0][18], old[0][8] == old[1])
                    if not newer:
                        continue
                rows[key] = (f, dump)
    return [rows[k] for k in sorted(rows, key=int)]


def read_ocha(folder):
    path = os.path.join(folder, "ocha-cod-mali-settlements", "mli_localites_ocha.csv")
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def read_osm(folder):
    rows, seen = [], set()
    for name in sorted(OSM_FILES):
        path = os.path.join(folder, "osm-places-2019", name)
        with open(path, encoding="utf-8", newline="") as handle:
            for r in csv.DictReader(handle):
                if r["osm_node_id"] in seen:
                    continue
                seen.add(r["osm_node_id"])
                r["file_country"] = OSM_FILES[name]
                rows.append(r)
    return rows


# --------------------------------------------------------------------------------------------
# Longitude sign repair

class Point:
    """A row of any source as a reference for the longitude-sign check."""
    __slots__ = ("source", "cls", "keys", "lat", "lon", "obj")

    def __init__(self, source, cls, keys, lat, lon, obj):
        self.source, self.cls, self.keys, self.lat, self.lon, self.obj = \
            source, cls, keys, lat, lon, obj


def mirror_verdict(lat, lon, refs, box=None):
    """Is the longitude's sign wrong? Compares the point and its mirror image (lon -> -lon)
    with same-named rows (refs) of other sources.

    'fix': more references lie within MIRROR_NEAR_KM of the mirrored point than of the given
    one, at least two (or one when the given point is outside the country's bounding box),
    all at least MIRROR_FAR_KM from the given point; the mirrored point is in the box.
    'suspect': a single reference near the mirrored point and none near the given one (one
    source against another: which is wrong is not known). None otherwise."""
    if not refs or abs(lon) < 0.05:
        return None
    if box is not None and not box.in_bbox(lat, -lon, BBOX_MARGIN_DEG):
        return None
    near_mirror = [r for r in refs if km(lat, -lon, r.lat, r.lon) <= MIRROR_NEAR_KM]
    near_given = [r for r in refs if km(lat, lon, r.lat, r.lon) <= MIRROR_NEAR_KM]
    if not near_mirror or len(near_mirror) <= len(near_given):
        return None
    if min(km(lat, lon, r.lat, r.lon) for r in near_mirror) < MIRROR_FAR_KM:
        return None
    outside = box is not None and not box.in_bbox(lat, lon, BBOX_MARGIN_DEG)
    if len(near_mirror) >= 2 or outside:
        return "fix"
    return "suspect" if not near_given else None


# --------------------------------------------------------------------------------------------
# Build

def build(geo, out):
    stats = collections.Counter()
    log = []

    # --- countries: names and outlines
    with open(os.path.join(geo, "country-facts", "countries.json"), encoding="utf-8") as h:
        countries = json.load(h)
    cca3_to_2 = {c["cca3"]: c["cca2"] for c in countries}
    with open(os.path.join(geo, "natural-earth", "ne_50m_admin_0_countries.json"),
              encoding="utf-8") as h:
        ne = json.load(h)
    outlines = {}
    for feature in ne["features"]:
        p = feature["properties"]
        cc = p.get("ISO_A2")
        if not cc or cc == "-99":
            cc = cca3_to_2.get(p.get("ADM0_A3"))
        if cc and cc not in outlines:
            outlines[cc] = Region(cc, feature["geometry"])
    west_africa_first = [outlines[c] for c in ("ML", "BF", "NE", "MR", "DZ", "SN", "GM", "GN",
                                               "CI", "GH", "TG", "BJ", "NG", "TD", "LY", "GW",
                                               "SL", "LR", "EH", "MA") if c in outlines]
    world = west_africa_first + [r for c, r in sorted(outlines.items())
                                 if r not in west_africa_first]

    # --- Mali's cercles (geoBoundaries) to fill missing admin names
    with open(os.path.join(geo, "geoboundaries-cgaz", "MLI_ADM2.geojson"), encoding="utf-8") as h:
        cercle_outlines = [Region(f["properties"]["shapeName"], f["geometry"])
                           for f in json.load(h)["features"]]

    # --- GeoNames
    gn_rows = read_geonames(geo, stats)
    entries = {}
    admin1_names, admin2_names = {}, {}
    cercles_by_key = {}                   # folded cercle name -> (admin1 code, geonames name)
    for f, _ in gn_rows:
        if f[7] == "ADM1":
            admin1_names[(f[8], f[10])] = clean_admin(repair_mojibake(f[1])[0])
        elif f[7] == "ADM2":
            admin2_names[(f[8], f[10], f[11])] = clean_admin(repair_mojibake(f[1])[0])
    admin2_by_code = collections.defaultdict(set)    # (country, admin2 code) -> names
    for (cc, a1, a2), name in admin2_names.items():
        admin2_by_code[(cc, a2)].add(name)
        if cc == "ML":
            cercles_by_key[fold(name)] = (a1, name)

    alt_dropped = 0
    for f, _ in gn_rows:
        gid, name, ascii_name, alternates = f[0], f[1], f[2], f[3]
        name, fixed = repair_mojibake(clean(name))
        try:
            lat, lon = float(f[4]), float(f[5])
        except ValueError:
            fail("geonames %s: coordinates %r %r are not numbers" % (gid, f[4], f[5]))
        e = Entry("geonames:" + gid, name, f[6] + "." + f[7], f[8], lat, lon,
                  "geonames", LIC_GEONAMES)
        if fixed:
            e.flag("mojibake-fixed")
            stats["geonames names with mojibake repaired"] += 1
        e.add_name(ascii_name)
        e.primary = {fold(name), fold(ascii_name)}
        for alt in alternates.split(","):
            alt = clean(alt)
            if usable_alternate(alt):
                e.add_name(repair_mojibake(alt)[0])
            elif alt:
                alt_dropped += 1
        e.admin1 = admin1_names.get((f[8], f[10]), "")
        e.admin2 = admin2_names.get((f[8], f[10], f[11]), "")
        if not e.admin2 and f[11] and len(admin2_by_code.get((f[8], f[11]), ())) == 1:
            e.admin2 = next(iter(admin2_by_code[(f[8], f[11])]))   # admin1 code out of date
        if f[14] and f[14] != "0":
            e.population = str(int(f[14]))
        entries[e.id] = e
        stats["geonames entries"] += 1
    stats["geonames alternate names dropped (script, code, transliteration)"] = alt_dropped

    # --- OCHA rows: repair names first
    ocha = read_ocha(geo)
    ocha_admin1 = {}
    ml_admin1_by_key = {fold(v): v for (cc, _), v in admin1_names.items() if cc == "ML"}
    ml_admin1_by_key["koulikouro"] = admin1_names.get(("ML", "07"), "Koulikoro")  # OCHA's typo
    for r in ocha:
        for col in ("featureNam", "featureRef", "featureAlt", "admin1Name", "admin2Name",
                    "admin3Name"):
            text, fixed = repair_mojibake(clean(r[col]))
            if fixed:
                stats["ocha values with mojibake repaired"] += 1
                r.setdefault("_flags", []).append("mojibake-fixed")
            r[col] = text
        r["_lat"], r["_lon"] = float(r["latitude"]), float(r["longitude"])
        r["_keys"] = {fold(r[c]) for c in ("featureNam", "featureRef", "featureAlt") if r[c]}
        r["_admin1"] = ml_admin1_by_key.get(fold(r["admin1Name"]), r["admin1Name"])
        cercle = cercles_by_key.get(fold(r["admin2Name"]))
        r["_admin2"] = cercle[1] if cercle else r["admin2Name"]
        ocha_admin1[r["admin1Pcod"]] = r["_admin1"]

    osm = read_osm(geo)
    for r in osm:
        r["_flags"] = []
        for col in ("name", "name_en"):
            text, fixed = repair_mojibake(clean(r[col]))
            if fixed:
                stats["osm values with mojibake repaired"] += 1
                r["_flags"].append("mojibake-fixed")
            r[col] = text
        r["_lat"], r["_lon"] = float(r["lat"]), float(r["lon"])
        r["_keys"] = {fold(r[c]) for c in ("name", "name_en") if r[c]}

    # --- longitude signs: references by folded name
    refs = collections.defaultdict(list)
    for e in entries.values():
        p = Point("geonames", e.kind[0], e.keys, e.lat, e.lon, e)
        for k in e.keys:
            refs[k].append(p)
    for r in ocha:
        p = Point("ocha", "P", r["_keys"], r["_lat"], r["_lon"], r)
        r["_point"] = p
        for k in r["_keys"]:
            refs[k].append(p)
    for r in osm:
        p = Point("osm", "P", r["_keys"], r["_lat"], r["_lon"], r)
        r["_point"] = p
        for k in r["_keys"]:
            refs[k].append(p)

    def references(keys, me, source, allow=lambda p: False):
        found = []
        for k in keys:
            for p in refs.get(k, ()):
                if p is me or p in found:
                    continue
                if p.source != source or allow(p):
                    found.append(p)
        return found

    # OCHA: against other sources, its commune seat (pcode …000) and its commune's centre
    by_pcode = {r["pcode"]: r for r in ocha}
    communes = collections.defaultdict(list)
    for r in ocha:
        communes[r["admin3Pcod"]].append(r)
    ml_box = outlines.get("ML")
    for r in ocha:
        seat = by_pcode.get(r["admin3Pcod"] + "000")
        point = r["_point"]
        given = mirrored = None            # distances to the centre of the commune
        others = [o for o in communes[r["admin3Pcod"]] if o is not r]
        if len(others) >= 3:
            mlat = sorted(o["_lat"] for o in others)[len(others) // 2]
            mlon = sorted(o["_lon"] for o in others)[len(others) // 2]
            given = km(r["_lat"], r["_lon"], mlat, mlon)
            mirrored = km(r["_lat"], -r["_lon"], mlat, mlon)
        allowed = (lambda p, seat=seat: seat is not None and p.obj is seat)
        verdict = mirror_verdict(r["_lat"], r["_lon"],
                                 references(r["_keys"], point, "ocha", allowed), ml_box)
        reason = "namesake"
        if verdict == "fix" and given is not None and mirrored > max(given, SEAT_FAR_KM):
            verdict = None                 # the mirror would leave the commune: keep it
            log.append("kept ocha:%s %s: its namesakes are mirrored, its commune is not"
                       % (r["pcode"], r["featureNam"]))
        if verdict == "suspect" and given is not None and given >= SEAT_FAR_KM \
                and mirrored <= given / 4:
            verdict, reason = "fix", "namesake and commune"
        if verdict is None and given is not None and not r["pcode"].endswith("000"):
            if given >= SEAT_FAR_KM and mirrored <= given / 4 \
                    and ml_box.in_bbox(r["_lat"], -r["_lon"], BBOX_MARGIN_DEG):
                verdict, reason = "fix", "commune"
            elif given >= 2 * SEAT_FAR_KM:
                r.setdefault("_flags", []).append("far-from-commune:%dkm" % round(given))
                stats["ocha rows far from their commune (flagged)"] += 1
        if verdict == "suspect":
            r.setdefault("_flags", []).append("lon-sign-suspect")
            log.append("lon-sign-suspect ocha:%s %s %.4f" % (r["pcode"], r["featureNam"], r["_lon"]))
            stats["ocha longitude signs suspect (flagged)"] += 1
        if verdict == "fix":
            log.append("lon-sign-fixed ocha:%s %s %.4f -> %.4f (%s)"
                       % (r["pcode"], r["featureNam"], r["_lon"], -r["_lon"], reason))
            r["_lon"] = point.lon = -r["_lon"]
            r.setdefault("_flags", []).append("lon-sign-fixed")
            stats["ocha longitude signs fixed"] += 1

    # GeoNames P rows: against other sources and GeoNames rows of other classes
    for e in entries.values():
        if e.kind[0] != "P":
            continue
        me = next(p for p in refs[next(iter(e.keys))] if p.obj is e)
        found = references(e.primary, me, "geonames", lambda p: p.cls != "P")
        verdict = mirror_verdict(e.lat, e.lon, found, outlines.get(e.country))
        if verdict == "suspect":
            e.flag("lon-sign-suspect")
            log.append("lon-sign-suspect %s %s %.4f" % (e.id, e.name, e.lon))
            stats["geonames longitude signs suspect (flagged)"] += 1
        if verdict == "fix":
            log.append("lon-sign-fixed %s %s %.4f -> %.4f" % (e.id, e.name, e.lon, -e.lon))
            e.lon = me.lon = -e.lon
            e.flag("lon-sign-fixed")
            stats["geonames longitude signs fixed"] += 1

    # OSM: against the other sources
    for r in osm:
        point = r["_point"]
        box = outlines.get(r["file_country"])
        verdict = mirror_verdict(r["_lat"], r["_lon"], references(r["_keys"], point, "osm"), box)
        if verdict == "suspect":
            r["_flags"].append("lon-sign-suspect")
            log.append("lon-sign-suspect osm:%s %s %.4f" % (r["osm_node_id"], r["name"], r["_lon"]))
            stats["osm longitude signs suspect (flagged)"] += 1
        if verdict == "fix":
            log.append("lon-sign-fixed osm:%s %s %.4f -> %.4f"
                       % (r["osm_node_id"], r["name"], r["_lon"], -r["_lon"]))
            r["_lon"] = point.lon = -r["_lon"]
            r["_flags"].append("lon-sign-fixed")
            stats["osm longitude signs fixed"] += 1

    # --- merge OCHA into GeoNames populated places
    by_key = collections.defaultdict(list)
    grid = Grid()
    for e in entries.values():
        if e.kind[0] == "P":
            for k in e.keys:
                by_key[k].append(e)
            grid.add(e, e.lat, e.lon)

    def same_name_match(keys, lat, lon):
        best = None
        for k in sorted(keys):
            for e in by_key.get(k, ()):
                d = km(lat, lon, e.lat, e.lon)
                if d <= MATCH_KM and (best is None or (d, e.id) < best[:2]):
                    best = (d, e.id, e)
        return best

    def variant_match(keys, lat, lon):
        best = None
        for e in grid.near(lat, lon, VARIANT_KM):
            d = km(lat, lon, e.lat, e.lon)
            if d > VARIANT_KM:
                continue
            for a in keys:
                for b in e.keys:
                    if similar_spelling(a, b):
                        if best is None or (d, e.id) < best[:2]:
                            best = (d, e.id, e)
        return best

    def absorb(e, d, source_tag, licence, names, flags, tag):
        e.sources.append(source_tag)
        e.licences.add(licence)
        for n in names:
            e.add_name(n)
        for fl in flags:
            e.flag(fl)
        if d >= DISAGREE_KM:
            e.flag("coords-disagree:%dkm" % round(d))
            stats[tag + " merged with coords 3-10 km apart (flagged)"] += 1

    new_ocha = {}
    for r in sorted(ocha, key=lambda r: r["pcode"]):
        names = [r[c] for c in ("featureNam", "featureRef", "featureAlt") if r[c]]
        flags = r.get("_flags", [])
        hit = same_name_match(r["_keys"], r["_lat"], r["_lon"])
        how = "same name"
        if hit is None:
            hit = variant_match(r["_keys"], r["_lat"], r["_lon"])
            how = "spelling variant"
        if hit is not None:
            d, _, e = hit
            absorb(e, d, "ocha:" + r["pcode"], LIC_OCHA, names,
                   flags + (["name-variant-merged"] if how != "same name" else []), "ocha")
            if not e.admin1:
                e.admin1 = r["_admin1"]
            if not e.admin2:
                e.admin2 = r["_admin2"]
            stats["ocha rows merged into geonames (%s)" % how] += 1
            continue
        # a repeat of an OCHA place already made an entry (same name within VARIANT_KM)?
        twin = find_twin(new_ocha, r)
        if twin is not None:
            absorb(twin, 0.0, "ocha:" + r["pcode"], LIC_OCHA, names, flags, "ocha")
            stats["ocha rows merged into another ocha row (duplicate)"] += 1
            continue
        e = Entry("ocha:" + r["pcode"], r["featureNam"] or r["featureRef"], "P.PPL", "ML",
                  r["_lat"], r["_lon"], "ocha", LIC_OCHA)
        for n in names:
            e.add_name(n)
        for fl in flags:
            e.flag(fl)
        e.admin1, e.admin2 = r["_admin1"], r["_admin2"]
        entries[e.id] = e
        for k in e.keys:
            new_ocha.setdefault(k, []).append(e)
        stats["ocha entries (no geonames match)"] += 1

    # OSM nodes may also merge into the OCHA entries
    for group in new_ocha.values():
        for e in group:
            for k in e.keys:
                if e not in by_key[k]:
                    by_key[k].append(e)
    for e in sorted({e for g in new_ocha.values() for e in g}, key=lambda e: e.id):
        grid.add(e, e.lat, e.lon)

    # --- merge OSM into populated places (GeoNames or OCHA)
    new_osm = {}
    for r in sorted(osm, key=lambda r: int(r["osm_node_id"])):
        kind = OSM_KINDS.get(r["place"])
        if kind is None:
            stats["osm nodes of other place types skipped"] += 1
            continue
        names = [r[c] for c in ("name", "name_en") if r[c]]
        if not any(is_latin(n) for n in names):
            stats["osm nodes without a Latin-script name skipped"] += 1
            continue
        hit = same_name_match(r["_keys"], r["_lat"], r["_lon"])
        how = "same name"
        if hit is None and kind == "P.PPL":
            hit = variant_match(r["_keys"], r["_lat"], r["_lon"])
            how = "spelling variant"
        if hit is not None:
            d, _, e = hit
            absorb(e, d, "osm:" + r["osm_node_id"], LIC_OSM, names,
                   r["_flags"] + (["name-variant-merged"] if how != "same name" else []), "osm")
            if not e.population and r["population"].strip().isdigit():
                e.population = str(int(r["population"].strip()))
            stats["osm nodes merged (%s)" % how] += 1
            continue
        twin = find_twin(new_osm, r)
        if twin is not None:
            absorb(twin, 0.0, "osm:" + r["osm_node_id"], LIC_OSM, names, r["_flags"], "osm")
            stats["osm nodes merged into another osm node (duplicate)"] += 1
            continue
        country = locate(world, r["_lat"], r["_lon"]) or r["file_country"]
        good = [n for n in names if is_latin(n)]
        e = Entry("osm:" + r["osm_node_id"], good[0], kind, country, r["_lat"], r["_lon"],
                  "osm", LIC_OSM)
        for n in good:
            e.add_name(n)
        for fl in r["_flags"]:
            e.flag(fl)
        if r["population"].strip().isdigit():
            e.population = str(int(r["population"].strip()))
        entries[e.id] = e
        for k in e.keys:
            new_osm.setdefault(k, []).append(e)
        stats["osm entries (no match)"] += 1
        if country != r["file_country"]:
            stats["osm entries outside the country of their extract (country from outline)"] += 1

    # --- same name, another source, 10-50 km away: the sources may disagree on one place
    by_key_all = collections.defaultdict(list)
    for e in entries.values():
        if e.kind[0] == "P":
            for k in e.keys:
                by_key_all[k].append(e)
    for e in entries.values():
        if e.kind[0] != "P" or e.sources[0] == "geonames":
            continue
        best = None
        for k in e.keys:
            for o in by_key_all[k]:
                if o is e or o.sources[0] == e.sources[0]:
                    continue
                d = km(e.lat, e.lon, o.lat, o.lon)
                if MATCH_KM < d <= NEAR_NAMESAKE_KM and (best is None or (d, o.id) < best):
                    best = (d, o.id)
        if best:
            e.flag("near-namesake:%s:%dkm" % (best[1], round(best[0])))
            stats["entries with a same-named entry of another source 10-50 km away (flagged)"] += 1

    # --- countries of the world
    pcli = {e.country: e for e in entries.values() if e.kind == "A.PCLI"}
    country_ids = {}
    for c in sorted(countries, key=lambda c: c["cca2"]):
        cc = c["cca2"]
        names = [c["name"]["common"], c["name"]["official"]]
        fra = c.get("translations", {}).get("fra", {})
        names += [fra.get("common", ""), fra.get("official", "")]
        for alt in c.get("altSpellings", []):
            if alt != cc and (any(ch.islower() for ch in alt) or re.fullmatch(r"[A-Z]{3,}", alt)):
                names.append(alt)
        names = [n for n in names if n and is_latin(n)]
        if cc in pcli:
            e = pcli[cc]
            for n in names:
                e.add_name(n)
            e.sources.append("countries")
            e.licences.add(LIC_COUNTRIES)
            stats["countries merged into a geonames PCLI row"] += 1
        else:
            lat, lon = c["latlng"] if len(c.get("latlng", [])) == 2 else (None, None)
            if lat is None:
                fail("countries.json: %s has no latlng" % cc)
            e = Entry("place:country-" + cc.lower(), c["name"]["common"], "A.PCLI", cc,
                      float(lat), float(lon), "countries", LIC_COUNTRIES)
            for n in names:
                e.add_name(n)
            entries[e.id] = e
            stats["country entries from countries.json"] += 1
        country_ids[cc] = e.id

    # --- names analysts write that no source has, for entries that exist (hand-made file)
    added_path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "names-added.tsv")
    for number, fields in read_tsv(added_path):
        where = "%s:%d" % (added_path, number)
        if len(fields) != 3 or not all(fields):
            fail("%s: expected id<TAB>names<TAB>source, all three filled" % where)
        e = entries.get(fields[0])
        if e is None:
            fail("%s: %s is not an entry of places.tsv" % (where, fields[0]))
        for n in fields[1].split("|"):
            if not n.strip() or not is_latin(n):
                fail("%s: bad name %r" % (where, n))
            e.add_name(n)
        if "names-added" not in e.sources:
            e.sources.append("names-added")
        stats["entries given names from names-added.tsv"] += 1

    # --- admin names for Mali from the cercle outlines where no source gave them
    for e in entries.values():
        if e.country != "ML" or e.kind[0] not in "PS" or (e.admin1 and e.admin2):
            continue                       # points only: a river or a region has no one cercle
        cercle = locate(cercle_outlines, e.lat, e.lon)
        if cercle is None:
            continue
        known = cercles_by_key.get(fold(cercle))
        if not e.admin2 and e.kind != "A.ADM2":
            e.admin2 = known[1] if known else cercle
            stats["mali entries given admin2 from the cercle outlines"] += 1
            if LIC_GEOBOUNDARIES not in e.licences:
                e.licences.add(LIC_GEOBOUNDARIES)
        if not e.admin1 and known:
            a1 = admin1_names.get(("ML", known[0]))
            if a1:
                e.admin1 = a1
                stats["mali entries given admin1 through their cercle"] += 1

    # --- outside the country's bounding box
    for e in entries.values():
        box = outlines.get(e.country)
        if box is not None and not box.in_bbox(e.lat, e.lon, BBOX_MARGIN_DEG):
            e.flag("outside-country-bbox")
            stats["entries outside their country's bounding box (flagged)"] += 1

    # --- hand-made files: check them and drop the GeoNames rows they replace
    hand_ids = {}
    for name in ("regions.tsv", "places-added.tsv"):
        path = os.path.join(out, name)
        if not os.path.exists(path):
            log.append("note: %s not found, not checked" % path)
            continue
        for number, fields in read_tsv(path):
            where = "%s:%d" % (path, number)
            check_row(fields, where, hand=True)
            if fields[0] in hand_ids:
                fail("%s: id %s also in %s" % (where, fields[0], hand_ids[fields[0]]))
            hand_ids[fields[0]] = where
            for replaced in re.findall(r"replaces (geonames:\d+)", fields[10]):
                if replaced in entries:
                    del entries[replaced]
                    stats["geonames entries replaced by a hand-made row"] += 1
                else:
                    fail("%s: replaces %s, which is not in the GeoNames dumps" % (where, replaced))
    for hid, where in hand_ids.items():
        if hid in entries:
            fail("%s: id %s is also generated into places.tsv" % (where, hid))

    # --- demonyms
    demonyms = build_demonyms(geo, countries, country_ids, stats)

    # --- write
    rows = [e.row() for e in entries.values()]
    rows.sort(key=lambda r: id_key(r[0]))
    seen = set()
    for row in rows:
        check_row(row, "places.tsv entry %s" % row[0], hand=False)
        if row[0] in seen:
            fail("places.tsv: id %s twice" % row[0])
        seen.add(row[0])
    for d in demonyms:
        if d[2] not in seen:
            fail("demonyms.tsv: %s points to %s, which is not in places.tsv" % (d[0], d[2]))

    os.makedirs(out, exist_ok=True)
    write_tsv(os.path.join(out, "places.tsv"), PLACES_HEADER, rows)
    write_tsv(os.path.join(out, "demonyms.tsv"), DEMONYMS_HEADER, demonyms)

    for source in ("geonames", "ocha", "osm", "countries"):
        stats["rows written with source " + source + " first"] = sum(
            1 for r in rows if r[10].split("+")[0] == source)
    stats["places.tsv rows"] = len(rows)
    stats["demonyms.tsv rows"] = len(demonyms)
    return stats, log, rows


def build_demonyms(geo, countries, country_ids, stats):
    """One row per form; a form shared by two countries goes to the independent / larger one."""
    info = {c["cca2"]: c for c in countries}
    forms = collections.defaultdict(set)
    with open(os.path.join(geo, "country-facts", "demonyms.csv"), encoding="utf-8",
              newline="") as h:
        for r in csv.DictReader(h):
            cc = r["cca2"]
            for col in ("demonym_en_m", "demonym_en_f"):
                for form in split_demonym(r[col]):
                    forms[form].add(cc)
                    if english_plural(form):
                        forms[english_plural(form)].add(cc)
            for col in ("demonym_fr_m", "demonym_fr_f"):
                for form in split_demonym(r[col]):
                    for f in (form, french_plural(form)):
                        forms[f].add(cc)
                        forms[f.lower()].add(cc)
    for cc, extra in EXTRA_DEMONYMS.items():
        for form in extra:
            forms[form].add(cc)
    rows = []
    for form in sorted(forms):
        ccs = sorted(forms[form], key=lambda c: (not info[c].get("independent", False),
                                                 -float(info[c].get("area", 0) or 0), c))
        if len(ccs) > 1:
            stats["demonyms shared by countries (given to the independent/larger one)"] += 1
        rows.append([form, ccs[0], country_ids[ccs[0]]])
    return rows


def split_demonym(text):
    parts = re.split(r",\s*|\s+et\s+|\s+and\s+", clean(text))
    return [p for p in parts if p]


def english_plural(form):
    if re.search(r"(ese|s|sh|ch|x|z)$", form):
        return None
    if form.endswith("man"):
        return form[:-3] + "men"
    return form + "s"


def french_plural(form):
    if re.search(r"[sxz]$", form):
        return form
    return form + "s"


# --------------------------------------------------------------------------------------------
# Files

PLACES_HEADER = """\
# Places of Mali and its neighbours, and the countries of the world: one entry per real place.
# Generated by scripts/gazetteer/build_places.py from /work/shared/data/geo; do not edit by hand
# (hand-made entries are in regions.tsv and places-added.tsv). Sources and licences: see
# Gazetteers/README.md. GeoNames (CC BY 4.0), OCHA COD Mali settlements (CC BY-IGO),
# OpenStreetMap (ODbL 1.0, © OpenStreetMap contributors), countries.json (ODbL 1.0),
# geoBoundaries (CC BY 4.0). Each row's licence column lists the licences of what went into it.
# Rebuild: python3 scripts/gazetteer/build_places.py /work/shared/data/geo
# FORMAT: id\tname\tkind\tcountry\tadmin1\tadmin2\tlat\tlon\tpopulation\tnames\tsource\tlicence\tflags
#   id: geonames:N | ocha:PCODE | osm:NODE | place:country-xx. kind: GeoNames class.code.
#   country: ISO 3166-1 alpha-2. admin1/admin2: names of the first/second-level division.
#   names: every spelling, |-separated. source: + between the sources merged into the entry.
#   licence: ;-separated. flags: |-separated repairs and warnings (lon-sign-fixed,
#   mojibake-fixed, coords-disagree:Nkm, name-variant-merged, near-namesake:ID:Nkm,
#   far-from-commune:Nkm, outside-country-bbox).
"""

DEMONYMS_HEADER = """\
# Demonyms (English and French, singular and plural, French also in lower case) and the
# country they refer to. Generated by scripts/gazetteer/build_places.py from
# /work/shared/data/geo/country-facts (countries.json, ODbL 1.0) plus the variants listed in
# that script (Burkinabè, ...). A form shared by two countries goes to the independent or
# larger one (Congolese -> CD, American -> US).
# FORMAT: demonym\tcountry\tplace_id
#   country: ISO 3166-1 alpha-2; place_id: the country's id in places.tsv.
"""


def id_key(identifier):
    prefix, _, rest = identifier.partition(":")
    return (prefix, int(rest) if rest.isdigit() else 0, rest)


def read_tsv(path):
    with open(path, encoding="utf-8") as h:
        for number, line in enumerate(h, 1):
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            yield number, line.split("\t")


def check_row(fields, where, hand):
    if len(fields) != len(COLUMNS):
        fail("%s: %d columns, expected %d (%s)" % (where, len(fields), len(COLUMNS),
                                                  ", ".join(COLUMNS)))
    row = dict(zip(COLUMNS, fields))
    for col in ("id", "name", "kind", "names", "source", "licence", "lat", "lon"):
        if not row[col]:
            fail("%s: empty %s" % (where, col))
    if not hand and not row["country"]:
        fail("%s: empty country" % where)
    if not re.fullmatch(r"(geonames:\d+|ocha:ML\d{9}|osm:\d+|place:[a-z0-9-]+)", row["id"]):
        fail("%s: malformed id %r" % (where, row["id"]))
    if hand and not row["id"].startswith("place:"):
        fail("%s: hand-made ids start with place: (got %r)" % (where, row["id"]))
    if not re.fullmatch(r"[A-Z]\.[A-Z0-9]+", row["kind"]):
        fail("%s: malformed kind %r" % (where, row["kind"]))
    if row["country"] and not re.fullmatch(r"[A-Z]{2}", row["country"]):
        fail("%s: country %r is not ISO alpha-2" % (where, row["country"]))
    try:
        lat, lon = float(row["lat"]), float(row["lon"])
    except ValueError:
        fail("%s: lat/lon %r %r are not numbers" % (where, row["lat"], row["lon"]))
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        fail("%s: lat/lon %s %s out of range" % (where, row["lat"], row["lon"]))
    if row["population"] and not row["population"].isdigit():
        fail("%s: population %r is not an integer" % (where, row["population"]))
    names = row["names"].split("|")
    if row["name"] not in names:
        fail("%s: the name %r is not among the names" % (where, row["name"]))
    if any(not n.strip() for n in names):
        fail("%s: an empty name in names" % where)
    for n in names:
        if not is_latin(n):
            fail("%s: name %r is not in Latin script" % (where, n))
    if any(ch in value for value in fields for ch in "\r\n"):
        fail("%s: a line break inside a field" % where)


def write_tsv(path, header, rows):
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="\n") as h:
        h.write(header)
        for row in rows:
            for value in row:
                if "\t" in value or "\n" in value:
                    fail("%s: tab or line break in %r" % (path, value))
            h.write("\t".join(row) + "\n")
    os.replace(tmp, path)


def main(argv):
    here = os.path.dirname(os.path.abspath(__file__))
    default_out = os.path.normpath(os.path.join(here, "..", "..", "Gazetteers", "places"))
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("geo", help="the geo data folder, e.g. /work/shared/data/geo")
    parser.add_argument("--out", default=default_out, help="output folder (%(default)s)")
    parser.add_argument("--log", action="store_true", help="print every repair")
    args = parser.parse_args(argv)
    if not os.path.isdir(os.path.join(args.geo, "geonames")):
        print("error: %s has no geonames/ folder; pass the geo data folder" % args.geo,
              file=sys.stderr)
        return 2
    try:
        stats, log, rows = build(args.geo, args.out)
    except BuildError as error:
        print("error: %s" % error, file=sys.stderr)
        return 1
    if args.log:
        for line in log:
            print(line)
    width = max(len(k) for k in stats)
    for key in sorted(stats):
        print("%-*s %8d" % (width, key, stats[key]))
    size = os.path.getsize(os.path.join(args.out, "places.tsv"))
    print("%-*s %8.1f" % (width, "places.tsv size (MB)", size / 1e6))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
