"""Qwen2.5-VL's native-resolution vision encoder: window attention ViT and its 2x2 patch merger.

API (keyword-only constructors):
    WindowAttentionViT(*, patch_size, temporal_patch_size, width, depth, heads, mlp_width, window, merge,
        full_attention_layers, norm_eps=1e-6)
        forward(pixels [B,C,H,W]) -> patch features [B,(H/p)*(W/p),width], in merge-group order
        (the 2x2 patches that the merger fuses are consecutive, as Qwen2.5-VL orders them).
    PatchMerger(*, width, out_dim, merge=2, norm_eps=1e-6)
        forward(features [B,N,width]) -> visual tokens [B,N/merge**2,out_dim]: RMSNorm, then an MLP
        over each merge x merge group of patches (Qwen2_5_VLPatchMerger: ln_q, Linear, GELU, Linear).

What counts: a bias-free Conv3d patch embedding over ``temporal_patch_size`` frames (a still image is
repeated), RMSNorm blocks with a fused q/k/v bias, a biased output projection and a biased SwiGLU MLP.
Positions are 2-D rotary (no parameters). Attention runs inside windows of ``window`` x ``window``
patches except in ``full_attention_layers``; windows change which patches attend to which, never how
many parameters there are, so the count does not depend on the window size.
"""
from __future__ import annotations

import torch
from torch import nn

from .layers import MLP, Attention, make_norm


class WindowBlock(nn.Module):
    def __init__(self, *, width, heads, mlp_width, norm_eps):
        super().__init__()
        self.norm1 = make_norm("rmsnorm", width, eps=norm_eps)
        self.attn = Attention(dim=width, heads=heads, qkv_bias="qkv", out_bias=True)
        self.norm2 = make_norm("rmsnorm", width, eps=norm_eps)
        self.mlp = MLP(dim=width, hidden=mlp_width, act="silu", bias=True, gated=True)

    def forward(self, x, mask):
        x = x + self.attn(self.norm1(x), mask=mask)
        return x + self.mlp(self.norm2(x))


class WindowAttentionViT(nn.Module):
    def __init__(self, *, patch_size: int, temporal_patch_size: int, width: int, depth: int, heads: int,
                 mlp_width: int, window: int, merge: int, full_attention_layers: tuple[int, ...],
                 channels: int = 3, norm_eps: float = 1e-6):
        super().__init__()
        if window % merge:
            raise ValueError(f"window {window} patches is not a multiple of the merge size {merge}")
        self.patch_size, self.temporal_patch_size, self.width = patch_size, temporal_patch_size, width
        self.window, self.merge, self.full_attention_layers = window, merge, frozenset(full_attention_layers)
        kernel = (temporal_patch_size, patch_size, patch_size)
        self.patch_embed = nn.Conv3d(channels, width, kernel_size=kernel, stride=kernel, bias=False)
        self.blocks = nn.ModuleList(WindowBlock(width=width, heads=heads, mlp_width=mlp_width, norm_eps=norm_eps)
                                    for _ in range(depth))

    def _window_mask(self, rows: int, cols: int, device) -> torch.Tensor:
        """[N,N] bool, True where two patches (in merge-group order) share a window."""
        m = self.merge
        r = torch.arange(rows, device=device).view(rows // m, m, 1, 1).expand(-1, -1, cols // m, m)
        c = torch.arange(cols, device=device).view(1, 1, cols // m, m).expand(rows // m, m, -1, -1)
        order = lambda t: t.permute(0, 2, 1, 3).reshape(-1)  # noqa: E731  (merge-group order)
        window_id = order(r) // self.window * cols + order(c) // self.window
        return window_id[:, None] == window_id[None, :]

    def forward(self, pixels: torch.Tensor) -> torch.Tensor:
        B, _, H, W = pixels.shape
        p, m = self.patch_size, self.merge
        if H % (p * m) or W % (p * m):
            raise ValueError(f"image {H}x{W} is not a multiple of {p * m} px; resize it as the processor does")
        frames = pixels.unsqueeze(2).expand(-1, -1, self.temporal_patch_size, -1, -1)   # [B,C,T,H,W]
        x = self.patch_embed(frames).flatten(2).transpose(1, 2)                         # [B,h*w,D] row order
        rows, cols = H // p, W // p
        x = x.view(B, rows // m, m, cols // m, m, -1).permute(0, 1, 3, 2, 4, 5).reshape(B, rows * cols, -1)
        window_mask = self._window_mask(rows, cols, x.device)
        for index, block in enumerate(self.blocks):
            x = block(x, None if index in self.full_attention_layers else window_mask)
        return x                                                                          # [B,N,D]


class PatchMerger(nn.Module):
    def __init__(self, *, width: int, out_dim: int, merge: int = 2, norm_eps: float = 1e-6):
        super().__init__()
        self.group = merge * merge
        self.norm = make_norm("rmsnorm", width, eps=norm_eps)
        hidden = width * self.group
        self.mlp = nn.Sequential(nn.Linear(hidden, hidden), nn.GELU(), nn.Linear(hidden, out_dim))

    def forward(self, features: torch.Tensor) -> torch.Tensor:
        B, N, D = features.shape
        grouped = self.norm(features).reshape(B, N // self.group, self.group * D)       # [B,N/4,4D]
        return self.mlp(grouped)                                                          # [B,N/4,out]
