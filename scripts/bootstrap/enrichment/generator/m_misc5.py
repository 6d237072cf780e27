import os
from mlib import *
from m_misc3 import q
# ---------------- MoE-LLaVA (2401.15947) ----------------
MO = 'PKU-YuanGroup/MoE-LLaVA'
mcols = {'VQAv2': ('vqav2', 'test-dev', 'accuracy'), 'GQA': ('gqa', 'testdev-balanced', 'accuracy'), 'VizWiz': ('vizwiz', 'test', 'accuracy'),
         'SQA-IMG': ('scienceqa-img', 'test', 'accuracy'), 'T-VQA': ('textvqa', 'val', 'accuracy'), 'POPE': ('pope', 'average', 'f1'),
         'MME': ('mme', 'all', 'perception'), 'MM-Bench': ('mmbench', 'dev', 'accuracy'), 'MM-Vet': ('mm-vet', 'test', 'score')}
mn = {k: 'splits and statistics as in the LLaVA-1.5 protocol this table follows (its LLaVA-1.5-7B row repeats MODEL_ZOO.md release values); not restated in the README' for k in mcols}
H = r'^\| Model \| Activated Param \| Transformers\(HF\)'
rmo = []
for v in ['MoE-LLaVA-1.6B×4-Top2', 'MoE-LLaVA-1.8B×4-Top2', 'MoE-LLaVA-2.7B×4-Top2', 'MoE-LLaVA-1.6B×4-Top2-384', 'MoE-LLaVA-2.7B×4-Top2-384']:
    rmo += md_results(MO, 'README.md', H, lambda r, v=v: r['Model'] == v, v, mcols, 'other', notes=mn)
q('2310.03744', md_results(MO, 'README.md', H, lambda r: r['Model'] == 'LLaVA-1.5' and r['Activated Param'] == '7B', 'LLaVA-1.5-7B', mcols, 'other', provenance='quoted',
                           notes={k: 'quoted in the MoE-LLaVA README' for k in mcols}))
FT = 'scripts/v1/phi2/finetune_moe.sh'
amo = [ARCH('MoE-LLaVA-2.7B×4-Top2', 'clip-vit-l-14-336', None, 'phi-2', res=336, params='3.6B',
            note='Phi-2 with 4 experts, top-2 routing (3.6B activated parameters per the README)',
            sources=[src(MO, FT, r'--image_tower openai/clip-vit-large-patch14-336'), src(MO, FT, r'^num_experts=4'), src(MO, FT, r'^top_k_experts=2'),
                     src(MO, 'scripts/v1/phi2/finetune.sh', r'--model_name_or_path microsoft/phi-2'), src(MO, 'README.md', r'^\| MoE-LLaVA-2.7B×4-Top2 \| 3.6B')])]
merge_record('2401.15947', '2401.15947', amo, rmo, ['arxiv:2310.03744'],
             'Turns the LLM of a LLaVA-style model into a sparse mixture of experts with top-k routing, so only part of the parameters are active per token.')

# ---------------- mPLUG-Owl (2304.14178) ----------------
OW = 'X-PLUG/mPLUG-Owl'; OC = 'mPLUG-Owl/mplug_owl/configuration_mplug_owl.py'
merge_record('2304.14178', '2304.14178',
    [ARCH('mPLUG-Owl 7B', 'clip-vit-l-14', 'other', 'llama-7b', res=224, tokens=64, note='visual abstractor with learnable queries; LLaMA-7B (checkpoint mplug-owl-llama-7b)',
          sources=[src(OW, OC, r'^\s+image_size=224'), src(OW, OC, r'^\s+patch_size=14'), src(OW, OC, r'num_query_tokens=64'),
                   src(OW, 'mPLUG-Owl/README.md', r'mplug-owl-llama-7b\)')])], [], [], None)

# ---------------- CogAgent (2312.08914) ----------------
CG = 'THUDM/CogVLM'
merge_record('2312.08914', '2312.08914',
    [ARCH('cogagent-chat', None, None, None, res=1120, note='input resolution 1120 px (README model table)',
          sources=[src(CG, 'README.md', r'^\s+\|\s+cogagent-chat\s+\|\s+1120')])], [], ['arxiv:2311.03079'], None)

# ---------------- DeepSeek-VL (2403.05525) ----------------
DS = 'deepseek-ai/DeepSeek-VL'
merge_record('2403.05525', '2403.05525',
    [ARCH('DeepSeek-VL-7B', 'siglip-l-16-384', None, None, note='hybrid vision encoder: the default low-resolution tower is siglip_large_patch16_384 (clip_encoder.py); a high-resolution branch is configured separately',
          sources=[src(DS, 'deepseek_vl/models/clip_encoder.py', r'model_name: str = "siglip_large_patch16_384"'), src(DS, 'README.md', r'^\| DeepSeek-VL-7B-base')])], [], [], None)

# ---------------- LLaVA-Med (2306.00890) ----------------
LM_ = 'microsoft/LLaVA-Med'
merge_record('2306.00890', '2306.00890',
    [ARCH('LLaVA-Med v1.5', None, None, None, note='checkpoint llava-med-v1.5-mistral-7b (a Mistral-7B language model, version not stated); initialised from general-domain LLaVA',
          sources=[src(LM_, 'README.md', r'^\| LLaVA-Med v1.5 \| \[microsoft/llava-med-v1.5-mistral-7b\]'), src(LM_, 'README.md', r'LLaVA-Med was initialized with the general-domain LLaVA')])],
    [], ['arxiv:2304.08485'], None)

# ---------------- vision-to-action: LMDrive, LLARVA, Dolphins, OS-Atlas, Aguvis, ShowUI ----------------
LD = 'opendilab/LMDrive'
H = r'^\| Version \| Size \|  Checkpoint \| VisionEncoder'
rows = table(LD, 'README.md', H)
ald, rld = [], []
lmmap = {'LLaVA-v1.5-7B': ('vicuna-7b-v1-5', 'LLM initialised from LLaVA-v1.5-7B (Vicuna-7B v1.5 based)'), 'Vicuna-v1.5-7B': ('vicuna-7b-v1-5-16k', 'Vicuna-v1.5-7B linked as lmsys/vicuna-7b-v1.5-16k'),
         'LLaMA-7B': ('llama-7b', 'LLaMA-7B (huggyllama/llama-7b)')}
for r in rows:
    base = re.search(r'\[([^\]]+)\]', r['LLM-base']).group(1)
    lm, note = lmmap[base]
    s = at(LD, 'README.md', r['_line'])
    ald.append(ARCH(r['Version'], 'lmdrive-r50', None, lm, params=r['Size'], note=f'ResNet-50 based vision encoder (R50) over multi-view camera and LiDAR inputs; {note}', sources=[s]))
    for col, split in [('DS (LangAuto)', 'langauto'), ('DS (LangAuto-short)', 'langauto-short')]:
        if num(r[col]) is not None:
            rld.append(R(r['Version'], 'langauto', split, 'driving-score', r[col], s, 'other', evaluator='CARLA closed-loop'))
merge_record('2312.07488', '2312.07488', ald, rld, [], 'Drives end to end in closed loop in CARLA from language instructions, multi-view cameras and LiDAR, with an LLM producing control waypoints.')
LV_ = 'Dantong88/LLARVA'; LS = 'scripts/v1_5/vision-action_instruction_tuning_rlbench.sh'
merge_record('2406.11815', '2406.11815',
    [ARCH('LLARVA (Vicuna-7B v1.5)', 'clip-vit-l-14-336', 'mlp', 'vicuna-7b-v1-5', res=336, note='LLaVA-1.5 recipe (mlp2x projector from the LLaVA-1.5 pretrain) instruction-tuned on vision-action data; outputs robot actions',
          sources=[src(LV_, LS, r'--model_name_or_path lmsys/vicuna-7b-v1.5'), src(LV_, LS, r'--vision_tower openai/clip-vit-large-patch14-336'),
                   src(LV_, 'scripts/v1_5/vision-action_instruction_pretraining_lora.sh', r'mlp2x-336px-pretrain-vicuna-7b-v1.5')])],
    [], ['arxiv:2310.03744'], None)
DO = 'SaFoLab-WISC/Dolphins'
merge_record('2312.00438', '2312.00438',
    [ARCH('Dolphins', 'clip-vit-l-14-336', 'perceiver-resampler', 'mpt-7b', res=336, note='OpenFlamingo architecture (CLIP ViT-L/14-336 and MPT-7B in the inference script)',
          sources=[src(DO, 'inference.py', r'clip_vision_encoder_path="ViT-L-14-336"'), src(DO, 'inference.py', r'lang_encoder_path="anas-awadalla/mpt-7b"'),
                   src(DO, 'README.md', r'We thank the \[OpenFlamingo\]'), src(DO, 'mllm/src/helpers.py', r'^class PerceiverResampler')])],
    [], ['openflamingo'], None)
OA = 'OS-Copilot/OS-Atlas'
n = find(OA, 'README.md', r'OS-Atlas-Base-4B is finetuned from \[InternVL2-4B\]')[0]
ivn = find('OpenGVLab/InternVL', 'README.md', r'<td>InternVL2-4B</td>')[0]
merge_record('2410.23218', '2410.23218',
    [ARCH('OS-Atlas-Base-4B', 'internvit-300m-448px', None, 'phi-3-mini-128k', note='fine-tuned from InternVL2-4B (InternViT-300M-448px + Phi-3-mini-128k-instruct per the InternVL README)',
          sources=[at(OA, 'README.md', n), at('OpenGVLab/InternVL', 'README.md', ivn + 1), at('OpenGVLab/InternVL', 'README.md', ivn + 2)]),
     ARCH('OS-Atlas-Base-7B', None, None, None, note='fine-tuned from Qwen2-VL-7B-Instruct', sources=[at(OA, 'README.md', n)])], [], ['arxiv:2409.12191'], None)
AG = 'xlang-ai/aguvis'
merge_record('2412.04454', '2412.04454',
    [ARCH('Aguvis-7B', None, None, None, note='trained from Qwen2-VL-7B-Instruct (scripts/train.sh)',
          sources=[src(AG, 'scripts/train.sh', r'^LLM_PATH="Qwen/Qwen2-VL-7B-Instruct"')])], [], ['arxiv:2409.12191'], None)
SU = 'showlab/ShowUI'
merge_record('2411.17465', '2411.17465',
    [ARCH('ShowUI-2B', None, None, None, note='trained from Qwen2-VL-2B-Instruct (TRAIN.md example); vision-language-action model for GUI agents',
          sources=[src(SU, 'TRAIN.md', r"--model_id='Qwen/Qwen2-VL-2B-Instruct'")])], [], ['arxiv:2409.12191'], None)
