"""Helpers that cite lines of fetched git snapshots; every value is checked against its cited line."""
import os
import re, subprocess, functools, yaml, os, sys
MIRROR = os.environ.get('VLKB_MIRROR', '/work/.mirror')  # fetched git snapshots, one folder per owner+name
REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..', '..', '..'))

@functools.lru_cache(None)
def head(repo):
    return subprocess.check_output(['git', '-C', f'{MIRROR}/{repo.replace("/", "+")}/repo', 'rev-parse', 'HEAD'], text=True).strip()

@functools.lru_cache(None)
def full(repo, commit):
    return subprocess.check_output(['git', '-C', f'{MIRROR}/{repo.replace("/", "+")}/repo', 'rev-parse', commit], text=True).strip()

@functools.lru_cache(None)
def lines(repo, path, commit=None):
    c = full(repo, commit) if commit else head(repo)
    t = subprocess.check_output(['git', '-C', f'{MIRROR}/{repo.replace("/", "+")}/repo', 'show', f'{c}:{path}'], text=True)
    return t.split('\n')

def find(repo, path, pattern, commit=None, nth=0, after=0):
    hits = [(i + 1, l) for i, l in enumerate(lines(repo, path, commit)) if i + 1 > after and re.search(pattern, l)]
    if len(hits) <= nth:
        raise KeyError(f'{repo}:{path}: no match {nth} for {pattern!r}')
    return hits[nth]

def src(repo, path, pattern, commit=None, nth=0, after=0, check=(), note=None):
    n, l = find(repo, path, pattern, commit, nth, after)
    for c in check:
        if str(c) not in l:
            raise ValueError(f'{repo}:{path}:{n}: {c!r} not in {l!r}')
    s = {'repository': repo, 'path': path, 'commit': full(repo, commit) if commit else head(repo), 'line': n}
    if note:
        s['note'] = note
    return s

def cells(line):
    return [c.strip() for c in line.strip().strip('|').split('|')]

def table(repo, path, header_pattern, commit=None, nth=0, after=0):
    """Rows of the markdown table whose header matches; each row maps header -> cell, plus _line."""
    n, h = find(repo, path, header_pattern, commit, nth, after)
    L = lines(repo, path, commit)
    hdr = cells(h)
    rows = []
    i = n  # index of the separator line (0-based n == line n+1)
    for j in range(n + 1, len(L)):
        if not L[j].strip().startswith('|'):
            break
        r = dict(zip(hdr, cells(L[j])))
        r['_line'] = j + 1
        rows.append(r)
    return rows

def num(cell):
    c = re.sub(r'<[^>]+>', '', cell).replace('**', '').replace('*', '').replace('<u>', '').strip()
    c = c.rstrip('%').strip()
    if re.fullmatch(r'-?\d+', c):
        return int(c)
    if re.fullmatch(r'-?\d*\.\d+', c):
        return float(c)
    return None

class Str(str):
    pass

def _str_rep(d, s):
    return d.represent_scalar('tag:yaml.org,2002:str', s, style='"')
yaml.add_representer(Str, _str_rep, Dumper=yaml.SafeDumper)

def dump(path, obj, header=None):
    txt = yaml.safe_dump(obj, sort_keys=False, allow_unicode=True, width=120, default_flow_style=False)
    with open(path, 'w') as f:
        if header:
            f.write(header + '\n')
        f.write(txt)

def hrow(repo, path, label_pattern, ncols, commit=None, nth=0, after=0):
    """The ncols <td> cells after the HTML table cell matching label_pattern: [(text, line)]."""
    n, _ = find(repo, path, label_pattern, commit, nth, after)
    L = lines(repo, path, commit)
    out = []
    j = n  # 0-based index of the next line
    while len(out) < ncols and j < len(L):
        m = re.search(r'<td[^>]*>(.*?)</td>', L[j])
        if m:
            out.append((m.group(1), j + 1))
        elif '</tr>' in L[j] or '<tr' in L[j]:
            raise ValueError(f'{repo}:{path}:{j+1}: row ended after {len(out)} cells')
        j += 1
    return out
