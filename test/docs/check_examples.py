#!/usr/bin/env python3
"""Runs the SQL examples of the user documentation and compares them with the output shown.

Usage: check_examples.py [-v] [FILE.md ...]   (default: README.md and docs/*.md)

Against the server that PGHOST, PGPORT, PGUSER... name (test/cases/docs.sh runs it inside the
test command's throwaway cluster). For each Markdown file, in a fresh database of its own
(created, then `CREATE EXTENSION cxm`, dropped at the end):

- every ```sql block runs, in file order, as its own `psql -X -q -v ON_ERROR_STOP=1 -P
  footer=off` session, so that tables made by one block are there for the next ones and a SET
  lasts for its block only; the session has TimeZone=UTC, DateStyle=ISO, IntervalStyle=postgres
  and extra_float_digits=1;
- when the line right after the block's closing fence opens a fence with no language tag, that
  block is the output shown, and psql's output must equal it (trailing white space of each line
  and blank lines at the start and end aside); without one the block must only run;
- an error, a mismatch, or a plain ``` block that follows a sql block after blank lines (an
  output block that is not right after its query) fails, naming the file and line, with a diff;
- an HTML comment on the line right before the opening fence changes how a block runs:
  `<!-- doc-test: own-database -->` runs it in a database of its own, created empty (without
  cxm) and dropped afterwards -- for examples that install the extension;
  `<!-- doc-test: skip REASON -->` does not run it (listed in the report; for blocks that
  cannot run in a test at all).

Other fences (```sh, ```text, plain ``` blocks that are not after a sql block) are ignored.
Exits 1 when any block failed, 2 on a usage or setup error. Standard library only.
"""
import difflib
import glob
import os
import re
import subprocess
import sys

FENCE = re.compile(r'^ {0,3}(`{3,}|~{3,})\s*([^\s`]*)[^`]*$')
DIRECTIVE = re.compile(r'^\s*<!--\s*doc-test:\s*(\S+)\s*(.*?)\s*-->\s*$')
SESSION = '-c TimeZone=UTC -c DateStyle=ISO -c IntervalStyle=postgres -c extra_float_digits=1'
PSQL = ['psql', '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-P', 'footer=off']


class Block:
    def __init__(self, path, line, lang, body, end):
        self.path, self.line, self.lang, self.body, self.end = path, line, lang, body, end
        self.expected = None     # the output Block, when one follows right after
        self.directive = None    # (kind, argument) from the comment right before
        self.problem = None      # a layout problem found while reading the file

    def where(self):
        return '%s:%d' % (self.path, self.line)


def read_blocks(path):
    """The fenced blocks of a Markdown file, in order; raises ValueError for an unclosed one."""
    with open(path, encoding='utf-8') as f:
        lines = f.read().split('\n')
    blocks, i = [], 0
    while i < len(lines):
        m = FENCE.match(lines[i])
        if not m:
            i += 1
            continue
        fence, lang, start = m.group(1), m.group(2).lower(), i
        i += 1
        while i < len(lines):
            close = lines[i].strip()
            if close.startswith(fence[0] * len(fence)) and close.strip(fence[0]) == '':
                break
            i += 1
        else:
            raise ValueError('%s:%d: fence never closed' % (path, start + 1))
        blk = Block(path, start + 1, lang, '\n'.join(lines[start + 1:i]) + '\n', i + 1)
        if start > 0:
            d = DIRECTIVE.match(lines[start - 1])
            if d:
                blk.directive = (d.group(1), d.group(2))
        blocks.append(blk)
        i += 1
    # pair each sql block with the output block that opens on the line after its closing fence
    for k, blk in enumerate(blocks):
        if blk.lang != 'sql' or k + 1 >= len(blocks):
            continue
        nxt = blocks[k + 1]
        if nxt.lang != '':
            continue
        if nxt.line == blk.end + 1:
            blk.expected = nxt
        elif all(l.strip() == '' for l in lines[blk.end:nxt.line - 1]):
            blk.problem = ('the output block at line %d is separated from its query by blank '
                           'lines; put it right after the closing fence' % nxt.line)
    return blocks


def normalize(text):
    out = [l.rstrip() for l in text.split('\n')]
    while out and out[0] == '':
        out.pop(0)
    while out and out[-1] == '':
        out.pop()
    return out


def run(args, db, sql=None):
    env = dict(os.environ)
    env['PGOPTIONS'] = (env.get('PGOPTIONS', '') + ' ' + SESSION).strip()
    env.pop('PSQLRC', None)
    return subprocess.run(args + ['-d', db], input=sql, env=env, capture_output=True,
                          text=True, timeout=600)


def admin(sql, db='postgres'):
    r = run(PSQL + ['-c', sql], db)
    if r.returncode != 0:
        raise RuntimeError('%s: %s' % (sql, r.stderr.strip()))


def check_file(path, dbname, verbose, report):
    blocks = [b for b in read_blocks(path) if b.lang == 'sql']
    admin('DROP DATABASE IF EXISTS %s' % dbname)
    admin('CREATE DATABASE %s' % dbname)
    admin('CREATE EXTENSION cxm', dbname)
    try:
        for blk in blocks:
            check_block(blk, dbname, verbose, report)
    finally:
        admin('DROP DATABASE IF EXISTS %s' % dbname)
    return len(blocks)


def check_block(blk, dbname, verbose, report):
    kind = blk.directive[0] if blk.directive else None
    if kind not in (None, 'skip', 'own-database'):
        fail(report, blk, 'unknown directive "doc-test: %s" (known: skip, own-database)' % kind)
        return
    if kind == 'skip':
        report['skipped'].append('%s (%s)' % (blk.where(), blk.directive[1] or 'no reason given'))
        print('skip %s: %s' % (blk.where(), blk.directive[1] or 'no reason given'))
        return
    if blk.problem:
        fail(report, blk, blk.problem)
        return
    db = dbname
    if kind == 'own-database':
        db = dbname + '_own'
        admin('DROP DATABASE IF EXISTS %s' % db)
        admin('CREATE DATABASE %s' % db)
    try:
        r = run(PSQL + ['-f', '-'], db, blk.body)
    finally:
        if kind == 'own-database':
            admin('DROP DATABASE IF EXISTS %s' % db)
    # psql names the statement's last line within the block; give it as a line of the file
    err = re.sub(r'psql:<stdin>:(\d+):',
                 lambda m: '%s:%d:' % (blk.path, blk.line + int(m.group(1))), r.stderr)
    if r.returncode != 0:
        fail(report, blk, 'psql exited with %d\n%s' % (r.returncode, err.rstrip()))
        return
    if err.strip():
        print('%s: messages (not an error):\n%s' % (blk.where(), err.rstrip()))
    if blk.expected is None:
        report['ran'] += 1
        if verbose:
            print('ran  %s (no output shown)' % blk.where())
        return
    shown, got = normalize(blk.expected.body), normalize(r.stdout)
    if shown != got:
        diff = difflib.unified_diff(shown, got, '%s:%d (shown)' % (blk.path, blk.expected.line),
                                    'psql output', lineterm='')
        fail(report, blk, 'the output differs from the block shown\n' + '\n'.join(diff))
        return
    report['checked'] += 1
    if verbose:
        print('ok   %s' % blk.where())


def fail(report, blk, why):
    report['failed'].append(blk.where())
    print('FAIL %s: %s\n' % (blk.where(), why))


def main(argv):
    verbose = '-v' in argv
    files = [a for a in argv if a != '-v']
    if not files:
        root = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..')
        os.chdir(root)
        files = ['README.md'] + sorted(glob.glob('docs/*.md'))
    report = {'checked': 0, 'ran': 0, 'skipped': [], 'failed': []}
    total = 0
    try:
        for n, path in enumerate(files):
            total += check_file(path, 'cxm_docs_%d' % n, verbose, report)
    except (ValueError, RuntimeError, OSError) as e:
        print('docs: cannot run the examples: %s' % e)
        return 2
    if total == 0:
        print('docs: no ```sql blocks found in %s' % ', '.join(files))
        return 2
    print('docs: %d sql blocks in %s: %d with the output shown matching, %d run (no output '
          'shown), %d skipped, %d failed'
          % (total, ', '.join(files), report['checked'], report['ran'], len(report['skipped']),
             len(report['failed'])))
    if report['skipped']:
        print('skipped: ' + '; '.join(report['skipped']))
    if report['failed']:
        print('failed: ' + ', '.join(report['failed']))
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
