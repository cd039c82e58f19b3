#!/usr/bin/env python3
"""Stand-in name layer for MUC-4 measurements while rex's name recognizer has no mode for text without case.

Marks ORG, PERSON and PLACE mentions in GRIT's lower-cased MUC-4 texts by exact, longest, word-bounded matches
of a gazetteer pack's spellings (organizations.tsv names, acronyms and aliases; people.tsv names and variants;
places/places.tsv names), and writes document/1 JSON Lines that `rex events` reads (it keeps the mentions and
extracts events). This measures the event stage with gazetteer-only names; it is not rex's name recognizer.

usage: muc_standin_names.py GRIT_FILE PACK_DIR > docs.jsonl
then:  rex events docs.jsonl --pack latam -o pred.jsonl
       python3 scripts/events/muc_score.py GRIT_FILE pred.jsonl
"""
import json
import re
import sys


def spellings(path, cols):
    out = []
    for line in open(path, encoding='utf-8'):
        if line.startswith('#') or not line.strip():
            continue
        f = line.rstrip('\n').split('\t')
        for c in cols:
            if c < len(f):
                for s in f[c].split('|'):
                    s = s.strip()
                    if len(s) >= 3:
                        out.append((s.lower(), f[0]))
    return out


def main():
    grit, pack = sys.argv[1], sys.argv[2]
    table = []
    for s, i in spellings(pack + '/organizations.tsv', [1, 3, 4]):
        table.append((s, 'ORG', i))
    for s, i in spellings(pack + '/people.tsv', [1, 2]):
        if ' ' in s:
            table.append((s, 'PERSON', i))
    for s, i in spellings(pack + '/places/places.tsv', [1, 9]):
        table.append((s, 'PLACE', i))
    # Longest spellings first; one alternation, word-bounded.
    table.sort(key=lambda t: -len(t[0]))
    index = {}
    for s, t, i in table:
        index.setdefault(s, (t, i))
    pattern = re.compile(r'(?<![\w-])(' + '|'.join(re.escape(s) for s, _, _ in table) + r')(?![\w-])')
    for line in open(grit, encoding='utf-8'):
        d = json.loads(line)
        text = d['doctext']
        mentions = []
        for k, m in enumerate(pattern.finditer(text)):
            t, i = index[m.group(1)]
            mention = {'id': 'M%d' % (k + 1), 'start': m.start(), 'end': m.end(), 'text': m.group(0), 'type': t,
                       'entity': i}
            if t == 'PLACE':
                mention['place'] = {'id': i, 'name': m.group(0)}
                mention['entity'] = i
            mentions.append(mention)
        doc = {'schema': 'document/1', 'id': d['docid'], 'text': text, 'mentions': mentions}
        print(json.dumps(doc))


if __name__ == '__main__':
    main()
