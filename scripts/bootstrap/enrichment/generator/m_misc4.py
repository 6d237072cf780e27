import os
from mlib import *
import subprocess
from m_misc3 import html_rows, q, QUOTED
# ---------------- MiniCPM-V (2408.01800, not in the list) ----------------
MC = 'OpenBMB/MiniCPM-V'; MD = 'docs/minicpm_v2.md'
def mme_cell(cell):
    return ('perception' if '(P)' in cell else 'sum')
def mrow(label, variant, prov='reported', key=None):
    n, _ = find(MC, MD, rf'align="left" >{label}</td>|align="left" ><strong>{label}</strong></td>')
    cells_ = hrow(MC, MD, re.escape(_[_.index('<td'):].strip()), 12, after=n - 1)
    spec = [None, ('textvqa', 'val', 'accuracy'), ('docvqa', 'test', 'anls'), ('ocrbench', 'test', 'score'), None, 'MME',
            ('mmbench', 'dev', 'accuracy'), ('mmbench-cn', 'dev', 'accuracy'), ('mmmu', 'val', 'accuracy'), ('mathvista', 'unstated', 'accuracy'), None, None]
    out = []
    for (cell, ln), sp in zip(cells_, spec):
        if sp is None:
            continue
        text = re.sub(r'<[^>]+>', '', cell).replace('(P)', '').strip()
        starred = text.endswith('*')
        text = text.rstrip('*').strip()
        if num(text) is None:
            continue
        if sp == 'MME':
            sp = ('mme', 'all', mme_cell(cell))
            note = 'MME printed with "(P)": perception score' if '(P)' in cell else 'MME column: perception plus cognition (other cells of the column exceed the 2000 perception maximum)'
        else:
            note = None
        if starred:
            note = '; '.join(x for x in [note, 'starred: "We evaluate the officially released checkpoint by ourselves." (MiniCPM-V authors)'] if x)
        if prov == 'quoted':
            note = '; '.join(x for x in [note, 'quoted in the MiniCPM-V 2.0 comparison table'] if x)
        out.append(R(variant, sp[0], sp[1], sp[2], text, at(MC, MD, ln), 'other', provenance=prov, note=note))
    return out
rmc = mrow('MiniCPM-V', 'MiniCPM-V (1.0)') + mrow('MiniCPM-V 2.0', 'MiniCPM-V 2.0')
q('2403.05525', mrow('DeepSeek-VL-7B', 'DeepSeek-VL-7B', 'quoted') + mrow('DeepSeek-VL-1.3B', 'DeepSeek-VL-1.3B', 'quoted'))
q('2308.12966', mrow('Qwen-VL-Chat', 'Qwen-VL-Chat', 'quoted'))
q('2311.03079', mrow('CogVLM-Chat', 'CogVLM-Chat', 'quoted'))
q('mobilevlm-v2', mrow('MobileVLM V2', 'MobileVLM V2 3B', 'quoted'))
v1 = 'docs/minicpm_v1.md'
amc = [ARCH('MiniCPM-V (1.0)', 'siglip-so400m-14-384', 'perceiver-resampler', 'minicpm-2-4b', tokens=64, params='2.8B',
            note='"SigLip-400M" and MiniCPM-2.4B joined by a perceiver resampler that compresses the image to 64 tokens',
            sources=[src(MC, v1, r'built based on SigLip-400M and \[MiniCPM-2.4B\]'), src(MC, v1, r'into 64 tokens via a perceiver resample'),
                     src(MC, MD, r'<td align="right" >2.8B </td>')]),
       ARCH('MiniCPM-V 2.0', 'siglip-so400m-14-384', 'perceiver-resampler', 'minicpm-2-4b', params='2.8B', note='"SigLip-400M" and MiniCPM-2.4B joined by a perceiver resampler',
            sources=[src(MC, MD, r'built based on SigLip-400M and \[MiniCPM-2.4B\]'), src(MC, MD, r'<td align="right" >2.8B </td>', nth=1)])]
full_record('minicpm-v', title='MiniCPM-V: A GPT-4V Level MLLM on Your Phone', short_name='MiniCPM-V', kind='model',
    authors={'names': ['Yuan Yao', 'Tianyu Yu', 'Ao Zhang', 'Chongyi Wang', 'Junbo Cui', 'Hongji Zhu', 'Tianchi Cai', 'Haoyu Li', 'Weilin Zhao', 'Zhihui He',
                       'Qianyu Chen', 'Huarong Zhou', 'Zhensheng Zou', 'Haoye Zhang', 'Shengding Hu', 'Zhi Zheng', 'Jie Zhou', 'Jie Cai', 'Xu Han', 'Guoyang Zeng',
                       'Dahai Li', 'Zhiyuan Liu', 'Maosong Sun'], 'status': 'confirmed',
             'sources': [{'url': 'https://www.chatpaper.ai/dashboard/paper/b7af6c68-d661-407f-83a7-639de324ea14'}, {'url': 'https://bohrium.dp.tech/paper/arxiv/2405.01413'},
                         src(MC, 'README.md', r'^@article\{yao2024minicpm,', note='first ten names agree; the BibTeX ends with "and others"')]},
    date=datetime.date(2024, 8, 3), venue='arxiv', arxiv=Str('2408.01800'), doi=None,
    links={'paper': 'https://arxiv.org/abs/2408.01800', 'code': 'https://github.com/OpenBMB/MiniCPM-V', 'code_status': 'released'},
    taxonomy=['vision-to-text/image-to-text/general-domain/general-ability'], input_modalities=['image', 'text'], output_modalities=['text'],
    architecture=amc, results=rmc, builds_on=[],
    summary='A series of small multimodal models for phones that pair a SigLIP encoder with compact MiniCPM language models through a perceiver resampler, with high-resolution slicing in later versions.',
    review=['date 2024-08-03 from emergentmind.com/articles/2408.01800 ("Published 3 Aug 2024")'])

# ---------------- Molmo (2409.17146) ----------------
ML = 'allenai/molmo'
amo = []
for name, lm, lmname in [('MolmoE-1B-0924', None, 'OLMoE-1B-7B-0924'), ('Molmo-7B-O-0924', None, 'OLMo-7B-1024-preview'),
                         ('Molmo-7B-D-0924', 'qwen2-7b', 'Qwen2-7B'), ('Molmo-72B-0924', 'qwen2-72b', 'Qwen2-72B')]:
    n = find(ML, 'README.md', rf'>{name}</a></td>')[0]
    amo.append(ARCH(name, 'clip-vit-l-14-336', None, lm, res=336, note=f'vision encoder OpenAI CLIP ViT-L/14@336 and LLM {lmname} (README model table)',
                    sources=[at(ML, 'README.md', n), src(ML, 'README.md', r'OpenAI CLIP ViT-L/14@336</a></td>'), at(ML, 'README.md', n + (2 if name == 'MolmoE-1B-0924' else 1))]))
merge_record('2409.17146', '2409.17146', amo, [], [],
             'Open-weight models trained on newly collected, human-written dense captions and pointing data (PixMo) rather than on outputs of proprietary VLMs.')

# ---------------- Video-LLaVA (2311.10122) ----------------
VL = 'PKU-YuanGroup/Video-LLaVA'; FT = 'scripts/v1_5/finetune.sh'
merge_record('2311.10122', '2311.10122',
    [ARCH('Video-LLaVA-7B', 'languagebind-image', 'mlp', 'vicuna-7b-v1-5', note='LanguageBind image and video encoders aligned before a shared two-layer MLP projection (mlp2x_gelu)',
          sources=[src(VL, FT, r'model_name_or_path lmsys/vicuna-7b-v1.5'), src(VL, FT, r'--image_tower LanguageBind/LanguageBind_Image'),
                   src(VL, FT, r'--video_tower LanguageBind/LanguageBind_Video_merge'), src(VL, FT, r'mm_projector_type mlp2x_gelu')])],
    [], ['arxiv:2310.03744'], 'Aligns image and video features into one space before projection (LanguageBind encoders), so a single LLaVA-style model learns from both.')

# ---------------- OpenVLA (2406.09246) ----------------
OV = 'openvla/openvla'
merge_record('2406.09246', '2406.09246',
    [ARCH('OpenVLA-7B', None, None, 'llama-2-7b', res=224, params='7B', note='built on the Prismatic prism-dinosiglip-224px VLM: fused DINOv2 and SigLIP vision backbone with a Llama-2 LLM (openvla-7b)',
          sources=[src(OV, 'README.md', r'prism-dinosiglip-224px'), src(OV, 'README.md', r'based on a fused DINOv2 and SigLIP vision backbone, and Llama-2 LLM')])],
    [], [], 'Fine-tunes a Prismatic VLM (DINOv2+SigLIP features into Llama 2 7B) on Open X-Embodiment robot episodes so that it outputs discretised robot actions as tokens.')

# ---------------- Emu (2307.05222) ----------------
EM = 'baaivision/Emu'; EJ = 'Emu1/models/Emu-14B.json'
merge_record('2307.05222', '2307.05222',
    [ARCH('Emu-14B', 'eva-clip-vit-g-14', 'other', 'llama-13b', res=224, tokens=32, params='14B',
          note='Causal Transformer ("cformer", n_causal 32) between the EVA-CLIP-g encoder (eva-clip-g-14-x config) and LLaMA-13B',
          sources=[src(EM, EJ, r'"image_size": 224'), src(EM, EJ, r'"width": 1408'), src(EM, EJ, r'"name": "llama-13B"'),
                   src(EM, EJ, r'"n_causal": 32'), src(EM, EJ, r'"name": "cformer"')])],
    [], [], 'Trains one autoregressive model to predict the next element of interleaved text and visual-embedding sequences, so it can both describe and generate images.')

# ---------------- GILL (2305.17216) ----------------
GL = 'kohjingyu/gill'; GM = 'gill/models.py'
merge_record('2305.17216', '2305.17216',
    [ARCH('GILL', 'clip-vit-l-14', None, 'opt-6-7b', res=224, tokens=1, note='GILLArgs defaults: n_visual_tokens 1 per input image and num_tokens 8 image-generation tokens; training uses embeddings from the Stable Diffusion text encoder (README)',
          sources=[src(GL, GM, r"opt_version: str = 'facebook/opt-6.7b'"), src(GL, GM, r"visual_encoder: str = 'openai/clip-vit-large-patch14'"),
                   src(GL, GM, r'n_visual_tokens: int = 1'), src(GL, GM, r'num_tokens: int = 8')])],
    [], [], 'Maps the hidden states of special image tokens from a frozen OPT model into the text-embedding space of Stable Diffusion, letting one model retrieve or generate images inside dialogue.')

# ---------------- SEED-LLaMA (2310.01218) ----------------
SD = 'AILab-CVC/SEED'
merge_record('2310.01218', '2310.01218',
    [ARCH('SEED-LLaMA-8B', None, 'other', 'vicuna-7b-v1-1', note='SEED tokenizer (Causal Q-Former plus codebook) turns images into discrete tokens for the LLM; based on Vicuna-7B (v1.1 in the training example)',
          sources=[src(SD, 'README.md', r'SEED-LLaMA-8B is based on Vicuna-7B'), src(SD, 'README.md', r'for example, vicuna-7b-v1.1'), src(SD, 'README.md', r'Training Causal Q-Former')]),
     ARCH('SEED-LLaMA-14B', None, 'other', 'llama-2-13b', note='SEED tokenizer; based on LLaMA2-Chat-13B', sources=[src(SD, 'README.md', r'SEED-LLaMA-14B based on LLaMA2-Chat-13B')])],
    [], [], 'Turns images into discrete, left-to-right (causal) visual tokens with the SEED tokenizer so that a LLaMA model can both read and write images as ordinary tokens.')

# ---------------- Janus (2410.13848) ----------------
JN = 'deepseek-ai/Janus'
merge_record('2410.13848', '2410.13848',
    [ARCH('Janus-1.3B', 'siglip-l-16-384', None, None, res=384, params='1.3B', note='the understanding encoder defaults to siglip_large_patch16_384 in the CLIP encoder wrapper; visual encoding is decoupled for understanding and generation (README); LLM not named in the files read',
          sources=[src(JN, 'janus/models/clip_encoder.py', r'model_name: str = "siglip_large_patch16_384"'), src(JN, 'README.md', r'^\| Janus-1.3B')])],
    [], [], 'Decouples visual encoding into two pathways, a semantic encoder for understanding and a VQ tokenizer for generation, feeding one autoregressive transformer.')

# ---------------- MiniGPT-5 (2310.02239) ----------------
M5 = 'eric-ai-lab/MiniGPT-5'
merge_record('2310.02239', '2310.02239',
    [ARCH('MiniGPT-5', 'eva-clip-vit-g-14', 'q-former', None, res=224, note='built on the pretrained MiniGPT-4 (Vicuna and BLIP-2, README); frozen ViT and Q-Former (config); eva_clip_g is the vision model of its MiniGPT-4 code',
          sources=[src(M5, 'README.md', r'Our model is based on the pretrained \[MiniGPT-4\]'), src(M5, 'config/minigpt4.yaml', r'freeze_qformer: True'),
                   src(M5, 'config/minigpt4.yaml', r'image_size: 224'), src(M5, 'minigpt4/models/mini_gpt4.py', r'vit_model="eva_clip_g"')])],
    [], ['arxiv:2304.10592'], None)

# ---------------- nanoVLM (GitHub, not in the list) ----------------
NV = 'huggingface/nanoVLM'; NC = 'models/config.py'
first = subprocess.check_output(['git', '-C', f'{MIRROR}/huggingface+nanoVLM/repo', 'log', '--reverse', '--format=%ad', '--date=short'], text=True).split()[0]
full_record('nanovlm', title='nanoVLM', short_name='nanoVLM', kind='framework',
    authors={'names': [], 'status': 'unconfirmed', 'sources': []},
    date=datetime.date.fromisoformat(first), venue='github', arxiv=None, doi=None,
    links={'paper': 'https://github.com/huggingface/nanoVLM', 'code': 'https://github.com/huggingface/nanoVLM', 'code_status': 'released'},
    taxonomy=['vision-to-text/image-to-text/general-domain/general-ability'], input_modalities=['image', 'text'], output_modalities=['text'],
    architecture=[ARCH('nanoVLM (default config)', 'siglip2-base-16-512', 'pixel-shuffle', 'smollm2-360m', res=512, tokens=64,
                       note='config defaults: SigLIP2-base-patch16-512 encoder, pixel-shuffle projector (factor 4), 64 image tokens, SmolLM2-360M-Instruct',
                       sources=[src(NV, NC, r"vit_model_type: str = 'google/siglip2-base-patch16-512'"), src(NV, NC, r'mp_pixel_shuffle_factor: int = 4'),
                                src(NV, NC, r'mp_image_token_length: int = 64'), src(NV, NC, r"lm_model_type: str = 'HuggingFaceTB/SmolLM2-360M-Instruct'")])],
    results=[], builds_on=[],
    summary='A deliberately small, readable PyTorch implementation of a vision-language model (ViT encoder, modality projector, small LLM) meant for learning and quick training.',
    review=['authors not recorded: the repository names no paper author list; date is the first commit of the snapshot read (git log)'])
