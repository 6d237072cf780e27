"""Convolutional image tokenizers of the unified models: VQGAN-style encoder, quantizer and decoder.

API (keyword-only constructors):
    ImageTokenizer(*, channels, multipliers, encoder_blocks, decoder_blocks, encoder_attention=(),
        decoder_attention=(), z_channels, embed_dim, codebook_size, quantizer="vq", quant_conv="1x1",
        spatial_norm=False, temporal_factor=0, decoder_multipliers=None)
        encode(pixels [B,3,H,W]) -> codes [B,h,w] (long), h = H / 2**(levels - 1)
        decode(codes [B,h,w]) -> pixels [B,3,H,W]
    downsampling(multipliers) -> int: the spatial factor, 2 ** (len(multipliers) - 1)

One module covers the four tokenizers reproduced here, which differ in exactly these places (each changes
the count):
- LlamaGen's VQ-16 (Janus, deepseek-ai/Janus janus/models/vq_model.py): 2 residual blocks per encoder level,
  ``num_res_blocks + 1`` per decoder level, attention blocks in the coarsest level of both, 1x1
  ``quant_conv`` / ``post_quant_conv`` between ``z_channels`` and an 8-wide L2-normalised codebook.
- taming-transformers' VQGAN (Chameleon, facebookresearch/chameleon chameleon/inference/vqgan.py): the same
  layout with attention only at listed resolutions (none in Chameleon's config) and a 256-wide codebook.
- MAGVIT-v2 as Show-o builds it (showlab/Show-o models/modeling_magvitv2.py): per-level block counts and
  channel multipliers that differ between encoder and decoder (``decoder_multipliers``), a lookup-free
  quantizer (``quantizer="lfq"``: 2**z_channels codes,
  no codebook parameters) and z-to-z 1x1 convolutions inside the encoder and the decoder (``quant_conv="z-1x1"``).
- Emu3's MoVQGAN-style video tokenizer (baaivision/Emu3 emu3/tokenizer/modeling_emu3visionvq.py): spatially
  normalised decoder blocks conditioned on the quantised codes (``spatial_norm``), causal 3-D convolutions
  that fold ``temporal_factor`` repeated frames into one (``quant_conv="causal-3d"``), temporal residual blocks
  with BatchNorm3d.
Every block keeps the parameter layout of its reference: GroupNorm(32) + 3x3 convolutions, a 1x1 shortcut
where the width changes, q/k/v/proj 1x1 convolutions in the attention blocks, a stride-2 3x3 convolution to
downsample and nearest-neighbour upsampling followed by a 3x3 convolution.
"""
from __future__ import annotations

import math

import torch
import torch.nn.functional as F
from torch import nn


def downsampling(multipliers) -> int:
    return 2 ** (len(multipliers) - 1)


def _group_norm(channels: int) -> nn.GroupNorm:
    """GroupNorm(32) as every reference builds it; below 32 channels (narrow configs only) one group per channel."""
    return nn.GroupNorm(num_groups=min(32, channels), num_channels=channels, eps=1e-6, affine=True)


class SpatialNorm(nn.Module):
    """MoVQ's norm: GroupNorm, then a scale and a shift read from the quantised codes by 1x1 convolutions."""

    def __init__(self, channels: int, code_channels: int):
        super().__init__()
        self.norm = _group_norm(channels)
        self.conv_y = nn.Conv2d(code_channels, channels, 1)
        self.conv_b = nn.Conv2d(code_channels, channels, 1)

    def forward(self, x: torch.Tensor, codes: torch.Tensor) -> torch.Tensor:
        codes = F.interpolate(codes, size=x.shape[-2:], mode="nearest")
        return self.norm(x) * self.conv_y(codes) + self.conv_b(codes)


class _Norm(nn.Module):
    """GroupNorm, or SpatialNorm when the block is conditioned on the codes (MoVQ decoder)."""

    def __init__(self, channels: int, code_channels: int | None):
        super().__init__()
        self.inner = SpatialNorm(channels, code_channels) if code_channels else _group_norm(channels)
        self.spatial = bool(code_channels)

    def forward(self, x, codes=None):
        return self.inner(x, codes) if self.spatial else self.inner(x)


class ResBlock(nn.Module):
    def __init__(self, in_channels: int, out_channels: int, *, code_channels: int | None = None):
        super().__init__()
        self.norm1 = _Norm(in_channels, code_channels)
        self.conv1 = nn.Conv2d(in_channels, out_channels, 3, padding=1)
        self.norm2 = _Norm(out_channels, code_channels)
        self.conv2 = nn.Conv2d(out_channels, out_channels, 3, padding=1)
        self.shortcut = nn.Conv2d(in_channels, out_channels, 1) if in_channels != out_channels else None

    def forward(self, x, codes=None):
        h = self.conv1(F.silu(self.norm1(x, codes)))
        h = self.conv2(F.silu(self.norm2(h, codes)))
        return (self.shortcut(x) if self.shortcut is not None else x) + h


class AttnBlock(nn.Module):
    """Single-head attention over all positions with 1x1-convolution projections (taming-transformers)."""

    def __init__(self, channels: int, *, code_channels: int | None = None):
        super().__init__()
        self.norm = _Norm(channels, code_channels)
        self.q, self.k, self.v, self.proj_out = (nn.Conv2d(channels, channels, 1) for _ in range(4))

    def forward(self, x, codes=None):
        B, C, H, W = x.shape
        h = self.norm(x, codes)
        q, k, v = (conv(h).flatten(2).transpose(1, 2) for conv in (self.q, self.k, self.v))   # [B,HW,C]
        # queries in chunks: the same result, without an HW x HW matrix per image (8100^2 for Emu3 at 720 px)
        out = torch.cat([F.scaled_dot_product_attention(q[:, i:i + 1024], k, v) for i in range(0, q.shape[1], 1024)],
                        dim=1)
        out = out.transpose(1, 2).reshape(B, C, H, W)
        return x + self.proj_out(out)


class Downsample(nn.Module):
    def __init__(self, channels: int):
        super().__init__()
        self.conv = nn.Conv2d(channels, channels, 3, stride=2)

    def forward(self, x):
        return self.conv(F.pad(x, (0, 1, 0, 1)))                              # [B,C,H/2,W/2]


class Upsample(nn.Module):
    def __init__(self, channels: int):
        super().__init__()
        self.conv = nn.Conv2d(channels, channels, 3, padding=1)

    def forward(self, x):
        return self.conv(F.interpolate(x, scale_factor=2.0, mode="nearest"))


class CausalConv3d(nn.Module):
    """Emu3's causal 3-D convolution: two frames of zero padding in front, symmetric padding in space."""

    def __init__(self, in_channels: int, out_channels: int, kernel: tuple[int, int, int], stride=(1, 1, 1)):
        super().__init__()
        pad = []
        for k, s in zip(reversed(kernel[1:]), reversed(stride[1:])):
            p = k - s
            pad += [p // 2 + p % 2, p // 2]
        self.padding = tuple(pad) + (2, 0)
        self.conv = nn.Conv3d(in_channels, out_channels, kernel, stride=stride)

    def forward(self, x):                                                      # [B,C,T,H,W]
        return self.conv(F.pad(x, self.padding))


class TemporalResBlock(nn.Module):
    def __init__(self, channels: int):
        super().__init__()
        self.norm1, self.norm2 = nn.BatchNorm3d(channels), nn.BatchNorm3d(channels)
        self.conv1 = CausalConv3d(channels, channels, (3, 3, 3))
        self.conv2 = CausalConv3d(channels, channels, (3, 3, 3))

    def forward(self, x):
        h = self.conv1(F.silu(self.norm1(x)))
        return x + self.conv2(F.silu(self.norm2(h)))


def _per_level(blocks, levels: int) -> tuple[int, ...]:
    blocks = (blocks,) * levels if isinstance(blocks, int) else tuple(blocks)
    if len(blocks) != levels:
        raise ValueError(f"{len(blocks)} block counts for {levels} levels")
    return blocks


class Encoder(nn.Module):
    def __init__(self, *, channels, multipliers, blocks, attention, z_channels):
        super().__init__()
        levels = len(multipliers)
        blocks = _per_level(blocks, levels)
        self.conv_in = nn.Conv2d(3, channels, 3, padding=1)
        self.down = nn.ModuleList()
        width = channels
        for level, multiplier in enumerate(multipliers):
            stage = nn.Module()
            stage.blocks = nn.ModuleList()
            stage.attn = nn.ModuleList()
            for _ in range(blocks[level]):
                stage.blocks.append(ResBlock(width, channels * multiplier))
                width = channels * multiplier
                if level in attention:
                    stage.attn.append(AttnBlock(width))
            stage.downsample = Downsample(width) if level != levels - 1 else None
            self.down.append(stage)
        self.mid = nn.ModuleList([ResBlock(width, width), AttnBlock(width), ResBlock(width, width)])
        self.norm_out = _group_norm(width)
        self.conv_out = nn.Conv2d(width, z_channels, 3, padding=1)

    def forward(self, x):
        h = self.conv_in(x)
        for stage in self.down:
            for i, block in enumerate(stage.blocks):
                h = block(h)
                if len(stage.attn):
                    h = stage.attn[i](h)
            if stage.downsample is not None:
                h = stage.downsample(h)
        for block in self.mid:
            h = block(h)
        return self.conv_out(F.silu(self.norm_out(h)))                         # [B,z,h,w]


class Decoder(nn.Module):
    """``blocks[level]`` residual blocks per level, listed finest level first as the references index them."""

    def __init__(self, *, channels, multipliers, blocks, attention, z_channels, code_channels=None):
        super().__init__()
        levels = len(multipliers)
        blocks = _per_level(blocks, levels)
        width = channels * multipliers[-1]
        self.conv_in = nn.Conv2d(z_channels, width, 3, padding=1)
        self.mid = nn.ModuleList([ResBlock(width, width, code_channels=code_channels),
                                  AttnBlock(width, code_channels=code_channels),
                                  ResBlock(width, width, code_channels=code_channels)])
        self.up = nn.ModuleList()
        for level in reversed(range(levels)):
            stage = nn.Module()
            stage.blocks = nn.ModuleList()
            stage.attn = nn.ModuleList()
            for _ in range(blocks[level]):
                stage.blocks.append(ResBlock(width, channels * multipliers[level], code_channels=code_channels))
                width = channels * multipliers[level]
                if level in attention:
                    stage.attn.append(AttnBlock(width, code_channels=code_channels))
            stage.upsample = Upsample(width) if level != 0 else None
            self.up.append(stage)                                               # coarsest first
        self.norm_out = _Norm(width, code_channels)
        self.conv_out = nn.Conv2d(width, 3, 3, padding=1)

    def forward(self, z, codes=None):
        h = self.conv_in(z)
        for block in self.mid:
            h = block(h, codes)
        for stage in self.up:
            for i, block in enumerate(stage.blocks):
                h = block(h, codes)
                if len(stage.attn):
                    h = stage.attn[i](h, codes)
            if stage.upsample is not None:
                h = stage.upsample(h)
        return self.conv_out(F.silu(self.norm_out(h, codes)))


class ImageTokenizer(nn.Module):
    def __init__(self, *, channels: int, multipliers: tuple[int, ...], encoder_blocks, decoder_blocks,
                 encoder_attention: tuple[int, ...] = (), decoder_attention: tuple[int, ...] = (),
                 z_channels: int, embed_dim: int, codebook_size: int, quantizer: str = "vq",
                 quant_conv: str = "1x1", spatial_norm: bool = False, temporal_factor: int = 0,
                 decoder_multipliers: tuple[int, ...] | None = None):
        super().__init__()
        if quantizer not in ("vq", "lfq"):
            raise ValueError(f"quantizer must be 'vq' or 'lfq', not {quantizer!r}")
        if quant_conv not in ("1x1", "z-1x1", "causal-3d"):
            raise ValueError(f"quant_conv must be '1x1', 'z-1x1' or 'causal-3d', not {quant_conv!r}")
        if quantizer == "lfq" and (codebook_size != 2 ** embed_dim or z_channels != embed_dim):
            raise ValueError(f"a lookup-free quantizer over the {z_channels} latent channels has 2**{z_channels} "
                             f"codes of {z_channels} bits; got codebook {codebook_size}, code width {embed_dim}")
        decoder_multipliers = tuple(decoder_multipliers or multipliers)
        if len(decoder_multipliers) != len(multipliers):
            raise ValueError("the decoder must have as many levels as the encoder")
        self.quantizer_kind, self.quant_conv_kind = quantizer, quant_conv
        self.temporal_factor, self.codebook_size, self.embed_dim = temporal_factor, codebook_size, embed_dim
        self.encoder = Encoder(channels=channels, multipliers=multipliers, blocks=encoder_blocks,
                               attention=encoder_attention, z_channels=z_channels)
        self.decoder = Decoder(channels=channels, multipliers=decoder_multipliers, blocks=decoder_blocks,
                               attention=decoder_attention, z_channels=z_channels,
                               code_channels=embed_dim if spatial_norm else None)
        # a lookup-free quantizer's codes are the sign patterns of the latent: no table to learn
        self.codebook = nn.Embedding(codebook_size, embed_dim) if quantizer == "vq" else None
        if quant_conv == "1x1":
            self.quant_conv = nn.Conv2d(z_channels, embed_dim, 1)
            self.post_quant_conv = nn.Conv2d(embed_dim, z_channels, 1)
        elif quant_conv == "z-1x1":
            self.quant_conv = nn.Conv2d(z_channels, z_channels, 1)
            self.post_quant_conv = nn.Conv2d(z_channels, z_channels, 1)
        else:
            self.quant_conv = CausalConv3d(z_channels, embed_dim, (3, 1, 1))
            self.post_quant_conv = CausalConv3d(embed_dim, z_channels, (3, 1, 1))
        if temporal_factor:
            steps = int(math.log2(temporal_factor))
            self.encoder_time = nn.ModuleList(CausalConv3d(z_channels, z_channels, (4, 3, 3), stride=(2, 1, 1))
                                              for _ in range(steps))
            stack = _blocks(encoder_blocks)                                     # num_res_blocks temporal blocks each way
            self.encoder_time_blocks = nn.Sequential(*(TemporalResBlock(z_channels) for _ in range(stack)))
            self.decoder_time_blocks = nn.Sequential(*(TemporalResBlock(z_channels) for _ in range(stack)))
            self.decoder_time = nn.ModuleList(CausalConv3d(z_channels, z_channels, (3, 3, 3)) for _ in range(steps))

    def _latent(self, pixels: torch.Tensor) -> torch.Tensor:
        if not self.temporal_factor:
            z = self.encoder(pixels)                                           # [B,z,h,w]
            return self.quant_conv(z)
        B = pixels.shape[0]
        frames = pixels.unsqueeze(1).expand(-1, self.temporal_factor, -1, -1, -1).flatten(0, 1)  # one image, repeated
        z = self.encoder(frames)
        z = z.view(B, self.temporal_factor, *z.shape[1:]).transpose(1, 2)      # [B,z,T,h,w]
        for conv in self.encoder_time:
            z = F.silu(conv(z))                                                # T halves each step
        z = self.quant_conv(self.encoder_time_blocks(z))                       # [B,e,1,h,w]
        return z[:, :, -1]

    def encode(self, pixels: torch.Tensor) -> torch.Tensor:
        z = self._latent(pixels)                                               # [B,e,h,w]
        if self.codebook is None:                                              # sign bits -> integer code
            bits = (z > 0).long()
            powers = 2 ** torch.arange(z.shape[1] - 1, -1, -1, device=z.device)
            return (bits * powers.view(1, -1, 1, 1)).sum(1)                    # [B,h,w]
        flat = z.permute(0, 2, 3, 1)                                           # [B,h,w,e]
        nearest = torch.cdist(flat.flatten(1, 2).float(), self.codebook.weight.float().unsqueeze(0)).argmin(-1)
        return nearest.view(flat.shape[:3])                                    # [B,h,w]

    def decode(self, codes: torch.Tensor) -> torch.Tensor:
        if self.codebook is None:
            shifts = torch.arange(self.embed_dim - 1, -1, -1, device=codes.device).view(1, -1, 1, 1)
            bits = (codes.unsqueeze(1) >> shifts) & 1
            quant = bits.float() * 2 - 1                                       # [B,e,h,w]
        else:
            quant = self.codebook(codes).permute(0, 3, 1, 2)                   # [B,e,h,w]
        if self.temporal_factor:
            z = self.post_quant_conv(quant.unsqueeze(2))                       # [B,z,1,h,w]
            z = self.decoder_time_blocks(z)
            for conv in self.decoder_time:
                z = F.silu(conv(F.interpolate(z, scale_factor=(2, 1, 1), mode="nearest")))
            return self.decoder(z[:, :, -1], quant)
        z = self.post_quant_conv(quant)
        return self.decoder(z, quant if isinstance(self.decoder.norm_out.inner, SpatialNorm) else None)


def _blocks(blocks) -> int:
    """Emu3's temporal stacks hold ``num_res_blocks`` blocks (one number for every level)."""
    if isinstance(blocks, int):
        return blocks
    if len(set(blocks)) != 1:
        raise ValueError("temporal residual stacks need one block count for every level")
    return blocks[0]
