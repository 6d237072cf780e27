"""A fixed word list per task: token ids are positions in the list, so ids never depend on data."""

from __future__ import annotations


class Vocabulary:
    """Maps the words of one miniature's tiny language to ids and back.

    >>> v = Vocabulary(["<pad>", "red"]); v["red"], v.words[1], len(v)
    (1, 'red', 2)
    """

    def __init__(self, words: list[str]) -> None:
        if len(set(words)) != len(words):
            duplicated = sorted({w for w in words if words.count(w) > 1})
            raise ValueError(f"vocabulary has duplicated words: {duplicated}")
        self.words = list(words)
        self._ids = {word: index for index, word in enumerate(self.words)}

    def __getitem__(self, word: str) -> int:
        try:
            return self._ids[word]
        except KeyError:
            raise KeyError(f"{word!r} is not in this vocabulary of {len(self)} words") from None

    def ids(self, words: list[str]) -> list[int]:
        return [self[word] for word in words]

    def __len__(self) -> int:
        return len(self.words)
