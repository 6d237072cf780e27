import os
from mlib import *
# ---------------- OpenFlamingo (2308.01390, not in the list) ----------------
OF = 'mlfoundations/open_flamingo'
rows = table(OF, 'README.md', r'^\|# params\|Language model\|Vision encoder')
lm_ids = {'anas-awadalla/mpt-1b-redpajama-200b': 'mpt-1b-redpajama-200b', 'anas-awadalla/mpt-1b-redpajama-200b-dolly': 'mpt-1b-redpajama-200b-dolly',
          'togethercomputer/RedPajama-INCITE-Base-3B-v1': 'redpajama-incite-base-3b', 'togethercomputer/RedPajama-INCITE-Instruct-3B-v1': 'redpajama-incite-instruct-3b',
          'anas-awadalla/mpt-7b': 'mpt-7b'}
ao, ro = [], []
for r in rows:
    variant = re.search(r'openflamingo/(OpenFlamingo-[^)]+)\)', r['Weights']).group(1)
    s = at(OF, 'README.md', r['_line'])
    ao.append(ARCH(variant, 'clip-vit-l-14', 'perceiver-resampler', lm_ids[r['Language model']], res=224, params=r['# params'],
                   note=f"cross-attention into the LM every {r['Xattn interval*']} layer(s); language model {r['Language model']}", sources=[s,
                   src(OF, 'README.md', r'^\*\\\* Xattn interval refers to'), src(OF, 'open_flamingo/src/helpers.py', r'^class PerceiverResampler'), src(OF, 'open_flamingo/src/helpers.py', r'^class GatedCrossAttentionBlock')]))
    ro.append(R(variant, 'coco-captions', 'karpathy-test', 'cider', r['COCO 4-shot CIDEr'], s, 'few-shot', note='4-shot; split per the OpenFlamingo evaluation (open_flamingo/eval), not restated in the table'))
    ro.append(R(variant, 'vqav2', 'test-dev', 'accuracy', r['VQAv2 4-shot Accuracy'], s, 'few-shot', note='4-shot; split not restated in the table'))
# (split cells: the eval README describes COCO/VQAv2; the table itself only says "4-shot")
of_bib = src(OF, 'README.md', r'^@article\{awadalla2023openflamingo,', note='BibTeX by the authors; author field on the next-but-one line')
full_record('openflamingo', title='OpenFlamingo: An Open-Source Framework for Training Large Autoregressive Vision-Language Models', short_name='OpenFlamingo', kind='model',
    authors={'names': ['Anas Awadalla', 'Irena Gao', 'Josh Gardner', 'Jack Hessel', 'Yusuf Hanafy', 'Wanrong Zhu', 'Kalyani Marathe', 'Yonatan Bitton', 'Samir Gadre',
                       'Shiori Sagawa', 'Jenia Jitsev', 'Simon Kornblith', 'Pang Wei Koh', 'Gabriel Ilharco', 'Mitchell Wortsman', 'Ludwig Schmidt'],
             'status': 'confirmed', 'sources': [of_bib]},
    date=datetime.date(2023, 8, 2), venue='arxiv', arxiv=Str('2308.01390'), doi=None,
    links={'paper': 'https://arxiv.org/abs/2308.01390', 'code': 'https://github.com/mlfoundations/open_flamingo', 'code_status': 'released'},
    taxonomy=['vision-to-text/image-to-text/general-domain/general-ability'], input_modalities=['image', 'text'], output_modalities=['text'],
    architecture=ao, results=ro, builds_on=['arxiv:2204.14198'],
    summary='An open reimplementation of Flamingo: a frozen CLIP encoder, a perceiver resampler and gated cross-attention layers inserted into open MPT and RedPajama language models, trained on open interleaved data.',
    review=['date 2023-08-02 not yet read from arXiv; the README links the paper from commit f93ad84 (2023-08-03)'])

# ---------------- BLIP-2 (2301.12597, not in the list) ----------------
LA = 'salesforce/LAVIS'; C = 'lavis/configs/models/blip2/'
def bcfg(f, lm_key, lm_value):
    return [src(LA, C + f, r'^  image_size: 224', check=['224']), src(LA, C + f, r'num_query_token: 32', check=['32']),
            src(LA, C + f, rf'{lm_key}: ', check=[lm_value])]
vit = src(LA, 'lavis/models/blip2_models/blip2_opt.py', r'vit_model="eva_clip_g"', note='default vision encoder of the BLIP-2 model classes')
vit_t5 = src(LA, 'lavis/models/blip2_models/blip2_t5.py', r'vit_model="eva_clip_g"')
ab = [ARCH('BLIP-2 OPT-2.7B', 'eva-clip-vit-g-14', 'q-former', 'opt-2-7b', res=224, tokens=32, note='32 learned queries; encoder used with 39 of its 40 blocks',
           sources=bcfg('blip2_pretrain_opt2.7b.yaml', 'opt_model', 'facebook/opt-2.7b') + [vit]),
      ARCH('BLIP-2 OPT-6.7B', 'eva-clip-vit-g-14', 'q-former', 'opt-6-7b', res=224, tokens=32, sources=bcfg('blip2_pretrain_opt6.7b.yaml', 'opt_model', 'facebook/opt-6.7b') + [vit]),
      ARCH('BLIP-2 FlanT5-XL', 'eva-clip-vit-g-14', 'q-former', 'flan-t5-xl', res=224, tokens=32, sources=bcfg('blip2_pretrain_flant5xl.yaml', 't5_model', 'google/flan-t5-xl') + [vit_t5]),
      ARCH('BLIP-2 FlanT5-XXL', 'eva-clip-vit-g-14', 'q-former', 'flan-t5-xxl', res=224, tokens=32, sources=bcfg('blip2_pretrain_flant5xxl.yaml', 't5_model', 'google/flan-t5-xxl') + [vit_t5])]
bbib = src(LA, 'projects/blip2/README.md', r'^@inproceedings\{li2023blip2,', note='BibTeX by the authors (ICML 2023)')
full_record('blip-2', title='BLIP-2: Bootstrapping Language-Image Pre-training with Frozen Image Encoders and Large Language Models', short_name='BLIP-2', kind='model',
    authors={'names': ['Junnan Li', 'Dongxu Li', 'Silvio Savarese', 'Steven Hoi'], 'status': 'confirmed',
             'sources': [bbib, {'url': 'https://shortscience.org/paper?a=guest&bibtexKey=journals%2Fcorr%2F2301.12597'}]},
    date=datetime.date(2023, 1, 30), venue='icml', venue_year=2023, arxiv=Str('2301.12597'), doi=None,
    links={'paper': 'https://arxiv.org/abs/2301.12597', 'code': 'https://github.com/salesforce/LAVIS/tree/main/projects/blip2', 'code_status': 'released'},
    taxonomy=['vision-to-text/image-to-text/general-domain/general-ability'], input_modalities=['image', 'text'], output_modalities=['text'],
    architecture=ab, results=[], builds_on=[],
    summary='Bridges a frozen image encoder and a frozen LLM with a small Querying Transformer (Q-Former) whose 32 learned queries are trained first for representation learning and then for generation.',
    review=['date 2023-01-30 read from a third-party page (gwern.net annotation of arXiv 2301.12597); check against arXiv v1'])

# ---------------- InstructBLIP (2305.06500; the list links 2404.07214) ----------------
ai = [ARCH('InstructBLIP (Vicuna-7B)', 'eva-clip-vit-g-14', 'q-former', 'vicuna-7b-v1-1', res=224, tokens=32, note='instruction-aware Q-Former; Vicuna v1.1 weights',
           sources=[src(LA, C + 'blip2_instruct_vicuna7b.yaml', r'num_query_token: 32'), src(LA, C + 'blip2_instruct_vicuna7b.yaml', r'llm_model:', check=['vicuna-7b']),
                    src(LA, 'projects/instructblip/README.md', r'Vicuna v1.1 weights'), src(LA, 'lavis/models/blip2_models/blip2_vicuna_instruct.py', r'vit_model="eva_clip_g"')]),
      ARCH('InstructBLIP (Vicuna-13B)', 'eva-clip-vit-g-14', 'q-former', 'vicuna-13b-v1-1', res=224, tokens=32,
           sources=[src(LA, C + 'blip2_instruct_vicuna13b.yaml', r'num_query_token: 32'), src(LA, C + 'blip2_instruct_vicuna13b.yaml', r'llm_model:', check=['vicuna-13b']),
                    src(LA, 'projects/instructblip/README.md', r'Vicuna v1.1 weights')]),
      ARCH('InstructBLIP (FlanT5-XL)', 'eva-clip-vit-g-14', 'q-former', 'flan-t5-xl', res=224, tokens=32,
           sources=[src(LA, C + 'blip2_instruct_flant5xl.yaml', r'num_query_token: 32'), src(LA, C + 'blip2_instruct_flant5xl.yaml', r't5_model:', check=['flan-t5-xl'])]),
      ARCH('InstructBLIP (FlanT5-XXL)', 'eva-clip-vit-g-14', 'q-former', 'flan-t5-xxl', res=224, tokens=32,
           sources=[src(LA, C + 'blip2_instruct_flant5xxl.yaml', r'num_query_token: 32'), src(LA, C + 'blip2_instruct_flant5xxl.yaml', r't5_model:', check=['flan-t5-xxl'])])]
INSTRUCTBLIP = dict(arch=ai)

# ---------------- MiniGPT-4 (2304.10592; the list links 2404.07214) and MiniGPT-v2 (2310.09478) ----------------
MG = 'Vision-CAIR/MiniGPT-4'
am4 = [ARCH('MiniGPT-4 (Vicuna-13B v0)', 'eva-clip-vit-g-14', 'q-former', 'vicuna-13b-v0', res=224, tokens=32,
            note='frozen BLIP-2 Q-Former (32 queries) followed by one trainable linear layer into the LLM',
            sources=[src(MG, 'minigpt4/configs/models/minigpt4_vicuna0.yaml', r'num_query_token: 32'), src(MG, 'minigpt4/configs/models/minigpt4_vicuna0.yaml', r'^  image_size: 224'),
                     src(MG, 'minigpt4/models/minigpt4.py', r'vit_model="eva_clip_g"'), src(MG, 'minigpt4/models/minigpt4.py', r'self.llama_proj = nn.Linear\(')]),
       ARCH('MiniGPT-4 (LLaMA-2-Chat-7B)', 'eva-clip-vit-g-14', 'linear', 'llama-2-7b', res=224,
            note='the LLaMA-2 variant feeds ViT features through a linear layer (minigpt4.py branch without Q-Former); LLaMA-2-Chat-7B weights',
            sources=[src(MG, 'minigpt4/configs/models/minigpt4_llama2.yaml', r'llama_model:', check=['llama2-chat-7b']),
                     src(MG, 'minigpt4/models/minigpt4.py', r'inputs_llama = self.llama_proj\(image_embeds\)')])]
amv2 = [ARCH('MiniGPT-v2', 'eva-clip-vit-g-14', 'linear', 'llama-2-7b', res=448, note='LLaMA-2-Chat-7B with LoRA (r=64); linear projection of ViT features',
             sources=[src(MG, 'minigpt4/configs/models/minigpt_v2.yaml', r'^  image_size: 448'), src(MG, 'minigpt4/configs/models/minigpt_v2.yaml', r'llama_model:', check=['llama2-chat-7b']),
                      src(MG, 'minigpt4/configs/models/minigpt_v2.yaml', r'lora_r: 64'), src(MG, 'minigpt4/models/minigpt_v2.py', r'vit_model="eva_clip_g"'),
                      src(MG, 'minigpt4/models/minigpt_v2.py', r'self.llama_proj = nn.Linear\(')])]
merge_record('2304.10592', '2304.10592', am4, [], ['blip-2'],
             'Aligns the frozen BLIP-2 visual front end with a frozen Vicuna through a single trained projection layer, then fine-tunes on a small curated set of detailed image descriptions.')
merge_record('2310.09478', '2310.09478', amv2, [], ['arxiv:2304.10592'],
             'Uses task identifier tokens so that one LLaMA-2 based model can handle captioning, VQA and grounding with a common instruction format.')
