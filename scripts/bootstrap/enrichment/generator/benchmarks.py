import os
import sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lib import *
OUT = os.path.join(REPO, 'catalog/benchmarks')
HDR = '# yaml-language-server: $schema=../schema/benchmark.schema.json'
LV = 'haotian-liu/LLaVA'; EV = 'docs/Evaluation.md'
OF = 'mlfoundations/open_flamingo'; OFE = 'open_flamingo/eval/README.md'
def acc(name='accuracy', id='accuracy'):
    return {'id': id, 'name': name, 'unit': 'percent', 'min': 0, 'max': 100, 'higher_is_better': True}
B = []
def bench(id, name, task, modalities, description, metrics, splits, sources, paper=None):
    if 'unstated' not in splits:
        splits = list(splits) + ['unstated']  # for results whose source does not name the split
    d = {'id': id, 'name': name, 'task': task, 'modalities': modalities, 'description': description,
         'metrics': metrics, 'splits': splits}
    if paper: d['paper'] = paper
    d['introduced_by'] = None
    d['sources'] = sources
    B.append(d)
A = lambda x: Str(x)
bench('vqav2', 'VQAv2', 'visual question answering', ['image', 'text'],
      'Open-ended questions about COCO images, balanced so that each question has image pairs with different answers; scored against ten human answers.',
      [acc('VQA accuracy')], ['val', 'test-dev', 'test-std'],
      [src(OF, OFE, r'\[VQAv2\]', note='links arXiv 1612.00837v3; metric VQA accuracy'),
       src(LV, EV, r'challenge-page/830', note='test-dev answers go to the EvalAI server')])
bench('gqa', 'GQA', 'compositional visual question answering', ['image', 'text'],
      'Questions generated from scene graphs that test spatial and compositional reasoning over real images.',
      [acc('accuracy')], ['testdev-balanced', 'test-balanced'],
      [src('salesforce/LAVIS', 'dataset_card/gqa.md', r'1902.09506', note='links arXiv 1902.09506'), src(LV, EV, r'^### GQA')])
bench('textvqa', 'TextVQA', 'text-based visual question answering', ['image', 'text'],
      'Questions whose answers require reading text that appears in the image.',
      [acc('VQA accuracy')], ['val', 'test'],
      [src(OF, OFE, r'\[TextVQA\]', note='links arXiv 1904.08920'), src(LV, EV, r'^### TextVQA')])
bench('vizwiz', 'VizWiz-VQA', 'visual question answering', ['image', 'text'],
      'Questions asked by blind people about photos they took, including unanswerable ones.',
      [acc('VQA accuracy')], ['val', 'test-dev', 'test'],
      [src(OF, OFE, r'\[VizWiz\]', note='links arXiv 1802.08218'), src(LV, EV, r'challenge-page/2185', note='test-dev answers go to the EvalAI server')])
bench('okvqa', 'OK-VQA', 'knowledge-based visual question answering', ['image', 'text'],
      'Questions about COCO images that need outside knowledge to answer.',
      [acc('VQA accuracy')], ['val'],
      [src(OF, OFE, r'\[OK-VQA\]', note='links arXiv 1906.00067')])
bench('scienceqa-img', 'ScienceQA (image subset)', 'multiple-choice science question answering', ['image', 'text'],
      'Grade-school science multiple-choice questions; the IMG subset keeps the questions that come with an image context.',
      [acc('accuracy')], ['test'],
      [{'url': 'https://arxiv.org/abs/2209.09513', 'note': 'linked from the awesome-VLLMs list (shared/sources snapshot, line 355)'},
       src(LV, EV, r'^### ScienceQA')],
      paper={'title': 'Learn to Explain: Multimodal Reasoning via Thought Chains for Science Question Answering', 'arxiv': A('2209.09513')})
bench('pope', 'POPE', 'object hallucination probing', ['image', 'text'],
      'Yes/no questions about whether an object is in a COCO image, with absent objects sampled at random, by frequency, or by co-occurrence.',
      [{'id': 'f1', 'name': 'F1 score', 'unit': 'percent', 'min': 0, 'max': 100, 'higher_is_better': True}, acc('accuracy')],
      ['random', 'popular', 'adversarial', 'average'],
      [src(LV, EV, r'^### POPE'), {'url': 'https://aminer.org/pub/64659ad1d68f896efa875358/evaluating-object-hallucination-in-large-vision-language-models', 'note': 'title of the introducing paper'}],
      paper={'title': 'Evaluating Object Hallucination in Large Vision-Language Models', 'url': 'https://github.com/RUCAIBox/POPE'})
bench('mme', 'MME', 'yes/no perception and cognition evaluation', ['image', 'text'],
      'Fourteen yes/no subtasks; each subtask scores accuracy plus accuracy+ out of 200, so perception (10 subtasks) sums to at most 2000 and cognition (4 subtasks) to at most 800.',
      [{'id': 'perception', 'name': 'Perception score', 'unit': 'score', 'min': 0, 'max': 2000, 'higher_is_better': True},
       {'id': 'cognition', 'name': 'Cognition score', 'unit': 'score', 'min': 0, 'max': 800, 'higher_is_better': True},
       {'id': 'sum', 'name': 'Perception plus cognition', 'unit': 'score', 'min': 0, 'max': 2800, 'higher_is_better': True}],
      ['all'],
      [src(LV, EV, r'^### MME'), {'url': 'https://www.deepdyve.com/lp/arxiv-cornell-university/mme-a-comprehensive-evaluation-benchmark-for-multimodal-large-language-0i0KhU2mdd', 'note': 'record gives DOI 10.48550/arxiv.2306.13394 and date 2023-06-23'}],
      paper={'title': 'MME: A Comprehensive Evaluation Benchmark for Multimodal Large Language Models', 'arxiv': A('2306.13394')})
bench('mmbench', 'MMBench', 'multiple-choice multimodal evaluation', ['image', 'text'],
      'Bilingual multiple-choice questions over many ability dimensions, scored with CircularEval (every option rotation must be answered right).',
      [acc('accuracy (CircularEval)')], ['dev', 'test', 'unstated'],
      [src(LV, EV, r'^### MMBench$'), {'url': 'https://arxiv.org/html/2307.06281v5', 'note': 'title and authors of the introducing paper'}],
      paper={'title': 'MMBench: Is Your Multi-modal Model an All-around Player?', 'arxiv': A('2307.06281')})
bench('mmbench-cn', 'MMBench-CN', 'multiple-choice multimodal evaluation (Chinese)', ['image', 'text'],
      'The Chinese-language version of MMBench, scored the same way.',
      [acc('accuracy (CircularEval)')], ['dev', 'test'],
      [src(LV, EV, r'^### MMBench-CN'), {'url': 'https://arxiv.org/html/2307.06281v5'}],
      paper={'title': 'MMBench: Is Your Multi-modal Model an All-around Player?', 'arxiv': A('2307.06281')})
bench('seed-bench', 'SEED-Bench', 'multiple-choice multimodal evaluation', ['image', 'video', 'text'],
      'About 19K human-annotated multiple-choice questions over 12 dimensions; results are often given for the image dimensions only (SEED-IMG).',
      [acc('accuracy')], ['image', 'video', 'all', 'unstated'],
      [src(LV, EV, r'^### SEED-Bench'), {'url': 'https://www.scholarfeed.org/paper/2307.16125v2', 'note': 'title, arXiv id and the 19K/12-dimension description'}],
      paper={'title': 'SEED-Bench: Benchmarking Multimodal LLMs with Generative Comprehension', 'arxiv': A('2307.16125')})
bench('mm-vet', 'MM-Vet', 'open-ended integrated-capability evaluation', ['image', 'text'],
      'Open-ended questions that combine recognition, OCR, knowledge, spatial awareness, language generation and math; a GPT-4 grader scores each answer.',
      [{'id': 'score', 'name': 'GPT-4 graded total score', 'unit': 'percent', 'min': 0, 'max': 100, 'higher_is_better': True}], ['test'],
      [src(LV, EV, r'^### MM-Vet'), {'url': 'https://tomesphere.com/paper/2308.02490', 'note': 'title and authors of the introducing paper'}],
      paper={'title': 'MM-Vet: Evaluating Large Multimodal Models for Integrated Capabilities', 'arxiv': A('2308.02490')})
bench('mmmu', 'MMMU', 'college-level multi-discipline multimodal reasoning', ['image', 'text'],
      'About 11.5K college exam and textbook questions over 30 subjects with heterogeneous images.',
      [acc('accuracy')], ['val', 'test', 'unstated'],
      [{'url': 'https://www.emergentmind.com/articles/2311.16502', 'note': 'title, arXiv id and first-publication date 27 Nov 2023'}],
      paper={'title': 'MMMU: A Massive Multi-discipline Multimodal Understanding and Reasoning Benchmark for Expert AGI', 'arxiv': A('2311.16502')})
bench('mathvista', 'MathVista', 'mathematical reasoning in visual contexts', ['image', 'text'],
      'Math problems that need reading figures, plots, tables and diagrams; most models report the testmini split.',
      [acc('accuracy')], ['testmini', 'test', 'unstated'],
      [{'url': 'https://arxiv.org/abs/2310.02255', 'note': 'linked from the awesome-VLLMs list (shared/sources snapshot, line 351)'}],
      paper={'title': 'MathVista: Evaluating Mathematical Reasoning of Foundation Models in Visual Contexts', 'arxiv': A('2310.02255')})
bench('coco-captions', 'COCO Captions', 'image captioning', ['image'],
      'Captioning of COCO images against five human references; VLLM papers usually report CIDEr on the Karpathy test split.',
      [{'id': 'cider', 'name': 'CIDEr', 'unit': 'score', 'min': 0, 'max': 1000, 'higher_is_better': True}], ['karpathy-test', 'test'],
      [src(OF, OFE, r'\[COCO\]', note='links arXiv 1405.0312; metric CIDEr'),
       src('salesforce/LAVIS', 'dataset_card/coco_caption.md', r'1504.00325', note='links arXiv 1504.00325 (COCO Captions data and evaluation server)')])
bench('nocaps', 'NoCaps', 'novel-object image captioning', ['image'],
      'Captioning of Open Images photos with many object classes absent from COCO; reported as CIDEr.',
      [{'id': 'cider', 'name': 'CIDEr', 'unit': 'score', 'min': 0, 'max': 1000, 'higher_is_better': True}], ['val', 'test'],
      [src('OpenGVLab/InternVL', 'internvl_chat/eval/caption/README.md', r'nocaps.org/download')])
bench('flickr30k', 'Flickr30K', 'image captioning', ['image'],
      'Captioning of Flickr photos of everyday scenes with five references each; reported as CIDEr on the Karpathy test split.',
      [{'id': 'cider', 'name': 'CIDEr', 'unit': 'score', 'min': 0, 'max': 1000, 'higher_is_better': True}], ['karpathy-test'],
      [src(OF, OFE, r'\[Flickr-30K\]', note='links the TACL 2014 paper (aclanthology Q14-1006); metric CIDEr'),
       src('OpenGVLab/InternVL', 'internvl_chat/eval/caption/README.md', r'flickr30k_test_karpathy.txt')])
bench('refcoco', 'RefCOCO', 'referring expression comprehension', ['image', 'text'],
      'Locate the COCO object a short phrase refers to; a box counts as right when its IoU with the truth is at least 0.5.',
      [acc('accuracy at IoU 0.5', 'accuracy-iou-0-5')], ['val', 'testA', 'testB'],
      [src('OpenGVLab/InternVL', 'internvl_chat/eval/refcoco/README.md', r'refcoco_val.jsonl')])
bench('refcoco-plus', 'RefCOCO+', 'referring expression comprehension', ['image', 'text'],
      'Like RefCOCO, but the phrases may not use absolute location words.',
      [acc('accuracy at IoU 0.5', 'accuracy-iou-0-5')], ['val', 'testA', 'testB'],
      [src('OpenGVLab/InternVL', 'internvl_chat/eval/refcoco/README.md', r'refcoco%2B_val.jsonl')])
bench('refcocog', 'RefCOCOg', 'referring expression comprehension', ['image', 'text'],
      'Longer referring expressions over COCO images (UMD split: val-u, test-u).',
      [acc('accuracy at IoU 0.5', 'accuracy-iou-0-5')], ['val', 'test'],
      [src('OpenGVLab/InternVL', 'internvl_chat/eval/refcoco/README.md', r'refcocog_val.jsonl')])
bench('llava-bench-in-the-wild', 'LLaVA-Bench (In-the-Wild)', 'open-ended visual chat', ['image', 'text'],
      'Diverse images with detailed questions; a GPT-4 judge rates the answer against a reference, reported relative to the reference (may exceed 100).',
      [{'id': 'relative-score', 'name': 'GPT-4 relative score', 'unit': 'percent', 'min': 0, 'max': 200, 'higher_is_better': True}], ['conversation', 'detail', 'complex-reasoning', 'all'],
      [src(LV, EV, r'^### LLaVA-Bench-in-the-Wild'), src(LV, 'docs/LLaVA_Bench.md', r'.', note='benchmark description by its authors')],
      paper={'title': 'Visual Instruction Tuning', 'arxiv': A('2304.08485')})
bench('docvqa', 'DocVQA', 'document visual question answering', ['image', 'text'],
      'Questions on scanned document pages, scored with ANLS.',
      [{'id': 'anls', 'name': 'ANLS', 'unit': 'percent', 'min': 0, 'max': 100, 'higher_is_better': True}], ['val', 'test', 'unstated'],
      [src('OpenGVLab/InternVL', 'internvl_chat/eval/vqa/README.md', r'(?i)docvqa')])
bench('chartqa', 'ChartQA', 'chart question answering', ['image', 'text'],
      'Questions about charts, scored by relaxed accuracy (5% numeric tolerance); papers report the average of the human and augmented test sets.',
      [acc('relaxed accuracy', 'relaxed-accuracy')], ['test'],
      [src('OpenGVLab/InternVL', 'internvl_chat/eval/vqa/README.md', r'(?i)chartqa')])
bench('ai2d', 'AI2D', 'diagram question answering', ['image', 'text'],
      'Multiple-choice questions about grade-school science diagrams.',
      [acc('accuracy')], ['test'],
      [src('OpenGVLab/InternVL', 'internvl_chat/eval/vqa/README.md', r'(?i)ai2d')])
bench('ocrbench', 'OCRBench', 'OCR-centred evaluation', ['image', 'text'],
      'One thousand questions over text recognition, scene-text VQA, document VQA, key information extraction and handwritten math; one point per right answer.',
      [{'id': 'score', 'name': 'final score', 'unit': 'points', 'min': 0, 'max': 1000, 'higher_is_better': True}], ['test'],
      [src('OpenGVLab/InternVL', 'internvl_chat/eval/README.md', r'\| OCRBench', note='evaluated with VLMEvalKit')])
bench('msvd-qa', 'MSVD-QA', 'open-ended video question answering', ['video', 'text'],
      'Questions about short MSVD clips; video LLM papers score free-form answers with a GPT judge (accuracy and a 0-5 score).',
      [acc('GPT-judged accuracy'), {'id': 'gpt-score', 'name': 'GPT-judged score', 'unit': 'score', 'min': 0, 'max': 5, 'higher_is_better': True}], ['test'],
      [src('PKU-YuanGroup/Video-LLaVA', 'TRAIN_AND_VALIDATE.md', r'(?i)msvd')])
bench('msrvtt-qa', 'MSRVTT-QA', 'open-ended video question answering', ['video', 'text'],
      'Questions about MSR-VTT clips, scored like MSVD-QA in video LLM papers.',
      [acc('GPT-judged accuracy'), {'id': 'gpt-score', 'name': 'GPT-judged score', 'unit': 'score', 'min': 0, 'max': 5, 'higher_is_better': True}], ['test'],
      [src('PKU-YuanGroup/Video-LLaVA', 'TRAIN_AND_VALIDATE.md', r'(?i)msrvtt')])
bench('tgif-qa', 'TGIF-QA', 'open-ended video question answering', ['video', 'text'],
      'Questions about animated GIFs; video LLM papers report the frame-QA part with a GPT judge.',
      [acc('GPT-judged accuracy'), {'id': 'gpt-score', 'name': 'GPT-judged score', 'unit': 'score', 'min': 0, 'max': 5, 'higher_is_better': True}], ['test'],
      [src('PKU-YuanGroup/Video-LLaVA', 'TRAIN_AND_VALIDATE.md', r'(?i)tgif')])
bench('activitynet-qa', 'ActivityNet-QA', 'open-ended video question answering', ['video', 'text'],
      'Questions about long ActivityNet videos, scored with a GPT judge in video LLM papers.',
      [acc('GPT-judged accuracy'), {'id': 'gpt-score', 'name': 'GPT-judged score', 'unit': 'score', 'min': 0, 'max': 5, 'higher_is_better': True}], ['test'],
      [src('PKU-YuanGroup/Video-LLaVA', 'TRAIN_AND_VALIDATE.md', r'(?i)activitynet')])

IVE = 'internvl_chat/eval/README.md'
bench('infovqa', 'InfographicVQA', 'infographic question answering', ['image', 'text'],
      'Questions about infographics that mix text, layout, charts and icons, scored with ANLS.',
      [{'id': 'anls', 'name': 'ANLS', 'unit': 'percent', 'min': 0, 'max': 100, 'higher_is_better': True}], ['val', 'test'],
      [src('OpenGVLab/InternVL', IVE, r'\| InfoVQA')])
bench('mmstar', 'MMStar', 'vision-indispensable multiple-choice evaluation', ['image', 'text'],
      'Multiple-choice questions filtered so that they cannot be answered without the image.',
      [acc('accuracy')], ['val'], [src('OpenGVLab/InternVL', IVE, r'\| MMStar')])
bench('realworldqa', 'RealWorldQA', 'real-world spatial understanding', ['image', 'text'],
      'Questions about real-world photos, many taken from vehicles, that test spatial understanding.',
      [acc('accuracy')], ['test'], [src('OpenGVLab/InternVL', IVE, r'\| RealWorldQA')])
bench('hallusionbench', 'HallusionBench', 'visual illusion and language hallucination diagnosis', ['image', 'text'],
      'Yes/no question pairs built to expose language hallucination and visual illusion; Qwen2-VL reports the average of its accuracy measures.',
      [{'id': 'average', 'name': 'average accuracy', 'unit': 'percent', 'min': 0, 'max': 100, 'higher_is_better': True}], ['all'],
      [src('QwenLM/Qwen2-VL', 'README.md', r'^\| HallBench<sub>avg</sub>')])
bench('mvbench', 'MVBench', 'multiple-choice video understanding', ['video', 'text'],
      'Twenty temporal video tasks posed as multiple-choice questions.',
      [acc('accuracy')], ['test'], [src('OpenGVLab/InternVL', IVE, r'\| MVBench')])
bench('video-mme', 'Video-MME', 'multiple-choice video understanding', ['video', 'text'],
      'Multiple-choice questions over short to long videos, reported without and with subtitles.',
      [acc('accuracy')], ['without-subtitles', 'with-subtitles'], [src('OpenGVLab/InternVL', IVE, r'\| Video-MME')])

bench('langauto', 'LangAuto (CARLA)', 'language-guided closed-loop autonomous driving', ['image', 'point-cloud', 'text'],
      'Closed-loop driving routes in the CARLA simulator that the agent must complete from navigation instructions; the LangAuto-short track uses shorter routes.',
      [{'id': 'driving-score', 'name': 'Driving Score', 'unit': 'score', 'min': 0, 'max': 100, 'higher_is_better': True}], ['langauto', 'langauto-short'],
      [src('opendilab/LMDrive', 'README.md', r'^\| Version \| Size \|  Checkpoint \| VisionEncoder', note='DS (LangAuto) and DS (LangAuto-short) columns')],
      paper={'title': 'LMDrive: Closed-Loop End-to-End Driving with Large Language Models', 'arxiv': A('2312.07488')})
if __name__ == '__main__':
    for d in B:
        dump(f"{OUT}/{d['id']}.yaml", d, HDR)
    import subprocess; subprocess.run([sys.executable, '-m', 'vlkb', 'fmt', OUT], check=True, cwd=REPO)
    print(len(B), 'benchmarks')
