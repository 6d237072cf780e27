import os
from mlib import *
def html_rows(repo, path, label, cols, variant, provenance='reported', after=0, commit=None, extra_note=None, setting='other'):
    out = []
    for (cell, ln), spec in zip(hrow(repo, path, label, len(cols), after=after, commit=commit), cols):
        if spec is None or num(cell) is None:
            continue
        bench, split, metric = spec[:3]
        note = spec[3] if len(spec) > 3 else None
        n = '; '.join(x for x in [note, extra_note] if x) or None
        st = 'zero-shot' if (note and 'zero-shot column' in note) else setting
        out.append(R(variant, bench, split, metric, cell, at(repo, path, ln, commit), st, provenance=provenance, note=n))
    return out
QUOTED = {}
def q(key, rows):
    QUOTED.setdefault(key, []).extend(rows)

# ---------------- mPLUG-Owl2 (2311.04257; the list links 2404.07214) ----------------
OW = 'X-PLUG/mPLUG-Owl'; OR = 'mPLUG-Owl2/README.md'
gcols = [None, ('coco-captions', 'unstated', 'cider'), ('flickr30k', 'karpathy-test', 'cider', 'zero-shot column'),
         ('vqav2', 'unstated', 'accuracy'), ('okvqa', 'unstated', 'accuracy'), ('gqa', 'unstated', 'accuracy'),
         ('vizwiz', 'unstated', 'accuracy', 'zero-shot column'), None, ('scienceqa-img', 'test', 'accuracy', 'zero-shot column')]
ro = html_rows(OW, OR, r'<td><b>mPLUG-Owl2</b></td>', gcols, 'mPLUG-Owl2')
ro += html_rows(OW, OR, r'<td><b>mPLUG-Owl2.1</b></td>', gcols, 'mPLUG-Owl2.1')
bcols = [None, None, None, ('mmbench', 'unstated', 'accuracy'), ('mm-vet', 'test', 'score'), ('seed-bench', 'unstated', 'accuracy')]
SEC2 = find(OW, OR, r'<th>Q-Bench</th>')[0]
ro += html_rows(OW, OR, r'<td><b>mPLUG-Owl2</b></td>', bcols, 'mPLUG-Owl2', after=SEC2)
ro += html_rows(OW, OR, r'<td><b>mPLUG-Owl2.1</b></td>', bcols, 'mPLUG-Owl2.1', after=SEC2)
q('blip-2', html_rows(OW, OR, r'<td>BLIP-2</td>', gcols, 'BLIP-2 (8.2B)', 'quoted', extra_note='quoted in the mPLUG-Owl2 README; #Params 8.2B'))
q('2305.06500', html_rows(OW, OR, r'<td>InstructBLIP</td>', gcols, 'InstructBLIP (8.2B)', 'quoted', extra_note='quoted in the mPLUG-Owl2 README; #Params 8.2B'))
cfg = 'mPLUG-Owl2/mplug_owl2/model/configuration_mplug_owl2.py'
aow = [ARCH('mPLUG-Owl2', 'clip-vit-l-14', 'other', 'llama-2-7b', res=448, tokens=64, params='8.2B',
            note='ViT-L/14 run at 448 px; visual abstractor with 64 learnable queries; LLaMA-2-7B (checkpoint mplug-owl2-llama2-7b)',
            sources=[src(OW, cfg, r'^\s+image_size=448'), src(OW, cfg, r'num_learnable_queries=64'), src(OW, OR, r'<td><b>ViT-L \(0.3B\)</b></td>'),
                     src(OW, OR, r'mplug-owl2-llama2-7b'), src(OW, OR, r'<td><b>8.2B</b></td>')]),
       ARCH('mPLUG-Owl2.1', None, 'other', 'qwen-7b', params='9.8B', note='vision part ViT-G (1.9B) per the README; visual abstractor',
            sources=[src(OW, OR, r'<td><b>ViT-G \(1.9B\)</b></td>'), src(OW, OR, r'<td><b>Qwen \(7B\)</b></td>'), src(OW, OR, r'<td><b>9.8B</b></td>')])]
merge_record('2311.04257', '2311.04257', aow, ro, ['arxiv:2304.14178'],
             'Adds modality-adaptive modules inside the language model so that visual and textual tokens share attention but keep separate normalisation and key/value projections.')

# ---------------- CogVLM (2311.03079) ----------------
CG = 'THUDM/CogVLM'
rcg = html_rows(CG, 'README.md', r'<td>CogVLM</td>', [None, ('mm-vet', 'test', 'score'), ('pope', 'adversarial', 'f1', 'POPE(adversarial); the README does not name the statistic, recorded as F1, unverified')], 'CogVLM-17B (Vicuna-7B)')
rec = [(b, s, 'accuracy-iou-0-5') for b, s in [('refcoco', 'val'), ('refcoco', 'testA'), ('refcoco', 'testB'), ('refcoco-plus', 'val'),
        ('refcoco-plus', 'testA'), ('refcoco-plus', 'testB'), ('refcocog', 'val'), ('refcocog', 'test')]] + [None]
rcg += html_rows(CG, 'README.md', r'<td>cogvim-grounding-generalist</td>', rec, 'cogvlm-grounding-generalist', extra_note='printed as "cogvim-grounding-generalist" (typo in the README)')
rcg += html_rows(CG, 'README.md', r'<td>cogvim-grounding-generalist-v1.1</td>', rec, 'cogvlm-grounding-generalist-v1.1', extra_note='printed as "cogvim-grounding-generalist-v1.1" (typo in the README)')
popecols = lambda: [None, ('mm-vet', 'test', 'score'), ('pope', 'adversarial', 'f1', 'POPE(adversarial); statistic not named, recorded as F1, unverified')]
for label, key, variant in [('MiniGPT4', '2304.10592', 'MiniGPT-4 (Vicuna-13B)'), ('InstructBLIP', '2305.06500', 'InstructBLIP (Vicuna-13B)'),
                            ('BLIP-2', 'blip-2', 'BLIP-2 (Vicuna-13B)'), ('LLaVA', '2304.08485', 'LLaVA (LLaMA2-7B)'),
                            ('mPLUG-Owl', '2304.14178', 'mPLUG-Owl (LLaMA-7B)'), ('LLaVA-1.5', '2310.03744', 'LLaVA-1.5-13B'),
                            ('Emu', '2307.05222', 'Emu (LLaMA-13B)'), ('DreamLLM', 'dreamllm', 'DreamLLM (Vicuna-7B)')]:
    q(key, html_rows(CG, 'README.md', rf'<td>{re.escape(label)}</td>', popecols(), variant, 'quoted', extra_note='quoted in the CogVLM README comparison table'))
acg = [ARCH('CogVLM-17B', None, 'other', None, res=490, params='17B',
            note='10B vision parameters and 7B language parameters (README); a trainable visual expert in every LLM layer; language model Vicuna-7B, version not stated',
            sources=[src(CG, 'README.md', r'CogVLM-17B has 10 billion visual parameters'), src(CG, 'README.md', r'^\s+\|\s+cogvlm-chat-v1.1\s+\|\s+490'),
                     src(CG, 'README.md', r'<td>Vicuna-7B</td>', nth=1)])]
merge_record('2311.03079', '2311.03079', acg, rcg, [],
             'Adds a trainable visual expert (its own QKV and FFN weights) to every layer of a frozen language model, so image features are fused deeply without hurting text ability.')

# ---------------- InternVL (2312.14238) ----------------
IV = 'OpenGVLab/InternVL'; IC = '568dcb7'
def ivt(header, match, variant, colmap, notes=None, prov='reported', key=None):
    return md_results(IV, 'README.md', header, match, variant, colmap, 'other', commit=IC, provenance=prov, notes=notes)
H1 = r'^\s+\| method\s+\| visual encoder \| glue layer'
c1 = {'COCO': ('coco-captions', 'unstated', 'cider'), 'Flickr': ('flickr30k', 'unstated', 'cider'), 'NoCaps': ('nocaps', 'unstated', 'cider'),
      'VQAv2': ('vqav2', 'unstated', 'accuracy'), 'GQA': ('gqa', 'unstated', 'accuracy'), 'VizWiz': ('vizwiz', 'unstated', 'accuracy'),
      'TextVQA': ('textvqa', 'unstated', 'accuracy'), 'POPE': ('pope', 'unstated', 'f1')}
n1 = {'POPE': 'statistic not named; recorded as F1, unverified'}
# the MME column of this table is left out: the README does not say which MME score it is
# table cells are padded: match on stripped text
riv = []
riv += ivt(H1, lambda r: r['method'] == 'InternVL-Chat (ours)' and r['LLM'] == 'V-7B', 'InternVL-Chat (IViT-6B, QLLaMA, Vicuna-7B)', c1, n1)
riv += ivt(H1, lambda r: r['method'] == 'InternVL-Chat (ours)' and r['LLM'] == 'V-13B', 'InternVL-Chat (IViT-6B, QLLaMA, Vicuna-13B)', c1, n1)
q('blip-2', ivt(H1, lambda r: r['method'] == 'BLIP-2', 'BLIP-2 (Vicuna-13B)', c1, n1, 'quoted'))
q('2305.06500', ivt(H1, lambda r: r['method'] == 'InstructBLIP' and r['LLM'] == 'V-13B', 'InstructBLIP (Vicuna-13B)', c1, n1, 'quoted'))
q('2305.06500', ivt(H1, lambda r: r['method'] == 'InstructBLIP' and r['LLM'] == 'V-7B', 'InstructBLIP (Vicuna-7B)', c1, n1, 'quoted'))
H2 = r'^\s+\| method\s+\| vision encoder \|  LLM  \| res. \| VQAv2'
c2 = {'VQAv2': ('vqav2', 'test-dev', 'accuracy'), 'GQA': ('gqa', 'testdev-balanced', 'accuracy'), 'VizWiz': ('vizwiz', 'test', 'accuracy'),
      'SQA': ('scienceqa-img', 'test', 'accuracy'), 'TextVQA': ('textvqa', 'val', 'accuracy'), 'POPE': ('pope', 'average', 'f1'),
      'MME': ('mme', 'all', 'perception'), 'MMB': ('mmbench', 'dev', 'accuracy'), 'MMB<sub>CN</sub>': ('mmbench-cn', 'dev', 'accuracy'), 'MMVet': ('mm-vet', 'test', 'score')}
n2 = {k: 'splits as in the LLaVA-1.5 protocol this table follows (its LLaVA-1.5 rows match MODEL_ZOO.md at the LLaVA-1.5 release); not restated in the README' for k in c2}
for enc, llm, variant in [('IViT-6B-224px', 'V-7B', 'InternVL-Chat (IViT-6B-224px, Vicuna-7B, LLaVA recipe)'), ('IViT-6B-224px', 'V-13B', 'InternVL-Chat (IViT-6B-224px, Vicuna-13B, LLaVA recipe)'),
                          ('IViT-6B-448px', 'V-13B', 'InternVL-Chat (IViT-6B-448px, Vicuna-13B, LLaVA recipe)')]:
    riv += ivt(H2, lambda r, e=enc, l=llm: r['method'] == 'InternVL-Chat (ours)' and r['vision encoder'] == e and r['LLM'] == l, variant, c2, n2)
q('2310.03744', ivt(H2, lambda r: r['method'] == 'LLaVA-1.5' and r['LLM'] == 'V-7B', 'LLaVA-1.5-7B', c2, n2, 'quoted'))
q('2310.03744', ivt(H2, lambda r: r['method'] == 'LLaVA-1.5' and r['LLM'] == 'V-13B', 'LLaVA-1.5-13B', c2, n2, 'quoted'))
H3 = r'^\s+\| name\s+\| image size \| MMMU<br>\(val\)'
c3 = {'MMMU<br>(val)': ('mmmu', 'val', 'accuracy'), 'MMMU<br>(test)': ('mmmu', 'test', 'accuracy'), 'MathVista<br>(testmini)': ('mathvista', 'testmini', 'accuracy'),
      'MMB<br>(test)': ('mmbench', 'test', 'accuracy'), 'MMB−CN<br>(test)': ('mmbench-cn', 'test', 'accuracy'),
      'MME': [('mme', 'all', 'perception'), ('mme', 'all', 'cognition')], 'ScienceQA<br>(image)': ('scienceqa-img', 'test', 'accuracy'),
      'POPE': ('pope', 'unstated', 'f1'), 'TextVQA': ('textvqa', 'unstated', 'accuracy'), 'SEEDv1<br>(image)': ('seed-bench', 'image', 'accuracy'),
      'VizWiz<br>(test)': ('vizwiz', 'test', 'accuracy'), 'GQA<br>(test)': ('gqa', 'test-balanced', 'accuracy')}
n3 = {'MME': 'printed as perception/cognition', 'GQA<br>(test)': 'README header says GQA (test)'}
riv12 = ivt(H3, lambda r: r['name'] == 'InternVL-Chat-V1.2', 'InternVL-Chat-V1.2', c3, n3)
q('llava-next', ivt(H3, lambda r: r['name'] == 'LLaVA-NEXT-34B', 'LLaVA-1.6-34B', c3, n3, 'quoted'))
for r in riv12:
    riv.append(r)
aiv = [ARCH('InternVL-Chat (IViT-6B, QLLaMA, Vicuna-13B)', 'internvit-6b', 'other', None, res=224, note='QLLaMA glue layer between InternViT-6B and a frozen Vicuna-13B (version not stated)',
            sources=[at(IV, 'README.md', find(IV, 'README.md', r'\| InternVL-Chat \(ours\) \|    IViT-6B     \|   QLLaMA   \| V-13B', IC)[0], IC)]),
       ARCH('InternVL-Chat (IViT-6B-448px, Vicuna-13B, LLaVA recipe)', 'internvit-6b', None, None, res=448, note='InternViT-6B-448px in the LLaVA-1.5 training recipe; Vicuna-13B',
            sources=[at(IV, 'README.md', find(IV, 'README.md', r'\| InternVL-Chat \(ours\) \| IViT-6B-448px', IC)[0], IC)]),
       ARCH('InternVL-Chat-V1.2', 'internvit-6b', None, 'nous-hermes-2-yi-34b', res=448, note='InternViT-6B-448px-V1.2 with Nous-Hermes-2-Yi-34B',
            sources=[at(IV, 'README.md', find(IV, 'README.md', r'utilizing \[Nous-Hermes-2-Yi-34B\]', IC)[0], IC),
                     at(IV, 'README.md', find(IV, 'README.md', r'^\| InternViT-6B-448px-V1.2', IC)[0], IC)])]
merge_record('2312.14238', '2312.14238', aiv, riv, [],
             'Scales the vision encoder to 6B parameters (InternViT-6B) and aligns it with language models progressively, first contrastively and then generatively through a QLLaMA middleware.')

# ---------------- InternVL2.5 (2412.05271): architecture from the HEAD README ----------------
a25 = []
for name, vis, lm, lmnote in [('InternVL2_5-1B', 'internvit-300m-448px', 'qwen2-5-0-5b', 'Qwen2.5-0.5B-Instruct'), ('InternVL2_5-2B', 'internvit-300m-448px', 'internlm2-5-1-8b-chat', 'internlm2_5-1_8b-chat'),
                              ('InternVL2_5-4B', 'internvit-300m-448px', 'qwen2-5-3b', 'Qwen2.5-3B-Instruct'), ('InternVL2_5-8B', 'internvit-300m-448px', 'internlm2-5-7b-chat', 'internlm2_5-7b-chat'),
                              ('InternVL2_5-26B', 'internvit-6b', 'internlm2-5-20b-chat', 'internlm2_5-20b-chat'), ('InternVL2_5-38B', 'internvit-6b', 'qwen2-5-32b', 'Qwen2.5-32B-Instruct'),
                              ('InternVL2_5-78B', 'internvit-6b', 'qwen2-5-72b', 'Qwen2.5-72B-Instruct')]:
    n = find(IV, 'README.md', rf'<td>{name}</td>')[0]
    a25.append(ARCH(name, vis, None, lm, res=448, note=f'vision part InternViT-{"300M" if "300m" in vis else "6B"}-448px-V2_5, language part {lmnote} (README model table)',
                    sources=[at(IV, 'README.md', n), at(IV, 'README.md', n + 1), at(IV, 'README.md', n + 2)]))
merge_record('2412.05271', '2412.05271', a25, [], ['arxiv:2312.14238'], None)
