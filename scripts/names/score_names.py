#!/usr/bin/env python3
"""Scores rex's PLACE, ORG and PERSON name mentions against gold documents (document/1 JSON).

Usage:
  python3 scripts/names/score_names.py --gold Corpus/gold --pred out.jsonl [--show]

Gold mentions with nominal=true are left out (they are for coreference). Strict: same start, end and type.
Relaxed: same type and overlapping spans (each gold and each predicted mention matched at most once).
PLACE link accuracy: over relaxed PLACE matches, the predicted place has the gold id or lies within 30 km of
the gold coordinates. A stop-gap until `rex eval` exists; it only reads, never writes gold.
"""
import argparse, glob, json, math, os, sys

TYPES = ("PLACE", "ORG", "PERSON")


def km(a, b):
    if None in (a.get("lat"), a.get("lon"), b.get("lat"), b.get("lon")):
        return float("inf")
    r = math.radians
    x = math.sin(r(b["lat"] - a["lat"]) / 2) ** 2 + math.cos(r(a["lat"])) * math.cos(r(b["lat"])) * \
        math.sin(r(b["lon"] - a["lon"]) / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(x))


def prf(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", required=True)
    ap.add_argument("--pred", required=True)
    ap.add_argument("--show", action="store_true", help="list the errors")
    args = ap.parse_args()
    gold = {}
    for p in sorted(glob.glob(os.path.join(args.gold, "*.json"))):
        d = json.load(open(p, encoding="utf-8"))
        gold[d["id"]] = d
    pred = {}
    for line in open(args.pred, encoding="utf-8"):
        if line.strip():
            d = json.loads(line)
            pred[d["id"]] = d
    strict = {t: [0, 0, 0] for t in TYPES}
    relaxed = {t: [0, 0, 0] for t in TYPES}
    links = [0, 0]
    errors = []
    for doc_id, g in gold.items():
        if doc_id not in pred:
            print(f"warning: no prediction for {doc_id}", file=sys.stderr)
        gm = [m for m in g["mentions"] if m["type"] in TYPES and not m.get("nominal")]
        pm = [m for m in pred.get(doc_id, {}).get("mentions", []) if m["type"] in TYPES and not m.get("nominal")]
        gs = {(m["start"], m["end"], m["type"]) for m in gm}
        ps = {(m["start"], m["end"], m["type"]) for m in pm}
        for t in TYPES:
            tp = len({x for x in gs & ps if x[2] == t})
            strict[t][0] += tp
            strict[t][1] += len({x for x in ps if x[2] == t}) - tp
            strict[t][2] += len({x for x in gs if x[2] == t}) - tp
        used = set()
        for m in gm:
            hit = None
            for k, q in enumerate(pm):
                if k in used or q["type"] != m["type"] or q["end"] <= m["start"] or m["end"] <= q["start"]:
                    continue
                if hit is None or (q["start"], q["end"]) == (m["start"], m["end"]):
                    hit = k
            if hit is None:
                relaxed[m["type"]][2] += 1
                errors.append((doc_id, m["start"], "FN", m["type"], m["text"], ""))
                continue
            used.add(hit)
            relaxed[m["type"]][0] += 1
            q = pm[hit]
            if (q["start"], q["end"]) != (m["start"], m["end"]):
                errors.append((doc_id, m["start"], "SPAN", m["type"], m["text"], q["text"]))
            if m["type"] == "PLACE":
                gp, pp = m.get("place") or {}, q.get("place") or {}
                ok = gp.get("id") == pp.get("id") or km(gp, pp) <= 30
                links[0] += ok
                links[1] += 1
                if not ok:
                    errors.append((doc_id, m["start"], "LINK", "PLACE", m["text"],
                                   f"gold {gp.get('id')} {gp.get('name')} / rex {pp.get('id')} {pp.get('name')}"))
        for k, q in enumerate(pm):
            if k not in used:
                relaxed[q["type"]][1] += 1
                errors.append((doc_id, q["start"], "FP", q["type"], q["text"], q.get("entity") or (q.get("place") or {}).get("id", "")))
    if args.show:
        for e in sorted(errors):
            print("\t".join(str(x) for x in e))
        print()
    print(f"{'type':8} {'strict P':>9} {'R':>6} {'F1':>6}   {'relaxed P':>9} {'R':>6} {'F1':>6}   gold")
    for t in TYPES:
        sp, sr, sf = prf(*strict[t])
        rp, rr, rf = prf(*relaxed[t])
        print(f"{t:8} {sp:9.3f} {sr:6.3f} {sf:6.3f}   {rp:9.3f} {rr:6.3f} {rf:6.3f}   {strict[t][0] + strict[t][2]}")
    if links[1]:
        print(f"PLACE link accuracy: {links[0] / links[1]:.3f} ({links[0]}/{links[1]}, same id or <= 30 km)")


if __name__ == "__main__":
    main()
