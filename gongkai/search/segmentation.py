"""Chinese word segmentation for the index and for queries (pure: no database, no settings).

rjieba's `Jieba.add_word` loads the shipped domain dictionary, so 政务公开, 依申请公开 … are
single words in both modes. The index gets positioned tokens in layers (see README.md):
every word is split into its finest dictionary pieces, one position per piece; the word
itself and its other dictionary sub-words sit at the position where they start. So 医疗 finds
医疗机构, 公开 finds 政务公开, and a phrase such as 政务公开 工作 still matches inside
基层政务公开工作 because query phrases carry the same piece offsets.
"""

import functools
import re
import unicodedata
from pathlib import Path
from typing import NamedTuple

import rjieba

DICTIONARY_PATH = Path(__file__).resolve().parent / "data" / "domain_words.txt"
MAX_TOKEN_CHARS = 60  # longer "words" (URLs, base64 runs) are noise in an index
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]")
_ALNUM_RUN = re.compile(r"[^\W_]+")
_HAS_ALNUM = re.compile(r"[^\W_]")


class PositionedToken(NamedTuple):
    """One index token: its text, its position, and where it came from in the normalised text."""

    text: str
    position: int
    start: int
    end: int


def load_domain_words(path: Path = DICTIONARY_PATH) -> list[str]:
    """The words of a dictionary file: one per line, blank lines and # comments skipped."""
    words = []
    for line in path.read_text(encoding="utf-8").splitlines():
        word = normalize(line.split("#", 1)[0].strip())
        if word:
            words.append(word)
    return words


@functools.cache
def _segmenter() -> rjieba.Jieba:
    # Two threads racing here each build an identical instance (~0.05 s); one is kept.
    jieba = rjieba.Jieba()
    for word in load_domain_words():
        # suggest_freq returns the frequency that makes the word win against its parts.
        jieba.add_word(word, jieba.suggest_freq(word), None)
    return jieba


def normalize(text: str) -> str:
    """NFKC (full-width letters, digits and spaces to half-width) and lower case."""
    return unicodedata.normalize("NFKC", text).lower()


def is_word(token: str) -> bool:
    """Whether a segmenter token is a word (has a letter or digit), not space or punctuation."""
    return token.isalnum() or _HAS_ALNUM.search(token) is not None


def _split_text(text: str) -> list[tuple[str, int]]:
    """Words of normalised text in normal mode, with their start offsets; punctuation dropped."""
    words = []
    offset = 0
    for piece in _segmenter().cut(text):
        if is_word(piece) and len(piece) <= MAX_TOKEN_CHARS:
            words.append((piece, offset))
        offset += len(piece)
    return words


def _is_dictionary_word(candidate: str) -> bool:
    return _segmenter().has_word(candidate)


@functools.lru_cache(maxsize=200_000)
def word_pieces(word: str) -> tuple[str, ...]:
    """The finest dictionary pieces of one word: 双随机一公开 → 双, 随机, 一, 公开.

    A word of Han characters is split into the fewest dictionary words (single characters
    where nothing else fits), excluding itself, then each piece again until no piece splits.
    Two-character words are atomic. Latin/digit words split at punctuation: xx-2018-00012 →
    xx, 2018, 00012.
    """
    if not _HAN.search(word):
        runs = _ALNUM_RUN.findall(word)
        return tuple(runs) if len(runs) > 1 else (word,)
    if len(word) <= 2:
        return (word,)
    split = _fewest_pieces(word)
    if len(split) == 1:
        return split
    return tuple(piece for part in split for piece in word_pieces(part))


def _fewest_pieces(word: str) -> tuple[str, ...]:
    """Split into the fewest dictionary words (or single characters), never the word itself."""
    size = len(word)
    # best[i] = (piece count, pieces) for word[i:]; ties keep the longer first piece.
    best: list[tuple[int, tuple[str, ...]]] = [(0, ())] * (size + 1)
    for start in range(size - 1, -1, -1):
        choice: tuple[int, tuple[str, ...]] | None = None
        for end in range(size, start, -1):
            piece = word[start:end]
            if piece == word:
                continue
            if end - start > 1 and not _is_dictionary_word(piece):
                continue
            count = best[end][0] + 1
            if choice is None or count < choice[0]:
                choice = (count, (piece, *best[end][1]))
        best[start] = choice if choice is not None else (1, (word[start:],))
    return best[0][1]


@functools.lru_cache(maxsize=200_000)
def _word_layers(word: str) -> tuple[tuple[str, int, int, int], ...]:
    """Index tokens of one word as (text, relative position, start, end) within the word."""
    pieces = word_pieces(word)
    tokens: list[tuple[str, int, int, int]] = []
    piece_starting_at: dict[int, int] = {}  # character offset → index of the piece there
    offset = 0
    for index, piece in enumerate(pieces):
        tokens.append((piece, index, offset, offset + len(piece)))
        piece_starting_at[offset] = index
        offset += len(piece)
    if len(pieces) > 1 and _HAN.search(word):
        seen = set(pieces)
        # Only sub-words that start where a piece starts: 政务公开工作要点 holds 政务公开 but
        # not 开工, which straddles 公开|工作.
        for start, index in piece_starting_at.items():
            for end in range(start + 2, len(word) + 1):
                sub = word[start:end]
                if sub == word or sub in seen or not _is_dictionary_word(sub):
                    continue
                seen.add(sub)
                tokens.append((sub, index, start, end))
    if len(pieces) > 1:
        tokens.append((word, 0, 0, len(word)))
    return tuple(tokens)


def index_positions(text: str) -> list[PositionedToken]:
    """Positioned index tokens of a text: pieces, dictionary sub-words and whole words."""
    normalized = normalize(text)
    tokens: list[PositionedToken] = []
    position = 0
    for word, start in _split_text(normalized):
        for token, relative, token_start, token_end in _word_layers(word):
            tokens.append(
                PositionedToken(token, position + relative, start + token_start, start + token_end)
            )
        position += len(word_pieces(word))
    return tokens


def index_tokens(text: str) -> list[str]:
    """Search-mode tokens: every word with its parts (医疗机构 → 医疗, 机构, 医疗机构)."""
    return [token.text for token in index_positions(text)]


def query_tokens(text: str) -> list[str]:
    """Normal-mode tokens: dictionary words kept whole (政务公开 stays one token)."""
    return [word for word, _start in _split_text(normalize(text))]


def query_phrase(tokens: list[str]) -> list[tuple[int, str]]:
    """Tokens with their piece offsets, to match the positions `index_positions` gives."""
    phrase = []
    offset = 0
    for token in tokens:
        phrase.append((offset, token))
        offset += len(word_pieces(token))
    return phrase


def query_pieces(tokens: list[str]) -> list[tuple[int, str]]:
    """The finest pieces of query tokens with their offsets (政务公开 → (0, 政务), (1, 公开))."""
    return [
        (offset, piece)
        for offset, piece in enumerate(piece for token in tokens for piece in word_pieces(token))
    ]


# 文号 (津滨卫函〔2018〕489号) and 索引号 (000014349/2018-00012): typed with any bracket style.
_BRACKETS = str.maketrans(
    {
        "〔": "[",
        "〕": "]",
        "【": "[",
        "】": "]",
        "(": "[",
        ")": "]",
        "{": "[",
        "}": "]",
        "〖": "[",
        "〗": "]",
        "﹝": "[",
        "﹞": "]",
        "［": "[",
        "］": "]",
        "（": "[",
        "）": "]",
    }
)
_DOCUMENT_NUMBER = re.compile(r"^[^\[\]]{1,40}\[(?:19|20)\d{2}\]第?\d{1,6}号$")
_INDEX_NUMBER = re.compile(r"^[0-9a-z]{2,}(?:[-/.][0-9a-z]+)*[-/](?:19|20)\d{2}[-/]\d{3,}$")


def normalize_number(text: str) -> str:
    """The comparable form of a 文号 or 索引号: NFKC, no spaces, [] brackets, no 第, lower case."""
    value = re.sub(r"\s+", "", normalize(text)).translate(_BRACKETS)
    return re.sub(r"\]第(?=\d)", "]", value)


def looks_like_number(text: str) -> bool:
    """Whether a query is a 文号 (…〔2018〕489号) or an 索引号 (code/2018-00012)."""
    value = normalize_number(text)
    return bool(_DOCUMENT_NUMBER.match(value) or _INDEX_NUMBER.match(value))
