"""Model enrichment records: architecture, results, lineage; every number checked against its cited line."""
import os
import sys, re, datetime
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lib import *
OUT = os.path.join(REPO, 'scripts/bootstrap/enrichment')
MODELS = {}
TODAY = datetime.date(2026, 11, 26)

def R(variant, bench, split, metric, cell, source, setting, evaluator=None, provenance='reported', note=None, line_text_check=True):
    """One result row; `cell` is the printed text (or a number) and must appear on the cited line."""
    if isinstance(cell, str):
        value = num(cell)
        if value is None:
            raise ValueError(f'{variant} {bench}: cannot read number from {cell!r}')
        printed = re.sub(r'<[^>]+>', '', cell).replace('*', '').strip()
    else:
        value, printed = cell, str(cell)
    if line_text_check and source.get('repository'):
        text = lines(source['repository'], source['path'], source['commit'])[source['line'] - 1]
        if printed not in text:
            raise ValueError(f'{variant} {bench}: {printed!r} not on {source["path"]}:{source["line"]}: {text[:200]!r}')
    d = {'variant': variant, 'benchmark': bench, 'split': split, 'metric': metric, 'value': value, 'setting': setting,
         'evaluator': evaluator, 'provenance': provenance, 'source': source, 'note': note}
    return {k: v for k, v in d.items() if v is not None or k in ('evaluator', 'note')}

def at(repo, path, line, commit=None, note=None):
    s = {'repository': repo, 'path': path, 'commit': full(repo, commit) if commit else head(repo), 'line': line}
    if note: s['note'] = note
    return s

def ARCH(variant, ve=None, proj=None, lm=None, res=None, tokens=None, params=None, note=None, sources=()):
    d = {'variant': variant, 'vision_encoder': ve, 'projector': proj, 'language_model': lm,
         'image_resolution': res, 'visual_tokens': tokens, 'total_parameters': params, 'note': note,
         'sources': list(sources)}
    return {k: v for k, v in d.items() if v is not None}

def md_results(repo, path, header_pattern, row_match, variant, colmap, setting, commit=None, nth=0, after=0,
               evaluator=None, provenance='reported', notes=None):
    """Rows from a markdown table: colmap maps header text -> (benchmark, split, metric) or a list of them
    for cells like '1519/332'."""
    rows = table(repo, path, header_pattern, commit, nth, after)
    hits = [r for r in rows if row_match(r)]
    if len(hits) != 1:
        raise KeyError(f'{repo}:{path}: {len(hits)} rows match for {variant}')
    r = hits[0]
    out = []
    for col, spec in colmap.items():
        cell = r[col]
        specs = spec if isinstance(spec, list) else [spec]
        parts = cell.split('/') if len(specs) > 1 else [cell]
        for (bench, split, metric), part in zip(specs, parts):
            if num(part) is None:
                continue  # '-' or empty: not reported
            src_ = at(repo, path, r['_line'], commit)
            note = (notes or {}).get(col)
            out.append(R(variant, bench, split, metric, part, src_, setting, evaluator, provenance, note))
    return out

def merge_record(key, arxiv, architecture=(), results=(), builds_on=(), summary=None, note=None):
    d = {'arxiv': Str(arxiv)}
    if architecture: d['architecture'] = list(architecture)
    if results: d['results'] = list(results)
    if builds_on: d['builds_on'] = list(builds_on)
    if summary: d['summary'] = summary
    MODELS[key] = d

def full_record(id, **kw):
    d = {'id': id}
    d.update(kw)
    d.setdefault('added', TODAY)
    d.setdefault('verified', TODAY)
    MODELS[id] = d

def write_all():
    import os
    for key, d in MODELS.items():
        dump(f'{OUT}/{key}.yaml', d, '# Enrichment for the paper record (catalog/README.md formats); generated from cited sources, see report.')
