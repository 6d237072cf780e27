"""Discrete action tokens: how many vocabulary slots a binning tokenizer really uses, and how many distinct
actions its ids decode to. Torch only; re-implemented from reading the tokenizer's code.

API:
    uniform_bin_tokens(*, base_vocabulary, bins, low=-1.0, high=1.0) -> dict
        OpenVLA's ActionTokenizer (openvla/openvla prismatic/vla/action_tokenizer.py): ``bins`` edges from
        np.linspace(low, high, bins) (L31), token id = vocab_size - np.digitize(action, edges) (L41-45), and
        decoding through the bin centres with the index clipped to the last centre (L65-66). Every action
        in [low, high] is pushed through: the edges themselves and the centres between them reach every bin.
        Returns {"action_bins": distinct ids emitted that lie in the last ``bins`` slots of the base
        vocabulary, "action_levels": distinct continuous values those ids decode to,
        "lowest_action_token": smallest id, "highest_action_token": largest id}.
"""
from __future__ import annotations

import torch


def uniform_bin_tokens(*, base_vocabulary: int, bins: int, low: float = -1.0, high: float = 1.0) -> dict[str, int]:
    edges = torch.linspace(low, high, bins, dtype=torch.float64)                        # np.linspace(min, max, n_bins)
    centres = (edges[:-1] + edges[1:]) / 2                                               # bins - 1 centres
    actions = torch.cat([edges, centres]).sort().values                                 # every bin reached
    digitized = torch.bucketize(actions, edges, right=True)                             # np.digitize semantics: 1..bins
    ids = base_vocabulary - digitized                                                    # token ids
    index = torch.clamp(base_vocabulary - ids - 1, 0, centres.numel() - 1)              # decode_token_ids_to_actions
    last_slots = (ids >= base_vocabulary - bins) & (ids < base_vocabulary)
    return {
        "action_bins": int(torch.unique(ids[last_slots]).numel()),
        "action_levels": int(torch.unique(centres[index]).numel()),
        "lowest_action_token": int(ids.min()),
        "highest_action_token": int(ids.max()),
    }
