"""Minimal PyTorch re-implementations of visual LLM architectures (torch only).

No pydantic here: this package must run on a bare GPU machine with torch alone. Its one import from
``vlkb`` is ``vlkb.stated_counts``, plain Python (the grammar of "7B" or "304M", shared with the schema).

Modules, one per component family (each file starts with its API):
- ``vision_towers``: ``VisionTransformer`` (CLIP, EVA-CLIP, SigLIP, InternViT, OpenCLIP bigG).
- ``projectors``: ``LinearProjector``, ``MLPProjector``, ``QFormer``, ``PerceiverResampler``,
  ``CrossAttentionResampler`` (Qwen-VL), ``PixelShuffleMLP`` (InternVL), ``CAbstractor`` (Honeybee),
  ``LDPv2Projector`` (MobileVLM V2), ``GLUProjector`` (CogVLM).
- ``language_models``: ``DecoderLM`` (LLaMA / Qwen / OPT / Persimmon style, optional visual expert).
- ``t5``: ``T5EncoderDecoder`` (Flan-T5).
- ``flamingo``: ``GatedCrossAttentionLM`` (Flamingo / OpenFlamingo / IDEFICS).
- ``vlm``: ``VisionLanguageModel`` and ``count_visual_tokens``.
- ``spec`` and ``assemble``: the config dataclasses and the model builder; ``zoo``: one config per reproduced
  model; ``architecture`` and ``tokens``: parameter counting and the checks against stated figures.
"""
