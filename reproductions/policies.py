"""Vision-to-action policies assembled whole: the models whose layout is not vision encoder -> projector -> LM
alone, but a policy built around an action head. ``assemble.build`` hands every ``act_kind`` it does not know
to ``build_policy``.

API:
    PolicyConfig: ``VLMConfig`` plus the fields a policy head needs (``act_*``, and Octo's ``vit_*`` stem
        fields). ``POLICY_FIELDS[act_kind]`` lists the fields a kind must state; they have no default, and a
        config that forgets one fails when it is created (the zoo creates every config at import).
    build_policy(cfg) -> nn.Module with ``vision_encoder``, ``projector``, ``language_model`` and
        ``action_expert`` (the parts ``architecture.count`` reads) and
        encode_images(pixels [B,3,H,W]) -> visual tokens [B,M,D]; forward(pixels, input_ids [B,T]) -> the
        head's prediction for a random noisy action chunk [B,H,A] (its velocity, noise or sample).
    T5Encoder(*, vocab_size, d_model, d_ff, heads, head_dim=64, layers, mlp="relu"): a T5 encoder stack alone
        (transformers T5EncoderModel): T5 1.0 (ReLU) for Octo's t5-base, T5 1.1 (gated GELU) for RDT's XXL.
    ConvStem(*, in_channels, channels, out_dim, patch_size): Octo's SmallStem (3x3 stride-2 convolutions with
        GroupNorm and ReLU, then a patch convolution).
    decoder_run(language_model, embeds, key_values=False) -> (hidden after the final norm, [(k, v)] per layer)

Kinds (``act_kind``):
    "octo-diffusion" Octo (arXiv 2405.12213): conv-stem image tokenizers (``vit_kind="conv-stem"``), a frozen
        T5 text encoder, a block-causal transformer trunk with learned position tables, a diffusion MLP head.
    "rdt" RDT-1B (arXiv 2410.07864): frozen SigLIP and T5-XXL encoders; MLP adaptors into a 28-layer
        diffusion transformer. The image adaptor is the projector; the text and state adaptors belong to the
        expert (all three are the "diffusion params" the runner counts).
    "cogact-dit", "smolvla-expert", "gr00t-dit": a VLM as ``assemble`` builds it (CogACT: OpenVLA's Prismatic
        VLM; SmolVLA: SmolVLM2 cut to its first layers; GR00T N1: Eagle-2 cut at layer 12) plus the head of
        ``diffusion_heads`` or ``action_experts``. CogACT conditions on the last token's hidden state (the
        cognition feature), GR00T N1 on all VLM hidden states through a linear map (``backbone_projection``),
        SmolVLA's expert on every VLM layer's keys and values (the robot state enters the VLM prefix).
"""
from __future__ import annotations

from dataclasses import dataclass

import torch
import torch.nn.functional as F
from torch import nn

from . import assemble
from .action_experts import InterleavedActionExpert
from .diffusion_heads import CogACTDiT, GR00TActionHead, OctoDiffusionHead, RDTransformer
from .layers import MLP, Attention
from .t5 import relative_bucket
from .vision_towers import VisionBlock
from .vlm import VisionLanguageModel

_T5 = ("lm_vocab_size", "lm_hidden_size", "lm_heads", "lm_intermediate_size", "lm_encoder_layers")
POLICY_FIELDS: dict[str, tuple[str, ...]] = {
    "octo-diffusion": ("vit_image_size", "vit_wrist_image_size", "vit_patch_size", "vit_width", "vit_in_channels",
                       "vit_stem_channels", "act_width", "act_layers", "act_heads", "act_intermediate_size",
                       "act_dim", "act_horizon", "act_mlp_width", "act_time_dim", "act_blocks", "act_max_horizon",
                       "act_text_tokens") + _T5,
    "rdt": ("act_width", "act_layers", "act_heads", "act_dim", "act_horizon", "act_state_dim", "act_text_tokens",
            "act_image_tokens", "act_text_adaptor_depth", "act_state_adaptor_depth", "mp_depth") + _T5,
    "cogact-dit": ("act_width", "act_layers", "act_heads", "act_dim", "act_horizon"),
    "smolvla-expert": ("act_width", "act_layers", "act_heads", "act_kv_heads", "act_head_dim",
                       "act_intermediate_size", "act_dim", "act_state_dim", "act_horizon",
                       "act_self_attention_every"),
    "gr00t-dit": ("act_width", "act_layers", "act_heads", "act_head_dim", "act_mlp_width", "act_dim",
                  "act_state_dim", "act_horizon", "act_embodiments", "act_positions"),
}
"""Fields each policy kind must state (the kinds' share of ``assemble.STATED_BY_KIND``)."""


@dataclass
class PolicyConfig(assemble.VLMConfig):
    """The fields below default to None: the kinds in ``POLICY_FIELDS`` that use them must state them."""
    act_horizon: int | None = None              # STATED: actions in one predicted chunk
    act_state_dim: int | None = None            # STATED: padded proprioceptive state width (RDT, SmolVLA, GR00T)
    act_mlp_width: int | None = None            # STATED: hidden width of the head's MLPs (Octo, GR00T)
    act_time_dim: int | None = None             # STATED: Octo's Fourier time-feature width
    act_blocks: int | None = None               # STATED: Octo's MLP-ResNet blocks
    act_max_horizon: int | None = None          # STATED: Octo's observation timesteps covered by position tables
    act_text_tokens: int | None = None          # STATED: text tokens covered by a learned position table
    act_image_tokens: int | None = None         # STATED: RDT's image-condition tokens (history x cameras x patches)
    act_text_adaptor_depth: int | None = None   # STATED: RDT's text adaptor (mlpNx_gelu)
    act_state_adaptor_depth: int | None = None  # STATED: RDT's state adaptor (mlpNx_gelu)
    act_embodiments: int | None = None          # STATED: GR00T's per-embodiment encoder and decoder copies
    act_positions: int | None = None            # STATED: GR00T's action position table rows
    act_self_attention_every: int | None = None  # STATED: SmolVLA: every n-th expert layer attends jointly
    vit_in_channels: int | None = None          # STATED: Octo: channels stacked into the stem (observation + goal)
    vit_wrist_image_size: int | None = None     # STATED: Octo's wrist camera side
    vit_stem_channels: tuple[int, ...] | None = None  # STATED: Octo's stem convolution widths

    def __post_init__(self):
        missing = [name for name in POLICY_FIELDS.get(self.act_kind, ()) if getattr(self, name) is None]
        if missing:
            raise ValueError(f"{self.name or type(self).__name__}: state {', '.join(missing)} (from the model's "
                             f"config or paper); act_kind {self.act_kind!r} needs them and they have no default")


def decoder_run(language_model, embeds: torch.Tensor, *, key_values: bool = False):
    """Run a ``DecoderLM``'s layers on embeddings; optionally collect each layer's keys and values (after RoPE)."""
    x, collected = embeds, []
    for layer in language_model.layers:
        if key_values:
            attn, h = layer.attn, layer.input_norm(x)
            k, v = attn._project(h, attn.to_k, attn.k_bias), attn._project(h, attn.to_v, attn.v_bias)
            if attn.rotary is not None:
                B, T, _ = k.shape
                k = attn.rotary(k.view(B, T, attn.kv_heads, attn.head_dim).transpose(1, 2)).transpose(1, 2)
                k = k.reshape(B, T, -1)
            collected.append((k, v))
        x = layer(x)
    return language_model.final_norm(x), collected


class T5Encoder(nn.Module):
    """Shared embedding, pre-norm blocks (RMSNorm, bias-free attention and feed-forward), one relative-position
    bias table for the stack, final RMSNorm."""

    def __init__(self, *, vocab_size: int, d_model: int, d_ff: int, heads: int, head_dim: int = 64, layers: int,
                 mlp: str = "relu", relative_buckets: int = 32, norm_eps: float = 1e-6):
        super().__init__()
        if mlp not in ("relu", "geglu"):
            raise ValueError(f"mlp must be 'relu' (T5 1.0) or 'geglu' (T5 1.1), not {mlp!r}")
        self.heads, self.buckets = heads, relative_buckets
        self.shared = nn.Embedding(vocab_size, d_model)
        self.relative_bias = nn.Embedding(relative_buckets, heads)
        self.blocks = nn.ModuleList(nn.ModuleDict({
            "self_norm": nn.RMSNorm(d_model, eps=norm_eps),
            "self_attn": Attention(dim=d_model, heads=heads, head_dim=head_dim, qkv_bias="none", out_bias=False),
            "ff_norm": nn.RMSNorm(d_model, eps=norm_eps),
            "ff": MLP(dim=d_model, hidden=d_ff, act="relu" if mlp == "relu" else "gelu_tanh", bias=False,
                      gated=(mlp == "geglu")),
        }) for _ in range(layers))
        self.final_norm = nn.RMSNorm(d_model, eps=norm_eps)

    def embed_tokens(self, input_ids: torch.Tensor) -> torch.Tensor:
        return self.shared(input_ids)

    def forward(self, input_ids: torch.Tensor) -> torch.Tensor:
        x = self.shared(input_ids)                                                      # [B,T,D]
        positions = torch.arange(x.shape[1], device=x.device)
        buckets = relative_bucket(positions[None, :] - positions[:, None], bidirectional=True, buckets=self.buckets)
        bias = self.relative_bias(buckets).permute(2, 0, 1).unsqueeze(0).to(x.dtype)  # [1,H,T,T]
        for block in self.blocks:
            x = x + block["self_attn"](block["self_norm"](x), mask=bias)
            x = x + block["ff"](block["ff_norm"](x))
        return self.final_norm(x)


def _t5_encoder(cfg) -> T5Encoder:
    return T5Encoder(vocab_size=cfg.lm_vocab_size, d_model=cfg.lm_hidden_size, d_ff=cfg.lm_intermediate_size,
                     heads=cfg.lm_heads, head_dim=cfg.lm_head_dim or 64, layers=cfg.lm_encoder_layers, mlp=cfg.lm_mlp)


def _mlp_adaptor(in_dim: int, out_dim: int, depth: int) -> nn.Sequential:
    """RDT's mlpNx_gelu adaptor: Linear, then (GELU(tanh), Linear) N-1 times (models/rdt_runner.py)."""
    modules = [nn.Linear(in_dim, out_dim)]
    for _ in range(depth - 1):
        modules += [nn.GELU(approximate="tanh"), nn.Linear(out_dim, out_dim)]
    return nn.Sequential(*modules)


# --- Octo -----------------------------------------------------------------------------------------------

class ConvStem(nn.Module):
    def __init__(self, *, in_channels: int, channels: tuple[int, ...], out_dim: int, patch_size: int):
        super().__init__()
        layers, previous = [], in_channels
        for width in channels:   # StdConv (weight standardisation has no parameters) + GroupNorm(32) + ReLU
            layers += [nn.Conv2d(previous, width, 3, stride=2, padding=1), nn.GroupNorm(32, width), nn.ReLU()]
            previous = width
        self.convs = nn.Sequential(*layers)
        stride = patch_size // 2 ** len(channels)
        self.embedding = nn.Conv2d(previous, out_dim, stride, stride=stride)

    def forward(self, pixels: torch.Tensor) -> torch.Tensor:
        return self.embedding(self.convs(pixels)).flatten(2).transpose(1, 2)           # [B,N,out_dim]


class OctoTokenInputs(nn.Module):
    """What puts tokens into the trunk: a dense map per token group to the trunk width (``{group}_projection``)
    and a learned position table per group (``{group}_pos_embedding``; observation tables cover ``steps``
    timesteps), plus the readout token's table (octo/model/octo_module.py)."""

    def __init__(self, *, width: int, text_dim: int, image_dim: int, text_tokens: int, steps: int,
                 image_tokens: dict[str, int]):
        super().__init__()
        self.linear = nn.ModuleDict({"task_language": nn.Linear(text_dim, width),
                                     **{name: nn.Linear(image_dim, width) for name in image_tokens}})
        self.positions = nn.ParameterDict({
            "task_language": nn.Parameter(torch.zeros(1, text_tokens, width)),
            **{name: nn.Parameter(torch.zeros(1, steps, n, width)) for name, n in image_tokens.items()},
            "readout_action": nn.Parameter(torch.zeros(1, steps, 1, width)),
        })

    def forward(self, name: str, tokens: torch.Tensor) -> torch.Tensor:
        """tokens [B,N,D_in] of one group at the first timestep -> [B,N,width] with positions added."""
        table = self.positions[name]
        position = table[:, :tokens.shape[1]] if table.dim() == 3 else table[:, 0]
        return self.linear[name](tokens) + position


class OctoPolicy(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        width, steps = cfg.act_width, cfg.act_max_horizon
        grid = lambda side: (side // cfg.vit_patch_size) ** 2  # noqa: E731  tokens per image
        stem = lambda: ConvStem(in_channels=cfg.vit_in_channels, channels=cfg.vit_stem_channels,  # noqa: E731
                                out_dim=cfg.vit_width, patch_size=cfg.vit_patch_size)
        self.image_sides = (cfg.vit_image_size, cfg.vit_wrist_image_size)
        self.text_tokens, self.horizon, self.action_dim = cfg.act_text_tokens, cfg.act_horizon, cfg.act_dim
        self.vision_encoder = nn.ModuleDict({"primary": stem(), "wrist": stem()})
        self.projector = OctoTokenInputs(width=width, text_dim=cfg.lm_hidden_size, image_dim=cfg.vit_width,
                                         text_tokens=cfg.act_text_tokens, steps=steps,
                                         image_tokens={"primary": grid(cfg.vit_image_size),
                                                       "wrist": grid(cfg.vit_wrist_image_size)})
        self.language_model = _t5_encoder(cfg)
        self.trunk = nn.ModuleDict({
            "blocks": nn.ModuleList(VisionBlock(width=width, heads=cfg.act_heads, mlp_width=cfg.act_intermediate_size,
                                                norm="layernorm", norm_eps=1e-6, act="gelu_tanh", qkv_bias="qkv",
                                                out_bias=True, mlp_bias=True, qk_norm=None, layer_scale=False)
                                    for _ in range(cfg.act_layers)),
            "encoder_norm": nn.LayerNorm(width, eps=1e-6),
        })
        self.action_expert = OctoDiffusionHead(embedding_dim=width, action_dim=cfg.act_dim, horizon=cfg.act_horizon,
                                               time_dim=cfg.act_time_dim, hidden=cfg.act_mlp_width,
                                               blocks=cfg.act_blocks)

    def _camera(self, name: str, pixels: torch.Tensor) -> torch.Tensor:
        goal = torch.zeros_like(pixels)   # no goal image: the task stack is zero-padded (tokenizers.py L121-129)
        features = self.vision_encoder[name](torch.cat([pixels, goal], dim=1))          # [B,N,vit_width]
        return self.projector(name, features)                                           # [B,N,W]

    def encode_images(self, pixels: torch.Tensor) -> torch.Tensor:
        return self._camera("primary", pixels)

    def forward(self, pixels: torch.Tensor, input_ids: torch.Tensor) -> torch.Tensor:
        """One timestep, the task's text tokens first; the block-causal attention masks change no shape and are
        left out."""
        B = pixels.shape[0]
        text = self.language_model(input_ids[:, :self.text_tokens])                    # truncated like the tokenizer
        text = self.projector("task_language", text)
        primary = self._camera("primary", F.interpolate(pixels, size=(self.image_sides[0],) * 2))
        wrist = self._camera("wrist", F.interpolate(pixels, size=(self.image_sides[1],) * 2))
        readout = self.projector.positions["readout_action"][:, 0].expand(B, -1, -1)
        x = torch.cat([text, primary, wrist, readout], dim=1)                          # one timestep
        for block in self.trunk["blocks"]:
            x = block(x)
        readout = self.trunk["encoder_norm"](x)[:, -1]                                 # [B,W]
        noisy = torch.randn(B, self.horizon * self.action_dim, dtype=x.dtype, device=x.device)
        time = torch.zeros(B, 1, dtype=x.dtype, device=x.device)
        return self.action_expert(readout, noisy, time).view(B, self.horizon, self.action_dim)


# --- RDT ------------------------------------------------------------------------------------------------

class RDTExpert(nn.Module):
    """The diffusion transformer with its text and state adaptors (the image adaptor is the projector)."""

    def __init__(self, cfg):
        super().__init__()
        self.lang_adaptor = _mlp_adaptor(cfg.lm_hidden_size, cfg.act_width, cfg.act_text_adaptor_depth)
        self.state_adaptor = _mlp_adaptor(2 * cfg.act_state_dim, cfg.act_width, cfg.act_state_adaptor_depth)
        self.model = RDTransformer(width=cfg.act_width, depth=cfg.act_layers, heads=cfg.act_heads,
                                   action_dim=cfg.act_dim, horizon=cfg.act_horizon, text_tokens=cfg.act_text_tokens,
                                   image_tokens=cfg.act_image_tokens)


class RDTPolicy(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.cfg = cfg
        self.vision_encoder = assemble._vision_encoder(cfg)
        self.projector = _mlp_adaptor(cfg.vit_width, cfg.act_width, cfg.mp_depth)      # img_adaptor
        self.language_model = _t5_encoder(cfg)
        self.action_expert = RDTExpert(cfg)

    def encode_images(self, pixels: torch.Tensor) -> torch.Tensor:
        return self.projector(self.vision_encoder(pixels))                              # [B,M,W]

    def forward(self, pixels: torch.Tensor, input_ids: torch.Tensor) -> torch.Tensor:
        cfg, expert, B = self.cfg, self.action_expert, pixels.shape[0]
        image = self.encode_images(pixels)                                              # one view
        if cfg.act_image_tokens % image.shape[1]:
            raise ValueError(f"{cfg.act_image_tokens} image-condition tokens are not whole images of {image.shape[1]}")
        image = image.repeat(1, cfg.act_image_tokens // image.shape[1], 1)             # history x cameras
        text = expert.lang_adaptor(self.language_model(input_ids[:, :cfg.act_text_tokens]))
        tokens = torch.randn(B, 1 + cfg.act_horizon, 2 * cfg.act_state_dim, dtype=image.dtype, device=image.device)
        steps = torch.zeros(B, device=image.device)   # state + noisy actions, each with its mask, one adaptor
        return expert.model(expert.state_adaptor(tokens), steps, steps, text, image)


# --- policies on a VLM ----------------------------------------------------------------------------------

class VisionLanguageActionModel(VisionLanguageModel):
    """A VLM as ``assemble`` builds it, with an action head that reads its hidden states or keys and values."""

    def __init__(self, cfg, vision_encoder, projector, language_model, action_expert, backbone_projection=None):
        super().__init__(vision_encoder, projector, language_model, action_expert)
        self.kind, self.horizon, self.action_dim, self.state_dim = cfg.act_kind, cfg.act_horizon, cfg.act_dim, \
            cfg.act_state_dim
        if backbone_projection is not None:
            self.backbone_projection = backbone_projection

    def forward(self, pixels: torch.Tensor, input_ids: torch.Tensor) -> torch.Tensor:
        visual = self.encode_images(pixels)                                             # [B,M,D]
        text = self.language_model.embed_tokens(input_ids).to(visual.dtype)            # [B,T,D]
        B, device, dtype = visual.shape[0], visual.device, visual.dtype
        noisy = torch.randn(B, self.horizon, self.action_dim, device=device, dtype=dtype)
        time = torch.zeros(B, device=device)
        if self.kind == "smolvla-expert":   # the state is one more prefix token of the VLM
            state = self.action_expert.state_proj(torch.randn(B, self.state_dim, device=device, dtype=dtype))
            _, key_values = decoder_run(self.language_model, torch.cat([visual, text, state[:, None]], dim=1),
                                        key_values=True)
            return self.action_expert(key_values, noisy, time)
        hidden, _ = decoder_run(self.language_model, torch.cat([visual, text], dim=1))  # [B,M+T,D]
        if self.kind == "cogact-dit":
            return self.action_expert(noisy, time, hidden[:, -1:])                     # the cognition feature
        state = torch.randn(B, 1, self.state_dim, device=device, dtype=dtype)
        return self.action_expert(self.backbone_projection(hidden), state, noisy, time)  # gr00t-dit


def _vla_head(cfg) -> tuple[nn.Module, nn.Module | None]:
    if cfg.act_kind == "cogact-dit":
        return CogACTDiT(width=cfg.act_width, depth=cfg.act_layers, heads=cfg.act_heads,
                         condition_dim=cfg.lm_hidden_size, action_dim=cfg.act_dim, horizon=cfg.act_horizon), None
    if cfg.act_kind == "smolvla-expert":
        head_dim = cfg.lm_head_dim or cfg.lm_hidden_size // cfg.lm_heads
        return InterleavedActionExpert(
            width=cfg.act_width, layers=cfg.act_layers, vlm_layers=cfg.lm_layers, heads=cfg.act_heads,
            kv_heads=cfg.act_kv_heads, head_dim=cfg.act_head_dim, intermediate_size=cfg.act_intermediate_size,
            vlm_width=cfg.lm_hidden_size, vlm_kv_dim=(cfg.lm_kv_heads or cfg.lm_heads) * head_dim,
            self_attention_every=cfg.act_self_attention_every, action_dim=cfg.act_dim, state_dim=cfg.act_state_dim,
            norm_eps=cfg.lm_norm_eps), None
    if cfg.act_kind == "gr00t-dit":
        head = GR00TActionHead(width=cfg.act_width, depth=cfg.act_layers, heads=cfg.act_heads,
                               head_dim=cfg.act_head_dim, hidden=cfg.act_mlp_width, output_dim=cfg.act_mlp_width,
                               action_dim=cfg.act_dim, state_dim=cfg.act_state_dim, embodiments=cfg.act_embodiments,
                               positions=cfg.act_positions)
        return head, nn.Linear(cfg.lm_hidden_size, cfg.act_width)   # EagleBackbone.linear (projector_dim -> 1536)
    raise ValueError(f"{cfg.name}: unknown act_kind {cfg.act_kind!r}; policies build {sorted(POLICY_FIELDS)}")


def build_policy(cfg) -> nn.Module:
    if cfg.act_kind not in POLICY_FIELDS:
        raise ValueError(f"{cfg.name}: unknown act_kind {cfg.act_kind!r}; policies build {sorted(POLICY_FIELDS)}")
    if cfg.act_kind == "octo-diffusion":
        return OctoPolicy(cfg)
    if cfg.act_kind == "rdt":
        return RDTPolicy(cfg)
    head, backbone_projection = _vla_head(cfg)
    return VisionLanguageActionModel(cfg, assemble._vision_encoder(cfg), assemble._projector(cfg),
                                     assemble._language_model(cfg), head, backbone_projection)
