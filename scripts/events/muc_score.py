#!/usr/bin/env python3
"""MUC-4 role-filler scores of rex's annotated documents against GRIT's processed file.

The same definitions as `rex eval --muc` (Sources/RexEval/MUC.swift): fillers from events through MUCRoles
(incident types only, not purely military clashes; PerpOrg = ORG actors, PerpInd = other actors but places,
Target = property targets without a leading quantity, Victim = named persons inside people targets, Weapon =
weapons; a named filler once per entity, by the longest name the document uses),
compared after GRIT's normalization (lower case, punctuation and articles removed), each gold entity matched at most once. For
documents rex annotated some other way (e.g. `rex events` on documents with stand-in mentions).

usage: muc_score.py GRIT_FILE PRED.jsonl [--orgs PACK/organizations.tsv] [--show ROLE[,ROLE]]
       muc_score.py GRIT_FILE --fillers FILLERS.jsonl [--show ROLE[,ROLE]]
  --fillers: score the fillers `rex eval --muc FILE --muc-fillers FILLERS.jsonl` wrote (every rule of
          Sources/RexEval/MUC.swift, the document-level ones too), instead of mapping annotated documents here
  --orgs: in a document with an incident, the armed groups it names (rebel group, drug cartel, death squad
          in that file) are PerpOrg fillers too, as `rex eval --muc --pack` does
"""
import json
import string
import sys

ROLES = ['PerpInd', 'PerpOrg', 'Target', 'Victim', 'Weapon']
INCIDENTS = {"ATTACK", "BOMBING", "SHELLING", "AIRSTRIKE", "KIDNAPPING", "KILLING", "SIEGE"}
COMBATANT = {"military", "police", "armed group"}
QUANTITIES = {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "several", "some",
              "many", "dozens", "hundreds", "various", "numerous", "both"}
MODIFIERS = {"at", "least", "most", "more", "than", "about", "approximately", "nearly", "almost", "over", "some",
             "around", "up", "to"}


def norm(s):
    # GRIT's eval.py: lower case, ASCII punctuation removed, articles removed as words, white space collapsed.
    s = ''.join(c for c in s.lower() if c not in string.punctuation)
    return ' '.join(w for w in s.split() if w not in ('a', 'an', 'the'))


def without_quantity(s):
    w = s.split()
    k = 1 if len(w) > 1 and w[0].lower() in ('the', 'a', 'an') else 0
    q = k
    while q < len(w) - 1 and w[q].lower() in MODIFIERS:
        q += 1
    if len(w) > q + 1 and (w[q].lower() in QUANTITIES or all(c.isdigit() or c == ',' for c in w[q])):
        w = w[q + 1:]
    return ' '.join(w)


ARMED = {'rebel group', 'drug cartel', 'death squad'}


def armed_groups(path):
    out = set()
    for line in open(path, encoding='utf-8'):
        f = line.rstrip('\n').split('\t')
        if not line.startswith('#') and len(f) > 2 and f[2] in ARMED:
            out.add(f[0])
    return out


def fillers(doc, armed=frozenset()):
    out = {r: [] for r in ROLES}
    kind = {e['id']: e['type'] for e in doc.get('entities', [])}
    for m in doc.get('mentions', []):
        if m.get('entity') and m['entity'] not in kind:
            kind[m['entity']] = m['type']
    longest = {}
    for m in doc.get('mentions', []):
        e = m.get('entity')
        if e and not m.get('nominal') and len(m['text']) > len(longest.get(e, '')):
            longest[e] = m['text']
    seen = {r: set() for r in ROLES}
    counted = False

    def add(role, text, entity=None):
        if entity:
            if entity in seen[role]:
                return
            seen[role].add(entity)
            text = longest.get(entity, text)
        out[role].append(text)
    for e in doc.get('events', []):
        if e['type'] not in INCIDENTS:
            continue
        if e['targets'] and all(t['kind'] == 'people' and t.get('category') in COMBATANT for t in e['targets']):
            continue
        for a in e['actors']:
            if a.get('role', '').lower() == 'perpetrator':
                t = kind.get(a.get('entity'))
                if t == 'PLACE':
                    continue
                add('PerpOrg' if t == 'ORG' else 'PerpInd', a['name'], a.get('entity') if t in ('ORG', 'PERSON') else None)
        for t in e['targets']:
            if t['kind'] == 'property':
                add('Target', without_quantity(t['text']))
            elif t['kind'] == 'people' and t.get('start') is not None:
                for m in doc.get('mentions', []):
                    if m['type'] == 'PERSON' and not m.get('nominal') and m['start'] >= t['start'] and m['end'] <= t['end']:
                        add('Victim', m['text'], m.get('entity'))
                        break
        for w in e['weapons']:
            add('Weapon', w['text'])
        counted = True
    if counted and armed:
        canonical = {e['id']: e.get('canonical') or e['id'] for e in doc.get('entities', [])}
        for m in doc.get('mentions', []):
            e = m.get('entity')
            if m['type'] == 'ORG' and not m.get('nominal') and e and canonical.get(e, e) in armed:
                add('PerpOrg', m['text'], e)
    return out


def match(fl, ents):
    owner = [None] * len(ents)

    def place(f, seen):
        for i, e in enumerate(ents):
            if fl[f] in e and i not in seen:
                seen.add(i)
                if owner[i] is None or place(owner[i], seen):
                    owner[i] = f
                    return True
        return False
    return sum(place(f, set()) for f in range(len(fl)))


def main():
    gold = {}
    for line in open(sys.argv[1]):
        d = json.loads(line)
        gold[d['docid']] = d['extracts']
    armed = armed_groups(sys.argv[sys.argv.index('--orgs') + 1]) if '--orgs' in sys.argv else frozenset()
    show = set(sys.argv[sys.argv.index('--show') + 1].split(',')) if '--show' in sys.argv else set()
    tot = {r: [0, 0, 0] for r in ROLES}
    seen = set()
    if '--fillers' in sys.argv:
        given = [json.loads(line) for line in open(sys.argv[sys.argv.index('--fillers') + 1]) if line.strip()]
        records = [({'id': g['docid']}, g['fillers']) for g in given]
    else:
        records = ((doc, fillers(doc, armed)) for doc in (json.loads(line) for line in open(sys.argv[2])))
    for doc, f in records:
        seen.add(doc['id'])
        for r in ROLES:
            ents = [set(norm(m[0]) for m in e) for e in gold[doc['id']].get(r, []) if e]
            fl = list(dict.fromkeys(x for x in (norm(y) for y in f[r]) if x))
            c = match(fl, ents)
            tot[r][0] += c; tot[r][1] += len(fl); tot[r][2] += len(ents)
            if r in show:
                print(doc['id'], r, 'pred', fl, 'gold', [sorted(e)[0] for e in ents])
    for docid, ex in gold.items():       # documents without a prediction count as empty
        if docid not in seen:
            for r in ROLES:
                tot[r][2] += len([e for e in ex.get(r, []) if e])

    def prf(c, p, g):
        P = c / p if p else 0
        R = c / g if g else 0
        return P, R, (2 * P * R / (P + R) if P + R else 0)
    for r in ROLES:
        print('%-8s P %.3f R %.3f F1 %.3f  (%d/%d/%d)' % ((r,) + prf(*tot[r]) + tuple(tot[r])))
    c, p, g = (sum(v[i] for v in tot.values()) for i in range(3))
    print('micro    P %.3f R %.3f F1 %.3f' % prf(c, p, g))


if __name__ == '__main__':
    main()
