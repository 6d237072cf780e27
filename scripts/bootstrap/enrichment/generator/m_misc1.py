import os
from mlib import *
# ---------------- MobileVLM / MobileVLM V2 ----------------
MV = 'Meituan-AutoML/MobileVLM'; MR = 'README.md'
mcols = {'GQA': ('gqa', 'testdev-balanced', 'accuracy'), 'SQA<sup>I</sup>': ('scienceqa-img', 'test', 'accuracy'),
         'VQA<sup>T</sup>': ('textvqa', 'val', 'accuracy'), 'POPE': ('pope', 'average', 'f1'),
         'MME<sup>P</sup>': ('mme', 'all', 'perception'), 'MMB<sup>dev</sup>': ('mmbench', 'dev', 'accuracy')}
mnotes = {'GQA': 'GQA split not named in the README', 'VQA<sup>T</sup>': 'TextVQA split not named in the README',
          'POPE': 'POPE statistic not named in the README; recorded as averaged F1 as in the LLaVA protocol MobileVLM follows, unverified'}
def mv(name, variant):
    return md_results(MV, MR, r'^\| Model \| LLM \| GQA', lambda r: f'[{name}]' in r['Model'], variant, mcols, 'other', notes=mnotes)
rmv = mv('MobileVLM-1.7B', 'MobileVLM-1.7B') + mv('MobileVLM-3B', 'MobileVLM-3B')
rmv2 = mv('MobileVLM V2 1.7B', 'MobileVLM V2 1.7B') + mv('MobileVLM V2 3B', 'MobileVLM V2 3B') + mv('MobileVLM V2 7B', 'MobileVLM V2 7B')
vis = src(MV, MR, r'^VISION_MODEL=/path/to/your/clip-vit-large-patch14-336', check=['clip-vit-large-patch14-336'])
amv = [ARCH('MobileVLM-1.7B', 'clip-vit-l-14-336', 'other', 'mobilellama-1-4b', res=336, note='LDP, a lightweight downsample projector (README)',
            sources=[vis, src(MV, MR, r'^\| <div style="width: 93pt"> \[MobileVLM-1.7B\]', check=['MobileLLaMA 1.4B'])]),
       ARCH('MobileVLM-3B', 'clip-vit-l-14-336', 'other', 'mobilellama-2-7b', res=336, note='LDP, a lightweight downsample projector (README)',
            sources=[vis, src(MV, MR, r'^\| \[MobileVLM-3B\]', check=['MobileLLaMA 2.7B'])])]
amv2 = [ARCH('MobileVLM V2 1.7B', 'clip-vit-l-14-336', 'other', 'mobilellama-1-4b', res=336, note='LDPv2 projector (run.sh: mm_projector_type ldpnetv2)',
             sources=[vis, src(MV, 'run.sh', r'mm_projector_type ldpnetv2'), src(MV, MR, r'^\| \[MobileVLM V2 1.7B\]', check=['MobileLLaMA 1.4B'])]),
        ARCH('MobileVLM V2 3B', 'clip-vit-l-14-336', 'other', 'mobilellama-2-7b', res=336, note='LDPv2 projector',
             sources=[vis, src(MV, 'run.sh', r'mm_projector_type ldpnetv2'), src(MV, MR, r'^\| \[MobileVLM V2 3B\]', check=['MobileLLaMA 2.7B'])]),
        ARCH('MobileVLM V2 7B', 'clip-vit-l-14-336', 'other', 'vicuna-7b-v1-5', res=336, note='LDPv2 projector',
             sources=[vis, src(MV, 'run.sh', r'mm_projector_type ldpnetv2'), src(MV, MR, r'^\| \[MobileVLM V2 7B\]', check=['vicuna-7b-v1.5'])])]
bib1 = src(MV, MR, r'^@article\{chu2023mobilevlm,', note='BibTeX by the authors; its author list ends with "and others"')
full_record('mobilevlm', title='MobileVLM: A Fast, Strong and Open Vision Language Assistant for Mobile Devices', short_name='MobileVLM', kind='model',
    authors={'names': ['Xiangxiang Chu', 'Limeng Qiao', 'Xinyang Lin', 'Shuang Xu', 'Yang Yang', 'Yiming Hu', 'Fei Wei', 'Xinyu Zhang', 'Bo Zhang', 'Xiaolin Wei'],
             'status': 'unconfirmed', 'sources': [bib1]},
    date=datetime.date(2023, 12, 28), venue='arxiv', arxiv=Str('2312.16886'), doi=None,
    links={'paper': 'https://arxiv.org/abs/2312.16886', 'code': 'https://github.com/Meituan-AutoML/MobileVLM', 'code_status': 'released'},
    taxonomy=['vision-to-text/image-to-text/general-domain/general-ability'], input_modalities=['image', 'text'], output_modalities=['text'],
    architecture=amv, results=rmv, builds_on=['arxiv:2310.03744'],
    summary='A LLaVA-style model for phones: small MobileLLaMA language models trained from scratch and a convolutional projector that cuts the number of visual tokens.',
    review=['author list is the first ten names of the BibTeX entry, which ends with "and others"; complete it from the arXiv page',
            'date from the README release note of Dec. 28th, 2023 (line 61); check against arXiv v1'])
bib2 = src(MV, MR, r'^@article\{chu2024mobilevlm,', note='BibTeX by the authors; its author list ends with "and others"')
full_record('mobilevlm-v2', title='MobileVLM V2: Faster and Stronger Baseline for Vision Language Model', short_name='MobileVLM V2', kind='model',
    authors={'names': ['Xiangxiang Chu', 'Limeng Qiao', 'Xinyu Zhang', 'Shuang Xu', 'Fei Wei', 'Yang Yang', 'Xiaofei Sun', 'Yiming Hu', 'Xinyang Lin', 'Bo Zhang'],
             'status': 'unconfirmed', 'sources': [bib2]},
    date=datetime.date(2024, 2, 6), venue='arxiv', arxiv=Str('2402.03766'), doi=None,
    links={'paper': 'https://arxiv.org/abs/2402.03766', 'code': 'https://github.com/Meituan-AutoML/MobileVLM', 'code_status': 'released'},
    taxonomy=['vision-to-text/image-to-text/general-domain/general-ability'], input_modalities=['image', 'text'], output_modalities=['text'],
    architecture=amv2, results=rmv2, builds_on=['mobilevlm'],
    review=['author list is the first ten names of the BibTeX entry, which ends with "and others"',
            'date from the README release note of Feb. 06th, 2024 (line 54); check against arXiv v1'])

# ---------------- Honeybee (2312.06742) ----------------
HB = 'kakaobrain/honeybee'
hcols = {'MMB': ('mmbench', 'unstated', 'accuracy'), 'SEED-I': ('seed-bench', 'image', 'accuracy'),
         'LLaVA-w': ('llava-bench-in-the-wild', 'all', 'relative-score'), 'MM-Vet': ('mm-vet', 'test', 'score'),
         'MMMU': ('mmmu', 'unstated', 'accuracy'), 'POPE': ('pope', 'unstated', 'f1')}
hnotes = {'MMB': 'README Table 6/7 copy; split not named'}
rh = []
for v in ['Honeybee-C-7B-M144', 'Honeybee-D-7B-M144', 'Honeybee-C-13B-M256', 'Honeybee-D-13B-M256']:
    rh += md_results(HB, 'README.md', r'^\| Model .*\| MMB  \| MME    \| SEED-I \| LLaVA-w \| MM-Vet', lambda r, v=v: r['Model'] == v, v, hcols, 'other', notes=hnotes)
for v in ['Honeybee-C-7B-M256', 'Honeybee-C-13B-M576']:
    rh += md_results(HB, 'README.md', r'^\| Model .*\| ScienceQA', lambda r, v=v: r['Model'] == v, v, hcols, 'other', notes=hnotes)
hsrc = lambda size: src(HB, f'configs/model_config/vicuna-{size}.yaml', r'pretrained_lm_name_or_path', check=[f'vicuna-{size}-v1.5'])
ah = [ARCH('Honeybee-C-7B-M144', None, 'c-abstractor', 'vicuna-7b-v1-5', tokens=144, note='C-Abstractor with 144 visual queries',
           sources=[src(HB, 'configs/model_config/c-abs.yaml', r'projector_type: c-abs'), src(HB, 'configs/model_config/c-abs.yaml', r'num_query_tokens: 144', check=['144']), hsrc('7b')]),
      ARCH('Honeybee-D-7B-M144', None, 'd-abstractor', 'vicuna-7b-v1-5', tokens=144, note='D-Abstractor with 144 visual queries',
           sources=[src(HB, 'configs/model_config/d-abs.yaml', r'num_query_tokens: 144', check=['144']), hsrc('7b')]),
      ARCH('Honeybee-C-13B-M256', None, 'c-abstractor', 'vicuna-13b-v1-5', tokens=256, note='M256 in the model name: 256 visual queries', sources=[hsrc('13b'), src(HB, 'README.md', r'^\| Honeybee-C-13B-M256')])]
for a in ah:
    a['note'] += '; vision encoder not named in the configs read'
SQ_NOTE = 'Honeybee README (Table 6 header) reports MME and, in Table 7, ScienceQA; both left out because the README does not say which MME score or ScienceQA subset'
merge_record('2312.06742', '2312.06742', ah, rh, ['arxiv:2310.03744'],
             'Proposes locality-preserving projectors (convolutional C-Abstractor and deformable-attention D-Abstractor) that let the number of visual tokens be chosen freely without losing spatial detail.')

# ---------------- Cambrian-1 (2406.16860) ----------------
CB = 'cambrian-mllm/cambrian'
ccols = {'MMB': ('mmbench', 'unstated', 'accuracy'), 'SQA-I': ('scienceqa-img', 'test', 'accuracy'),
         'MathVistaM': ('mathvista', 'testmini', 'accuracy'), 'ChartQA': ('chartqa', 'test', 'relaxed-accuracy')}
def cam(label_contains, variant, after_heading, prov='reported'):
    ln = find(CB, 'README.md', after_heading)[0]
    rows = table(CB, 'README.md', r'^\| Model +\| # Vis. Tok.')
    hit = [r for r in rows if label_contains in r['Model'] and r['_line'] > ln][0]
    out = []
    for col, (b, s, m) in ccols.items():
        if num(hit[col]) is not None:
            out.append(R(variant, b, s, m, hit[col], at(CB, 'README.md', hit['_line']), 'other', provenance=prov,
                         note='quoted in the Cambrian-1 README comparison table' if prov == 'quoted' else None))
    return out, hit
rc = []; ac = []
for heading, llm, variant, comp in [(r'Base LLM: Phi-3-3.8B', 'Phi-3-3.8B', 'Cambrian-1 (Phi-3-3.8B)', None),
                                     (r'Base LLM: LLaMA3-8B-Instruct', 'LLaMA3-8B-Instruct', 'Cambrian-1-8B', 'llama-3-8b'),
                                     (r'Base LLM: Vicuna1.5-13B', 'Vicuna1.5-13B', 'Cambrian-1-13B', 'vicuna-13b-v1-5'),
                                     (r'Base LLM: Hermes2-Yi-34B', 'Hermes2-Yi-34B', 'Cambrian-1-34B', 'nous-hermes-2-yi-34b')]:
    rows, hit = cam('[Cambrian-1-', variant, heading)
    rc += rows
    ac.append(ARCH(variant, None, 'other', comp, tokens=int(hit['# Vis. Tok.']),
                   note=f'base LLM {llm}; a Spatial Vision Aggregator (SVA) connects the vision features to the LLM (README training section); vision encoders not recorded here',
                   sources=[at(CB, 'README.md', hit['_line']), src(CB, 'README.md', heading), src(CB, 'README.md', r'train a Spatial Vision Aggregator')]))
merge_record('2406.16860', '2406.16860', ac, rc, [],
             'A vision-centric study of multimodal LLM design that compares many vision encoders and connects several of them to the LLM through a Spatial Vision Aggregator with a fixed 576-token budget.')
CAM_Q = {}
for label, key, variant in [('LLaVA-NeXT-8B', None, None), ('LLaVA-NeXT-13B', 'llava-next', 'LLaVA-1.6-Vicuna-13B'), ('LLaVA-NeXT-34B', 'llava-next', 'LLaVA-1.6-34B'),
                            ('MM-1-8B', '2403.09611', 'MM-1-8B'), ('MM-1-30B', '2403.09611', 'MM-1-30B')]:
    if key is None:
        continue
    rows = table(CB, 'README.md', r'^\| Model +\| # Vis. Tok.')
    hit = [r for r in rows if r['Model'] == label][0]
    for col, (b, s, m) in ccols.items():
        if num(hit[col]) is not None:
            CAM_Q.setdefault(key, []).append(R(variant, b, s, m, hit[col], at(CB, 'README.md', hit['_line']), 'other', provenance='quoted',
                                               note=f'quoted as "{label}" in the Cambrian-1 README comparison table'))
