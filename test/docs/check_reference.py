#!/usr/bin/env python3
"""Checks that the SQL reference names every function, aggregate and type cxm installs.

Usage: check_reference.py [README.md [SUPPORT.md]]   (default: README.md and docs/types.md)

Against the server that PGHOST, PGPORT, PGUSER... name (test/cases/docs.sh runs it inside the
test command's throwaway cluster). In a fresh database of its own it runs `CREATE EXTENSION cxm`
and reads from the catalog every type and function (aggregates and window functions included)
that depends on the extension (pg_depend, deptype 'e'). A name is a *support name* when every
function of that name is called by PostgreSQL itself: a type's input, output, receive or send
function, an operator's function, an operator-class support function, or a step of an
aggregate (pg_type, pg_operator, pg_amproc, pg_aggregate).

- the README's table -- the first Markdown table after the heading "## SQL reference" -- must
  name, in the first column, each name that is not a support name, and nothing that the
  extension does not install;
- the support table -- the first table after "## Support functions" in SUPPORT.md -- must name
  each support name that the README's table does not, and nothing else that is not installed;
- every link in either table must lead to a Markdown file that exists and, with a #fragment, to
  a heading of that file (GitHub's anchors: lower case, punctuation dropped, spaces to -) or to
  an <a id="..."> tag in it.

A name counts when it is written in backticks, alone or as the start of a call: `nps_agg` or
`nps_agg(score)`. Exits 1 when anything is missing or unknown, 2 on a usage or setup error.
Standard library only.
"""
import os
import re
import subprocess
import sys

PSQL = ['psql', '-X', '-q', '-At', '-v', 'ON_ERROR_STOP=1']
CATALOG = r"""
WITH ext AS (SELECT oid FROM pg_extension WHERE extname = 'cxm'),
support AS (
  SELECT typinput::oid AS f FROM pg_type UNION SELECT typoutput FROM pg_type
  UNION SELECT typreceive FROM pg_type UNION SELECT typsend FROM pg_type
  UNION SELECT oprcode FROM pg_operator UNION SELECT amproc FROM pg_amproc
  UNION SELECT aggtransfn FROM pg_aggregate UNION SELECT aggfinalfn FROM pg_aggregate
  UNION SELECT aggcombinefn FROM pg_aggregate UNION SELECT aggserialfn FROM pg_aggregate
  UNION SELECT aggdeserialfn FROM pg_aggregate UNION SELECT aggmtransfn FROM pg_aggregate
  UNION SELECT aggminvtransfn FROM pg_aggregate UNION SELECT aggmfinalfn FROM pg_aggregate)
SELECT 'type', t.typname, false
FROM pg_depend d JOIN pg_type t ON t.oid = d.objid, ext
WHERE d.classid = 'pg_type'::regclass AND d.refclassid = 'pg_extension'::regclass
  AND d.refobjid = ext.oid AND d.deptype = 'e'
UNION ALL
SELECT 'function', p.proname, bool_and(p.oid IN (SELECT f FROM support))
FROM pg_depend d JOIN pg_proc p ON p.oid = d.objid, ext
WHERE d.classid = 'pg_proc'::regclass AND d.refclassid = 'pg_extension'::regclass
  AND d.refobjid = ext.oid AND d.deptype = 'e'
GROUP BY p.proname
"""


def psql(db, sql):
    r = subprocess.run(PSQL + ['-d', db, '-c', sql], capture_output=True, text=True, timeout=300)
    if r.returncode != 0:
        raise RuntimeError('%s: %s' % (sql.strip().split('\n')[0], r.stderr.strip()))
    return r.stdout


def installed():
    """{name: True when a support name} of every type and function the extension owns."""
    db = 'cxm_docs_reference'
    psql('postgres', 'DROP DATABASE IF EXISTS %s' % db)
    psql('postgres', 'CREATE DATABASE %s' % db)
    try:
        psql(db, 'CREATE EXTENSION cxm')
        out = psql(db, CATALOG)
    finally:
        psql('postgres', 'DROP DATABASE IF EXISTS %s' % db)
    names = {}
    for line in out.splitlines():
        kind, name, support = line.split('|')
        names[name] = names.get(name, True) and support == 't'
    if not names:
        raise RuntimeError('the extension cxm owns no types or functions')
    return names


def anchor(heading):
    """GitHub's anchor of a heading's text."""
    text = re.sub(r'\[([^\]]*)\]\([^)]*\)', r'\1', heading).strip().lower()
    text = re.sub(r'[^\w\- ]', '', text)
    return text.replace(' ', '-')


def anchors(path):
    """The anchors of a Markdown file (outside code fences): its headings', with -1, -2 for
    repeats, and the ids of its <a id="..."> (or name) tags."""
    seen, out, fence = {}, set(), None
    with open(path, encoding='utf-8') as f:
        for line in f:
            m = re.match(r'^ {0,3}(`{3,}|~{3,})', line)
            if m:
                if fence is None:
                    fence = m.group(1)[0]
                elif m.group(1)[0] == fence:
                    fence = None
                continue
            if fence is None:
                out.update(re.findall(r'<a\s+(?:id|name)="([^"]+)"', line))
                h = re.match(r'^#{1,6}\s+(.*?)\s*#*\s*$', line)
                if h:
                    a = anchor(h.group(1))
                    n = seen.get(a, 0)
                    seen[a] = n + 1
                    out.add(a if n == 0 else '%s-%d' % (a, n))
    return out


def table(path, heading):
    """(line number, first cell, whole row) of the first table after the heading."""
    with open(path, encoding='utf-8') as f:
        lines = f.read().split('\n')
    try:
        start = next(i for i, l in enumerate(lines) if l.strip() == heading)
    except StopIteration:
        raise RuntimeError('%s has no heading "%s"' % (path, heading))
    rows, i = [], start + 1
    while i < len(lines) and not lines[i].startswith('|'):
        if re.match(r'^#{1,2}\s', lines[i]):
            break
        i += 1
    while i < len(lines) and lines[i].startswith('|'):
        cells = [c.strip() for c in re.split(r'(?<!\\)\|', lines[i].strip().strip('|'))]
        if not re.match(r'^:?-+:?$', cells[0]):
            rows.append((i + 1, cells[0], lines[i]))
        i += 1
    if len(rows) < 2:
        raise RuntimeError('%s has no table after "%s"' % (path, heading))
    return rows[1:]     # the first row is the header


NAME = re.compile(r'`([A-Za-z_][A-Za-z0-9_]*)')
LINK = re.compile(r'\]\(([^)\s]*)\)')


def check_links(path, rows, problems):
    base = os.path.dirname(os.path.abspath(path))
    cache = {}
    for line, _, row in rows:
        for target in LINK.findall(row):
            if re.match(r'^[a-z]+:', target):
                continue
            file_part, _, frag = target.partition('#')
            dest = os.path.normpath(os.path.join(base, file_part)) if file_part else os.path.abspath(path)
            if not os.path.isfile(dest):
                problems.append('%s:%d: the link %s leads to no file' % (path, line, target))
                continue
            if frag:
                if dest not in cache:
                    cache[dest] = anchors(dest)
                if frag not in cache[dest]:
                    problems.append('%s:%d: the link %s leads to no heading of %s'
                                    % (path, line, target, os.path.relpath(dest)))


def main(argv):
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..')
    readme = argv[0] if len(argv) > 0 else os.path.relpath(os.path.join(root, 'README.md'))
    support = argv[1] if len(argv) > 1 else os.path.relpath(os.path.join(root, 'docs', 'types.md'))
    try:
        names = installed()
        ref_rows = table(readme, '## SQL reference')
        sup_rows = table(support, '## Support functions')
    except (RuntimeError, OSError, subprocess.SubprocessError) as e:
        print('reference: cannot check: %s' % e)
        return 2
    listed = {n for _, cell, _ in ref_rows for n in NAME.findall(cell)}
    listed_support = {n for _, cell, _ in sup_rows for n in NAME.findall(cell)}
    listed_support |= {n for _, _, row in sup_rows for n in NAME.findall(row.split('|', 2)[2])}
    problems = []
    for name in sorted(names):
        if names[name]:
            if name not in listed and name not in listed_support:
                problems.append('%s is installed but named neither in the table of %s nor in the '
                                'support functions of %s' % (name, readme, support))
        elif name not in listed:
            problems.append('%s is installed but not in the table of %s' % (name, readme))
    for line, cell, _ in ref_rows:
        for name in NAME.findall(cell):
            if name not in names:
                problems.append('%s:%d: %s is in the table but cxm installs nothing of that name'
                                % (readme, line, name))
    for line, _, row in sup_rows:
        for name in NAME.findall(row.split('|', 2)[2]):
            if name not in names:
                problems.append('%s:%d: %s is in the support functions but cxm installs nothing '
                                'of that name' % (support, line, name))
    check_links(readme, ref_rows, problems)
    check_links(support, sup_rows, problems)
    for p in problems:
        print('FAIL ' + p)
    print('reference: %d names installed (%d support names), %d in the table of %s, %d problems'
          % (len(names), sum(names.values()), len(listed), readme, len(problems)))
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
