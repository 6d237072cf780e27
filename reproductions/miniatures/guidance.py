"""Miniature 4 - text-to-vision: a tiny conditional image generator; conditioning works, and
classifier-free guidance raises fidelity (Ho & Salimans, arXiv 2207.12598; autoregressive
image-token generators such as LlamaGen, arXiv 2406.06525, sample with it).

The generator is the shared decoder LM over image tokens: an 8x8 binary digit image is cut into
16 patches of 2x2 pixels, each patch one of 16 codes (a lossless codebook standing in for a VQ
tokenizer); the sequence is [class or <null>] followed by the 16 codes, trained by next-token
prediction with the class replaced by <null> for a fraction of examples (so one model is both
conditional and unconditional). Samples are drawn token by token by inverse-CDF sampling with
uniform numbers from one seeded generator shared by all arms (common random numbers). Fidelity is judged by a separate classifier trained
on real images: a sample succeeds when the judge reads the class that was asked for.
Arms: "unconditional" (<null>, judged against the asked class: chance), "conditional" (guidance
scale 1) and "guided" (scale `guidance`, logits u + s (c - u)). The fraction of distinct samples
is recorded too, since guidance is known to trade diversity for fidelity.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import torch
import torch.nn.functional as F
from torch import nn

from .data_labelled import LabelledImageSpec, sample_labelled_images
from .harness import TEST_SEED, Comparison, Preregistration, pilot_power
from .models import seeded, tiny_language_model
from .training import loss_curve, train


@dataclass(frozen=True)
class GuidanceConfig:
    images: LabelledImageSpec = field(default_factory=LabelledImageSpec)
    lm_width: int = 32
    lm_layers: int = 2
    lm_heads: int = 2
    batch: int = 64
    steps: int = 20  # cpu-tiny: smoke-test sized
    lr: float = 3e-3
    label_dropout: float = 0.2
    guidance: float = 3.0
    judge_steps: int = 10
    samples: int = 60  # generated images per arm
    seeds: tuple[int, ...] = (0, 1, 2, 3, 4)
    conditioning_margin: float = 0.2
    guidance_margin: float = 0.02


CONFIGS = {
    "cpu-tiny": GuidanceConfig(),
    # cpu-pilot: one seed, 15 CPU s: unconditional 0.076, conditional 0.680, guided 0.834 (judge 0.918)
    "cpu-pilot": GuidanceConfig(steps=800, judge_steps=200, samples=500),
    # cpu-evidence: the pilot's model trained a little longer, judged on twice the samples. Twelve seeds,
    # not six: the guidance gain varied between the pilot seeds (+0.040, +0.126), and a seed costs
    # only 19 CPU s (power check below).
    "cpu-evidence": GuidanceConfig(steps=1000, judge_steps=200, samples=1000, seeds=tuple(range(12))),
    "gpu": GuidanceConfig(
        lm_width=64, lm_layers=2, lm_heads=4, batch=512, steps=1500, lr=2e-3,
        judge_steps=400, samples=2000, seeds=tuple(range(6)),
    ),
}


# The cpu-evidence config on harness.PILOT_SEEDS (100, 101), measured before the evidence run:
CPU_SECONDS_PER_SEED = 20  # time.process_time of one seed, one thread (18.9 and 19.4 s)
PILOT_DIFFERENCES = {"conditioning-works": [0.669, 0.669], "guidance-raises-fidelity": [0.040, 0.126]}


def preregister(config: GuidanceConfig) -> Preregistration:
    comparisons = (
        Comparison("conditioning-works", "samples conditioned on a class are judged that class more often than unconditional ones",
                   "conditional", "unconditional", config.conditioning_margin,
                   if_refuted="the generator ignored its class label: conditioning itself failed at this scale, so "
                              "the guidance comparison says nothing about classifier-free guidance"),
        Comparison("guidance-raises-fidelity", f"guidance at scale {config.guidance} raises fidelity over scale 1",
                   "guided", "conditional", config.guidance_margin,
                   if_refuted=f"guidance at scale {config.guidance} did not raise fidelity over plain conditional "
                              "sampling: the gain classifier-free guidance is used for did not appear in this generator"),
    )
    return Preregistration(
        miniature="guidance",
        source_claim="classifier-free guidance (arXiv 2207.12598) as used by autoregressive text-to-image models",
        metric="fidelity: fraction of generated images a real-image classifier assigns to the requested class",
        arms=("unconditional", "conditional", "guided"),
        comparisons=comparisons,
        seeds=config.seeds,
        budget={"steps": config.steps, "batch": config.batch, "samples_per_arm": config.samples,
                "judge_steps": config.judge_steps, "label_dropout": config.label_dropout},
        power_check=pilot_power(config, CONFIGS, comparisons, PILOT_DIFFERENCES, config.samples),
    )


CODES = 16  # 2x2 binary patches


def to_codes(images: torch.Tensor) -> torch.Tensor:
    """[B, 1, H, W] binary -> [B, (H/2)*(W/2)] codes: top-left*8 + top-right*4 + bottom-left*2 + bottom-right."""
    patches = F.unfold(images.float(), kernel_size=2, stride=2)  # [B, 4, L], order (0,0),(0,1),(1,0),(1,1)
    weights = torch.tensor([8.0, 4.0, 2.0, 1.0], device=images.device).view(1, 4, 1)
    return (patches * weights).sum(1).round().long()


def to_images(codes: torch.Tensor, canvas: int) -> torch.Tensor:
    bits = torch.stack([(codes >> shift) & 1 for shift in (3, 2, 1, 0)], dim=1).float()  # [B, 4, L]
    return F.fold(bits, output_size=canvas, kernel_size=2, stride=2)  # [B, 1, canvas, canvas]


class PixelGenerator(nn.Module):
    """Token ids: 0..15 image codes, 16..16+C-1 classes, 16+C <null>."""

    def __init__(self, language_model: nn.Module, classes: int):
        super().__init__()
        self.language_model, self.null = language_model, CODES + classes

    def next_code_logits(self, condition: torch.Tensor, codes: torch.Tensor) -> torch.Tensor:
        tokens = torch.cat([condition[:, None], codes], dim=1)
        return self.language_model(self.language_model.embed_tokens(tokens))[..., :CODES]  # [B, 1+T, 16]

    def forward(self, batch: dict) -> torch.Tensor:
        logits = self.next_code_logits(batch["condition"], batch["codes"][:, :-1])
        return F.cross_entropy(logits.flatten(0, 1), batch["codes"].flatten())

    @torch.no_grad()
    def sample(self, labels: torch.Tensor, scale: float | None, uniforms: torch.Tensor) -> torch.Tensor:
        """scale None: unconditional; otherwise logits u + scale * (c - u) (scale 1 = plain conditional)."""
        batch, length = uniforms.shape
        codes = torch.zeros(batch, 0, dtype=torch.long, device=labels.device)
        null = torch.full_like(labels, self.null)
        for position in range(length):
            if scale is None:
                logits = self.next_code_logits(null, codes)[:, -1]
            elif scale == 1.0:
                logits = self.next_code_logits(CODES + labels, codes)[:, -1]
            else:
                both = self.next_code_logits(torch.cat([CODES + labels, null]), torch.cat([codes, codes]))[:, -1]
                conditional, unconditional = both.chunk(2)
                logits = unconditional + scale * (conditional - unconditional)
            cumulative = logits.float().softmax(-1).cumsum(-1)
            code = (cumulative < uniforms[:, position : position + 1]).sum(-1).clamp(max=CODES - 1)
            codes = torch.cat([codes, code[:, None]], dim=1)
        return codes


class Judge(nn.Module):
    """The fidelity judge: a small convolutional classifier trained on real images (convolutions
    and a global max-pool make it indifferent to where the digit sits, so it learns quickly)."""

    def __init__(self, classes: int, channels: int = 32):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(1, channels, 3, padding=1), nn.GELU(), nn.Conv2d(channels, channels, 3, padding=1), nn.GELU()
        )
        self.head = nn.Linear(channels, classes)

    def scores(self, images: torch.Tensor) -> torch.Tensor:
        return self.head(self.features(images.float()).amax(dim=(2, 3)))

    def forward(self, batch: dict) -> torch.Tensor:
        return F.cross_entropy(self.scores(batch["images"]), batch["labels"])

    @torch.no_grad()
    def classify(self, images: torch.Tensor) -> torch.Tensor:
        return self.scores(images).argmax(-1)


def run_seed(config: GuidanceConfig, seed: int, device: str) -> dict:
    spec = config.images
    judge_generator = torch.Generator().manual_seed(10_000 + seed)
    torch.manual_seed(seed + 1)
    judge = Judge(spec.classes).to(device)  # PyTorch's default init: the 0.02-normal init stalls a conv net
    train(judge, lambda _: sample_labelled_images(spec, config.batch, judge_generator), steps=config.judge_steps, lr=3e-3, device=device)
    real = sample_labelled_images(spec, 1000, torch.Generator().manual_seed(TEST_SEED))
    judge_accuracy = (judge.classify(real["images"].to(device)).cpu() == real["labels"]).float().mean().item()

    generator = torch.Generator().manual_seed(seed)

    def batches(step: int) -> dict:
        drawn = sample_labelled_images(spec, config.batch, generator)
        dropped = torch.rand(config.batch, generator=generator) < config.label_dropout
        return {"codes": to_codes(drawn["images"]), "condition": torch.where(dropped, CODES + spec.classes, CODES + drawn["labels"])}

    language_model = seeded(seed, lambda: tiny_language_model(vocab_size=CODES + spec.classes + 1, width=config.lm_width,
                                                              layers=config.lm_layers, heads=config.lm_heads))
    model = PixelGenerator(language_model, spec.classes).to(device)
    losses = train(model, batches, steps=config.steps, lr=config.lr, device=device)

    sampling = torch.Generator().manual_seed(TEST_SEED + 1)
    labels = torch.arange(config.samples) % spec.classes
    uniforms = torch.rand(config.samples, (spec.canvas // 2) ** 2, generator=sampling)
    arms = {}
    for arm, scale in (("unconditional", None), ("conditional", 1.0), ("guided", config.guidance)):
        codes = model.sample(labels.to(device), scale, uniforms.to(device))
        judged = judge.classify(to_images(codes, spec.canvas)).cpu()
        arms[arm] = {
            "successes": int((judged == labels).sum().item()),
            "trials": config.samples,
            "distinct_fraction": torch.unique(codes.cpu(), dim=0).shape[0] / config.samples,
        }
    return {"arms": arms, "notes": {"judge_accuracy_on_real_images": judge_accuracy, "loss_curve": loss_curve(losses)}}
