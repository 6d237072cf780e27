import os
from mlib import *
NX = 'LLaVA-VL/LLaVA-NeXT'
# LLaVA-Video (2410.02713)
merge_record('2410.02713', '2410.02713',
    [ARCH('LLaVA-Video-7B', None, None, 'qwen2-7b', params='7B', note='7B/72B models based on the Qwen2 language model with a 32K context window (LLaVA_Video_1003.md)',
          sources=[src(NX, 'docs/LLaVA_Video_1003.md', r'based on Qwen2 language model')])], [], ['arxiv:2408.03326'], None)
# LLaVA-NeXT-Video (blog; catalog id llava-next-video): merged by id
MODELS['llava-next-video'] = {'id': 'llava-next-video', 'architecture': [
    ARCH('LLaVA-NeXT-Video-7B', None, None, None, tokens=144, note='per frame: 24x24 tokens pooled with stride 2 to 12x12; 32 sampled frames by default; vicuna_v1 prompt mode',
         sources=[src(NX, 'docs/LLaVA-NeXT-Video.md', r'Spatial pooling stride'), src(NX, 'docs/LLaVA-NeXT-Video.md', r'Sampled frames'), src(NX, 'docs/LLaVA-NeXT-Video.md', r'Prompt mode')])],
    'builds_on': ['llava-next']}
# NVILA (2412.04468)
VI = 'NVlabs/VILA'; AL = 'scripts/NVILA-Lite/align.sh'
merge_record('2412.04468', '2412.04468',
    [ARCH('NVILA-Lite', 'siglip-so400m-14-448', 'mlp', None, res=448, note='PaliGemma SigLIP SO400M/14 at 448 px; projector mlp_downsample_3x3_fix (MLP after 3x3 spatial downsampling)',
          sources=[src(VI, AL, r'--vision_tower Efficient-Large-Model/paligemma-siglip-so400m-patch14-448'), src(VI, AL, r'--mm_projector mlp_downsample_3x3_fix')])],
    [], ['arxiv:2312.07533'], None)
# Janus-Pro (2501.17811)
JN = 'deepseek-ai/Janus'
merge_record('2501.17811', '2501.17811',
    [ARCH('Janus-Pro-7B', 'siglip-l-16-384', None, None, res=384, params='7B', note='same decoupled design as Janus: the understanding encoder defaults to siglip_large_patch16_384 in the shared code',
          sources=[src(JN, 'README.md', r'\*\*Janus-Pro\*\* is an advanced version of the previous work Janus'), src(JN, 'janus/models/clip_encoder.py', r'model_name: str = "siglip_large_patch16_384"'),
                   src(JN, 'README.md', r'^\| Janus-Pro-7B')])], [], ['arxiv:2410.13848'], None)
