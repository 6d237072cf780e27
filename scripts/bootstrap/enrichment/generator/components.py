import os
import sys, re
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lib import *
OUT = os.path.join(REPO, 'catalog/components')
HDR = '# yaml-language-server: $schema=../schema/component.schema.json'
LG = 'Lightning-AI/litgpt'
LG_VIC = 'ec020646b961f281b1062ce87b714266400cf2fd'   # litgpt before vicuna entries were dropped (33eab00)
comps = []

def C(id, name, type, family, hp, sources, parameters=None, paper=None, note=None):
    d = {'id': id, 'name': name, 'type': type, 'family': family}
    if parameters: d['parameters'] = parameters
    d['hyperparameters'] = {k: v for k, (v, s) in hp.items()}
    d['introduced_by'] = None
    if paper: d['paper'] = paper
    srcs = []
    for k, (v, s) in hp.items():
        s = dict(s); s['note'] = (f'{k}: ' + s.get('note', '')).rstrip(': ').strip()
        srcs.append(s)
    srcs += sources
    d['sources'] = srcs
    if note: d['note'] = note
    comps.append(d)

def V(repo, path, pattern, value, commit=None, note=None, nth=0, after=0):
    s = src(repo, path, pattern, commit=commit, nth=nth, after=after, check=[] if note and 'computed' in note else [value])
    if note: s['note'] = note
    return (value, s)

def lg_entry(name, commit=None):
    path = 'lit_gpt/config.py' if False else 'litgpt/config.py'
    n, _ = find(LG, path, rf'^\s+name="{re.escape(name)}",', commit)
    return path, n

def lg(name, key, value, commit=None, default_note=None):
    path, n = lg_entry(name, commit)
    L = lines(LG, path, commit)
    for i in range(n, len(L)):
        if L[i].strip() == '),':
            break
        if re.match(rf'\s+{key}=', L[i]):
            if value is None:
                value = int(re.search(rf'{key}=(\d+)', L[i]).group(1))
            s = src(LG, path, rf'^\s+{key}=', commit, after=i, check=[str(value)])
            s['note'] = f'litgpt entry "{name}" (mirrors the Hugging Face config.json)'
            return (value, s)
    # not set in the entry: the dataclass default applies
    s = src(LG, path, rf'^    {key}: ', commit, check=[str(value)])
    s['note'] = f'litgpt entry "{name}" (line {n}) leaves {key} at this Config default'
    return (value, s)

CLIPP = {'title': 'Learning Transferable Visual Models From Natural Language Supervision', 'arxiv': Str('2103.00020')}
clip_paper_src = src('openai/CLIP', 'README.md', r'arxiv.org/abs/2103.00020')
OC = 'mlfoundations/open_clip'; OCM = 'src/open_clip/model_configs/'
heads_formula = src('openai/CLIP', 'clip/model.py', r'vision_heads = vision_width // 64', check=['// 64'])
mlp_default = src(OC, 'src/open_clip/model.py', r'^\s+mlp_ratio: float = 4.0', check=['4.0'])

# ---- vision encoders
VC = 'open-compass/VLMEvalKit'; VCP = 'vlmeval/vlm/video_llm/configs/llama_vid/processor/clip-patch14-224/config.json'
vn = {'note': 'vendored copy of the Hugging Face config of clip-vit-large-patch14 (vision_config)'}
C('clip-vit-l-14', 'CLIP ViT-L/14 (224 px)', 'vision-encoder', 'CLIP', {
    'image_size': V(VC, VCP, r'"image_size": 224', 224, after=91, note=vn['note']),
    'patch_size': V(VC, VCP, r'"patch_size": 14', 14, after=91, note=vn['note']),
    'width': V(VC, VCP, r'"hidden_size": 1024', 1024, after=91, note=vn['note']),
    'depth': V(VC, VCP, r'"num_hidden_layers": 24', 24, after=91, note=vn['note']),
    'heads': V(VC, VCP, r'"num_attention_heads": 16', 16, after=91, note=vn['note']),
    'mlp_width': V(VC, VCP, r'"intermediate_size": 4096', 4096, after=91, note=vn['note']),
}, [src('openai/CLIP', 'clip/clip.py', r'"ViT-L/14":', note='released checkpoint name')], paper=CLIPP)

C('clip-vit-l-14-336', 'CLIP ViT-L/14 at 336 px', 'vision-encoder', 'CLIP', {
    'image_size': V(OC, OCM + 'ViT-L-14-336.json', r'"image_size": 336', 336),
    'patch_size': V(OC, OCM + 'ViT-L-14-336.json', r'"patch_size": 14', 14),
    'width': V(OC, OCM + 'ViT-L-14-336.json', r'"width": 1024', 1024),
    'depth': V(OC, OCM + 'ViT-L-14-336.json', r'"layers": 24', 24),
    'heads': (16, dict(heads_formula, note='computed: 1024 // 64 by the CLIP loader')),
    'mlp_width': (4096, dict(mlp_default, note='computed: width x default mlp_ratio 4.0')),
}, [src('openai/CLIP', 'clip/clip.py', r'"ViT-L/14@336px":', note='released checkpoint name')], paper=CLIPP)

C('clip-vit-b-16', 'CLIP ViT-B/16', 'vision-encoder', 'CLIP', {
    'image_size': V(OC, OCM + 'ViT-B-16.json', r'"image_size": 224', 224),
    'patch_size': V(OC, OCM + 'ViT-B-16.json', r'"patch_size": 16', 16),
    'width': V(OC, OCM + 'ViT-B-16.json', r'"width": 768', 768),
    'depth': V(OC, OCM + 'ViT-B-16.json', r'"layers": 12', 12),
    'heads': (12, dict(heads_formula, note='computed: 768 // 64 by the CLIP loader')),
    'mlp_width': (3072, dict(mlp_default, note='computed: width x default mlp_ratio 4.0')),
}, [src('openai/CLIP', 'clip/clip.py', r'"ViT-B/16":', note='released checkpoint name')], paper=CLIPP)

EV = 'baaivision/EVA'; EVP = 'EVA-01/clip/model_configs/EVA_CLIP_g_14.json'
C('eva-clip-vit-g-14', 'EVA-CLIP ViT-g/14 (EVA01-CLIP-g)', 'vision-encoder', 'EVA-CLIP', {
    'image_size': V(EV, EVP, r'"image_size": 224', 224),
    'patch_size': V(EV, EVP, r'"patch_size": 14', 14),
    'width': V(EV, EVP, r'"width": 1408', 1408),
    'depth': V(EV, EVP, r'"layers": 40', 40),
    'heads': (16, dict(src(EV, EVP, r'"head_width": 88', check=['88']), note='computed: width 1408 / head_width 88')),
    'mlp_width': (6144, dict(src(EV, EVP, r'"mlp_ratio": 4.3637', check=['4.3637']), note='computed: int(1408 x 4.3637)')),
}, [src('salesforce/LAVIS', 'lavis/models/eva_vit.py', r'depth=39,', check=['39'], note='BLIP-2/InstructBLIP build this encoder with 39 of its 40 blocks')],
  paper={'title': 'EVA-CLIP: Improved Training Techniques for CLIP at Scale', 'arxiv': Str('2303.15389')})

C('openclip-vit-bigg-14', 'OpenCLIP ViT-bigG/14', 'vision-encoder', 'OpenCLIP', {
    'image_size': V(OC, OCM + 'ViT-bigG-14.json', r'"image_size": 224', 224),
    'patch_size': V(OC, OCM + 'ViT-bigG-14.json', r'"patch_size": 14', 14),
    'width': V(OC, OCM + 'ViT-bigG-14.json', r'"width": 1664', 1664),
    'depth': V(OC, OCM + 'ViT-bigG-14.json', r'"layers": 48', 48),
    'heads': (16, dict(src(OC, OCM + 'ViT-bigG-14.json', r'"head_width": 104', check=['104']), note='computed: 1664 / 104')),
    'mlp_width': (8192, dict(src(OC, OCM + 'ViT-bigG-14.json', r'"mlp_ratio": 4.9231', check=['4.9231']), note='computed: int(1664 x 4.9231)')),
}, [])

C('openclip-vit-h-14', 'OpenCLIP ViT-H/14', 'vision-encoder', 'OpenCLIP', {
    'image_size': V(OC, OCM + 'ViT-H-14.json', r'"image_size": 224', 224),
    'patch_size': V(OC, OCM + 'ViT-H-14.json', r'"patch_size": 14', 14),
    'width': V(OC, OCM + 'ViT-H-14.json', r'"width": 1280', 1280),
    'depth': V(OC, OCM + 'ViT-H-14.json', r'"layers": 32', 32),
    'heads': (16, dict(src(OC, OCM + 'ViT-H-14.json', r'"head_width": 80', check=['80']), note='computed: 1280 / 80')),
    'mlp_width': (5120, dict(mlp_default, note='computed: width x default mlp_ratio 4.0')),
}, [])

SG = 'LLaVA-VL/LLaVA-NeXT'; SGP = 'llava/model/multimodal_encoder/siglip_encoder.py'
sn = 'SigLipVisionConfig defaults in the LLaVA-NeXT encoder wrapper (so400m-patch14-384)'
C('siglip-so400m-14-384', 'SigLIP SO400M/14 at 384 px', 'vision-encoder', 'SigLIP', {
    'image_size': V(SG, SGP, r'image_size=384', 384, note=sn),
    'patch_size': V(SG, SGP, r'patch_size=14', 14, note=sn),
    'width': V(SG, SGP, r'hidden_size=1152', 1152, note=sn),
    'depth': V(SG, SGP, r'num_hidden_layers=27', 27, note=sn),
    'heads': V(SG, SGP, r'num_attention_heads=16', 16, note=sn),
    'mlp_width': V(SG, SGP, r'intermediate_size=4304', 4304, note=sn),
}, [src(OC, OCM + 'ViT-SO400M-14-SigLIP-384.json', r'"image_size": 384', check=['384'])])

IV = 'OpenGVLab/InternVL'; IVP = 'internvl_chat/internvl/model/internvl_chat/configuration_intern_vit.py'
ivn = 'InternVisionConfig defaults (model_type intern_vit_6b)'
C('internvit-6b', 'InternViT-6B', 'vision-encoder', 'InternViT', {
    'image_size': V(IV, IVP, r'^\s+image_size=224', 224, note=ivn),
    'patch_size': V(IV, IVP, r'^\s+patch_size=14', 14, note=ivn),
    'width': V(IV, IVP, r'^\s+hidden_size=3200', 3200, note=ivn),
    'depth': V(IV, IVP, r'^\s+num_hidden_layers=48', 48, note=ivn),
    'heads': V(IV, IVP, r'^\s+num_attention_heads=25', 25, note=ivn),
    'mlp_width': V(IV, IVP, r'^\s+intermediate_size=12800', 12800, note=ivn),
}, [], note='later releases (InternViT-6B-448px-V1-5, -V2_5) keep this shape at 448 px tiles',
  paper={'title': 'InternVL: Scaling up Vision Foundation Models and Aligning for Generic Visual-Linguistic Tasks', 'arxiv': Str('2312.14238')})

C('internvit-300m-448px', 'InternViT-300M-448px', 'vision-encoder', 'InternViT', {},
  [src(IV, 'README.md', r'<td>InternVL2-1B</td>', note='used as the vision part of InternVL2-1B..8B (next lines)')], parameters='0.3B')

# ---- language models
LL1 = 'facebookresearch/llama'; MC1 = '53011c3d7946dadb8274a4c5c7586ab54edf792d'
C('llama-7b', 'LLaMA-7B', 'language-model', 'LLaMA', {
    'hidden_size': V(LL1, 'MODEL_CARD.md', r'<th>7B</th> <th>4096</th>', 4096, commit=MC1, note='model card table: dimension'),
    'layers': V(LL1, 'MODEL_CARD.md', r'<th>7B</th> <th>4096</th> <th>32</th> <th>32</th>', 32, commit=MC1, note='model card table: n layers'),
    'heads': V(LL1, 'MODEL_CARD.md', r'<th>7B</th> <th>4096</th> <th>32</th>', 32, commit=MC1, note='model card table: n heads'),
}, [], parameters='7B')

EM = 'baaivision/Emu'; EMP = 'Emu1/models/llama_config/config.json'
C('llama-13b', 'LLaMA-13B', 'language-model', 'LLaMA', {
    'hidden_size': V(LL1, 'MODEL_CARD.md', r'<th>13B</th><th>5120</th>', 5120, commit=MC1, note='model card table: dimension'),
    'layers': V(LL1, 'MODEL_CARD.md', r'<th>13B</th><th>5120</th><th>40</th><th>40</th>', 40, commit=MC1, note='model card table: n layers'),
    'heads': V(LL1, 'MODEL_CARD.md', r'<th>13B</th><th>5120</th><th>40</th>', 40, commit=MC1, note='model card table: n heads'),
    'intermediate_size': V(EM, EMP, r'"intermediate_size": 13824', 13824, note="Emu's copy of the LLaMA-13B config it builds on"),
    'vocab_size': V(EM, EMP, r'"vocab_size": 32000', 32000, note="Emu's copy of the LLaMA-13B config"),
    'max_positions': V(EM, EMP, r'"max_position_embeddings": 2048', 2048, note="Emu's copy of the LLaMA-13B config"),
}, [], parameters='13B')

def lgC(id, name, family, lgname, vals, commit=None, parameters=None, paper=None, extra=()):
    hp = {}
    keymap = {'hidden_size': 'n_embd', 'layers': 'n_layer', 'heads': 'n_head', 'kv_heads': 'n_query_groups',
              'intermediate_size': 'intermediate_size', 'vocab_size': 'vocab_size', 'max_positions': 'block_size'}
    for k, v in vals.items():
        key = keymap[k]
        if isinstance(v, tuple):
            key, v = v
        hp[k] = lg(lgname, key, v, commit)
    srcs = [dict(src(LG, 'litgpt/config.py', rf'^\s+name="{re.escape(lgname)}",', commit), note='the entry cites the Hugging Face config.json on the line above')]
    if family == 'Llama 2':
        srcs.append(dict(src(LG, 'README.md', r'^\| Llama 2 \| 7B, 13B, 70B', check=['2307.09288']), note='litgpt model table: Llama 2 paper, arXiv 2307.09288'))
    C(id, name, 'language-model', family, hp, srcs + list(extra), parameters=parameters, paper=paper)

L2P = None  # title not read from a source; the arXiv id is cited in the sources instead
lgC('llama-2-7b', 'Llama-2-7B', 'Llama 2', 'Llama-2-7b{}-hf', dict(hidden_size=4096, layers=32, heads=32, intermediate_size=11008, vocab_size=32000, max_positions=4096), parameters='7B', paper=L2P)
lgC('llama-2-13b', 'Llama-2-13B', 'Llama 2', 'Llama-2-13b{}-hf', dict(hidden_size=5120, layers=40, heads=40, intermediate_size=13824, vocab_size=32000, max_positions=4096), parameters='13B', paper=L2P)
lgC('vicuna-7b-v1-5', 'Vicuna-7B v1.5', 'Vicuna', 'vicuna-7b-v1.5', dict(hidden_size=4096, layers=32, heads=32, intermediate_size=11008, vocab_size=32000, max_positions=4096), commit=LG_VIC, parameters='7B')
lgC('vicuna-13b-v1-5', 'Vicuna-13B v1.5', 'Vicuna', 'vicuna-13b-v1.5', dict(hidden_size=5120, layers=40, heads=40, intermediate_size=13824, vocab_size=32000, max_positions=4096), commit=LG_VIC, parameters='13B')
lgC('vicuna-7b-v1-3', 'Vicuna-7B v1.3', 'Vicuna', 'vicuna-7b-v1.3', dict(hidden_size=4096, layers=32, heads=32, intermediate_size=11008, vocab_size=32000, max_positions=2048), commit=LG_VIC, parameters='7B')
lgC('vicuna-13b-v1-3', 'Vicuna-13B v1.3', 'Vicuna', 'vicuna-13b-v1.3', dict(hidden_size=5120, layers=40, heads=40, intermediate_size=13824, vocab_size=32000, max_positions=2048), commit=LG_VIC, parameters='13B')
lgC('mistral-7b', 'Mistral-7B v0.1', 'Mistral', 'Mistral-7B-{}v0.1', dict(hidden_size=4096, layers=32, heads=32, kv_heads=8, intermediate_size=14336, vocab_size=('padded_vocab_size', 32000)), parameters='7B')
lgC('phi-2', 'Phi-2', 'Phi', 'phi-2', dict(hidden_size=2560, layers=32, heads=32, vocab_size=('padded_vocab_size', 51200), max_positions=2048), parameters='2.7B')
lgC('llama-3-8b', 'Meta-Llama-3-8B', 'Llama 3', 'Llama-3-8B{}', dict(hidden_size=4096, layers=32, heads=32, kv_heads=8, intermediate_size=14336, vocab_size=('padded_vocab_size', 128256), max_positions=8192), parameters='8B')
for sz, d in [('0.5B', dict(hidden_size=896, layers=24, heads=14, kv_heads=2, intermediate_size=4864)),
              ('3B', dict(hidden_size=2048, layers=36, heads=16, kv_heads=2, intermediate_size=11008)),
              ('7B', dict(hidden_size=3584, layers=28, heads=28, kv_heads=4, intermediate_size=18944)),
              ('32B', dict(hidden_size=5120, layers=64, heads=40, kv_heads=8, intermediate_size=27648)),
              ('72B', dict(hidden_size=8192, layers=80, heads=64, kv_heads=8, intermediate_size=29568))]:
    d.update(vocab_size=('padded_vocab_size', None), max_positions=None)
    lgC(f'qwen2-5-{sz.lower().replace(".", "-")}', f'Qwen2.5-{sz}', 'Qwen2.5', f'Qwen2.5-{sz}{{}}', d, parameters=sz)
lgC('tinyllama-1-1b', 'TinyLlama-1.1B', 'TinyLlama', 'tiny-llama-1.1b{}', dict(hidden_size=2048, layers=22, heads=32, kv_heads=4, intermediate_size=5632, vocab_size=32000, max_positions=2048), parameters='1.1B')
lgC('smollm2-135m', 'SmolLM2-135M', 'SmolLM2', 'SmolLM2-135M{}', dict(hidden_size=576, layers=30, heads=9, kv_heads=3, intermediate_size=1536, vocab_size=49152, max_positions=8192), parameters='135M')

OW = 'X-PLUG/mPLUG-Owl'; OWP = 'mPLUG-Owl2/mplug_owl2/model/configuration_qwen.py'
qn = 'QWenConfig defaults as vendored in mPLUG-Owl2 (Qwen-7B shape)'
C('qwen-7b', 'Qwen-7B', 'language-model', 'Qwen', {
    'hidden_size': V(OW, OWP, r'hidden_size=4096', 4096, note=qn),
    'layers': V(OW, OWP, r'num_hidden_layers=32', 32, note=qn),
    'heads': V(OW, OWP, r'num_attention_heads=32', 32, note=qn),
    'intermediate_size': V(OW, OWP, r'intermediate_size=22016', 22016, note=qn + '; the MLP uses half of it per branch'),
    'vocab_size': V(OW, OWP, r'vocab_size=151936', 151936, note=qn),
    'max_positions': V(OW, OWP, r'max_position_embeddings=8192', 8192, note=qn),
}, [], parameters='7B')


# ---- components named by the model records; hyper-parameters only where a file states them
def stub(id, name, type, family, sources, parameters=None, hp=None, paper=None, note=None):
    C(id, name, type, family, hp or {}, sources, parameters=parameters, paper=paper, note=note)
MV = 'Meituan-AutoML/MobileVLM'
stub('mobilellama-1-4b', 'MobileLLaMA-1.4B', 'language-model', 'MobileLLaMA', [src(MV, 'README.md', r'^\| <div style="width: 93pt"> \[MobileVLM-1.7B\]', check=['MobileLLaMA-1.4B'])], parameters='1.4B')
stub('mobilellama-2-7b', 'MobileLLaMA-2.7B', 'language-model', 'MobileLLaMA', [src(MV, 'README.md', r'^\| \[MobileVLM-3B\]', check=['MobileLLaMA-2.7B'])], parameters='2.7B')
stub('nous-hermes-2-yi-34b', 'Nous-Hermes-2-Yi-34B', 'language-model', 'Yi', [src('OpenGVLab/InternVL', 'README.md', r'utilizing \[Nous-Hermes-2-Yi-34B\]', commit='568dcb7'),
     src('haotian-liu/LLaVA', 'docs/MODEL_ZOO.md', r'^\| LLaVA-1.6 \| Hermes-Yi-34B')], parameters='34B')
stub('qwen2-7b', 'Qwen2-7B', 'language-model', 'Qwen2', [src('LLaVA-VL/LLaVA-NeXT', 'scripts/train/finetune_ov.sh', r'^LLM_VERSION=', check=['Qwen2-7B']), src('allenai/molmo', 'README.md', r'>Qwen2-7B</a></td>')], parameters='7B')
stub('qwen2-72b', 'Qwen2-72B', 'language-model', 'Qwen2', [src('allenai/molmo', 'README.md', r'>Qwen2-72B</a></td>')], parameters='72B')
LB = 'salesforce/LAVIS'; BC = 'lavis/configs/models/blip2/'
stub('opt-2-7b', 'OPT-2.7B', 'language-model', 'OPT', [src(LB, BC + 'blip2_pretrain_opt2.7b.yaml', r'opt_model:', check=['facebook/opt-2.7b'])], parameters='2.7B')
stub('opt-6-7b', 'OPT-6.7B', 'language-model', 'OPT', [src(LB, BC + 'blip2_pretrain_opt6.7b.yaml', r'opt_model:', check=['facebook/opt-6.7b'])], parameters='6.7B')
stub('flan-t5-xl', 'FlanT5-XL', 'language-model', 'Flan-T5', [src(LB, BC + 'blip2_pretrain_flant5xl.yaml', r't5_model:', check=['google/flan-t5-xl'])])
stub('flan-t5-xxl', 'FlanT5-XXL', 'language-model', 'Flan-T5', [src(LB, BC + 'blip2_pretrain_flant5xxl.yaml', r't5_model:', check=['google/flan-t5-xxl'])])
stub('vicuna-7b-v1-1', 'Vicuna-7B v1.1', 'language-model', 'Vicuna', [src(LB, 'projects/instructblip/README.md', r'Vicuna v1.1 weights'), src('AILab-CVC/SEED', 'README.md', r'for example, vicuna-7b-v1.1')], parameters='7B')
stub('vicuna-13b-v1-1', 'Vicuna-13B v1.1', 'language-model', 'Vicuna', [src(LB, 'projects/instructblip/README.md', r'Vicuna v1.1 weights')], parameters='13B')
stub('vicuna-13b-v0', 'Vicuna-13B v0', 'language-model', 'Vicuna', [src('Vision-CAIR/MiniGPT-4', 'README.md', r'Vicuna V0 13B')], parameters='13B')
OFL = 'mlfoundations/open_flamingo'
for id, name, pat, fam in [('mpt-1b-redpajama-200b', 'MPT-1B-RedPajama-200B', r'\| anas-awadalla/mpt-1b-redpajama-200b \|', 'MPT'),
                           ('mpt-1b-redpajama-200b-dolly', 'MPT-1B-RedPajama-200B-Dolly', r'\| anas-awadalla/mpt-1b-redpajama-200b-dolly \|', 'MPT'),
                           ('redpajama-incite-base-3b', 'RedPajama-INCITE-Base-3B-v1', r'\| togethercomputer/RedPajama-INCITE-Base-3B-v1 \|', 'RedPajama-INCITE'),
                           ('redpajama-incite-instruct-3b', 'RedPajama-INCITE-Instruct-3B-v1', r'\| togethercomputer/RedPajama-INCITE-Instruct-3B-v1 \|', 'RedPajama-INCITE'),
                           ]:
    stub(id, name, 'language-model', fam, [src(OFL, 'README.md', pat)])
DF = 'SaFoLab-WISC/Dolphins'; DJ = 'mllm/flamingo/flamingo-mpt-7B.json'
dn = 'text_config of the Flamingo-MPT-7B config vendored by Dolphins (model_type mpt)'
stub('mpt-7b', 'MPT-7B', 'language-model', 'MPT', [src(OFL, 'README.md', r'\| anas-awadalla/mpt-7b \|')], parameters='7B', hp={
    'hidden_size': V(DF, DJ, r'"d_model": 4096', 4096, note=dn), 'layers': V(DF, DJ, r'"n_layers": 32', 32, note=dn), 'heads': V(DF, DJ, r'"n_heads": 32', 32, note=dn),
    'intermediate_size': (16384, dict(src(DF, DJ, r'"expansion_ratio": 4'), note='computed: d_model 4096 x expansion_ratio 4')),
    'vocab_size': V(DF, DJ, r'"vocab_size": 50432', 50432, note=dn), 'max_positions': V(DF, DJ, r'"max_seq_len": 2048', 2048, note=dn)})
IVR = 'OpenGVLab/InternVL'
for id, name, pat in [('internlm2-5-1-8b-chat', 'InternLM2.5-1.8B-Chat', r'internlm2_5-1_8b-chat</a></td>'), ('internlm2-5-7b-chat', 'InternLM2.5-7B-Chat', r'internlm2_5-7b-chat</a></td>'),
                      ('internlm2-5-20b-chat', 'InternLM2.5-20B-Chat', r'internlm2_5-20b-chat</a></td>')]:
    stub(id, name, 'language-model', 'InternLM2.5', [src(IVR, 'README.md', pat)])
stub('minicpm-2-4b', 'MiniCPM-2.4B', 'language-model', 'MiniCPM', [src('OpenBMB/MiniCPM-V', 'docs/minicpm_v2.md', r'built based on SigLip-400M and \[MiniCPM-2.4B\]')], parameters='2.4B')
stub('languagebind-image', 'LanguageBind image encoder', 'vision-encoder', 'LanguageBind', [src('PKU-YuanGroup/Video-LLaVA', 'scripts/v1_5/finetune.sh', r'--image_tower LanguageBind/LanguageBind_Image')])
JN = 'deepseek-ai/Janus'; JP = 'janus/models/siglip_vit.py'
jl = find(JN, JP, r'"siglip_large_patch16_384": \{')[0]
stub('siglip-l-16-384', 'SigLIP-L/16 at 384 px', 'vision-encoder', 'SigLIP', [], hp={
    'image_size': V(JN, JP, r'"image_size": 384', 384, after=jl), 'patch_size': V(JN, JP, r'"patch_size": 16', 16, after=jl),
    'width': V(JN, JP, r'"width": 1024', 1024, after=jl), 'depth': V(JN, JP, r'"layers": 24', 24, after=jl), 'heads': V(JN, JP, r'"heads": 16', 16, after=jl),
    'mlp_width': (4096, dict(src(JN, JP, r'"mlp_ratio": 4', after=jl), note='computed: width x mlp_ratio 4'))},
    note='configuration table of the Janus repository (entry siglip_large_patch16_384)')
NV = 'huggingface/nanoVLM'; NC = 'models/config.py'
nvn = 'nanoVLM config defaults for google/siglip2-base-patch16-512'
stub('siglip2-base-16-512', 'SigLIP2-B/16 at 512 px', 'vision-encoder', 'SigLIP 2', [src(NV, NC, r"vit_model_type: str = 'google/siglip2-base-patch16-512'")], hp={
    'image_size': V(NV, NC, r'vit_img_size: int = 512', 512, note=nvn), 'patch_size': V(NV, NC, r'vit_patch_size: int = 16', 16, note=nvn),
    'width': V(NV, NC, r'vit_hidden_dim: int = 768', 768, note=nvn), 'depth': V(NV, NC, r'vit_n_blocks: int = 12', 12, note=nvn),
    'heads': V(NV, NC, r'vit_n_heads: int = 12', 12, note=nvn), 'mlp_width': (3072, dict(src(NV, NC, r'vit_inter_dim: int = 4 \* vit_hidden_dim'), note='computed: 4 x 768'))})
lgC('smollm2-360m', 'SmolLM2-360M', 'SmolLM2', 'SmolLM2-360M{}', dict(hidden_size=960, layers=32, heads=15, kv_heads=5, intermediate_size=2560, vocab_size=49152, max_positions=8192), parameters='360M')

stub('lmdrive-r50', 'LMDrive R50 vision encoder', 'vision-encoder', 'ResNet', [src('opendilab/LMDrive', 'README.md', r'^\| LMDrive-1.0 \(LLaMA-7B\)', check=['vision-encoder-r50'])],
     note='ResNet-50 based multi-view camera and LiDAR encoder released with LMDrive')
lgC('phi-3-mini-128k', 'Phi-3-mini-128k-instruct', 'Phi-3', 'Phi-3-mini-128k-instruct', dict(hidden_size=3072, layers=32, heads=32, intermediate_size=8192, vocab_size=('padded_vocab_size', None), max_positions=None), parameters='3.8B')
lgC('vicuna-7b-v1-5-16k', 'Vicuna-7B v1.5 16k', 'Vicuna', 'vicuna-7b-v1.5-16k', dict(hidden_size=4096, layers=32, heads=32, intermediate_size=11008, vocab_size=32000, max_positions=16384), commit=LG_VIC, parameters='7B')

stub('siglip-so400m-14-448', 'SigLIP SO400M/14 at 448 px (PaliGemma)', 'vision-encoder', 'SigLIP', [src('NVlabs/VILA', 'scripts/NVILA-Lite/align.sh', r'paligemma-siglip-so400m-patch14-448')],
     note='the PaliGemma release of SigLIP SO400M/14 at 448 px, as named by NVILA')

TF = 'huggingface/transformers'; FP = 'src/transformers/models/fuyu/configuration_fuyu.py'; FC = '053f59efe493c4f815f39f836494a1f2f73fbe0b'
def tfv(v, line, text):
    return (v, {'repository': TF, 'path': FP, 'commit': FC, 'line': line, 'note': f'FuyuConfig default ({text}); read with read_file, line counted in that text'})
stub('fuyu-8b-decoder', 'Fuyu-8B decoder', 'language-model', 'Persimmon', [{'repository': TF, 'path': FP, 'commit': FC, 'line': 25, 'note': 'defaults documented for checkpoint adept/fuyu-8b'}], hp={
    'hidden_size': tfv(4096, 45, 'hidden_size'), 'intermediate_size': tfv(16384, 46, 'intermediate_size'), 'layers': tfv(36, 47, 'num_hidden_layers'),
    'heads': tfv(64, 48, 'num_attention_heads'), 'vocab_size': tfv(262144, 44, 'vocab_size'), 'max_positions': tfv(16384, 50, 'max_position_embeddings')},
    parameters='8B', note='decoder of Fuyu-8B, which also embeds image patches directly')

for id, name, fam in [('vicuna-7b-v1-1', 'Vicuna-7B v1.1', 'Vicuna'), ('vicuna-13b-v1-1', 'Vicuna-13B v1.1', 'Vicuna'),
                      ('vicuna-13b-v0', 'Vicuna-13B v0', 'Vicuna'), ('vicuna-7b-v0', 'Vicuna-7B v0', 'Vicuna'),
                      ('opt-2-7b', 'OPT-2.7B', 'OPT'), ('opt-6-7b', 'OPT-6.7B', 'OPT'),
                      ('flan-t5-xl', 'FlanT5-XL', 'Flan-T5'), ('flan-t5-xxl', 'FlanT5-XXL', 'Flan-T5'),
                      ('internlm2-chat-20b', 'InternLM2-Chat-20B', 'InternLM2'), ('internlm2-5-7b-chat', 'InternLM2.5-7B-Chat', 'InternLM2.5'),
                      ('internlm2-5-20b-chat', 'InternLM2.5-20B-Chat', 'InternLM2.5'), ('internlm2-chat-7b', 'InternLM2-Chat-7B', 'InternLM2'),
                      ('internlm2-chat-1-8b', 'InternLM2-Chat-1.8B', 'InternLM2'), ('internlm2-5-1-8b-chat', 'InternLM2.5-1.8B-Chat', 'InternLM2.5'),
                      ('qwen2-7b', 'Qwen2-7B', 'Qwen2'), ('qwen2-1-5b', 'Qwen2-1.5B', 'Qwen2'), ('qwen2-0-5b', 'Qwen2-0.5B', 'Qwen2'), ('qwen2-72b', 'Qwen2-72B', 'Qwen2'),
                      ('nous-hermes-2-yi-34b', 'Nous-Hermes-2-Yi-34B', 'Yi'), ('mobilellama-1-4b', 'MobileLLaMA-1.4B', 'MobileLLaMA'),
                      ('mobilellama-2-7b', 'MobileLLaMA-2.7B', 'MobileLLaMA'), ('deepseek-llm-7b', 'DeepSeek-LLM-7B', 'DeepSeek-LLM'),
                      ('deepseek-llm-1-3b', 'DeepSeek-LLM-1.3B', 'DeepSeek-LLM'), ('minicpm-2-4b', 'MiniCPM-2.4B', 'MiniCPM'),
                      ('mpt-7b', 'MPT-7B', 'MPT'), ('mpt-1b-redpajama', 'MPT-1B-RedPajama', 'MPT'), ('chinchilla-70b', 'Chinchilla-70B', 'Chinchilla'),
                      ('llama-2-7b-chat', 'Llama-2-7B-Chat', 'Llama 2'), ('llama-2-13b-chat', 'Llama-2-13B-Chat', 'Llama 2'),
                      ('qwen2-vl-vit-675m', 'Qwen2-VL ViT (675M)', 'Qwen2-VL'), ('dinov2-vit-l-14', 'DINOv2 ViT-L/14', 'DINOv2'),
                      ('languagebind-image', 'LanguageBind image encoder (ViT-L/14)', 'LanguageBind'),
                      ('llama-3-8b-instruct', 'Meta-Llama-3-8B-Instruct', 'Llama 3'), ('vicuna-7b-v1-5-16k', 'Vicuna-7B v1.5 16k', 'Vicuna'),
                      ('olmo-7b', 'OLMo-7B', 'OLMo'), ('qwen2-5-7b-instruct', 'Qwen2.5-7B-Instruct', 'Qwen2.5')]:
    pass  # filled below only when a model record needs them (see needed())

if __name__ == '__main__':
    import json
    for d in comps:
        dump(f"{OUT}/{d['id']}.yaml", d, HDR)
    import subprocess; subprocess.run([sys.executable, '-m', 'vlkb', 'fmt', OUT], check=True, cwd=REPO)
    print(len(comps), 'components')
