"""Shared component configs (mixins of ``VLMConfig``): each sets only its own prefix.

A model config inherits one vision mixin and one language mixin, then sets its projector:
``class LLaVA15_7B(ClipL14_336, Llama2_7B)``. Every default names where it was read; ``SRC_*``
strings are the citations reused by the stated figures. Commits are those of the snapshots read.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..assemble import VLMConfig

# --- citations (repository path @ commit, line) ---
SRC_CLIP = "openai/CLIP clip/model.py@d05afc436d78f1c48dc0dbf8e5980a9d471f35f6 L206-221 (VisionTransformer)"
SRC_OPENCLIP = "mlfoundations/open_clip src/open_clip/model_configs/{name}.json@89fb801f1e6087880e951fc8354b8a2077b79c6d"
SRC_LLAVA_ENCODER = ("haotian-liu/LLaVA llava/model/multimodal_encoder/clip_encoder.py"
                     "@c121f0432da27facab705978f83c4ada465e46fd L14-38 (hidden_states[select_layer], drop CLS)")
SRC_LLAMA_CONFIG = ("huggingface/transformers src/transformers/models/llama/configuration_llama.py"
                    "@008e574391258935f3ecc3035c882e73bbcac419 (LlamaConfig defaults, checkpoint meta-llama/Llama-2-7b-hf)")
SRC_LLAMA2_13B = ("meta-llama/Llama-2-13b-hf config.json, read in a copy found by the code index "
                  "(find_string id 9890059119)")
SRC_LLAMA_FFN = ("facebookresearch/llama llama/model.py@54c22c0d63a3f3c9e77f43a6a3041c00018f4964 L26, L335 "
                 "(SwiGLU width = 2/3 * 4 * dim rounded up to a multiple of 256)")
SRC_EVA_G = "salesforce/LAVIS lavis/models/eva_vit.py@506965b9c4a18c1e565bd32acaccabe0198433f7 L428-441"
SRC_EVA_ATTN = "salesforce/LAVIS lavis/models/eva_vit.py@506965b9c4a18c1e565bd32acaccabe0198433f7 L66-82, L186-200"
SRC_T5X = "google-research/t5x t5x/examples/t5/t5_1_1/{size}.gin@cc342d419ec3e3e9c4bf1df33c82330cafdc1e16"
SRC_OPT_27 = ("Salesforce/blip2-opt-2.7b config.json text_config, read in a copy found by the code index "
              "(find_string id 11876690755)")
SRC_OPT_67 = ("facebook/opt-6.7b config values listed in a test file found by the code index "
              "(read_file id 58700902353)")


@dataclass
class ClipL14_224(VLMConfig):
    """OpenAI CLIP ViT-L/14 at 224 px as a transformers ``CLIPVisionModel`` (no ``proj``)."""
    vit_image_size: int = 224        # ViT-L-14.json vision_cfg.image_size (SRC_OPENCLIP)
    vit_patch_size: int = 14         # ViT-L-14.json vision_cfg.patch_size
    vit_width: int = 1024            # ViT-L-14.json vision_cfg.width
    vit_depth: int = 24              # ViT-L-14.json vision_cfg.layers
    vit_heads: int = 16              # vision_heads = vision_width // 64 (openai/CLIP clip/model.py L272)
    vit_mlp_width: int = 4096        # c_fc d_model * 4 (openai/CLIP clip/model.py L178)
    vit_class_token: bool = True     # class_embedding (SRC_CLIP L214)
    vit_pre_norm: bool = True        # ln_pre (SRC_CLIP L216)
    vit_post_norm: bool = True       # ln_post (SRC_CLIP L220), transformers: post_layernorm
    vit_act: str = "quick_gelu"      # QuickGELU (SRC_CLIP L166)
    vit_patch_bias: bool = False     # conv1 bias=False (SRC_CLIP L211)
    vit_qkv_bias: str = "qkv"        # nn.MultiheadAttention in_proj bias (SRC_CLIP L175)


@dataclass
class ClipL14_336(ClipL14_224):
    vit_image_size: int = 336        # ViT-L-14-336.json vision_cfg.image_size (SRC_OPENCLIP)


@dataclass
class EvaViTg(VLMConfig):
    """EVA-CLIP ViT-g/14 as BLIP-2 builds it: 39 of 40 layers, ``ln_vision`` added on top."""
    vit_image_size: int = 224        # create_eva_vit_g(img_size=224) (SRC_EVA_G)
    vit_patch_size: int = 14         # patch_size=14 (SRC_EVA_G)
    vit_width: int = 1408            # embed_dim=1408 (SRC_EVA_G)
    vit_depth: int = 39              # depth=39: the last layer is dropped (SRC_EVA_G)
    vit_heads: int = 16              # num_heads=1408//88 (SRC_EVA_G)
    vit_mlp_width: int = 6144        # int(1408 * 4.3637) = 6144 (SRC_EVA_G mlp_ratio)
    vit_class_token: bool = True     # cls_token (SRC_EVA_ATTN L263)
    vit_pre_norm: bool = False       # no norm before the blocks
    vit_post_norm: bool = False      # the final norm is commented out (eva_vit.py L284)
    vit_feature_norm: bool = True    # BLIP-2 adds ln_vision (lavis/models/blip2_models/blip2.py L81)
    vit_norm_eps: float = 1e-6       # partial(nn.LayerNorm, eps=1e-6) (SRC_EVA_G)
    vit_patch_bias: bool = True      # nn.Conv2d default bias (SRC_EVA_ATTN PatchEmbed)
    vit_qkv_bias: str = "qv"         # q_bias and v_bias only (SRC_EVA_ATTN L77-79)
    vit_keep_class_token: bool = True  # the Q-Former attends to all 257 tokens


@dataclass
class Llama2_7B(VLMConfig):
    """LLaMA-7B / Llama-2-7B / Vicuna-7B shapes (Vicuna fine-tunes LLaMA and keeps its shapes)."""
    lm_vocab_size: int = 32000       # SRC_LLAMA_CONFIG vocab_size
    lm_hidden_size: int = 4096       # SRC_LLAMA_CONFIG hidden_size
    lm_intermediate_size: int = 11008  # SRC_LLAMA_CONFIG intermediate_size (= SRC_LLAMA_FFN rule)
    lm_layers: int = 32              # SRC_LLAMA_CONFIG num_hidden_layers
    lm_heads: int = 32               # SRC_LLAMA_CONFIG num_attention_heads
    lm_tie_embeddings: bool = False  # SRC_LLAMA_CONFIG tie_word_embeddings


@dataclass
class Llama2_13B(VLMConfig):
    lm_vocab_size: int = 32000       # SRC_LLAMA2_13B vocab_size
    lm_hidden_size: int = 5120       # SRC_LLAMA2_13B hidden_size
    lm_intermediate_size: int = 13824  # SRC_LLAMA2_13B (= SRC_LLAMA_FFN rule for dim 5120)
    lm_layers: int = 40              # SRC_LLAMA2_13B num_hidden_layers
    lm_heads: int = 40               # SRC_LLAMA2_13B num_attention_heads
    lm_tie_embeddings: bool = False  # SRC_LLAMA2_13B tie_word_embeddings


@dataclass
class OPT(VLMConfig):
    """OPT decoder (transformers OPTForCausalLM layout: tied head, learned positions offset by 2)."""
    lm_norm: str = "layernorm"       # OPT uses LayerNorm (SRC_OPT_27 model print: LayerNorm eps 1e-05)
    lm_norm_eps: float = 1e-5        # LayerNorm((2560,), eps=1e-05) (SRC_OPT_27 model print)
    lm_positions: str = "learned"    # OPTLearnedPositionalEmbedding(2050, ...) (SRC_OPT_27 model print)
    lm_position_offset: int = 2      # 2050 = 2048 + 2
    lm_max_positions: int = 2048     # max_position_embeddings (SRC_OPT_67)
    lm_mlp: str = "relu"             # activation ReLU (SRC_OPT_27 model print)
    lm_mlp_bias: bool = True         # fc1/fc2 bias=True (SRC_OPT_27 model print)
    lm_qkv_bias: str = "qkv"         # q/k/v_proj bias=True (SRC_OPT_27 model print)
    lm_out_bias: bool = True         # out_proj bias=True (SRC_OPT_27 model print)
    lm_tie_embeddings: bool = True   # transformers OPT ties lm_head to embed_tokens


@dataclass
class OPT_2_7B(OPT):
    lm_vocab_size: int = 50304       # BLIP-2's checkpoint: 50272 + added tokens (SRC_OPT_27 vocab_size)
    lm_hidden_size: int = 2560       # SRC_OPT_27 hidden_size
    lm_intermediate_size: int = 10240  # SRC_OPT_27 ffn_dim
    lm_layers: int = 32              # SRC_OPT_27 num_hidden_layers
    lm_heads: int = 32               # SRC_OPT_27 num_attention_heads


@dataclass
class OPT_6_7B(OPT):
    lm_vocab_size: int = 50272       # SRC_OPT_67 vocab_size (the BLIP-2 6.7B checkpoint's own value was not read)
    lm_hidden_size: int = 4096       # SRC_OPT_67 hidden_size
    lm_intermediate_size: int = 16384  # SRC_OPT_67 ffn_dim
    lm_layers: int = 32              # SRC_OPT_67 num_hidden_layers
    lm_heads: int = 32               # SRC_OPT_67 num_attention_heads


@dataclass
class FlanT5(VLMConfig):
    lm_kind: str = "t5"             # encoder-decoder (SRC_T5X models.EncoderDecoderModel)
    lm_vocab_size: int = 32128       # SRC_T5X base.gin vocab_size
    lm_head_dim: int = 64            # SRC_T5X head_dim


@dataclass
class FlanT5_XL(FlanT5):
    lm_hidden_size: int = 2048       # SRC_T5X xl.gin emb_dim
    lm_heads: int = 32               # SRC_T5X xl.gin num_heads
    lm_encoder_layers: int = 24      # SRC_T5X xl.gin num_encoder_layers
    lm_decoder_layers: int = 24      # SRC_T5X xl.gin num_decoder_layers
    lm_intermediate_size: int = 5120  # SRC_T5X xl.gin mlp_dim


@dataclass
class FlanT5_XXL(FlanT5):
    lm_hidden_size: int = 4096       # SRC_T5X xxl.gin emb_dim
    lm_heads: int = 64               # SRC_T5X xxl.gin num_heads
    lm_encoder_layers: int = 24      # SRC_T5X xxl.gin num_encoder_layers
    lm_decoder_layers: int = 24      # SRC_T5X xxl.gin num_decoder_layers
    lm_intermediate_size: int = 10240  # SRC_T5X xxl.gin mlp_dim


@dataclass
class QFormerBLIP2(VLMConfig):
    """BLIP-2 Q-Former as kept by the generative models: no word/position embeddings, no text FFN."""
    mp_kind: str = "qformer"        # init_Qformer (lavis blip2.py L47-58)
    mp_num_queries: int = 32         # num_query_token: 32 (lavis/configs/models/blip2/blip2_pretrain_opt2.7b.yaml L21)
    mp_width: int = 768              # bert-base-uncased hidden_size (lavis blip2.py L48 BertConfig.from_pretrained)
    mp_layers: int = 12              # bert-base-uncased num_hidden_layers
    mp_heads: int = 12               # bert-base-uncased num_attention_heads
    mp_mlp_width: int = 3072         # bert-base-uncased intermediate_size; confirmed by SRC_OPT_27 model print
    mp_cross_attention_every: int = 2  # cross_attention_freq=2 (lavis blip2.py L47)
    mp_text_ffn: bool = False        # layer.output = layer.intermediate = None (lavis blip2_opt.py L81-83)
