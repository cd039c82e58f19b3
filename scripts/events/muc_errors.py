#!/usr/bin/env python3
"""MUC-4 role-filler errors per document: the gold entities rex missed and the fillers it gave wrongly.

Reads GRIT's processed file and the fillers `rex eval --muc FILE --muc-fillers FILLERS.jsonl` wrote, matches them
greedily (GRIT's eval.py normalization, each gold entity at most once; `rex eval --muc` takes the largest
matching, which can differ by a filler in rare documents), and prints, per role, the
misses (with a few words of text around the first place the gold filler occurs) and the spurious fillers, then
counts of each, to find the largest buckets of errors. A diagnostic for writing rules; it scores nothing new.

usage: muc_errors.py GRIT_FILE FILLERS.jsonl [--role ROLE[,ROLE]] [--context N] [--summary]
"""
import collections
import json
import sys

from muc_score import ROLES, norm


def main():
    args = sys.argv[1:]
    if len(args) < 2:
        sys.exit(__doc__)
    roles = set(args[args.index('--role') + 1].split(',')) if '--role' in args else set(ROLES)
    width = int(args[args.index('--context') + 1]) if '--context' in args else 60
    summary = '--summary' in args
    docs = {}
    for line in open(args[0]):
        d = json.loads(line)
        docs[d['docid']] = d
    given = {g['docid']: g['fillers'] for g in (json.loads(x) for x in open(args[1]) if x.strip())}
    missed = collections.Counter()
    spurious = collections.Counter()
    for docid, d in docs.items():
        f = given.get(docid, {r: [] for r in ROLES})
        text = d['doctext']
        for r in ROLES:
            if r not in roles:
                continue
            ents = [e for e in d['extracts'].get(r, []) if e]
            sets = [set(norm(m[0]) for m in e) for e in ents]
            fl = list(dict.fromkeys(x for x in (norm(y) for y in f.get(r, [])) if x))
            matched_f = set()
            matched_e = set()
            for i, x in enumerate(fl):
                for j, s in enumerate(sets):
                    if j not in matched_e and x in s:
                        matched_f.add(i); matched_e.add(j)
                        break
            for j, e in enumerate(ents):
                if j in matched_e:
                    continue
                missed[r] += 1
                if not summary:
                    off = e[0][1]
                    ctx = text[max(0, off - width):off + len(e[0][0]) + width].replace('\n', ' ')
                    print('%s %-7s MISS  %-40s | %s' % (docid, r, ' / '.join(m[0] for m in e), ctx))
            for i, x in enumerate(fl):
                if i not in matched_f:
                    spurious[r] += 1
                    if not summary:
                        print('%s %-7s SPUR  %s' % (docid, r, x))
    for r in ROLES:
        if r in roles:
            print('%-8s missed %3d  spurious %3d' % (r, missed[r], spurious[r]))


if __name__ == '__main__':
    main()
