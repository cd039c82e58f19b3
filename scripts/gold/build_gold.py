#!/usr/bin/env python3
"""Builds Corpus/gold/*.json (document/1) from the hand annotation in Corpus/markup/.

Usage:
  python3 scripts/gold/build_gold.py --geo ../shared/data/geo          # check every markup file and write Corpus/gold/
  python3 scripts/gold/build_gold.py --geo ../shared/data/geo --check  # check only, write nothing
  python3 scripts/gold/build_gold.py --merge-parts                      # join Corpus/markup/work/<doc>.partX.* files

The markup format and the annotation conventions are in Corpus/README.md. GeoNames ids are resolved to name,
country, admin1 and coordinates from the GeoNames dumps under --geo; place:country-xx ids from
country-facts/countries.json; place:slug ids from Corpus/markup/places.tsv.
Exit status 1 and a list of problems (file:line: message) when anything is wrong.
"""
import argparse, glob, hashlib, json, math, os, re, sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CORPUS = os.path.join(ROOT, "Corpus")
MARKUP = os.path.join(CORPUS, "markup")
ANNOT = re.compile(r"⟦([^|⟧]*)\|([^⟧]*)⟧")
TYPES = {"DATE", "PLACE", "ORG", "PERSON", "EVENT"}
TIMEX_TYPES = {"DATE", "TIME", "DURATION", "SET"}
MODS = {"START", "MID", "END", "APPROX", "BEFORE", "AFTER", "ON_OR_BEFORE", "ON_OR_AFTER", "LESS_THAN",
        "MORE_THAN", "EQUAL_OR_LESS", "EQUAL_OR_MORE"}
EVENT_TYPES = {"ATTACK", "BOMBING", "SHELLING", "AIRSTRIKE", "KIDNAPPING", "KILLING", "SIEGE", "ARREST", "COUP",
               "WITHDRAWAL", "DEPLOYMENT", "MERGER", "DESIGNATION", "AGREEMENT"}
CATEGORIES = {"civilians", "military", "police", "peacekeepers", "government", "foreigners", "armed group",
              "infrastructure", "business", "religious", "media", "aid workers"}
WEAPON_CATEGORIES = {"firearms", "explosives", "incendiary", "melee", "unknown"}
TIMEX_VALUE = re.compile(r"^(\d{1,4}(-(\d\d|SP|SU|FA|WI|Q[1-4]|H[12]|W\d\d)(-\d\d)?)?(T[\w:]+)?|"
                         r"P(\d+|X)(\.\d+)?[YMWDHS](T?\d*[HMS])?|PT(\d+|X)[HMS]|PAST_REF|PRESENT_REF|FUTURE_REF)$")


class Problems(list):
    def add(self, where, msg):
        self.append(f"{where}: {msg}")


def line_of(text, pos):
    return text.count("\n", 0, pos) + 1


def parse_markup(path, problems):
    """Returns (plain text, annotations) where each annotation has start, end (code points), text, type, attrs."""
    src = open(path, encoding="utf-8").read()
    plain, anns, last, offset = [], [], 0, 0
    for m in ANNOT.finditer(src):
        plain.append(src[last:m.start()])
        offset += m.start() - last
        surface, spec = m.group(1), m.group(2).split()
        where = f"{os.path.relpath(path, ROOT)}:{line_of(src, m.start())}"
        if not spec or spec[0] not in TYPES:
            problems.add(where, f"'{m.group(0)}' has no type (DATE, PLACE, ORG, PERSON or EVENT)")
            spec = ["?"]
        attrs, label, nominal = {}, None, False
        for tok in spec[1:]:
            if tok.startswith("#"):
                label = tok[1:]
            elif tok == "nominal":
                nominal = True
            elif "=" in tok:
                k, v = tok.split("=", 1)
                attrs[k] = v
            else:
                problems.add(where, f"unknown attribute '{tok}' in '{m.group(0)}'")
        if surface != surface.strip() or not surface:
            problems.add(where, f"span '{surface}' is empty or has outer spaces")
        anns.append(dict(start=offset, end=offset + len(surface), text=surface, type=spec[0], attrs=attrs,
                         label=label, nominal=nominal, where=where))
        plain.append(surface)
        offset += len(surface)
        last = m.end()
    plain.append(src[last:])
    leftover = [c for c in ("⟦", "⟧") if c in "".join(plain)]
    if leftover:
        problems.add(os.path.relpath(path, ROOT), "unbalanced ⟦ ⟧ markers")
    return "".join(plain), anns


class Places:
    """Looks up place ids: GeoNames dumps, countries.json, Corpus/markup/places.tsv."""

    def __init__(self, geo):
        self.rows, self.adm1 = {}, {}
        for path in glob.glob(os.path.join(geo, "geonames", "*.txt")):
            for line in open(path, encoding="utf-8"):
                f = line.rstrip("\n").split("\t")
                if len(f) < 19:
                    continue
                self.rows["geonames:" + f[0]] = dict(name=f[1], country=f[8], admin1code=f[10],
                                                     lat=float(f[4]), lon=float(f[5]), code=f[7])
                if f[7] == "ADM1":
                    self.adm1[(f[8], f[10])] = re.sub(r"^(Region|Région|Wilaya) (de |du |d')?| Region$", "", f[1])
        countries = json.load(open(os.path.join(geo, "country-facts", "countries.json"), encoding="utf-8"))
        for c in countries:
            self.rows["place:country-" + c["cca2"].lower()] = dict(
                name=c["name"]["common"], country=c["cca2"], admin1code="", lat=c["latlng"][0], lon=c["latlng"][1])
        table = os.path.join(MARKUP, "places.tsv")
        if os.path.exists(table):
            for n, line in enumerate(open(table, encoding="utf-8"), 1):
                if n == 1 or not line.strip() or line.startswith("#"):
                    continue
                f = line.rstrip("\n").split("\t")
                self.rows[f[0]] = dict(name=f[1], country=f[2] or None, admin1=f[3] or None,
                                       lat=float(f[4]), lon=float(f[5]))

    def ref(self, pid):
        r = self.rows.get(pid)
        if r is None:
            return None
        admin1 = r.get("admin1")
        if admin1 is None and r.get("admin1code"):
            admin1 = self.adm1.get((r["country"], r["admin1code"]))
        return {"id": pid, "name": r["name"], "country": r.get("country") or None, "admin1": admin1,
                "lat": round(r["lat"], 5), "lon": round(r["lon"], 5)}


def read_sentences(doc_id, text, problems):
    path = os.path.join(MARKUP, doc_id + ".sentences.txt")
    if not os.path.exists(path):
        return None
    src = open(path, encoding="utf-8").read()
    if src.replace("⟂", "") != text:
        problems.add(os.path.relpath(path, ROOT), "removing ⟂ does not give back the raw text")
        return None
    sentences, start, pos = [], 0, 0
    for piece in src.split("⟂")[:-1]:
        end = pos + len(piece)
        a = start
        while a < end and text[a].isspace():
            a += 1
        if a < end:
            sentences.append({"start": a, "end": end})
        pos = start = end
    rest = text[pos:].strip()
    if rest:
        problems.add(os.path.relpath(path, ROOT), f"text after the last ⟂: '{rest[:40]}'")
    return sentences


def build(doc_id, meta, places, problems):
    mpath = os.path.join(MARKUP, doc_id + ".txt")
    raw_path = os.path.join(CORPUS, "raw", doc_id + ".txt")
    text, anns = parse_markup(mpath, problems)
    raw = open(raw_path, encoding="utf-8").read()
    if text != raw:
        k = next((i for i, (a, b) in enumerate(zip(text, raw)) if a != b), min(len(text), len(raw)))
        problems.add(os.path.relpath(mpath, ROOT),
                     f"text differs from Corpus/raw at line {line_of(raw, k)}: markup '{text[k-20:k+20]}' vs raw '{raw[k-20:k+20]}'")
        return None
    labels = {}
    for a in anns:
        if a["label"]:
            if a["label"] in labels:
                problems.add(a["where"], f"label #{a['label']} used twice")
            labels[a["label"]] = a
    mentions_src = sorted([a for a in anns if a["type"] in ("DATE", "PLACE", "ORG", "PERSON")],
                          key=lambda a: (a["start"], a["end"]))
    for prev, cur in zip(mentions_src, mentions_src[1:]):
        if cur["start"] < prev["end"]:
            problems.add(cur["where"], f"mentions overlap: '{prev['text']}' and '{cur['text']}'")
    mentions, key_of, by_label = [], {}, {}
    for i, a in enumerate(mentions_src, 1):
        mid = f"M{i}"
        m = {"id": mid, "start": a["start"], "end": a["end"], "text": a["text"], "type": a["type"], "entity": None}
        at = a["attrs"]
        if a["nominal"]:
            m["nominal"] = True
        if a["type"] == "DATE":
            t = at.get("t", "DATE")
            v = at.get("v")
            if t not in TIMEX_TYPES:
                problems.add(a["where"], f"timex type '{t}' is not DATE/TIME/DURATION/SET")
            if not v or not TIMEX_VALUE.match(v):
                problems.add(a["where"], f"DATE '{a['text']}' has no valid value (v=…): {v}")
            timex = {"type": t, "value": v}
            if "mod" in at:
                if at["mod"] not in MODS:
                    problems.add(a["where"], f"unknown mod {at['mod']}")
                timex["mod"] = at["mod"]
            if "end" in at:
                if not TIMEX_VALUE.match(at["end"]):
                    problems.add(a["where"], f"bad range end {at['end']}")
                timex["end"] = at["end"]
            m["timex"] = timex
        elif a["type"] == "PLACE":
            pid = at.get("id")
            ref = places.ref(pid) if pid else None
            if ref is None:
                problems.add(a["where"], f"PLACE '{a['text']}' has unknown id {pid}")
            else:
                m["place"] = ref
            key_of[mid] = at.get("e", pid)
        else:
            if "e" not in at:
                problems.add(a["where"], f"{a['type']} '{a['text']}' has no entity key e=…")
            key_of[mid] = at.get("e")
        mentions.append(m)
        if a["label"]:
            by_label[a["label"]] = m
    # Entities: one per key, in order of first mention.
    entities, entity_of_key = [], {}
    for m in mentions:
        key = key_of.get(m["id"])
        if key is None:
            continue
        if key not in entity_of_key:
            eid = f"E{len(entities) + 1}"
            entity_of_key[key] = eid
            entities.append({"id": eid, "type": m["type"], "canonical": key, "name": None, "mentions": []})
        e = entities[int(entity_of_key[key][1:]) - 1]
        if e["type"] != m["type"]:
            problems.add(f"{doc_id}", f"entity {key} has mentions of types {e['type']} and {m['type']} ('{m['text']}')")
        e["mentions"].append(m["id"])
        m["entity"] = e["id"]
        if e["name"] is None and not m.get("nominal"):
            e["name"] = m["place"]["name"] if m["type"] == "PLACE" and "place" in m else m["text"]
    for e in entities:
        if e["name"] is None:
            ref = places.ref(e["canonical"])
            e["name"] = ref["name"] if ref else e["canonical"]
    sentences = read_sentences(doc_id, text, problems)
    events = build_events(doc_id, anns, labels, by_label, entity_of_key, entities, places, sentences, problems)
    return {
        "schema": "document/1", "id": doc_id,
        "source": {"path": f"Corpus/raw/{doc_id}.txt", "format": "text",
                   "sha256": hashlib.sha256(open(raw_path, "rb").read()).hexdigest()},
        "title": meta.get("title") or None, "dct": meta.get("dct") or None, "text": text,
        "sections": [], "sentences": sentences or [], "mentions": mentions, "entities": entities, "events": events,
    }


def build_events(doc_id, anns, labels, by_label, entity_of_key, entities, places, sentences, problems):
    path = os.path.join(MARKUP, doc_id + ".events.json")
    where = os.path.relpath(path, ROOT)
    triggers = {a["label"]: a for a in anns if a["type"] == "EVENT"}
    for a in anns:
        if a["type"] == "EVENT" and not a["label"]:
            problems.add(a["where"], f"EVENT '{a['text']}' has no #label")
    if not os.path.exists(path):
        if triggers:
            problems.add(where, "missing, but the markup has EVENT triggers")
        return []
    try:
        raw_events = json.load(open(path, encoding="utf-8"))
    except json.JSONDecodeError as e:
        problems.add(where, f"not valid JSON: {e}")
        return []
    used = set()
    out = []
    name_of = {e["id"]: e["name"] for e in entities}

    def entity_ref(key):
        eid = entity_of_key.get(key)
        return eid, (name_of.get(eid) if eid else None)

    def sentence_of(pos):
        if not sentences:
            return -1
        for i, s in enumerate(sentences):
            if s["start"] <= pos < s["end"]:
                return i
        return -1

    for ev in raw_events:
        eid = ev.get("id")
        w = f"{where}: event {eid}"
        trig = triggers.get(eid)
        if trig is None:
            problems.add(w, "no EVENT trigger with this label in the markup")
            continue
        used.add(eid)
        if ev.get("type") not in EVENT_TYPES:
            problems.add(w, f"unknown type {ev.get('type')}")
        also = []
        for lab in ev.get("also", []) or []:
            lab = lab.lstrip("#")
            t = triggers.get(lab)
            if t is None:
                problems.add(w, f"'also' label {lab} is not an EVENT trigger")
                continue
            used.add(lab)
            also.append({"start": t["start"], "end": t["end"], "text": t["text"]})
        rec = {"id": None, "type": ev.get("type"),
               "trigger": {"start": trig["start"], "end": trig["end"], "text": trig["text"]},
               "sentence": sentence_of(trig["start"]), "date": None, "place": None,
               "actors": [], "targets": [], "weapons": []}
        d = ev.get("date")
        if d:
            date = {"value": d.get("value")}
            if not date["value"] or not TIMEX_VALUE.match(date["value"]):
                problems.add(w, f"date value {date['value']} is not a TIMEX3 value")
            for k in ("end", "mod"):
                if d.get(k):
                    date[k] = d[k]
            if d.get("mention"):
                m = by_label.get(d["mention"].lstrip("#"))
                if m is None or m["type"] != "DATE":
                    problems.add(w, f"date mention {d['mention']} is not a DATE label")
                else:
                    date["mention"] = m["id"]
            rec["date"] = date
        p = ev.get("place")
        if p:
            place = {}
            if p.get("mention"):
                m = by_label.get(p["mention"].lstrip("#"))
                if m is None or m["type"] != "PLACE":
                    problems.add(w, f"place mention {p['mention']} is not a PLACE label")
                else:
                    place["mention"] = m["id"]
                    if not p.get("id") and "place" in m:
                        p = dict(p, id=m["place"]["id"])
            ref = places.ref(p.get("id")) if p.get("id") else None
            if ref is None:
                problems.add(w, f"place id {p.get('id')} is unknown")
            else:
                place.update({"id": ref["id"], "name": ref["name"], "lat": ref["lat"], "lon": ref["lon"]})
            rec["place"] = place
        for a in ev.get("actors", []) or []:
            key = a.get("entity")
            eid_, name = entity_ref(key) if key else (None, None)
            if key and eid_ is None:
                ref = places.ref(key)
                name = ref["name"] if ref else key
            actor = {"role": a.get("role", "perpetrator"), "entity": eid_, "name": name or a.get("name") or key}
            if key:
                actor["canonical"] = key
            if a.get("uncertain"):
                actor["uncertain"] = True
            rec["actors"].append(actor)
        for t in ev.get("targets", []) or []:
            if t.get("kind") not in ("people", "property"):
                problems.add(w, f"target kind {t.get('kind')} is not people/property")
            if t.get("category") and t["category"] not in CATEGORIES:
                problems.add(w, f"target category {t['category']} is not in the schema")
            eid_, _ = entity_ref(t.get("entity")) if t.get("entity") else (None, None)
            tgt = {"text": t.get("text"), "entity": eid_, "kind": t.get("kind"), "category": t.get("category")}
            if t.get("entity"):
                tgt["canonical"] = t["entity"]
            rec["targets"].append(tgt)
        for wp in ev.get("weapons", []) or []:
            if isinstance(wp, str):
                wp = {"text": wp, "category": "unknown"}
            if wp.get("category") not in WEAPON_CATEGORIES:
                problems.add(w, f"weapon category {wp.get('category')} is not in the schema")
            rec["weapons"].append({"text": wp.get("text"), "category": wp.get("category")})
        for k in ("fatalities", "injured", "abducted"):
            v = ev.get(k)
            if v is not None and not isinstance(v, int):
                problems.add(w, f"{k} must be an integer or null, not {v!r}")
            rec[k] = v
        if ev.get("count_mod"):
            rec["count_mod"] = ev["count_mod"]
        if also:
            rec["also"] = also
        out.append(rec)
    for lab, t in triggers.items():
        if lab not in used:
            problems.add(t["where"], f"EVENT trigger #{lab} '{t['text']}' belongs to no event in {where}")
    out.sort(key=lambda r: r["trigger"]["start"])
    for i, r in enumerate(out, 1):
        r["id"] = f"V{i}"
    return out


def merge_parts():
    """Joins Corpus/markup/work/<short>.partX.txt files (in letter order) into Corpus/markup/<doc>.txt, their
    events into <doc>.events.json, and every work/*.places.tsv into Corpus/markup/places.tsv."""
    work = os.path.join(MARKUP, "work")
    docs = {os.path.splitext(os.path.basename(p))[0]: p for p in glob.glob(os.path.join(CORPUS, "raw", "*.txt"))}
    groups = {}
    for p in sorted(glob.glob(os.path.join(work, "*.part?.txt"))):
        short = os.path.basename(p).split(".")[0]
        groups.setdefault(short, []).append(p)
    for short, parts in groups.items():
        doc = next(d for d in docs if d.startswith(short + "_"))
        text = "".join(open(p, encoding="utf-8").read() for p in parts)
        open(os.path.join(MARKUP, doc + ".txt"), "w", encoding="utf-8").write(text)
        events = []
        for p in parts:
            ep = p[:-4] + ".events.json"
            if os.path.exists(ep):
                events += json.load(open(ep, encoding="utf-8"))
        json.dump(events, open(os.path.join(MARKUP, doc + ".events.json"), "w", encoding="utf-8"),
                  ensure_ascii=False, indent=1)
        print(f"merged {len(parts)} parts into {doc}")
    rows, header = {}, "id\tname\tcountry\tadmin1\tlat\tlon\tsource"
    existing = os.path.join(MARKUP, "places.tsv")
    for p in ([existing] if os.path.exists(existing) else []) + sorted(glob.glob(os.path.join(work, "*.places.tsv"))):
        for n, line in enumerate(open(p, encoding="utf-8"), 1):
            if n == 1 or not line.strip():
                continue
            f = line.rstrip("\n").split("\t")
            if f[0] in rows:
                g = rows[f[0]]
                dist = haversine(float(f[4]), float(f[5]), float(g[4]), float(g[5]))
                if dist > 100:
                    print(f"note: {f[0]} described twice, {dist:.0f} km apart; keeping the first ({g[6]})")
                continue
            rows[f[0]] = f
    with open(existing, "w", encoding="utf-8") as out:
        out.write(header + "\n")
        for k in sorted(rows):
            out.write("\t".join(rows[k]) + "\n")
    print(f"places.tsv: {len(rows)} rows")


def haversine(lat1, lon1, lat2, lon2):
    r = math.radians
    a = math.sin(r(lat2 - lat1) / 2) ** 2 + math.cos(r(lat1)) * math.cos(r(lat2)) * math.sin(r(lon2 - lon1) / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(a))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--geo", help="the geo data folder (GeoNames dumps, country-facts)")
    ap.add_argument("--check", action="store_true", help="check only; write nothing")
    ap.add_argument("--merge-parts", action="store_true", help="join partial markup files from Corpus/markup/work")
    args = ap.parse_args()
    if args.merge_parts:
        merge_parts()
        return 0
    if not args.geo:
        ap.error("--geo is required to resolve place ids")
    meta = {}
    for line in open(os.path.join(MARKUP, "documents.tsv"), encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        f = line.rstrip("\n").split("\t")
        meta[f[0]] = {"dct": f[1], "title": f[2] if len(f) > 2 else ""}
    places = Places(args.geo)
    problems = Problems()
    docs = {}
    for doc_id in sorted(meta):
        if not os.path.exists(os.path.join(MARKUP, doc_id + ".txt")):
            problems.add(doc_id, "no markup file")
            continue
        d = build(doc_id, meta[doc_id], places, problems)
        if d:
            docs[doc_id] = d
    for p in problems:
        print(p, file=sys.stderr)
    for doc_id, d in docs.items():
        counts = {}
        for m in d["mentions"]:
            k = m["type"] + ("*" if m.get("nominal") else "")
            counts[k] = counts.get(k, 0) + 1
        print(f"{doc_id}: {len(d['mentions'])} mentions {dict(sorted(counts.items()))}, "
              f"{len(d['entities'])} entities, {len(d['events'])} events, {len(d['sentences'])} sentences")
    if problems:
        print(f"{len(problems)} problems", file=sys.stderr)
        return 1
    if not args.check:
        os.makedirs(os.path.join(CORPUS, "gold"), exist_ok=True)
        for doc_id, d in docs.items():
            with open(os.path.join(CORPUS, "gold", doc_id + ".json"), "w", encoding="utf-8") as out:
                json.dump(d, out, ensure_ascii=False, indent=1)
                out.write("\n")
        print(f"wrote {len(docs)} gold documents to Corpus/gold/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
