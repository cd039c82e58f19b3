#!/usr/bin/env python3
"""Event detection and slot scores of predicted documents against gold documents (document/1 JSON).

A stop-gap twin of `rex eval`'s event scoring (same definitions) for use before the evaluator is merged:
a predicted event matches a gold event of the same type when its trigger overlaps the gold trigger or one
of the gold `also` triggers, or else lies in the same sentence as one of them; one-to-one, overlapping
pairs first, then same-sentence pairs by trigger distance. Slots over matched pairs: date (same TIMEX3
value), place (same id, coordinates within 30 km, or same mention text), perpetrator (a canonical id or
name in common; both empty agrees), counts (equal).

usage: score_events.py GOLD_DIR PRED.jsonl [--errors]
"""
import json, sys, glob, os, math, unicodedata, re

def fold(s):
    s = unicodedata.normalize('NFKD', s or '')
    s = ''.join(c for c in s if not unicodedata.combining(c)).lower()
    s = s.replace('\u2019', "'").replace('\u2018', "'")
    return ' '.join(s.split())

def sent_of(doc, off):
    for i, s in enumerate(doc['sentences']):
        if s['start'] <= off < s['end']:
            return i
    return None

def match(g, p):
    cands = []
    for gi, ge in enumerate(g['events']):
        trig = [ge['trigger']] + (ge.get('also') or [])
        gs = {sent_of(g, t['start']) for t in trig}
        for pi, pe in enumerate(p['events']):
            if pe['type'] != ge['type']:
                continue
            pt = pe['trigger']
            if any(t['start'] < pt['end'] and pt['start'] < t['end'] for t in trig):
                cands.append((0, gi, pi))
            else:
                s = sent_of(g, pt['start'])
                if s is not None and s in gs:
                    cands.append((1 + min(abs(t['start'] - pt['start']) for t in trig), gi, pi))
    cands.sort()
    ug, up, pairs = set(), set(), []
    for _, gi, pi in cands:
        if gi not in ug and pi not in up:
            ug.add(gi); up.add(pi); pairs.append((gi, pi))
    return sorted(pairs)

def perps(e, doc):
    out = set()
    ents = {x['id']: x for x in doc.get('entities', [])}
    ments = {m['id']: m for m in doc.get('mentions', [])}
    for a in e.get('actors', []):
        if (a.get('role') or '').lower() != 'perpetrator':
            continue
        out.add(fold(a.get('name')))
        eid = a.get('entity')
        if not eid:
            continue
        ent = ents.get(eid)
        if not ent:
            out.add(fold(eid)); continue
        if ent.get('canonical'): out.add(fold(ent['canonical']))
        out.add(fold(ent.get('name')))
        for mid in ent.get('mentions', []):
            m = ments.get(mid)
            if m and not m.get('nominal'): out.add(fold(m['text']))
    out.discard('')
    return out

def mtext(doc, mid):
    if not mid: return None
    for m in doc['mentions']:
        if m['id'] == mid: return m['text']
    return None

def same_place(g, gd, p, pd):
    if not g or not p:
        return g is None and p is None
    if g.get('id') and g.get('id') == p.get('id'): return True
    if None not in (g.get('lat'), g.get('lon'), p.get('lat'), p.get('lon')):
        r = math.pi / 180
        dlat = (p['lat'] - g['lat']) * r; dlon = (p['lon'] - g['lon']) * r
        a = math.sin(dlat/2)**2 + math.cos(g['lat']*r)*math.cos(p['lat']*r)*math.sin(dlon/2)**2
        if 2 * 6371.0088 * math.asin(min(1, math.sqrt(a))) <= 30: return True
    a, b = mtext(gd, g.get('mention')), mtext(pd, p.get('mention'))
    return a is not None and b is not None and fold(a) == fold(b)

def main():
    gold_dir, pred_path = sys.argv[1], sys.argv[2]
    show = '--errors' in sys.argv
    preds = {}
    for line in open(pred_path):
        if line.strip():
            d = json.loads(line); preds[d['id']] = d
    tp = np_ = ng = 0
    slots = {k: [0, 0] for k in ['date', 'place', 'perpetrator', 'fatalities', 'injured', 'abducted']}
    bytype = {}
    for f in sorted(glob.glob(os.path.join(gold_dir, '*.json'))):
        g = json.load(open(f))
        p = preds.get(g['id'], {'events': [], 'mentions': [], 'entities': [], 'sentences': g['sentences']})
        pairs = match(g, p)
        tp += len(pairs); np_ += len(p['events']); ng += len(g['events'])
        for e in g['events']: bytype.setdefault(e['type'], [0, 0, 0])[2] += 1
        for e in p['events']: bytype.setdefault(e['type'], [0, 0, 0])[1] += 1
        for gi, pi in pairs:
            ge, pe = g['events'][gi], p['events'][pi]
            bytype[ge['type']][0] += 1
            res = {}
            gv = (ge.get('date') or {}).get('value'); pv = (pe.get('date') or {}).get('value')
            res['date'] = gv == pv
            res['place'] = same_place(ge.get('place'), g, pe.get('place'), p)
            ga, pa = perps(ge, g), perps(pe, p)
            res['perpetrator'] = (not ga and not pa) or bool(ga & pa)
            for k in ['fatalities', 'injured', 'abducted']:
                res[k] = ge.get(k) == pe.get(k)
            for k, ok in res.items():
                slots[k][1] += 1; slots[k][0] += ok
            bad = [k for k, ok in res.items() if not ok]
            if show and bad:
                print(f"SLOT {g['id'][:3]} {ge['id']}/{pe['id']} {ge['type']} [{ge['trigger']['text']}]: " + '; '.join(
                    f"{k}: gold {desc(k, ge, g)} pred {desc(k, pe, p)}" for k in bad))
        if show:
            mg = {a for a, _ in pairs}; mp = {b for _, b in pairs}
            for i, e in enumerate(g['events']):
                if i not in mg:
                    print(f"FN {g['id'][:3]} {e['id']} {e['type']} [{e['trigger']['text']}] s{e['sentence']}: {ctx(g, e)}")
            for i, e in enumerate(p['events']):
                if i not in mp:
                    print(f"FP {g['id'][:3]} {e['id']} {e['type']} [{e['trigger']['text']}] s{e['sentence']}: {ctx(g, e)}")
    P = tp / np_ if np_ else 0; R = tp / ng if ng else 0; F = 2*P*R/(P+R) if P+R else 0
    print(f"events: predicted {np_} gold {ng} matched {tp}  P {P:.3f} R {R:.3f} F1 {F:.3f}")
    for t, (c, pr, go) in sorted(bytype.items()):
        print(f"  {t:12s} P {c}/{pr}  R {c}/{go}")
    for k, (ok, n) in slots.items():
        print(f"  slot {k:12s} {ok}/{n} = {ok/n if n else 0:.3f}")

def desc(k, e, d):
    if k == 'date': return (e.get('date') or {}).get('value')
    if k == 'place':
        pl = e.get('place')
        return pl and (pl.get('id'), mtext(d, pl.get('mention')), pl.get('fallback'))
    if k == 'perpetrator': return [a.get('name') or a.get('entity') for a in e.get('actors', [])]
    return e.get(k)

def ctx(d, e):
    s = d['sentences'][e['sentence']]
    return d['text'][s['start']:s['end']].replace('\n', ' ')[:160]

main()
