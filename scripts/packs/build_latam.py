#!/usr/bin/env python3
"""Build the Latin America gazetteer pack (Gazetteers/packs/latam/) from the MUC-4 release.

usage: build_latam.py MUC4_DIR [OUT_DIR]
  MUC4_DIR  the MUC-4 data folder (e.g. /work/shared/data/muc4), holding raw/TASKDOC and raw/dev
  OUT_DIR   default: Gazetteers/packs/latam next to this script's repository

What it writes, in the formats of the default gazetteers (see Gazetteers/README.md):
  places/places.tsv      every place of the MUC-4 location lists (set-list-location, containing-areas parts 1
                         and 2) with its country and first-level division, and the countries of the
                         foreign-nation set list; no coordinates (the lists have none)
  places/regions.tsv     Latin America, Central America, South America (hand-listed here)
  places/places-added.tsv  empty (header only)
  places/demonyms.tsv    English demonyms of those countries, from ../geo/country-facts/demonyms.csv when
                         the data folder has it next to muc4/ (ODbL 1.0)
  organizations.tsv      the perpetrator organizations of the development keys (raw/dev/key-dev-*), with
                         their acronyms and spellings, typed by their words (rebel group, drug cartel, death
                         squad, state forces, government, other)
  people.tsv             the named human targets and perpetrators of the development keys
  org-relations.tsv      empty (header only)
  names-given-names.txt  given names of the development keys' human targets (for text without case)
  names-common-words.txt words of the development texts that are not parts of person names (text without case)
Only the development keys (MUC-4's training set) are read; the test keys (tst1, tst2) are not.
Shared data (lexicon/, rules/) is linked, not copied: a pack swaps gazetteers only.
"""
import collections
import csv
import os
import re
import sys

COUNTRY_CODES = {
    'ARGENTINA': 'AR', 'BOLIVIA': 'BO', 'CHILE': 'CL', 'COLOMBIA': 'CO', 'ECUADOR': 'EC', 'EL SALVADOR': 'SV',
    'GUATEMALA': 'GT', 'HONDURAS': 'HN', 'PERU': 'PE', 'NICARAGUA': 'NI', 'PANAMA': 'PA', 'COSTA RICA': 'CR',
    'MEXICO': 'MX', 'CUBA': 'CU', 'VENEZUELA': 'VE', 'BRAZIL': 'BR', 'PARAGUAY': 'PY', 'URUGUAY': 'UY',
    'BELIZE': 'BZ', 'UNITED STATES': 'US', 'USA': 'US', 'SPAIN': 'ES', 'FRANCE': 'FR', 'ITALY': 'IT',
    'WEST GERMANY': 'DE', 'FEDERAL REPUBLIC OF GERMANY': 'DE', 'GERMANY': 'DE', 'EAST GERMANY': 'DD',
    'UNITED KINGDOM': 'GB', 'GREAT BRITAIN': 'GB', 'ENGLAND': 'GB', 'SOVIET UNION': 'SU', 'USSR': 'SU',
    'JAPAN': 'JP', 'CHINA': 'CN', 'ISRAEL': 'IL', 'CANADA': 'CA', 'DOMINICAN REPUBLIC': 'DO', 'HAITI': 'HT',
    'JAMAICA': 'JM', 'AUSTRALIA': 'AU', 'AUSTRIA': 'AT', 'BELGIUM': 'BE', 'SWITZERLAND': 'CH', 'SWEDEN': 'SE',
    'NETHERLANDS': 'NL', 'PORTUGAL': 'PT', 'LIBYA': 'LY', 'LEBANON': 'LB', 'IRAN': 'IR', 'IRAQ': 'IQ',
    'BANGLADESH': 'BD', 'BARBADOS': 'BB', 'ANTIGUA AND BARBUDA': 'AG', 'VATICAN': 'VA', 'VATICAN CITY': 'VA',
    'PUERTO RICO': 'PR', 'GRENADA': 'GD', 'TRINIDAD AND TOBAGO': 'TT', 'GUYANA': 'GY', 'SURINAME': 'SR',
    'NORWAY': 'NO', 'DENMARK': 'DK', 'FINLAND': 'FI', 'GREECE': 'GR', 'TURKEY': 'TR', 'POLAND': 'PL',
    'INDIA': 'IN', 'PAKISTAN': 'PK', 'AFGHANISTAN': 'AF', 'ANGOLA': 'AO', 'SOUTH AFRICA': 'ZA', 'EGYPT': 'EG',
    'SYRIA': 'SY', 'JORDAN': 'JO', 'SAUDI ARABIA': 'SA', 'KOREA': 'KR', 'SOUTH KOREA': 'KR', 'NORTH KOREA': 'KP',
    'TAIWAN': 'TW', 'VIETNAM': 'VN', 'PHILIPPINES': 'PH', 'HUNGARY': 'HU', 'CZECHOSLOVAKIA': 'CS',
    'YUGOSLAVIA': 'YU', 'ROMANIA': 'RO', 'BULGARIA': 'BG', 'ALBANIA': 'AL', 'IRELAND': 'IE', 'LUXEMBOURG': 'LU',
    'BAHAMAS': 'BS', 'NEW ZEALAND': 'NZ',
}

# Kinds of the MUC-4 location lists → GeoNames feature class.code (what the default gazetteers use).
KINDS = {
    'CITY': 'P.PPL', 'TOWN': 'P.PPL', 'VILLAGE': 'P.PPL', 'HAMLET': 'P.PPL', 'SETTLEMENT': 'P.PPL',
    'PORT': 'P.PPL', 'CAPITAL': 'P.PPLC', 'NEIGHBORHOOD': 'P.PPLX', 'DISTRICT': 'P.PPLX', 'SECTOR': 'P.PPLX',
    'SUBURB': 'P.PPLX', 'SETTLEMENT AREA': 'P.PPLX', 'COLONIA': 'P.PPLX', 'CANTON': 'A.ADM3',
    'DEPARTMENT': 'A.ADM1', 'PROVINCE': 'A.ADM1', 'STATE': 'A.ADM1', 'OFFICIAL REGION': 'A.ADM1',
    'COMMISSARIAT': 'A.ADM1', 'INTENDANCY': 'A.ADM1', 'FEDERAL DISTRICT': 'A.ADM1', 'NATIONAL TERRITORY': 'A.ADM1',
    'CONSTITUTIONAL PROVINCE': 'A.ADM1', 'MUNICIPALITY': 'A.ADM2', 'JURISDICTION': 'A.ADM3', 'TOWNSHIP': 'A.ADM3',
    'REGION': 'L.RGN', 'AREA': 'L.AREA', 'ZONE': 'L.AREA', 'RIVER': 'H.STM', 'STREAM': 'H.STM', 'LAKE': 'H.LK',
    'CHANNEL': 'H.CHN', 'MOUNTAIN': 'T.MT', 'HILL': 'T.HLL', 'VOLCANO': 'T.VLC', 'VALLEY': 'T.VAL',
    'ISLAND': 'T.ISL', 'FARM': 'S.FRM', 'ESTATE': 'S.EST', 'AIRPORT': 'S.AIRP', 'JAIL': 'S.PRN', 'PRISON': 'S.PRN',
    'SCHOOL': 'S.SCH', 'UNIVERSITY': 'S.SCH', 'WATERFALL': 'H.FLLS', 'BASE': 'S.INSM', 'BORDER': 'L.AREA',
}
ADMIN1_KINDS = {'A.ADM1'}

SMALL_WORDS = {'de', 'del', 'la', 'las', 'los', 'el', 'y', 'e', 'of', 'the', 'and', 'da', 'do', 'dos', 'das'}


def title(name):
    words = name.lower().split()
    return ' '.join(w if (k > 0 and w in SMALL_WORDS) else w[:1].upper() + w[1:] for k, w in enumerate(words))


def slug(name):
    s = re.sub(r'[^a-z0-9]+', '-', name.lower()).strip('-')
    return s or 'x'


def parse_entry(piece):
    """'SAN MIGUEL (DEPARTMENT)' → ('SAN MIGUEL', 'DEPARTMENT'); a kind with '?' is kept without it."""
    m = re.match(r'^\s*(.*?)\s*(?:\(([^)]*)\))?\s*$', piece)
    name = m.group(1).strip().strip('"')
    kind = (m.group(2) or '').replace('?', '').strip()
    return name, kind


def read_locations(taskdoc):
    """(country, [(name, kind), …]) chains from the containing-areas lists."""
    chains = []
    for rel in ['templ-doc-more/containing-areas-part1.v5', 'templ-doc-more/containing-areas-part2']:
        path = os.path.join(taskdoc, rel)
        for line in open(path, encoding='latin-1'):
            line = line.rstrip('\n')
            if ':' not in line or line.startswith((' ', '\t', '-', '*')) or line[:1] == '?':
                continue
            body = re.split(r'\s\*[A-Za-z]', line)[0]          # drop the "*source*" annotations
            body = re.sub(r'message [\d, ]+', '', body)
            parts = [p for p in body.split(':')]
            country = parts[0].strip()
            if country not in COUNTRY_CODES or len(parts) < 2:
                continue
            chain = [parse_entry(p) for p in parts[1:] if p.strip()]
            chain = [(n, k) for n, k in chain if n and len(n) < 70 and not n.startswith('"')]
            if chain:
                chains.append((country, chain))
    return chains


def read_foreign_nations(taskdoc):
    out = []
    path = os.path.join(taskdoc, 'templ-doc-basic/set-list-foreign-nation.v5')
    on = False
    for line in open(path, encoding='latin-1'):
        s = line.strip()
        if s.startswith('1.0'):
            on = True
            continue
        if s.startswith('2.0'):
            break
        if on and s and s.upper() == s and re.match(r'^[A-Z .\'-]+$', s):
            out.append(s)
    return out


def read_synonyms(taskdoc):
    syn = collections.defaultdict(set)
    path = os.path.join(taskdoc, 'templ-doc-more/places-synonyms.v3')
    for line in open(path, encoding='latin-1'):
        line = line.replace('<-NEW', '').strip()
        m = re.match(r'^([A-Z0-9 .\'-]+?)\s*(=|->)\s*([A-Z0-9 .\'-]+)$', line)
        if m:
            a, b = m.group(1).strip(), m.group(3).strip()
            syn[b].add(a)
            syn[a].add(b)
    return syn


def read_keys(dev):
    """Slot fillers of the development keys: slot name → list of filler groups (alternatives)."""
    slots = collections.defaultdict(list)
    for fn in sorted(os.listdir(dev)):
        if not fn.startswith('key-dev'):
            continue
        current = None
        for line in open(os.path.join(dev, fn), encoding='latin-1'):
            m = re.match(r'^\s*\d+\.\s+([A-Z :]+?)\s{2,}(.*)$', line.rstrip('\n'))
            if m:
                current = m.group(1).strip()
                value = m.group(2)
            elif current and line.startswith(' ' * 20):
                value = line
            else:
                continue
            for group in re.findall(r'"[^"]*"(?:\s*/\s*"[^"]*")*', value):
                alts = [a.strip() for a in re.findall(r'"([^"]*)"', group) if a.strip()]
                if alts:
                    slots[current].append(alts)
    return slots


# The armed groups of the time that the keys spell in many ways, tied together by hand (names and acronyms are
# facts). They join the clusters of the development keys' spellings.
HAND_GROUPS = [
    ['FARABUNDO MARTI NATIONAL LIBERATION FRONT', 'FMLN'],
    ['SHINING PATH', 'SENDERO LUMINOSO', 'SL'],
    ['ARMY OF NATIONAL LIBERATION', 'NATIONAL LIBERATION ARMY', 'ELN'],
    ['REVOLUTIONARY ARMED FORCES OF COLOMBIA', 'FARC'],
    ['19 APRIL MOVEMENT', 'APRIL 19 MOVEMENT', 'M-19'],
    ['MEDELLIN CARTEL'],
    # The cartel's armed wing signs its own communiques; the keys name it as an organization of its own.
    ['THE EXTRADITABLES', 'EXTRADITABLES', 'LOS EXTRADITABLES'],
    ['CALI CARTEL'],
    ['TUPAC AMARU REVOLUTIONARY MOVEMENT', 'MRTA'],
    ['MANUEL RODRIGUEZ PATRIOTIC FRONT', 'FPMR'],
    ['GUATEMALAN NATIONAL REVOLUTIONARY UNITY', 'URNG'],
    ['POPULAR LIBERATION ARMY', 'EPL'],
    ['NATIONALIST REPUBLICAN ALLIANCE', 'ARENA'],
    ['CINCHONERO POPULAR LIBERATION MOVEMENT', 'CINCHONEROS'],
    ['MORAZANIST PATRIOTIC FRONT', 'FPM'],
    ['ZARATE WILLKA ARMED FORCES OF LIBERATION', 'ZARATE WILKA ARMED FORCES OF LIBERATION', 'FAL'],
    ['LAUTARO YOUTH MOVEMENT', 'MJL'],
]


def org_type(names):
    # Whole words only: "ETA" is not the end of "DETACHMENT", "DAS" not the end of "VANGUARDAS".
    text = ' '.join(names).upper()
    def search(pattern, text):
        return re.search(r'\b(?:' + pattern + r')', text)
    if search(r'CARTEL|EXTRADITABLES|MAFIA|DRUG|NARCO', text):
        return 'drug cartel'
    # Before the rebels' "COMMAND": the army's high command, however a communique names it.
    if search(r'HIGH COMMAND', text):
        return 'state forces'
    if search(r'DEATH SQUAD|ANTICOMMUNIST|ANTI-COMMUNIST|SQUADRON|MOVEMENT OF NATIONAL RESTORATION|SELF-DEFENSE|CATTLEMEN', text):
        return 'death squad'
    if search(r'LIBERATION|REVOLUTIONARY|GUERRILLA|PATH|FRONT|COMMAND|ARMED FORCES OF|PEOPLE\'S|POPULAR|M-19|'
                 r'TUPAC|ZARATE|LAUTARO|MOVEMENT|ELN|FMLN|FARC|EPL|URNG|FPMR|MRTA|SENDERO|CINCHONERO|MORAZANIST|ETA', text):
        return 'rebel group'
    if search(r'ARMY|ARMED FORCES|POLICE|NATIONAL GUARD|BATTALION|AIR FORCE|NAVY|MILITARY|TROOPS|SOLDIERS|'
                 r'SECURITY|DAS|DEPARTMENT OF SECURITY|BRIGADE|TREASURY', text):
        return 'state forces'
    if search(r'GOVERNMENT|MINISTRY|PRESIDENCY|EMBASSY', text):
        return 'government'
    return 'other'


def tsv_line(fields):
    return '\t'.join('' if f is None else str(f).replace('\t', ' ') for f in fields) + '\n'


def write_name_words(muc, out, slots, people):
    """names-given-names.txt and names-common-words.txt: what the name recognizer needs for text without case.

    Given names: the first words of the human targets' names in the development keys. Common words: words
    found in at least COMMON_DF of the 1,300 development texts, less the words of the human targets' names
    in the keys, the given names, and the words that mostly stand right after a person's
    title or a given name in the texts (surnames such as those of presidents, frequent but names).
    """
    given = collections.Counter()
    name_words = set()
    for pid, names in people.items():
        for n in names:
            w = n.lower().split()
            given[w[0]] += 1
            name_words.update(w)
    here = os.path.dirname(os.path.abspath(__file__))
    titles = set()
    for line in open(os.path.join(here, '..', '..', 'Gazetteers', 'lexicon', 'names-titles.txt'), encoding='utf-8'):
        if line.strip() and not line.startswith('#'):
            titles.add(line.split('\t')[0].split()[-1].lower().rstrip('.'))
    given_names = {g for g in given if g not in SMALL_WORDS and g not in titles and len(g) > 2}
    df = collections.Counter()
    total = collections.Counter()
    after_name_cue = collections.Counter()
    dev = os.path.join(muc, 'raw', 'dev')
    for fn in sorted(os.listdir(dev)):
        if not fn.startswith('dev-muc3'):
            continue
        text = open(os.path.join(dev, fn), encoding='latin-1').read()
        for doc in re.split(r'(?m)^DEV-MUC3-\d+', text):
            words = re.findall(r"[A-Za-z][A-Za-z']*", doc.lower())
            df.update(set(words))
            total.update(words)
            for a, b in zip(words, words[1:]):
                if a in titles or a in given_names:
                    after_name_cue[b] += 1
    common = sorted(w for w, n in df.items()
                    if n >= COMMON_DF and w not in name_words and w not in given_names
                    and after_name_cue[w] * 4 < total[w])
    with open(os.path.join(out, 'names-given-names.txt'), 'w') as f:
        f.write('# Given names of this region, added to lexicon/names-given-names.txt: the first words of the human\n'
                '# targets\' names in the MUC-4 development keys (raw/dev/key-dev-*; the test keys are not read).\n'
                '# In text without case a person is a title or a given name followed by words that are not common.\n'
                '# Generated by scripts/packs/build_latam.py.\n# FORMAT: given name (lower case), one per line\n')
        for g in sorted(given_names):
            f.write(g + '\n')
    with open(os.path.join(out, 'names-common-words.txt'), 'w') as f:
        f.write('# Words of this region\'s reports that are never part of a person\'s name, for text without case\n'
                '# (MUC-4 wire text is upper case): words in at least %d of the 1,300 MUC-4 development texts, less\n'
                '# the words of names in the development keys, their given names, and words that mostly follow a\n'
                '# title or a given name. Generated by scripts/packs/build_latam.py.\n'
                '# FORMAT: word (lower case), one per line\n' % COMMON_DF)
        for w in common:
            f.write(w + '\n')


COMMON_DF = 10


def main():
    muc = sys.argv[1]
    here = os.path.dirname(os.path.abspath(__file__))
    out = sys.argv[2] if len(sys.argv) > 2 else os.path.join(here, '..', '..', 'Gazetteers', 'packs', 'latam')
    out = os.path.abspath(out)
    taskdoc = os.path.join(muc, 'raw', 'TASKDOC')
    os.makedirs(os.path.join(out, 'places'), exist_ok=True)
    source = 'MUC-4 TASKDOC location lists'
    licence = 'MUC-4 (NIST/LDC research distribution)'

    # --- countries and places
    synonyms = read_synonyms(taskdoc)
    places = collections.OrderedDict()   # id → row dict

    def add(pid, name, kind, country, admin1, names, src):
        row = places.get(pid)
        if row is None:
            places[pid] = dict(id=pid, name=name, kind=kind, country=country, admin1=admin1, names=set(names),
                               source=src)
        else:
            row['names'] |= set(names)
            if not row['admin1'] and admin1:
                row['admin1'] = admin1

    nations = set(read_foreign_nations(taskdoc)) | {c for c in COUNTRY_CODES if len(c) > 3}
    for nation in sorted(nations):
        cc = COUNTRY_CODES.get(nation)
        if not cc:
            continue
        add('place:country-' + cc.lower(), title(nation), 'A.PCLI', cc, '', [title(nation)],
            'MUC-4 set-list-foreign-nation')
    for country, chain in read_locations(taskdoc):
        cc = COUNTRY_CODES[country]
        admin1 = ''
        for name, kind in chain:
            code = KINDS.get(kind, 'P.PPL' if not kind else 'L.AREA')
            if code in ADMIN1_KINDS and not admin1:
                admin1 = title(name)
                pid = 'place:%s-%s-%s' % (cc.lower(), slug(name), slug(kind or 'place'))
                add(pid, title(name), code, cc, title(name), [title(name)], source)
                continue
            pid = 'place:%s-%s-%s' % (cc.lower(), slug(name), slug(kind or 'place'))
            alts = [title(name)] + [title(s) for s in synonyms.get(name, ())]
            # "SAN MIGUEL (DEPARTMENT)" is also written "San Miguel Department".
            if kind in ('DEPARTMENT', 'PROVINCE'):
                alts.append(title(name) + ' ' + title(kind))
            add(pid, title(name), code, cc, admin1, alts, source)

    with open(os.path.join(out, 'places', 'places.tsv'), 'w') as f:
        f.write('# Places of the MUC-4 Latin American terrorism corpus (1989-91): departments, provinces,\n'
                '# municipalities, towns, neighbourhoods, farms and features of the MUC-4 location set lists\n'
                '# (containing-areas parts 1-2, set-list-location v4) and the countries of the foreign-nation set\n'
                '# list. No coordinates: the lists have none. Generated by scripts/packs/build_latam.py; do not edit.\n'
                '# Source: MUC-4 TASKDOC (NIST/LDC research distribution).\n')
        f.write('# FORMAT: id\tname\tkind\tcountry\tadmin1\tadmin2\tlat\tlon\tpopulation\tnames\tsource\tlicence\tflags\n')
        for row in places.values():
            f.write(tsv_line([row['id'], row['name'], row['kind'], row['country'], row['admin1'], '', '', '', '',
                              '|'.join(sorted(row['names'])), row['source'], licence, '']))

    with open(os.path.join(out, 'places', 'regions.tsv'), 'w') as f:
        f.write('# Supranational regions that Latin American reports name. Hand-listed in scripts/packs/build_latam.py.\n')
        f.write('# FORMAT: id\tname\tkind\tcountry\tadmin1\tadmin2\tlat\tlon\tpopulation\tnames\tsource\tlicence\tflags\n')
        for pid, name, names in [('place:latin-america', 'Latin America', 'Latin America|Latin American region'),
                                 ('place:central-america', 'Central America', 'Central America|Central American region'),
                                 ('place:south-america', 'South America', 'South America'),
                                 ('place:andean-region', 'Andean region', 'Andean region|Andes')]:
            f.write(tsv_line([pid, name, 'L.RGN', '', '', '', '', '', '', names, 'hand-listed', 'CC-BY-4.0', '']))
    with open(os.path.join(out, 'places', 'places-added.tsv'), 'w') as f:
        f.write('# Places no list has. None yet for this pack.\n')
        f.write('# FORMAT: id\tname\tkind\tcountry\tadmin1\tadmin2\tlat\tlon\tpopulation\tnames\tsource\tlicence\tflags\n')

    # --- demonyms
    dem_path = os.path.join(muc, '..', 'geo', 'country-facts', 'demonyms.csv')
    with open(os.path.join(out, 'places', 'demonyms.tsv'), 'w') as f:
        f.write('# Demonyms of the countries of this pack, English, singular and plural. Generated by\n'
                '# scripts/packs/build_latam.py from geo/country-facts/demonyms.csv (ODbL 1.0) when present.\n')
        f.write('# FORMAT: demonym\tcountry\tplace_id\n')
        codes = {row['country'] for row in places.values() if row['kind'] == 'A.PCLI'}
        if os.path.exists(dem_path):
            seen = set()
            for r in csv.DictReader(open(dem_path, encoding='utf-8')):
                cc = r['cca2']
                if cc not in codes:
                    continue
                for d in {r['demonym_en_m'], r['demonym_en_f']}:
                    for form in [d, d + 's'] if d and not d.endswith(('s', 'ese')) else [d]:
                        if form and (form, cc) not in seen:
                            seen.add((form, cc))
                            f.write(tsv_line([form, cc, 'place:country-' + cc.lower()]))

    # --- organizations and people from the development keys
    slots = read_keys(os.path.join(muc, 'raw', 'dev'))
    generic = {'ARMY', 'ARMED FORCES', 'POLICE', 'GOVERNMENT', 'MILITARY', 'NATIONAL POLICE', 'AIR FORCE', 'NAVY',
               'SECURITY FORCES', 'TROOPS', 'SOLDIERS', 'GUERRILLAS', 'TERRORISTS', 'GUERRILLA', 'NATIONAL GUARD',
               'THE GUERRILLAS', 'THE TERRORISTS', 'REBEL GROUPS', 'ORGANIZATIONS',
               'GROUP', 'GROUPS', 'THE GOVERNMENT', 'THE ARMY', 'THE MILITARY', 'MAFIA', 'MAFIAS', 'REGIME', 'THE REGIME'}
    counts = collections.Counter()
    groups = [set(g) for g in HAND_GROUPS]
    for alts in slots.get('PERP: ORGANIZATION ID', []):
        alts = [a for a in alts if a.upper() not in generic and '[' not in a and '(' not in a and '\\' not in a]
        if not alts:
            continue
        counts.update(alts)
        groups.append(set(alts))
    # Groups that share a spelling (a full name or an acronym) are one organization; spellings whose words say
    # another kind of organization ("Government and the Military" next to "ELN") are dropped from it.
    parent = {}
    def find(x):
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x
    # Every loop below goes in sorted order so that the output does not depend on Python's string hashing.
    # Two hand-tied groups stay apart even when a key gives a spelling of each as alternatives ("MEDELLIN
    # CARTEL" / "THE EXTRADITABLES").
    hand_of = {x: i for i, g in enumerate(HAND_GROUPS) for x in g}
    hand_root = {}
    def union(x, y):
        rx, ry = find(x), find(y)
        if rx == ry:
            return
        hx, hy = hand_root.get(rx, hand_of.get(rx)), hand_root.get(ry, hand_of.get(ry))
        if hx is not None and hy is not None and hx != hy:
            return
        parent[rx] = ry
        if hx is not None or hy is not None:
            hand_root[ry] = hx if hx is not None else hy
    for names in groups:
        names = sorted(x for x in names if re.search('[A-Za-z]', x))
        for x in names[1:]:
            union(x, names[0])
        for x in names[:1]:
            find(x)
    clusters = collections.defaultdict(set)
    for x in sorted(parent):
        clusters[find(x)].add(x)
    merged = []
    for names in sorted(clusters.values(), key=sorted):
        kinds = collections.Counter()
        for x in sorted(names):
            kinds[org_type([x])] += counts[x]
        # The kind with the most mentions; on a tie a definite kind rather than 'other', then the first by name.
        main = max(sorted(kinds), key=lambda k: (kinds[k], k != 'other'))
        keep = {x for x in names if org_type([x]) in (main, 'other') or ' ' not in x}
        merged.append(dict(names=keep, n=sum(counts[x] for x in keep)))
    merged.sort(key=lambda m: (-m['n'], sorted(m['names'])))
    used = set()
    place_names = {n for row in places.values() for n in row['names']}
    with open(os.path.join(out, 'organizations.tsv'), 'w') as f:
        f.write('# Organizations named as perpetrators in the MUC-4 development keys (DEV-MUC3-0001..1300): guerrilla\n'
                '# fronts, drug cartels, death squads, state forces. Generated by scripts/packs/build_latam.py from\n'
                '# raw/dev/key-dev-*.muc4 (MUC-4 training set; the test keys are not read). Types are given by the\n'
                '# words of the names. Acronyms are also listed as aliases so that lower-case and upper-case text\n'
                '# (MUC-4 wire text is upper case) match them.\n')
        f.write('# FORMAT: id\tname\ttype\tacronyms\taliases\tcountry\tsource\n')
        for m in merged:
            names = sorted(m['names'])
            long_names = [x for x in names if ' ' in x or len(x) > 5]
            # Acronyms: one short word ("FMLN", "M-19", "UC-ELN"), not a place name ("MEDELLIN") or a plain word.
            acronyms = [x for x in names if ' ' not in x and (len(x) <= 5 or '-' in x)
                        and x.replace('-', '').replace('.', '').isalnum() and title(x) not in place_names]
            hand = [g[0] for g in HAND_GROUPS if g[0] in m['names']]
            name = hand[0] if hand else max(long_names or names, key=lambda x: (counts[x], len(x)))
            oid = 'org:' + slug(name)
            if oid in used:
                continue
            used.add(oid)
            aliases = sorted({title(x) for x in long_names if title(x) not in place_names} | {a for a in acronyms if len(a) >= 3})
            f.write(tsv_line([oid, title(name), org_type(names), '|'.join(acronyms), '|'.join(aliases), '',
                              'MUC-4 dev keys (%d mentions)' % m['n']]))

    people = collections.OrderedDict()
    for slot in ['HUM TGT: NAME']:
        for alts in slots.get(slot, []):
            for a in alts:
                words = a.split()
                if 2 <= len(words) <= 6 and all(re.match(r"^[A-Z][A-Z'.-]*$", w) for w in words):
                    pid = 'person:' + slug(a)
                    people.setdefault(pid, set()).update(alts)
    with open(os.path.join(out, 'people.tsv'), 'w') as f:
        f.write('# People named as human targets in the MUC-4 development keys. Generated by\n'
                '# scripts/packs/build_latam.py from raw/dev/key-dev-*.muc4 (the test keys are not read).\n')
        f.write('# FORMAT: id\tname\tvariants\troles\torganizations\tcountry\tsource\n')
        for pid, names in people.items():
            name = max(sorted(names), key=len)
            variants = sorted({title(n) for n in names if n != name})
            f.write(tsv_line([pid, title(name), '|'.join(variants), 'human target in the MUC-4 keys', '', '',
                              'MUC-4 dev keys']))

    write_name_words(muc, out, slots, people)

    with open(os.path.join(out, 'org-relations.tsv'), 'w') as f:
        f.write('# Relations between organizations of this pack. None yet.\n')
        f.write('# FORMAT: subject\trelation\tobject\tstart\tend\tsource\n')

    # Shared, region-independent data: linked.
    for shared in ['lexicon', 'rules']:
        link = os.path.join(out, shared)
        if not os.path.lexists(link):
            os.symlink(os.path.join('..', '..', shared), link)
    print('places %d, organizations %d, people %d -> %s' % (len(places), len(used), len(people), out))


if __name__ == '__main__':
    main()
