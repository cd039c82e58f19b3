#!/usr/bin/env python3
"""Builds Gazetteers/report/outlines.json: simplified SVG outlines of the Sahel for `rex report`'s map.

Reads, from the geo data folder given as the first argument (e.g. ../shared/data/geo):
  natural-earth/ne_50m_admin_0_countries.json   country outlines (Natural Earth, public domain)
  geoboundaries-cgaz/MLI_ADM1.geojson           Mali's régions (geoBoundaries CGAZ, CC BY 4.0)
  geoboundaries-cgaz/MLI_ADM2.geojson           Mali's cercles (geoBoundaries CGAZ, CC BY 4.0)

Projects lon/lat with an equirectangular projection over the Sahel bounding box (standard parallel at the
box's middle latitude), clips every ring to the box, simplifies it with Douglas-Peucker and rounds the
coordinates to a tenth of a map unit. The projection is written into the file so that rex places event dots
with the same arithmetic. Python standard library only.

Usage: python3 scripts/report/build_outlines.py GEO_DIR [OUT_JSON]
"""
import json
import math
import os
import sys

# The map's bounding box (degrees) and width (map units); the height follows from the projection.
WEST, SOUTH, EAST, NORTH = -18.0, 4.0, 16.0, 27.5
WIDTH = 1000.0
TOLERANCE = 0.4          # Douglas-Peucker tolerance in map units
COUNTRIES = {            # ISO_A2 → shown name: Mali, its neighbours and the countries around them
    "ML": "Mali", "BF": "Burkina Faso", "NE": "Niger", "MR": "Mauritania", "DZ": "Algeria",
    "SN": "Senegal", "GN": "Guinea", "CI": "Côte d'Ivoire", "GM": "Gambia", "GW": "Guinea-Bissau",
    "SL": "Sierra Leone", "LR": "Liberia", "GH": "Ghana", "TG": "Togo", "BJ": "Benin", "NG": "Nigeria",
    "TD": "Chad", "CM": "Cameroon", "LY": "Libya", "MA": "Morocco", "EH": "W. Sahara",
}
MALI_NORTH = 25.003      # Mali's northern tip; clips the spurious spike of ADM2 Tombouctou (see the source README)

COS = math.cos(math.radians((SOUTH + NORTH) / 2))
SCALE = WIDTH / ((EAST - WEST) * COS)
HEIGHT = round((NORTH - SOUTH) * SCALE, 1)


def project(lon, lat):
    return ((lon - WEST) * COS * SCALE, (NORTH - lat) * SCALE)


def clip(ring, inside, cross):
    """Sutherland-Hodgman: the part of a closed ring on the inner side of one edge."""
    out = []
    for i, p in enumerate(ring):
        q = ring[i - 1]
        if inside(p):
            if not inside(q):
                out.append(cross(q, p))
            out.append(p)
        elif inside(q):
            out.append(cross(q, p))
    return out


def clip_to_box(ring, top=0.0):
    def at_x(x):
        return lambda a, b: (x, a[1] + (b[1] - a[1]) * (x - a[0]) / (b[0] - a[0]))

    def at_y(y):
        return lambda a, b: (a[0] + (b[0] - a[0]) * (y - a[1]) / (b[1] - a[1]), y)

    for inside, cross in ((lambda p: p[0] >= 0, at_x(0.0)), (lambda p: p[0] <= WIDTH, at_x(WIDTH)),
                          (lambda p: p[1] >= top, at_y(top)), (lambda p: p[1] <= HEIGHT, at_y(HEIGHT))):
        ring = clip(ring, inside, cross)
        if not ring:
            break
    return ring


def simplify(points, tol):
    """Douglas-Peucker on an open polyline (iterative)."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        a, b = stack.pop()
        (ax, ay), (bx, by) = points[a], points[b]
        dx, dy = bx - ax, by - ay
        norm = math.hypot(dx, dy)
        best, far = -1.0, -1
        for i in range(a + 1, b):
            px, py = points[i]
            d = abs(dy * (px - ax) - dx * (py - ay)) / norm if norm else math.hypot(px - ax, py - ay)
            if d > best:
                best, far = d, i
        if best > tol:
            keep[far] = True
            stack.extend(((a, far), (far, b)))
    return [p for p, k in zip(points, keep) if k]


def simplify_ring(ring, tol):
    """Splits a closed ring at its point farthest from the first, simplifies both halves."""
    if len(ring) < 4:
        return ring
    first = ring[0]
    far = max(range(len(ring)), key=lambda i: math.hypot(ring[i][0] - first[0], ring[i][1] - first[1]))
    half1 = simplify(ring[:far + 1], tol)
    half2 = simplify(ring[far:] + [first], tol)
    return half1[:-1] + half2[:-1]


def area(ring):
    return sum(ring[i - 1][0] * p[1] - p[0] * ring[i - 1][1] for i, p in enumerate(ring)) / 2


def centroid(ring):
    a = area(ring)
    if a == 0:
        return ring[0]
    cx = sum((ring[i - 1][0] + p[0]) * (ring[i - 1][0] * p[1] - p[0] * ring[i - 1][1]) for i, p in enumerate(ring))
    cy = sum((ring[i - 1][1] + p[1]) * (ring[i - 1][0] * p[1] - p[0] * ring[i - 1][1]) for i, p in enumerate(ring))
    return (cx / (6 * a), cy / (6 * a))


def path(rings):
    """SVG path data: an absolute move, then relative lines; rounded once to tenths so nothing drifts."""
    def num(v):  # v in tenths of a map unit
        return ("-" if v < 0 else "") + ("%d" % (abs(v) // 10) if v % 10 == 0 else "%.1f" % (abs(v) / 10))

    parts = []
    for ring in rings:
        pts = []
        for x, y in ring:
            p = (round(x * 10), round(y * 10))
            if not pts or pts[-1] != p:
                pts.append(p)
        if len(pts) > 1 and pts[0] == pts[-1]:
            pts.pop()
        if len(pts) < 3:
            continue
        steps = " ".join("%s %s" % (num(b[0] - a[0]), num(b[1] - a[1])) for a, b in zip(pts, pts[1:]))
        parts.append("M%s %sl%sz" % (num(pts[0][0]), num(pts[0][1]), steps))
    return "".join(parts)


def feature(geometry, top=0.0):
    """Projected, clipped, simplified rings of a (Multi)Polygon, largest first."""
    polys = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    rings = []
    for poly in polys:
        for ring in poly:
            r = clip_to_box([project(lon, lat) for lon, lat in ring], top)
            if len(r) < 3:
                continue
            r = simplify_ring(r, TOLERANCE)
            if len(r) >= 3 and abs(area(r)) >= 1.0:
                rings.append(r)
    rings.sort(key=lambda r: -abs(area(r)))
    return rings


def shown(rings, ident, name):
    if not rings:
        return None
    cx, cy = centroid(rings[0])
    return {"id": ident, "name": name, "label": [round(cx, 1), round(cy, 1)], "d": path(rings)}


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    geo = sys.argv[1]
    here = os.path.dirname(os.path.abspath(__file__))
    out = sys.argv[2] if len(sys.argv) > 2 else os.path.join(here, "..", "..", "Gazetteers", "report", "outlines.json")

    with open(os.path.join(geo, "natural-earth", "ne_50m_admin_0_countries.json"), encoding="utf-8") as f:
        ne = json.load(f)
    countries = []
    for feat in ne["features"]:
        code = feat["properties"].get("ISO_A2")
        if code in COUNTRIES:
            item = shown(feature(feat["geometry"]), code, COUNTRIES[code])
            if item:
                countries.append(item)
    countries.sort(key=lambda c: c["id"])

    layers = [{"name": "countries", "source": "natural-earth", "features": countries}]
    _, mali_top = project(0, MALI_NORTH)
    for level, name in (("ADM1", "admin1"), ("ADM2", "admin2")):
        with open(os.path.join(geo, "geoboundaries-cgaz", "MLI_%s.geojson" % level), encoding="utf-8") as f:
            gb = json.load(f)
        feats = [shown(feature(g["geometry"], mali_top), "ML-%s-%d" % (level, i), g["properties"]["shapeName"])
                 for i, g in enumerate(gb["features"])]
        layers.append({"name": name, "source": "geoboundaries", "features": [x for x in feats if x]})

    doc = {
        "about": "Outlines of the Sahel for the map of `rex report`: SVG path data in map units. "
                 "Built by scripts/report/build_outlines.py from Natural Earth 1:50m admin-0 countries "
                 "(public domain) and geoBoundaries CGAZ Mali ADM1/ADM2 (CC BY 4.0; source OCHA COD-AB); "
                 "see Gazetteers/README.md. Do not edit by hand: rebuild.",
        "format": "projection: equirectangular over [west, south, east, north] degrees, x = (lon - west) * "
                  "cos(standard_parallel) * scale, y = (north - lat) * scale, map units 0..width, 0..height; "
                  "layers[].features[]: id, name, label [x, y], d (SVG path data)",
        "projection": {"name": "equirectangular", "west": WEST, "south": SOUTH, "east": EAST, "north": NORTH,
                       "standard_parallel": (SOUTH + NORTH) / 2, "scale": round(SCALE, 6),
                       "width": WIDTH, "height": HEIGHT},
        "sources": [
            {"layer": "countries", "name": "Natural Earth 1:50m admin 0 countries", "licence": "public domain"},
            {"layer": "admin1", "name": "geoBoundaries CGAZ MLI ADM1 (régions, pre-2016)",
             "licence": "CC BY 4.0", "credit": "geoBoundaries (Runfola et al. 2020); OCHA COD-AB Mali"},
            {"layer": "admin2", "name": "geoBoundaries CGAZ MLI ADM2 (cercles)",
             "licence": "CC BY 4.0", "credit": "geoBoundaries (Runfola et al. 2020); OCHA COD-AB Mali"},
        ],
        "layers": layers,
    }
    with open(out, "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False, separators=(",", ":"))
        f.write("\n")
    size = os.path.getsize(out)
    print("%s: %d bytes; %s" % (out, size, ", ".join(
        "%s %d" % (l["name"], len(l["features"])) for l in layers)))


if __name__ == "__main__":
    main()
