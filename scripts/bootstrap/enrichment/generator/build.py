import os
import sys, os, glob, collections
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from mlib import *
import m_llava, m_qwen, m_misc1, m_misc2, m_misc3, m_misc4, m_misc5, m_misc6, m_misc7
from m_misc3 import QUOTED
# gather quoted rows from every module
for k, rows in m_qwen.QUOTED.items():
    QUOTED.setdefault(k, []).extend(rows)
for k, rows in m_misc1.CAM_Q.items():
    QUOTED.setdefault(k, []).extend(rows)
QUOTED.pop('dreamllm', None)   # no record: arXiv v1 date not sourced (see report)
# InstructBLIP: architecture from LAVIS, results only quoted
merge_record('2305.06500', '2305.06500', m_misc2.INSTRUCTBLIP['arch'], [], ['blip-2'],
             'Instruction-tunes BLIP-2 on 26 datasets turned into instruction format and makes the Q-Former read the instruction, so the extracted visual features depend on the task.')
for key in QUOTED:
    if key not in MODELS:
        merge_record(key, key, [], [], [], None)
for key, rows in QUOTED.items():
    MODELS[key].setdefault('results', []).extend(rows)
# ---- disagreements: same variant, benchmark, metric and split (or one side unstated), different value
DIS = []
for key, d in MODELS.items():
    rows = d.get('results', [])
    for i in range(len(rows)):
        for j in range(i + 1, len(rows)):
            a, b = rows[i], rows[j]
            if (a['variant'], a['benchmark'], a['metric']) != (b['variant'], b['benchmark'], b['metric']):
                continue
            if a['split'] != b['split'] and 'unstated' not in (a['split'], b['split']):
                continue
            if a['source'] == b['source'] or a['value'] == b['value']:
                continue
            soft = a['split'] != b['split']
            if soft:
                same = [r for r in rows if (r['variant'], r['benchmark'], r['metric']) == (a['variant'], a['benchmark'], a['metric'])]
                if any(r['value'] == x['value'] for x in (a, b) for r in same if r is not x):
                    continue  # the unstated value equals a row with a named split: most likely that split
            def where(r):
                s = r['source']
                return f"{s['repository']} {s['path']}@{s['commit'][:10]} line {s['line']}"
            for x, y in ((a, b), (b, a)):
                msg = (f"possible disagreement (split not stated on one side): {where(y)} gives {y['value']} for split {y['split']}" if soft
                       else f"disagreement: {where(y)} gives {y['value']}")
                if msg not in (x.get('note') or ''):
                    x['note'] = ((x.get('note') or '') + '; ' + msg).lstrip('; ')
            DIS.append(('soft' if soft else 'hard', key, a['variant'], a['benchmark'], a['split'], b['split'], a['metric'], a['value'], b['value'], where(a), where(b)))
if __name__ == '__main__':
    for f in glob.glob(f'{OUT}/*.yaml'):
        os.remove(f)
    write_all()
    nres = sum(len(d.get('results', [])) for d in MODELS.values())
    narch = sum(1 for d in MODELS.values() if d.get('architecture'))
    print('records', len(MODELS), 'with architecture', narch, 'arch entries', sum(len(d.get('architecture', [])) for d in MODELS.values()), 'results', nres)
    print('benchmarks covered', len({r['benchmark'] for d in MODELS.values() for r in d.get('results', [])}))
    print('models with results', sum(1 for d in MODELS.values() if d.get('results')), 'variants with results', len({(k, r['variant']) for k, d in MODELS.items() for r in d.get('results', [])}))
    print('disagreements', len(DIS))
    for x in DIS: print('  ', x)
