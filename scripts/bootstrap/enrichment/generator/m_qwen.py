import os
from mlib import *
QV = 'QwenLM/Qwen-VL'; QR = 'README.md'
gen_cols = [('nocaps', 'val', 'cider', 'zero-shot', None), ('flickr30k', 'karpathy-test', 'cider', 'zero-shot', None),
            ('vqav2', 'test-dev', 'accuracy', 'other', 'listed under General VQA, not marked zero-shot'),
            ('okvqa', 'val', 'accuracy', 'other', 'listed under General VQA, not marked zero-shot'),
            ('gqa', 'testdev-balanced', 'accuracy', 'other', 'listed under General VQA, not marked zero-shot; eval_mm/EVALUATION.md (line 420) evaluates gqa_testdev (testdev_balanced)'),
            ('scienceqa-img', 'test', 'accuracy', 'zero-shot', None), ('vizwiz', 'val', 'accuracy', 'zero-shot', 'eval_mm/EVALUATION.md (line 291) evaluates vizwiz_val')]
def html_rows(repo, path, label, cols, variant, provenance='reported', after=0, extra_note=None):
    out = []
    for (cell, ln), (bench, split, metric, setting, note) in zip(hrow(repo, path, label, len(cols), after=after), cols):
        if num(cell) is None:
            continue
        n = '; '.join(x for x in [note, extra_note] if x) or None
        out.append(R(variant, bench, split, metric, cell, at(repo, path, ln), setting, provenance=provenance, note=n))
    return out
GEN_AFTER = find(QV, QR, r'^### Zero-shot Captioning & General VQA')[0]
TXT_AFTER = find(QV, QR, r'^### Text-oriented VQA')[0]
REC_AFTER = find(QV, QR, r'^### Referring Expression Comprehension')[0]
rq = []
rq += html_rows(QV, QR, r'<td><strong>Qwen-VL \(Qwen-7B\)</strong></td>', gen_cols, 'Qwen-VL', after=GEN_AFTER)
rq += html_rows(QV, QR, r'<td>Qwen-VL-Chat</td>', gen_cols, 'Qwen-VL-Chat', after=GEN_AFTER)
txt_cols = [('textvqa', 'val', 'accuracy', 'other', None), ('docvqa', 'val', 'anls', 'other', 'split not stated in the README; eval_mm/EVALUATION.md (line 336) evaluates docvqa_val'),
            ('chartqa', 'test', 'relaxed-accuracy', 'other', 'eval_mm/EVALUATION.md (line 379) evaluates test_human and test_augmented'), ('ai2d', 'test', 'accuracy', 'other', None)]
rq += html_rows(QV, QR, r'<td>Qwen-VL \(Qwen-7B\)</td>', txt_cols, 'Qwen-VL', after=TXT_AFTER)
rec_cols = [(b, s, 'accuracy-iou-0-5', 'other', None) for b, s in [('refcoco', 'val'), ('refcoco', 'testA'), ('refcoco', 'testB'),
            ('refcoco-plus', 'val'), ('refcoco-plus', 'testA'), ('refcoco-plus', 'testB'), ('refcocog', 'val'), ('refcocog', 'test')]]
rq += html_rows(QV, QR, r'<td>Qwen-VL-7B</td>', rec_cols, 'Qwen-VL', after=REC_AFTER)
rq += html_rows(QV, QR, r'<td>Qwen-VL-7B-Chat</td>', rec_cols, 'Qwen-VL-Chat', after=REC_AFTER)
MM = 'eval_mm/mme/EVAL_MME.md'
rq.append(R('Qwen-VL-Chat', 'mme', 'all', 'perception', '1487.57', src(QV, MM, r'\*\*1487.57\*\*'), 'zero-shot'))
rq.append(R('Qwen-VL-Chat', 'mme', 'all', 'cognition', '360.71', src(QV, MM, r'\*\*360.71\*\*'), 'zero-shot'))
# quoted rows for other models in the same tables (kept under those models' records)
QUOTED = {}
QUOTED['2204.14198'] = html_rows(QV, QR, r'<td>Flamingo-9B</td>', gen_cols, 'Flamingo-9B', 'quoted', after=GEN_AFTER) + \
                       html_rows(QV, QR, r'<td>Flamingo-80B</td>', gen_cols, 'Flamingo-80B', 'quoted', after=GEN_AFTER)
QUOTED['blip-2'] = html_rows(QV, QR, r'<td>BLIP-2 \(Vicuna-13B\)</td>', gen_cols, 'BLIP-2 (Vicuna-13B)', 'quoted', after=GEN_AFTER) + \
                   html_rows(QV, QR, r'<td>BLIP-2 \(Vicuna-13B\)</td>', txt_cols[:1], 'BLIP-2 (Vicuna-13B)', 'quoted', after=TXT_AFTER)
QUOTED['2305.06500'] = html_rows(QV, QR, r'<td>InstructBLIP \(Vicuna-13B\)</td>', gen_cols, 'InstructBLIP (Vicuna-13B)', 'quoted', after=GEN_AFTER) + \
                       html_rows(QV, QR, r'<td>InstructBLIP \(Vicuna-13B\)</td>', txt_cols[:1], 'InstructBLIP (Vicuna-13B)', 'quoted', after=TXT_AFTER)
QUOTED['2302.14045'] = html_rows(QV, QR, r'<td>Kosmos-1</td>', gen_cols, 'Kosmos-1', 'quoted', after=GEN_AFTER)
QUOTED['2306.14824'] = html_rows(QV, QR, r'<td>Kosmos-2</td>', gen_cols, 'Kosmos-2', 'quoted', after=GEN_AFTER)
for k, rows in QUOTED.items():
    for r in rows:
        r['note'] = ('; '.join(x for x in [r.get('note'), 'quoted in the Qwen-VL README comparison table'] if x))
QVsrc = [src(QV, QR, r'(?i)ViT-bigG|Openclip', note='vision encoder named in the README') ] if False else []
aq = [ARCH('Qwen-VL', 'openclip-vit-bigg-14', 'cross-attention', 'qwen-7b', note='Openclip ViT-bigG initialises the visual encoder, Qwen-7B the LLM; a randomly initialised single cross-attention layer connects them (README)',
            sources=[src(QV, QR, r'^- Qwen-VL: The pre-trained LVLM model uses Qwen-7B', check=['Openclip ViT-bigG', 'cross-attention'])])]
merge_record('2308.12966', '2308.12966', aq, rq, [],
             'A Qwen-7B based vision-language model with a ViT and a single-layer cross-attention adapter that compresses image features to a fixed set of queries, trained in three stages including grounding and OCR data.')

Q2 = 'QwenLM/Qwen2-VL'
q2cols = {'MMMU<sub>val</sub>': ('mmmu', 'val', 'accuracy'), 'DocVQA<sub>test</sub>': ('docvqa', 'test', 'anls'),
          'ChartQA<sub>test</sub>': ('chartqa', 'test', 'relaxed-accuracy'), 'TextVQA<sub>val</sub>': ('textvqa', 'val', 'accuracy'),
          'OCRBench': ('ocrbench', 'test', 'score'), 'MME<sub>sum</sub>': ('mme', 'all', 'sum'),
          'MMBench-EN<sub>test</sub>': ('mmbench', 'test', 'accuracy'), 'MMBench-CN<sub>test</sub>': ('mmbench-cn', 'test', 'accuracy'),
          'MMStar': ('mmstar', 'val', 'accuracy'), 'MMVet<sub>GPT-4-Turbo</sub>': ('mm-vet', 'test', 'score'),
          'MathVista<sub>testmini</sub>': ('mathvista', 'testmini', 'accuracy'), 'InfoVQA<sub>test</sub>': ('infovqa', 'test', 'anls'),
          'HallBench<sub>avg</sub>': ('hallusionbench', 'all', 'average'), 'RealWorldQA': ('realworldqa', 'test', 'accuracy')}
q2vid = {'MVBench': ('mvbench', 'test', 'accuracy')}
hdr = find(Q2, 'README.md', r'^\| Benchmark \| Previous SoTA<br><sup>\(Open-source LVLM\)<sup> \| Claude-3.5 Sonnet')[0]
L = lines(Q2, 'README.md')
cols = cells(L[hdr - 1])
r2 = []
for i in range(hdr + 1, len(L)):
    if not L[i].startswith('|'):
        break
    c = cells(L[i])
    spec = q2cols.get(c[0])
    if not spec:
        continue
    for idx, variant in [(4, 'Qwen2-VL-72B-Instruct'), (5, 'Qwen2-VL-7B-Instruct'), (6, 'Qwen2-VL-2B-Instruct')]:
        if idx < len(c) and num(c[idx]) is not None:
            note = 'GPT-4-Turbo judge' if 'MMVet' in c[0] else None
            r2.append(R(variant, spec[0], spec[1], spec[2], c[idx], at(Q2, 'README.md', i + 1), 'other',
                        evaluator='GPT-4-Turbo judge' if 'MMVet' in c[0] else None, note=None))
# video table
vh = find(Q2, 'README.md', r'^\| Benchmark \|  Previous SoTA<br><sup>\(Open-source LVLM\)<sup> \| Gemini 1.5-Pro')[0]
for i in range(vh + 1, len(L)):
    if not L[i].startswith('|'):
        break
    c = cells(L[i])
    if c[0].startswith('Video-MME'):
        for idx, variant in [(4, 'Qwen2-VL-72B-Instruct'), (5, 'Qwen2-VL-7B-Instruct'), (6, 'Qwen2-VL-2B-Instruct')]:
            wo, w = c[idx].split('/')
            r2.append(R(variant, 'video-mme', 'without-subtitles', 'accuracy', wo, at(Q2, 'README.md', i + 1), 'other', note='printed as without/with subtitles'))
            r2.append(R(variant, 'video-mme', 'with-subtitles', 'accuracy', w, at(Q2, 'README.md', i + 1), 'other', note='printed as without/with subtitles'))
    if c[0] == 'MVBench':
        for idx, variant in [(4, 'Qwen2-VL-72B-Instruct'), (5, 'Qwen2-VL-7B-Instruct'), (6, 'Qwen2-VL-2B-Instruct')]:
            r2.append(R(variant, 'mvbench', 'test', 'accuracy', c[idx], at(Q2, 'README.md', i + 1), 'other'))
# the quantisation table re-evaluates the BF16 models: a second, different number for the same benchmark
qh = find(Q2, 'README.md', r'^\| Model Size \| Quantization \| MMMU \| DocVQA \| MMBench \| MathVista')[0]
qmap = {'MMMU': ('mmmu', 'val', 'accuracy'), 'DocVQA': ('docvqa', 'unstated', 'anls'), 'MMBench': ('mmbench', 'unstated', 'accuracy'), 'MathVista': ('mathvista', 'testmini', 'accuracy')}
qcols = cells(L[qh - 1])
cur = None
for i in range(qh + 1, len(L)):
    if not L[i].startswith('|'):
        break
    c = cells(L[i])
    if c[0]:
        cur = c[0]
    if not c[1].startswith('BF16'):
        continue
    for col in ['MMMU', 'DocVQA', 'MMBench', 'MathVista']:
        b, s, m = qmap[col]
        v = c[qcols.index(col)]
        headline = [r for r in r2 if r['variant'] == cur and r['benchmark'] == b and r['split'] == s]
        note = 'README quantisation table, BF16 row (the authors\' own re-evaluation)'
        if col in ('DocVQA', 'MMBench'):
            note += '; split not stated there'
        row = R(cur, b, s, m, v, at(Q2, 'README.md', i + 1), 'other', note=note)
        if headline and headline[0]['value'] != row['value']:
            msg = f"disagreement: the README headline table gives {headline[0]['value']}, the quantisation table {row['value']} for the same BF16 model"
            row['note'] += '; ' + msg
            headline[0]['note'] = ((headline[0].get('note') or '') + '; ' + msg).lstrip('; ')
        r2.append(row)
merge_record('2409.12191', '2409.12191', [], r2, ['arxiv:2308.12966'],
             'Qwen-VL successor that encodes images at their native resolution into a variable number of tokens and uses multimodal rotary position embedding for text, images and video.')
