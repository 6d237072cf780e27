"""Janus (arXiv 2410.13848) and Janus-Pro 1B / 7B (arXiv 2501.17811): decoupled visual encoding.

Understanding reads the image with SigLIP-L/16 at 384 px (MAP head built, final norm on the features) and a
two-layer GELU MLP; generation predicts the codes of LlamaGen's VQ-16 tokenizer through ``gen_embed`` ->
``gen_aligner`` -> DeepSeek-LLM -> ``gen_head`` (generation_heads.VQGenerationHead). Code is read from
deepseek-ai/Janus at one commit; the checkpoints' config.json files live on Hugging Face and were read in
copies the code index holds (cited by id) and in transformers' Janus config, whose defaults are Janus-Pro-1B's.
The language models are DeepSeek-LLM 1.3B (Janus, Janus-Pro-1B) and 7B; Janus-Pro's report gives their
widths, heads and layers (Table 1), and the feed-forward widths follow LLaMA's rule, as DeepSeek-LLM does.
"""
from __future__ import annotations

from ..assemble import VLMConfig, model_config
from ..spec import Stated
from .components import SRC_LLAMA_FFN

C = "1daa72fa409002d40931bd7b36a9280362469ead"
SRC_SIGLIP = f"deepseek-ai/Janus janus/models/siglip_vit.py@{C}"
SRC_VQ = f"deepseek-ai/Janus janus/models/vq_model.py@{C}"
SRC_VLM = f"deepseek-ai/Janus janus/models/modeling_vlm.py@{C}"
SRC_PROJECTOR = f"deepseek-ai/Janus janus/models/projector.py@{C} L39-45 (mlp_gelu: Linear, then depth-1 x (GELU, Linear))"
SRC_README = f"deepseek-ai/Janus README.md@{C}"
SRC_REPORT = f"deepseek-ai/Janus janus_pro_tech_report.pdf@{C}"
SRC_TF = ("huggingface/transformers src/transformers/models/janus/configuration_janus.py"
          "@05ff2e98e4461ece6e706435e2a57834bb4f985f (defaults are 'Janus Pro 1B style')")
SRC_PRO7B_VISION = ("deepseek-ai/Janus-Pro-7B config.json vision_config, copied into a converter found by the code index "
                    "(find_string id 13761343191: select_layer -1, siglip_large_patch16_384, image_size 384)")
SRC_PRO7B_HEADS = ("deepseek-ai/Janus-Pro-7B config.json as a test asserts it, found by the code index (read_file id "
                   "70232424564: aligner mlp_gelu 1024 -> 4096, gen_aligner 8 -> 4096, gen_head 4096/4096/16384, VQ-16)")
SRC_LLM_1B = ("DeepSeek-LLM 1.3B text config in transformers' DeepSeek-VL converter, found by the code index "
              "(read_file id 51844940876: hidden 2048, intermediate 5632, heads 16, layers 24, vocab 102400)")
SRC_LLM_7B = ("a DeepseekForCausalLM config in a test found by the code index (find_string id 60886959087: vocab 102400, "
              f"hidden 4096, intermediate 11008, layers 30, heads 32); the width also follows {SRC_LLAMA_FFN}")
NAME_NOTE = "size in the model name"
TOTAL_CAUSE = ("the name gives the size class of the DeepSeek-LLM inside (1.65B with its two 102,400-row tables); the "
               "SigLIP-L encoder with its MAP head (0.32B), the VQ-16 tokenizer (0.07B) and the generation aligner, "
               "embedding and head (0.04B) come on top")
LLM_15_CAUSE = ("the report does not say how it counts; DeepSeek-LLM 1.3B has 1.65B parameters with both of its "
                "102,400 x 2048 tables and 1.44B with one, so 1.5B matches neither at 0.1B")


@model_config
class Janus_1_3B(VLMConfig):
    name: str = "janus-1.3b"
    paper: str = "2410.13848"
    catalog_id: str = "janus"
    vit_image_size: int = 384             # siglip_large_patch16_384 image_size (SRC_SIGLIP L628); SRC_PRO7B_VISION
    vit_patch_size: int = 16              # patch_size (SRC_SIGLIP L629)
    vit_width: int = 1024                 # width (SRC_SIGLIP L630)
    vit_depth: int = 24                   # layers (SRC_SIGLIP L631); select_layer -1 keeps all 24 (L653-654, SRC_PRO7B_VISION)
    vit_heads: int = 16                   # heads (SRC_SIGLIP L632)
    vit_mlp_width: int = 4096             # mlp_ratio 4 x 1024 (SRC_SIGLIP L633)
    vit_class_token: bool = False         # SigLIPVisionCfg class_token False (SRC_SIGLIP L601)
    vit_post_norm: bool = True            # self.norm, kept since global_pool is 'map' (SRC_SIGLIP L412)
    vit_post_norm_on_features: bool = True  # forward_features ends in self.norm; ignore_head returns it (SRC_SIGLIP L571, L587)
    vit_pool: str = "attention-head"      # global_pool 'map': AttentionPoolLatent is built though ignore_head skips it (SRC_SIGLIP L415-424)
    vit_norm_eps: float = 1e-6            # partial(nn.LayerNorm, eps=1e-6) (SRC_SIGLIP L336)
    vit_act: str = "gelu"                 # act_layer = nn.GELU (SRC_SIGLIP L337)
    vit_patch_bias: bool = True           # bias=not pre_norm, pre_norm False (SRC_SIGLIP L364, L285)
    vit_qkv_bias: str = "qkv"             # qkv_bias True by default (SRC_SIGLIP L279)
    mp_kind: str = "mlp"                  # aligner MlpProjector 'mlp_gelu' (SRC_PROJECTOR; SRC_PRO7B_HEADS)
    mp_depth: int = 2                     # two-layer MLP adaptors (SRC_REPORT Section 3.1; transformers depth=2, SRC_TF L59)
    vq_kind: str = "vq"                   # VQ-16: nn.Embedding codebook (SRC_VQ L217-227, L519-527)
    vq_channels: int = 128                # Encoder/Decoder ch=128 (SRC_VQ L50, L131)
    vq_multipliers: tuple = (1, 1, 2, 2, 4)  # encoder_ch_mult / decoder_ch_mult (SRC_VQ L40-41, L522): 16x downsampling
    vq_encoder_blocks: int = 2            # num_res_blocks=2 (SRC_VQ L52)
    vq_decoder_blocks: int = 3            # num_res_blocks + 1 per decoder level (SRC_VQ L133, L167)
    vq_encoder_attention: tuple = (4,)    # attention blocks in the coarsest level (SRC_VQ L80-81)
    vq_decoder_attention: tuple = (4,)    # attention blocks in the coarsest level (SRC_VQ L174-175)
    vq_z_channels: int = 256              # z_channels (SRC_VQ L42)
    vq_embed_dim: int = 8                 # codebook_embed_dim (SRC_VQ L34); gen_vision n_embed 8 (SRC_PRO7B_HEADS)
    vq_codebook_size: int = 16384         # codebook_size (SRC_VQ L33); 16,384 (SRC_REPORT Section 3.1)
    vq_quant_conv: str = "1x1"            # quant_conv / post_quant_conv 1x1 (SRC_VQ L489-492)
    gen_kind: str = "vq-head"             # gen_vision_model, gen_aligner, gen_head, gen_embed (SRC_VLM L202-216)
    gen_aligner_depth: int = 2            # gen_aligner 'mlp_gelu' depth 2 (SRC_TF L121 num_hidden_layers=2; SRC_PRO7B_HEADS)
    gen_head_width: int = 2048            # gen_head image_token_embed = n_embed (SRC_TF L123 image_token_embed_dim=2048)
    lm_vocab_size: int = 102400           # SRC_LLM_1B; 'Vocabulary size 100K' (SRC_REPORT Table 1)
    lm_hidden_size: int = 2048            # Embedding size 2048 (SRC_REPORT Table 1); SRC_LLM_1B
    lm_intermediate_size: int = 5632      # SRC_LLM_1B (= SRC_LLAMA_FFN rule for dim 2048)
    lm_layers: int = 24                   # #Layers 24 (SRC_REPORT Table 1); SRC_LLM_1B
    lm_heads: int = 16                    # #Attention heads 16 (SRC_REPORT Table 1); SRC_LLM_1B
    lm_tie_embeddings: bool = False       # LlamaForCausalLM with LlamaConfig's default (SRC_VLM L218-219)
    token_inputs: tuple = ((384, 384),)
    stated: tuple = (
        Stated("total_parameters", "1.3B", f"{SRC_README} L113 (model name Janus-1.3B)", note=NAME_NOTE,
               cause=TOTAL_CAUSE),
        Stated("language_parameters", "1.5B", f"{SRC_REPORT} Table 3 (row Janus, column # LLM Params)",
               note="quoted by the Janus-Pro report", cause=LLM_15_CAUSE),
        Stated("visual_tokens", "576", f"{SRC_TF} L60 (num_image_tokens=576); {SRC_README} L418 "
               "(image_token_num_per_image 576 for generation)", setting="384x384 image",
               note="24 x 24 patches of 16 px; generation predicts the same number of VQ codes"),
    )


@model_config
class JanusPro_1B(Janus_1_3B):
    name: str = "janus-pro-1b"
    paper: str = "2501.17811"
    catalog_id: str = "janus-pro"
    stated: tuple = (
        Stated("total_parameters", "1B", f"{SRC_README} L115 (model name Janus-Pro-1B)", note=NAME_NOTE,
               cause=TOTAL_CAUSE),
        Stated("language_parameters", "1.5B", f"{SRC_REPORT} Table 3 (row Janus-Pro-1B, column # LLM Params)",
               cause=LLM_15_CAUSE),
        Stated("visual_tokens", "576", f"{SRC_TF} L60 (num_image_tokens=576)", setting="384x384 image"),
    )


@model_config
class JanusPro_7B(JanusPro_1B):
    name: str = "janus-pro-7b"
    gen_head_width: int = 4096            # gen_head image_token_embed 4096 (SRC_PRO7B_HEADS)
    lm_hidden_size: int = 4096            # Embedding size 4096 (SRC_REPORT Table 1); SRC_LLM_7B
    lm_intermediate_size: int = 11008     # SRC_LLAMA_FFN rule for dim 4096; SRC_LLM_7B
    lm_layers: int = 30                   # #Layers 30 (SRC_REPORT Table 1); SRC_LLM_7B
    lm_heads: int = 32                    # #Attention heads 32 (SRC_REPORT Table 1); SRC_LLM_7B
    stated: tuple = (
        Stated("total_parameters", "7B", f"{SRC_README} L116 (model name Janus-Pro-7B)", note=NAME_NOTE),
        Stated("language_parameters", "7B", f"{SRC_REPORT} Table 3 (row Janus-Pro-7B, column # LLM Params)"),
    )

