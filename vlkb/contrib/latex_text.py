"""Decode the LaTeX found in real .bib fields to plain UTF-8, and split BibTeX author lists.

`latex_to_text` handles accents `{\\"o}`, `\\'{e}`, escaped specials `\\%` `\\}` `\\&`,
`\\textbraceleft{}`, dashes, grouping braces and math dollars; it is the inverse of
`vlkb.outputs.bibtex_out.escape_latex`. It never runs LaTeX: an unknown macro keeps its name as text and is
reported, so a hostile entry cannot do more than produce odd text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

_ACCENTS = {
    "'": "\u0301", "`": "\u0300", "^": "\u0302", '"': "\u0308", "~": "\u0303", "=": "\u0304", ".": "\u0307",
    "u": "\u0306", "v": "\u030c", "H": "\u030b", "c": "\u0327", "k": "\u0328", "r": "\u030a", "d": "\u0323",
    "b": "\u0331", "t": "\u0361",
}
_SYMBOLS = {
    "ss": "ß", "o": "ø", "O": "Ø", "ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ", "aa": "å", "AA": "Å",
    "l": "ł", "L": "Ł", "i": "ı", "j": "ȷ", "S": "§", "P": "¶", "dag": "†", "ddag": "‡", "copyright": "©",
    "pounds": "£", "ldots": "…", "dots": "…", "textellipsis": "…", "textendash": "–", "textemdash": "—",
    "textbackslash": "\\", "textbraceleft": "{", "textbraceright": "}", "textasciitilde": "~",
    "textasciicircum": "^", "textunderscore": "_", "textdollar": "$", "textpercent": "%", "textbar": "|",
    "textless": "<", "textgreater": ">", "textquotedbl": '"', "textquoteleft": "‘", "textquoteright": "’",
    "textquotedblleft": "“", "textquotedblright": "”", "textregistered": "®", "texttrademark": "™",
    "textdegree": "°", "times": "×", "pm": "±", "cdot": "·", "rightarrow": "→", "leftarrow": "←",
    "to": "→", "infty": "∞", "approx": "≈", "leq": "≤", "geq": "≥", "neq": "≠", "LaTeX": "LaTeX", "TeX": "TeX",
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "varepsilon": "ε", "zeta": "ζ",
    "eta": "η", "theta": "θ", "iota": "ι", "kappa": "κ", "lambda": "λ", "mu": "μ", "nu": "ν", "xi": "ξ",
    "pi": "π", "rho": "ρ", "sigma": "σ", "tau": "τ", "upsilon": "υ", "phi": "φ", "varphi": "φ", "chi": "χ",
    "psi": "ψ", "omega": "ω", "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π",
    "Sigma": "Σ", "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω",
}
_TEXT_COMMANDS = {"emph", "textit", "textbf", "textsc", "texttt", "textrm", "textsf", "textup", "textmd", "textsl",
                  "mathrm", "mathbf", "mathit", "mathsf", "mathtt", "mathcal", "mathbb", "text", "mbox", "hbox",
                  "textnormal", "textsuperscript", "textsubscript", "ensuremath", "boldsymbol", "bm", "NoCaseChange",
                  "MakeUppercase", "MakeLowercase", "url", "href"}
_SPACES = {"quad": " ", "qquad": " ", ",": " ", ";": " ", ":": " ", "!": "", " ": " ", "\\": " ", "/": "",
           "-": "", "@": "", "newline": " ", "linebreak": " ", "relax": "", "protect": "", "xspace": ""}
_ESCAPED = set("&%$#_{}")
MAX_NESTING = 100
"""Deepest nesting of braces and macro arguments decoded: real titles nest a few levels; a hostile field with
a thousand braces would otherwise end in RecursionError."""


class LatexError(ValueError):
    """Text that is not balanced LaTeX (a stray closing brace), or nested past MAX_NESTING."""


@dataclass
class _Decoder:
    text: str
    unknown: list[str] = field(default_factory=list)
    pos: int = 0
    depth: int = 0

    def run(self) -> str:
        out = self.group(top=True)
        return _tidy(out)

    def group(self, top: bool = False) -> str:
        self._enter()
        try:
            return self._group(top)
        finally:
            self.depth -= 1

    def _enter(self) -> None:
        self.depth += 1
        if self.depth > MAX_NESTING:
            raise LatexError(f"braces or macro arguments nested deeper than {MAX_NESTING} levels "
                             f"(at character {self.pos + 1})")

    def _group(self, top: bool) -> str:
        out: list[str] = []
        while self.pos < len(self.text):
            ch = self.text[self.pos]
            if ch == "}":
                if top:
                    raise LatexError(f"unbalanced closing brace at character {self.pos + 1}")
                self.pos += 1
                return "".join(out)
            self.pos += 1
            if ch == "{":
                out.append(self.group())
            elif ch == "\\":
                out.append(self.command())
            elif ch == "$":
                continue  # math shift: keep the content, decode its macros
            elif ch == "~":
                out.append(" ")
            elif ch == "-" and self.text.startswith("-", self.pos):
                dashes = 3 if self.text.startswith("--", self.pos) else 2
                self.pos += dashes - 1
                out.append("—" if dashes == 3 else "–")
            elif ch in "`'" and self.text.startswith(ch, self.pos):
                self.pos += 1
                out.append("“" if ch == "`" else "”")
            else:
                out.append(ch)
        if not top:
            raise LatexError("a brace is opened and never closed")
        return "".join(out)

    def argument(self) -> str:
        """The next argument of a macro: a {group}, a macro, or one character."""
        self._enter()
        try:
            return self._argument()
        finally:
            self.depth -= 1

    def _argument(self) -> str:
        while self.pos < len(self.text) and self.text[self.pos] == " ":
            self.pos += 1
        if self.pos >= len(self.text):
            return ""
        ch = self.text[self.pos]
        self.pos += 1
        if ch == "{":
            return self.group()
        if ch == "\\":
            return self.command()
        return ch

    def command(self) -> str:
        if self.pos >= len(self.text):
            return "\\"
        ch = self.text[self.pos]
        if not ch.isalpha():
            self.pos += 1
            if ch in _ESCAPED:
                return ch
            if ch in _ACCENTS:
                return _accent(self.argument(), ch)
            if ch in _SPACES:
                return _SPACES[ch]
            self.unknown.append("\\" + ch)
            return ch
        match = re.match(r"[A-Za-z]+", self.text[self.pos:])
        name = match.group(0)  # type: ignore[union-attr]
        self.pos += len(name)
        while self.pos < len(self.text) and self.text[self.pos] in " \t\n":
            self.pos += 1  # TeX swallows spaces after a control word
        if name in _ACCENTS:
            return _accent(self.argument(), name)
        if name in _SYMBOLS:
            if self.text.startswith("{}", self.pos):
                self.pos += 2
            return _SYMBOLS[name]
        if name in _TEXT_COMMANDS:
            if name == "href":
                self.argument()  # the link target is not title text
            return self.argument()
        if name in _SPACES:
            return _SPACES[name]
        self.unknown.append("\\" + name)
        return name


def _accent(base: str, accent: str) -> str:
    if not base:
        return ""
    return unicodedata.normalize("NFC", base[0] + _ACCENTS[accent] + base[1:])


def _tidy(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()  # no global NFC: it would rewrite characters the source chose


def latex_to_text(value: str) -> str:
    """Plain UTF-8 text of a BibTeX field value; raises LatexError for unbalanced braces."""
    return _Decoder(value).run()


def latex_to_text_reporting(value: str) -> tuple[str, list[str]]:
    """The decoded text and the unknown macros it met (kept as their names)."""
    decoder = _Decoder(value)
    return decoder.run(), sorted(set(decoder.unknown))


def split_names(value: str) -> list[str]:
    """BibTeX `author` -> names as "First Last", splitting on ' and ' outside braces."""
    parts, depth, start, index = [], 0, 0, 0
    while index < len(value):
        ch = value[index]
        depth += ch == "{"
        depth -= ch == "}"
        if depth == 0 and re.match(r"\s+and\s+", value[index:], re.IGNORECASE) and value[index].isspace():
            parts.append(value[start:index])
            index += len(re.match(r"\s+and\s+", value[index:], re.IGNORECASE).group(0))  # type: ignore[union-attr]
            start = index
            continue
        index += 1
    parts.append(value[start:])
    names = []
    for part in parts:
        pieces = _split_top_level_commas(part.strip())
        if len(pieces) == 2:
            last, first = pieces
            name = f"{first} {last}"
        elif len(pieces) == 3:
            last, jr, first = pieces
            name = f"{first} {last} {jr}"
        else:
            name = part
        text = latex_to_text(name)
        if text and text.lower() != "others":
            names.append(text)
    return names


def _split_top_level_commas(text: str) -> list[str]:
    pieces, depth, current = [], 0, ""
    for ch in text:
        depth += ch == "{"
        depth -= ch == "}"
        if ch == "," and depth == 0:
            pieces.append(current.strip())
            current = ""
        else:
            current += ch
    pieces.append(current.strip())
    return [p for p in pieces if p] if len(pieces) > 1 else [text]


# ---------------------------------------------------------------- importing
