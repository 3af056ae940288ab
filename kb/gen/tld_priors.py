#!/usr/bin/env python3
"""Derives the top-level-domain priors in kb/data/tlds.yaml from the
JPCERT/CC phishing URL list against the Tranco popular-domain list.

    python3 kb/gen/tld_priors.py ../shared/corpus/urls > kb/data/tlds.yaml

Method: count distinct registrable-looking domains (last two labels, or
three under a two-letter second level such as co.jp) per TLD in each list;
p = share of phishing domains, q = share of popular domains; ratio =
p / (q + 1/N_popular) so that a TLD absent from Tranco is not infinitely
suspicious. A TLD is kept when it has at least 30 phishing domains and a
ratio of at least 3; severity is "medium" when the ratio is at least 20
(the TLD is almost only seen in phishing) and "low" otherwise. Only the
development split is read (rows whose sha1(url) or sha1(domain) mod 5 is
not 0; the shared corpus ships no other rows).
"""
import csv, hashlib, os, sys, collections, urllib.parse, datetime

root = sys.argv[1]

def dev(key):
    return int(hashlib.sha1(key.encode()).hexdigest(), 16) % 5 != 0

def reg(host):
    labels = host.strip('.').lower().split('.')
    if len(labels) >= 3 and len(labels[-2]) <= 3 and len(labels[-1]) == 2 and labels[-2] in ('co', 'ne', 'or', 'ac', 'go', 'com', 'net', 'org', 'gov', 'edu'):
        return '.'.join(labels[-3:])
    return '.'.join(labels[-2:])

phish = set()
with open(os.path.join(root, 'jpcert-phishurl.csv'), encoding='utf-8', errors='replace') as f:
    for row in csv.DictReader(f):
        if not dev(row['url']):
            continue
        try:
            h = urllib.parse.urlsplit(row['url'].strip()).hostname or ''
        except ValueError:
            continue
        if h and not h.replace('.', '').isdigit() and '.' in h:
            phish.add(reg(h))
legit = set()
with open(os.path.join(root, 'tranco-top50k.csv'), encoding='utf-8') as f:
    for row in csv.DictReader(f):
        if dev(row['domain']):
            legit.add(reg(row['domain']))

pt = collections.Counter(d.rsplit('.', 1)[-1] for d in phish)
lt = collections.Counter(d.rsplit('.', 1)[-1] for d in legit)
P, L = len(phish), len(legit)
rows = []
for tld, n in pt.items():
    p = n / P
    q = lt[tld] / L
    ratio = p / (q + 1 / L)
    if n >= 30 and ratio >= 3:
        rows.append((ratio, tld, n, lt[tld]))
rows.sort(reverse=True)
print("# Top-level domains over-represented in phishing aimed at Japan.")
print("#")
print("# Generated %s by kb/gen/tld_priors.py (read it for the method) from" % datetime.date.today().isoformat())
print("# shared/corpus/urls: JPCERT/CC phishurl-list (%d distinct phishing domains)" % P)
print("# against the Tranco top-50k list (%d domains), development split only." % L)
print("# ratio = share among phishing domains / share among popular domains.")
print("# An analyst can override the list with --kb.")
print("suspicious_tlds:")
for ratio, tld, n, m in rows:
    sev = "medium" if ratio >= 20 else "low"
    print("  - {tld: %s, ratio: %.1f, severity: %s}  # %d phishing, %d popular" % (tld, ratio, sev, n, m))
