"""Minimal PyTorch re-implementations of visual LLM architectures (torch only).

No pydantic and no ``vlkb`` imports here: this package must run on a bare GPU machine.

Modules, one per component family (each file starts with its API):
- ``vision_towers``: ``VisionTransformer`` (CLIP, EVA-CLIP, SigLIP, InternViT, OpenCLIP bigG).
- ``projectors``: ``LinearProjector``, ``MLPProjector``, ``QFormer``, ``PerceiverResampler``,
  ``CrossAttentionResampler`` (Qwen-VL), ``PixelShuffleMLP`` (InternVL), ``CAbstractor`` (Honeybee),
  ``LDPProjector`` (MobileVLM).
- ``language_models``: ``DecoderLM`` (LLaMA / Qwen / OPT / Persimmon style, optional visual expert).
- ``t5``: ``T5EncoderDecoder`` (Flan-T5).
- ``flamingo``: ``GatedCrossAttentionLM`` (Flamingo / OpenFlamingo / IDEFICS).
- ``vlm``: ``VisionLanguageModel`` and ``count_visual_tokens``.
- ``configs``: one dataclass per reproduced model; ``architecture``: parameter counting and checks.
"""
