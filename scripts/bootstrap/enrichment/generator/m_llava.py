import os
from mlib import *
LV = 'haotian-liu/LLaVA'; MZ = 'docs/MODEL_ZOO.md'; RELEASE15 = '44e0562'
# ---------------- LLaVA-1.5 (2310.03744) ----------------
c15 = {'VQAv2': ('vqav2', 'test-dev', 'accuracy'), 'GQA': ('gqa', 'testdev-balanced', 'accuracy'),
       'VizWiz': ('vizwiz', 'test', 'accuracy'), 'SQA': ('scienceqa-img', 'test', 'accuracy'),
       'TextVQA': ('textvqa', 'val', 'accuracy'), 'POPE': ('pope', 'average', 'f1'), 'MME': ('mme', 'all', 'perception'),
       'MM-Bench': ('mmbench', 'dev', 'accuracy'), 'MM-Bench-CN': ('mmbench-cn', 'dev', 'accuracy'),
       'SEED': ('seed-bench', 'unstated', 'accuracy'), 'LLaVA-Bench-Wild': ('llava-bench-in-the-wild', 'all', 'relative-score'),
       'MM-Vet': ('mm-vet', 'test', 'score')}
n15 = {'POPE': 'MODEL_ZOO.md gives one POPE number without naming the statistic; recorded as the F1 average over the three COCO splits (docs/Evaluation.md, POPE section)',
       'SEED': 'MODEL_ZOO.md heads this column "SEED" without naming the subset (its v1.6 table says SEED-IMG); split recorded as unstated',
       'MME': 'perception score', 'VizWiz': 'test split per docs/Evaluation.md (EvalAI server)',
       'MM-Bench': 'dev split (mmbench_dev_20230712) per docs/Evaluation.md', 'MM-Bench-CN': 'dev split (mmbench_dev_cn_20231003) per docs/Evaluation.md'}
res15 = []
for size, sched, variant in [('7B', 'full_ft-1e', 'LLaVA-1.5-7B'), ('13B', 'full_ft-1e', 'LLaVA-1.5-13B'),
                             ('7B', 'lora-1e', 'LLaVA-1.5-7B (LoRA)'), ('13B', 'lora-1e', 'LLaVA-1.5-13B (LoRA)')]:
    m = lambda r, s=size, sc=sched: r['Version'] == 'LLaVA-1.5' and r['Size'] == s and r['Schedule'] == sc
    res15 += md_results(LV, MZ, r'^\| Version \| Size \| Schedule', m, variant, c15, 'other', notes=n15)
# the release-day table (44e0562) differs for two cells of the 7B full model: keep both and say so
c15old = {('T-VQA' if k == 'TextVQA' else k): v for k, v in c15.items()}
n15old = {('T-VQA' if k == 'TextVQA' else k): v for k, v in n15.items()}
old = []
for size, variant in [('7B', 'LLaVA-1.5-7B'), ('13B', 'LLaVA-1.5-13B')]:
    old += md_results(LV, MZ, r'^\| Version \| Size \| Schedule', lambda r, s=size: r['Size'] == s and r['Schedule'] == 'full_ft-1e',
                 variant, c15old, 'other', commit=RELEASE15, notes=n15old)
DIS = []
for o in old:
    new = [r for r in res15 if r['variant'] == o['variant'] and r['benchmark'] == o['benchmark']][0]
    if new['value'] != o['value']:
        msg = (f"disagreement: MODEL_ZOO.md at the LLaVA-1.5 release (commit {full(LV, RELEASE15)[:10]}) printed {o['value']}; "
               f"the current file prints {new['value']} (changed in commit 539d666, 2023-10-13)")
        o['note'] = msg; new['note'] = ((new.get('note') or '') + '; ' + msg).lstrip('; ')
        res15.append(o); DIS.append((o['variant'], o['benchmark'], o['value'], new['value']))
# setting: VQAv2/GQA/VizWiz-train/TextVQA... are partly in the LLaVA-1.5 mix; the repo does not say per benchmark -> 'other'
arch15 = [
    ARCH('LLaVA-1.5-7B', 'clip-vit-l-14-336', 'mlp', 'vicuna-7b-v1-5', res=336,
         note='two-layer MLP projector ("MLP-2x") over CLIP ViT-L/14 at 336 px features',
         sources=[src(LV, MZ, r'^\| Vicuna-7B-v1.5 \| CLIP-L-336px \| MLP-2x', check=['MLP-2x']),
                  src(LV, MZ, r'^Base model: Vicuna v1.5', check=['Vicuna v1.5'])]),
    ARCH('LLaVA-1.5-13B', 'clip-vit-l-14-336', 'mlp', 'vicuna-13b-v1-5', res=336,
         note='two-layer MLP projector ("MLP-2x")',
         sources=[src(LV, MZ, r'^\| Vicuna-13B-v1.5 \| CLIP-L-336px \| MLP-2x', check=['MLP-2x']),
                  src(LV, MZ, r'^Base model: Vicuna v1.5')]),
]
for r in res15:
    r['setting'] = 'other'
merge_record('2310.03744', '2310.03744', arch15, res15, ['arxiv:2304.08485'],
             'Keeps the LLaVA recipe but swaps the linear projector for a two-layer MLP, moves to CLIP at 336 px and adds academic VQA data with short-answer prompts, giving a strong, cheap baseline.')

# ---------------- LLaVA (2304.08485) ----------------
wild = {'LLaVA-Bench-Conv': ('llava-bench-in-the-wild', 'conversation', 'relative-score'),
        'LLaVA-Bench-Detail': ('llava-bench-in-the-wild', 'detail', 'relative-score'),
        'LLaVA-Bench-Complex': ('llava-bench-in-the-wild', 'complex-reasoning', 'relative-score'),
        'LLaVA-Bench-Overall': ('llava-bench-in-the-wild', 'all', 'relative-score')}
resv1 = []
for llm, variant in [('Vicuna-13B-v1.3', 'LLaVA-13B-v1-336px-0719 (Vicuna-13B-v1.3)'), ('LLaMA-2-13B-Chat', 'LLaVA (LLaMA-2-13B-Chat)'),
                     ('LLaMA-2-7B-Chat', 'LLaVA (LLaMA-2-7B-Chat, LoRA)')]:
    resv1 += md_results(LV, MZ, r'^\| Base LLM \| Vision Encoder \| Pretrain Data \| Pretraining schedule \| Finetuning Data \| Finetuning schedule \| LLaVA-Bench-Conv',
                        lambda r, l=llm: r['Base LLM'] == l, variant, wild, 'zero-shot', evaluator='text-only GPT-4 judge',
                        notes={k: 'MODEL_ZOO.md v1 table; docs/LLaVA_Bench.md identifies these columns as LLaVA-Bench (In-the-Wild)' for k in wild})
LB = 'docs/LLaVA_Bench.md'
wcols = {'Conversation': ('llava-bench-in-the-wild', 'conversation', 'relative-score'), 'Detail': ('llava-bench-in-the-wild', 'detail', 'relative-score'),
         'Reasoning': ('llava-bench-in-the-wild', 'complex-reasoning', 'relative-score'), 'Overall': ('llava-bench-in-the-wild', 'all', 'relative-score')}
resv1 += md_results(LV, LB, r'^\| Approach', lambda r: r['Approach'] == 'LLaVA-13B-v1-336px-0719 (beam=5)', 'LLaVA-13B-v1-336px-0719 (beam=5)', wcols,
                    'zero-shot', evaluator='text-only GPT-4 judge')
# the same table quotes two commercial systems; they are not in the catalog, so they are left out
archv1 = [
    ARCH('LLaVA (Vicuna-13B-v1.3, CLIP-L-336px)', 'clip-vit-l-14-336', 'linear', 'vicuna-13b-v1-3', res=336,
         sources=[src(LV, MZ, r'^\| Vicuna-13B-v1.3 \| CLIP-L-336px \| Linear')]),
    ARCH('LLaVA (Vicuna-7B-v1.3, CLIP-L)', 'clip-vit-l-14', 'linear', 'vicuna-7b-v1-3', res=224,
         sources=[src(LV, MZ, r'^\| Vicuna-7B-v1.3 \| CLIP-L \| Linear')]),
    ARCH('LLaVA (LLaMA-2-13B-Chat, CLIP-L)', 'clip-vit-l-14', 'linear', 'llama-2-13b', res=224, note='LLaMA-2-13B-Chat weights on the Llama-2-13B architecture',
         sources=[src(LV, MZ, r'^\| LLaMA-2-13B-Chat \| CLIP-L \| Linear')]),
]
OLDZOO = '053c284'
archv1.insert(0, ARCH('LLaVA-13B-v0 (Vicuna-13B-v0, CLIP-L)', 'clip-vit-l-14', None, 'vicuna-13b-v0', res=224,
                      note='the first release: CC-595K pretraining, LLaVA-Instruct-158K fine-tuning (MODEL_ZOO.md legacy delta-weights table)',
                      sources=[src(LV, MZ, r'^\| Vicuna-13B-v0 \| CLIP-L \| CC-595K \| 1e \| LLaVA-Instruct-158K', commit=OLDZOO)]))
merge_record('2304.08485', '2304.08485', archv1, resv1, [],
             'Connects a frozen CLIP encoder to Vicuna through a linear projection and instruction-tunes it on GPT-4-generated multimodal conversations; introduces LLaVA-Bench.')

# ---------------- LLaVA-NeXT / LLaVA-1.6 (blog, not in the list) ----------------
c16 = {'MMMU': ('mmmu', 'unstated', 'accuracy'), 'MathVista': ('mathvista', 'unstated', 'accuracy'), 'VQAv2': ('vqav2', 'test-dev', 'accuracy'),
       'GQA': ('gqa', 'testdev-balanced', 'accuracy'), 'VizWiz': ('vizwiz', 'test', 'accuracy'), 'SQA': ('scienceqa-img', 'test', 'accuracy'),
       'TextVQA': ('textvqa', 'val', 'accuracy'), 'POPE': ('pope', 'average', 'f1'),
       'MME': [('mme', 'all', 'perception'), ('mme', 'all', 'cognition')], 'MM-Bench': ('mmbench', 'dev', 'accuracy'),
       'MM-Bench-CN': ('mmbench-cn', 'dev', 'accuracy'), 'SEED-IMG': ('seed-bench', 'image', 'accuracy'),
       'LLaVA-Bench-Wild': ('llava-bench-in-the-wild', 'all', 'relative-score'), 'MM-Vet': ('mm-vet', 'test', 'score')}
n16 = {'MMMU': 'split not named in MODEL_ZOO.md', 'MathVista': 'split not named in MODEL_ZOO.md',
       'MME': 'printed as perception/cognition', 'POPE': n15['POPE'], 'MM-Bench': n15['MM-Bench'], 'MM-Bench-CN': n15['MM-Bench-CN']}
res16 = []
arch16 = []
llm_ids = {'Vicuna-7B': None, 'Vicuna-13B': 'vicuna-13b-v1-5', 'Mistral-7B': None, 'Hermes-Yi-34B': 'nous-hermes-2-yi-34b'}
# versions: MODEL_ZOO.md names no version; the Cambrian-1 README lists LLaVA-NeXT-13B under "Base LLM: Vicuna1.5-13B"
# and LLaVA-NeXT-34B under "Base LLM: Hermes2-Yi-34B"; for the 7B models no file read names the version
llm_extra = {'Vicuna-13B': [('cambrian-mllm/cambrian', 'README.md', r'Base LLM: Vicuna1.5-13B')], 'Hermes-Yi-34B': [('cambrian-mllm/cambrian', 'README.md', r'Base LLM: Hermes2-Yi-34B')]}
for llm, variant in [('Vicuna-7B', 'LLaVA-1.6-Vicuna-7B'), ('Vicuna-13B', 'LLaVA-1.6-Vicuna-13B'), ('Mistral-7B', 'LLaVA-1.6-Mistral-7B'), ('Hermes-Yi-34B', 'LLaVA-1.6-34B')]:
    res16 += md_results(LV, MZ, r'^\| Version \| LLM \| Schedule', lambda r, l=llm: r['LLM'] == l, variant, c16, 'other', notes=n16)
    n, _ = find(LV, MZ, rf'^\| LLaVA-1.6 \| {llm} \|')
    arch16.append(ARCH(variant, 'clip-vit-l-14-336', 'mlp', llm_ids[llm], res=336,
                       note=f'language model as named in MODEL_ZOO.md ({llm}{"" if llm_ids[llm] else ", version not stated"}); vision encoder, MLP projector and AnyRes grids as in the LLaVA-NeXT repository script described as the first image version of LLaVA-NeXT (2024-01)',
                       sources=[at(LV, MZ, n)] + [src(*x) for x in llm_extra.get(llm, [])] + [src('LLaVA-VL/LLaVA-NeXT', 'scripts/train/README.md', r'first image version LLaVA-NeXT \(2024-01\)'),
                                src('LLaVA-VL/LLaVA-NeXT', 'scripts/train/direct_finetune_clip.sh', r'^VISION_MODEL_VERSION="openai/clip-vit-large-patch14-336"'),
                                src('LLaVA-VL/LLaVA-NeXT', 'scripts/train/direct_finetune_clip.sh', r'mm_projector_type mlp2x_gelu'),
                                src('LLaVA-VL/LLaVA-NeXT', 'scripts/train/direct_finetune_clip.sh', r'image_aspect_ratio anyres')]))
    if not llm_ids[llm]:
        arch16[-1].pop('language_model', None)
NX = 'LLaVA-VL/LLaVA-NeXT'
full_record('llava-next',
    title='LLaVA-NeXT: Improved reasoning, OCR, and world knowledge', short_name='LLaVA-NeXT (LLaVA-1.6)', kind='model',
    authors={'names': ['Haotian Liu', 'Chunyuan Li', 'Yuheng Li', 'Bo Li', 'Yuanhan Zhang', 'Sheng Shen', 'Yong Jae Lee'],
             'status': 'confirmed', 'sources': [src(NX, 'README.md', r'^@misc\{liu2024llavanext,', note='BibTeX entry given by the authors (author field 3 lines below)')]},
    date=datetime.date(2024, 1, 30), venue='blog', arxiv=None, doi=None,
    links={'paper': 'https://llava-vl.github.io/blog/2024-01-30-llava-next/', 'code': 'https://github.com/haotian-liu/LLaVA', 'code_status': 'released'},
    taxonomy=['vision-to-text/image-to-text/general-domain/general-ability'],
    input_modalities=['image', 'text'], output_modalities=['text'],
    architecture=arch16, results=res16, builds_on=['arxiv:2310.03744'],
    summary='Raises the input resolution of LLaVA-1.5 by encoding a grid of image tiles plus a global view (AnyRes) and refreshes the instruction data, with Vicuna, Mistral and Yi-34B backbones.',
    review=['date read from the blog URL (2024-01-30) and the MODEL_ZOO.md release commit 0a16dea (2024-01-31); check against the blog page'])
ov_src = [src(NX, 'scripts/train/finetune_ov.sh', r'^VISION_MODEL_VERSION=', check=['siglip-so400m-patch14-384']),
          src(NX, 'scripts/train/finetune_ov.sh', r'mm_projector_type mlp2x_gelu', check=['mlp2x_gelu']),
          src(NX, 'scripts/train/finetune_ov.sh', r'^LLM_VERSION=', check=['Qwen2-7B-Instruct']),
          src(NX, 'docs/LLaVA_OneVision.md', r'729 \* \(9\+1\) tokens', check=['729'])]
merge_record('2408.03326', '2408.03326',
    [ARCH('LLaVA-OneVision-7B', 'siglip-so400m-14-384', 'mlp', 'qwen2-7b', res=384, tokens=729,
          note='729 tokens per 384 px grid; a single image uses at most 729 x (9+1) tokens (anyres_max_9), a video frame 196 tokens',
          sources=ov_src)],
    [], ['arxiv:2310.03744', 'llava-next'],
    'Trains one LLaVA-style model (SigLIP + Qwen2) in stages over single images, multiple images and video so that skills transfer across the three scenarios.')
