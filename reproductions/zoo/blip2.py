"""BLIP-2 (arXiv 2301.12597), InstructBLIP (arXiv 2305.06500), MiniGPT-4 (arXiv 2304.10592).

All three put the same frozen EVA-CLIP ViT-g and a BERT-base Q-Former in front of a frozen LLM.
The parameter figures stated for BLIP-2 are the Hugging Face checkpoints' counts as a model index
page lists them (a secondary source: the primary paper table was not read).
"""
from __future__ import annotations

from ..assemble import model_config
from ..spec import Stated
from .components import EvaViTg, FlanT5_XL, FlanT5_XXL, Llama2_7B, Llama2_13B, OPT_2_7B, OPT_6_7B, QFormerBLIP2

SRC_QUERIES = "salesforce/LAVIS lavis/configs/models/blip2/blip2_pretrain_opt2.7b.yaml@506965b9c4a18c1e565bd32acaccabe0198433f7 L21 (num_query_token: 32)"
SRC_PROMPTLAYER = "https://promptlayer.com/models/{slug} (Parameter Count of the Hugging Face checkpoint)"
SRC_INSTRUCT = "salesforce/LAVIS lavis/models/blip2_models/blip2_vicuna_instruct.py@506965b9c4a18c1e565bd32acaccabe0198433f7 L70-110"
SRC_MINIGPT4 = "Vision-CAIR/MiniGPT-4 minigpt4/models/minigpt4.py@d94738a7626ec43eba6c2cddf3cd2043f1a9689a L59-113"
TRAINABLE_BLIP2 = ("projector", "vision_encoder.feature_norm")  # ViT and LLM frozen (lavis blip2_opt.py L68-91)


@model_config
class BLIP2_OPT_2_7B(EvaViTg, QFormerBLIP2, OPT_2_7B):
    name: str = "blip2-opt-2.7b"
    paper: str = "2301.12597"
    catalog_id: str = "blip-2"
    trainable: tuple = TRAINABLE_BLIP2
    token_inputs: tuple = ((224, 224),)
    stated: tuple = (
        Stated("total_parameters", "3.74B", SRC_PROMPTLAYER.format(slug="blip2-opt-27b-3cd6")),
        Stated("visual_tokens", "32", SRC_QUERIES, setting="224x224 image"),
    )


@model_config
class BLIP2_OPT_6_7B(EvaViTg, QFormerBLIP2, OPT_6_7B):
    name: str = "blip2-opt-6.7b"
    paper: str = "2301.12597"
    catalog_id: str = "blip-2"
    trainable: tuple = TRAINABLE_BLIP2
    token_inputs: tuple = ((224, 224),)
    stated: tuple = (
        Stated("total_parameters", "7.75B", SRC_PROMPTLAYER.format(slug="blip2-opt-67b-1a13"),
               cause="checkpoint vocabulary not read; 50272 rows assumed (BLIP-2 2.7B uses 50304)"),
    )


@model_config
class BLIP2_FlanT5_XL(EvaViTg, QFormerBLIP2, FlanT5_XL):
    name: str = "blip2-flan-t5-xl"
    paper: str = "2301.12597"
    catalog_id: str = "blip-2"
    trainable: tuple = TRAINABLE_BLIP2
    token_inputs: tuple = ((224, 224),)
    stated: tuple = (
        Stated("total_parameters", "3.94B", SRC_PROMPTLAYER.format(slug="blip2-flan-t5-xl-5c18")),
    )


@model_config
class BLIP2_FlanT5_XXL(EvaViTg, QFormerBLIP2, FlanT5_XXL):
    name: str = "blip2-flan-t5-xxl"
    paper: str = "2301.12597"
    catalog_id: str = "blip-2"
    trainable: tuple = TRAINABLE_BLIP2
    token_inputs: tuple = ((224, 224),)
    stated: tuple = (
        Stated("total_parameters", "12.2B", SRC_PROMPTLAYER.format(slug="blip2-flan-t5-xxl-e84f")),
    )


@model_config
class InstructBLIP_Vicuna7B(EvaViTg, QFormerBLIP2, Llama2_7B):
    """The Q-Former also reads the instruction, so it keeps BERT's embeddings and text FFNs."""
    name: str = "instructblip-vicuna-7b"
    paper: str = "2305.06500"
    catalog_id: str = "instructblip"
    mp_text_ffn: bool = True         # qformer_text_input=True keeps layer.intermediate/output (SRC_INSTRUCT)
    mp_vocab_size: int = 30523       # bert-base-uncased 30522 + [DEC] (lavis blip2.py L31; resize in SRC_INSTRUCT)
    mp_max_positions: int = 512      # bert-base-uncased max_position_embeddings
    lm_vocab_size: int = 32001       # Vicuna 32000 + [PAD] (SRC_INSTRUCT add_special_tokens, resize_token_embeddings)
    trainable: tuple = TRAINABLE_BLIP2
    token_inputs: tuple = ((224, 224),)
    stated: tuple = (
        Stated("total_parameters", "7B", "salesforce/LAVIS lavis/configs/models/blip2/blip2_instruct_vicuna7b.yaml"
               "@e3fd1942eb1f09879f8c96347dc221d128d400d0 (arch instruct_vicuna7b, llm_model vicuna-7b)",
               note="size in the model name",
               cause="the name gives the LLM; ViT-g (1.0B) and the Q-Former with its text embeddings (0.19B) come on top"),
        Stated("visual_tokens", "32", SRC_QUERIES, setting="224x224 image"),
    )


@model_config
class MiniGPT4_Vicuna13B(EvaViTg, QFormerBLIP2, Llama2_13B):
    """BLIP-2's ViT and Q-Former, frozen, and one trained linear layer into Vicuna-13B v0."""
    name: str = "minigpt-4-vicuna-13b"
    paper: str = "2304.10592"
    catalog_id: str = "minigpt-4"
    trainable: tuple = ("projector.out_proj",)  # only llama_proj trains (SRC_MINIGPT4 freeze_qformer=True)
    token_inputs: tuple = ((224, 224),)
    stated: tuple = (
        Stated("total_parameters", "13B", "Vision-CAIR/MiniGPT-4 README.md@d94738a7626ec43eba6c2cddf3cd2043f1a9689a "
               "L124 (MiniGPT-4 (Vicuna 13B))", note="size of the language model in the name",
               cause="the name gives the LLM; ViT-g (1.0B) and Q-Former (0.1B) come on top"),
        Stated("visual_tokens", "32", "Vision-CAIR/MiniGPT-4 minigpt4/configs/models/minigpt4_vicuna0.yaml"
               "@d94738a7626ec43eba6c2cddf3cd2043f1a9689a (num_query_token: 32)", setting="224x224 image"),
    )


@model_config
class InstructBLIP_Vicuna13B(Llama2_13B, InstructBLIP_Vicuna7B):
    name: str = "instructblip-vicuna-13b"
    lm_vocab_size: int = 32001       # Vicuna 32000 + [PAD] (SRC_INSTRUCT)
    stated: tuple = (
        Stated("total_parameters", "13B", "salesforce/LAVIS lavis/configs/models/blip2/blip2_instruct_vicuna13b.yaml"
               "@57bee8d57c886d6293fa8235b0872114808b0f2f (arch instruct_vicuna13b, llm_model vicuna-13b)",
               note="size in the model name",
               cause="the name gives the LLM; ViT-g (1.0B) and the Q-Former with its text embeddings (0.19B) come on top"),
    )


@model_config
class InstructBLIP_FlanT5_XL(FlanT5_XL, InstructBLIP_Vicuna7B):
    """Same Q-Former with text input (lavis blip2_t5_instruct.py L79-87), Flan-T5-XL language model."""
    name: str = "instructblip-flan-t5-xl"
    stated: tuple = (
        Stated("visual_tokens", "32", "salesforce/LAVIS lavis/configs/models/blip2/blip2_instruct_flant5xl.yaml"
               "@57bee8d57c886d6293fa8235b0872114808b0f2f (num_query_token: 32)", setting="224x224 image"),
    )


@model_config
class MiniGPT4_Vicuna7B(Llama2_7B, MiniGPT4_Vicuna13B):
    name: str = "minigpt-4-vicuna-7b"
    stated: tuple = (
        Stated("total_parameters", "7B", "Vision-CAIR/MiniGPT-4 README.md@d94738a7626ec43eba6c2cddf3cd2043f1a9689a "
               "L124 (MiniGPT-4 (Vicuna 7B))", note="size of the language model in the name",
               cause="the name gives the LLM; ViT-g (1.0B) and Q-Former (0.1B) come on top"),
    )
