"""Validate enrichment files against vlkb's pydantic models and the registries."""
import os
import sys
import glob, yaml, re
REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..', '..', '..'))
sys.path.insert(0, REPO)
from vlkb.schema.paper import Paper, Architecture, Result
from vlkb.schema.component import Component
from vlkb.schema.benchmark import Benchmark
comps = {c['id']: c for c in (yaml.safe_load(open(f)) for f in glob.glob(REPO + '/catalog/components/*.yaml'))}
benches = {b['id']: b for b in (yaml.safe_load(open(f)) for f in glob.glob(REPO + '/catalog/benchmarks/*.yaml'))}
for c in comps.values(): Component.model_validate(c)
for b in benches.values(): Benchmark.model_validate(b)
errors = 0
def err(f, msg):
    global errors; errors += 1; print(f, msg)
ids = set()
for f in sorted(glob.glob(REPO + '/scripts/bootstrap/enrichment/*.yaml')):
    d = yaml.safe_load(open(f))
    key = f.split('/')[-1][:-5]
    if 'id' in d and 'title' not in d:
        ids.add(d['id'])
        for a in d.get('architecture', []): Architecture.model_validate(a)
    elif 'id' in d:
        ids.add(d['id'])
        dd = dict(d); dd['builds_on'] = [re.sub(r'^arxiv:(\d+)\.(\d+)$', r'arxiv-\1-\2', x) for x in d.get('builds_on', [])]
        try: Paper.model_validate(dd)
        except Exception as e: err(f, e)
        if d['id'] != key: err(f, 'id != file name')
    else:
        if d.get('arxiv') != key: err(f, 'arxiv != file name')
        extra = set(d) - {'arxiv', 'architecture', 'results', 'builds_on', 'summary'}
        if extra: err(f, f'unexpected keys {extra}')
        for a in d.get('architecture', []):
            try: Architecture.model_validate(a)
            except Exception as e: err(f, e)
        for r in d.get('results', []):
            try: Result.model_validate(r)
            except Exception as e: err(f, e)
    for a in d.get('architecture', []):
        for fld, t in (('vision_encoder', 'vision-encoder'), ('language_model', 'language-model')):
            if a.get(fld) and (a[fld] not in comps or comps[a[fld]]['type'] != t): err(f, f'{fld} {a[fld]}')
    for r in d.get('results', []):
        b = benches.get(r['benchmark'])
        if not b: err(f, f"benchmark {r['benchmark']}"); continue
        m = [m for m in b['metrics'] if m['id'] == r['metric']]
        if not m: err(f, f"metric {r['benchmark']}:{r['metric']}"); continue
        if not m[0]['min'] <= r['value'] <= m[0]['max']: err(f, f"range {r}")
        if r['split'] not in b['splits']: err(f, f"split {r['benchmark']}:{r['split']}")
ids |= {f.split('/')[-1][:-5] for f in glob.glob(REPO + '/catalog/papers/*.yaml')}
for f in sorted(glob.glob(REPO + '/scripts/bootstrap/enrichment/*.yaml')):
    d = yaml.safe_load(open(f))
    for x in d.get('builds_on', []):
        if not x.startswith('arxiv:') and x not in ids: err(f, f'builds_on {x} unknown')
print('errors', errors)
