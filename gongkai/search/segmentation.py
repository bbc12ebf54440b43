"""Chinese word segmentation for the index and for queries (pure: no database, no settings).

rjieba's `Jieba.add_word` loads the shipped domain dictionary, so 政务公开, 依申请公开 … are
single words in both modes. The index gets positioned tokens in layers (see README.md):
every word is split into its finest dictionary pieces, one position per piece; the word
itself and its other dictionary sub-words sit at the position where they start. So 医疗 finds
医疗机构, 公开 finds 政务公开, and a phrase such as 政务公开 工作 still matches inside
基层政务公开工作 because query phrases carry the same piece offsets.

Two more kinds of index terms exist only to make queries cheap (a term, not a phrase):

* joins: a dictionary word written across word boundaries or dropped punctuation, found as
  2–4 consecutive pieces, at its first piece's position (“三公”经费 → 三公经费 at 三公's);
* pairs: every token with every token that starts right where it ends (`政务公开 工作` in
  基层政务公开工作), without positions, so a word of two tokens is one term.
"""

import bisect
import functools
import itertools
import re
import unicodedata
from pathlib import Path
from typing import NamedTuple

import rjieba

DICTIONARY_PATH = Path(__file__).resolve().parent / "data" / "domain_words.txt"
MAX_TOKEN_CHARS = 60  # longer "words" (URLs, base64 runs) are noise in an index
# A dictionary word of up to this many pieces is also indexed where its pieces are written
# apart, so a query looks it up as one term. Longer words (卫生和计划生育委员会: 6 pieces)
# are rare in queries and keep the phrase of their pieces. Changing this needs a rebuild.
MAX_JOIN_PIECES = 4
PAIR_SEPARATOR = "\x1f"  # never inside a token: the segmenter keeps control characters apart
SEGMENT, JOIN = "segment", "join"
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]")
# The characters the segmenter's full mode (cut_all) finds words in: a word with any other
# character is never joined.
_JOINABLE = re.compile(r"[\u4e00-\u9fd5]+")
_ALNUM_RUN = re.compile(r"[^\W_]+")
_HAS_ALNUM = re.compile(r"[^\W_]")


class PositionedToken(NamedTuple):
    """One index token: its text, its position, where it came from in the normalised text, and
    its layer: SEGMENT (pieces, sub-words, words) or JOIN."""

    text: str
    position: int
    start: int
    end: int
    kind: str = SEGMENT


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


# One index token as a plain tuple (a NamedTuple per token would slow a rebuild down):
# text, position, start offset, end offset, layer (SEGMENT or JOIN).
IndexToken = tuple[str, int, int, int, str]


class IndexTerms(NamedTuple):
    """What one text adds to a field: positioned tokens, and pair terms (no positions)."""

    tokens: list[IndexToken]
    pairs: list[str]


class WordLayers(NamedTuple):
    """A word's index tokens and how they chain, computed once per distinct word."""

    pieces: tuple[str, ...]
    tokens: tuple[tuple[str, int, int, int], ...]  # text, relative position, start, end
    starting_at: tuple[tuple[str, ...], ...]  # per piece: the tokens that start with it
    ending_at: tuple[tuple[str, ...], ...]  # per piece: the tokens that end with it
    pairs: tuple[str, ...]  # each token with each token right after it, inside the word


def _piece_offsets(word: str, pieces: tuple[str, ...]) -> list[tuple[int, int]]:
    """Where each piece starts and ends in its word (Latin/digit pieces skip the '-' or '/')."""
    if len(pieces) > 1 and not _HAN.search(word):
        return [match.span() for match in _ALNUM_RUN.finditer(word)]
    offsets = []
    offset = 0
    for piece in pieces:
        offsets.append((offset, offset + len(piece)))
        offset += len(piece)
    return offsets


@functools.lru_cache(maxsize=200_000)
def _word_layers(word: str) -> WordLayers:
    """A word's index tokens (its pieces first, in order; then its dictionary sub-words that
    start on a piece; then the word itself) and the pairs they form inside the word."""
    pieces = word_pieces(word)
    offsets = _piece_offsets(word, pieces)
    tokens = [(piece, index, *offsets[index]) for index, piece in enumerate(pieces)]
    piece_starting_at = {start: index for index, (start, _end) in enumerate(offsets)}
    piece_ending_at = {end: index for index, (_start, end) in enumerate(offsets)}
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
    starting: list[list[str]] = [[] for _ in pieces]
    ending: list[list[str]] = [[] for _ in pieces]
    for text, index, _start, end in tokens:
        starting[index].append(text)
        if end in piece_ending_at:  # a sub-word may end inside a piece: nothing follows it
            ending[piece_ending_at[end]].append(text)
    pairs = tuple(
        first + PAIR_SEPARATOR + second
        for index in range(len(pieces) - 1)
        for first in ending[index]
        for second in starting[index + 1]
    )
    return WordLayers(
        pieces, tuple(tokens), tuple(map(tuple, starting)), tuple(map(tuple, ending)), pairs
    )


@functools.lru_cache(maxsize=200_000)
def _join_pieces(word: str) -> tuple[str, ...] | None:
    """The pieces of a word the index joins (`is_indexed_whole` and more than one piece)."""
    pieces = word_pieces(word)
    if 2 <= len(pieces) <= MAX_JOIN_PIECES and is_indexed_whole(word):
        return pieces
    return None


def index_terms(text: str) -> IndexTerms:
    """A text's positioned tokens (pieces, dictionary sub-words, whole words, words joined
    across boundaries) and its pair terms (each token with each token right after it)."""
    tokens: list[IndexToken] = []
    pairs: list[str] = []
    # Per word: its layers, the position of its first piece, its offset in the normalised
    # text, and the index in `tokens` just after its tokens (plain tuples: a NamedTuple per
    # word costs a rebuild ~5 %).
    words: list[tuple[WordLayers, int, int, int]] = []
    pieces: list[str] = []  # every piece, at its position
    position = 0
    ends: tuple[str, ...] = ()  # the tokens that end with the previous word
    for word, start in _split_text(normalize(text)):
        layers = _word_layers(word)
        if len(layers.pieces) == 1:  # most words: the word is its only token
            tokens.append((word, position, start, start + len(word), SEGMENT))
            if len(ends) == 1:
                pairs.append(ends[0] + PAIR_SEPARATOR + word)
            else:
                pairs += [first + PAIR_SEPARATOR + word for first in ends]
            pieces.append(word)
            position += 1
        else:
            tokens += [
                (token, position + relative, start + token_start, start + token_end, SEGMENT)
                for token, relative, token_start, token_end in layers.tokens
            ]
            pairs += layers.pairs
            pairs += [
                first + PAIR_SEPARATOR + second
                for first in ends
                for second in layers.starting_at[0]
            ]
            pieces += layers.pieces
            position += len(layers.pieces)
        ends = layers.ending_at[-1]
        words.append((layers, position - len(layers.pieces), start, len(tokens)))
    if len(words) > 1:
        _add_joins(words, pieces, tokens, pairs)
    return IndexTerms(tokens, pairs)


def _add_joins(
    words: list[tuple[WordLayers, int, int, int]],
    pieces: list[str],
    tokens: list[IndexToken],
    pairs: list[str],
) -> None:
    """Dictionary words made of 2 to MAX_JOIN_PIECES consecutive pieces across word boundaries
    (and the punctuation dropped between them), at their first piece's position: 三公经费 in
    “三公”经费; and their pairs with the tokens around them.

    Only where those pieces are the word's own (`word_pieces`): exactly where the phrase of its
    pieces matches. Runs inside one word are already its sub-words. The segmenter's full mode
    over the pieces written together lists every dictionary word in them in one call (checking
    each run of pieces in Python instead took about twice as long).
    """
    stream = "".join(pieces)
    offsets = itertools.accumulate(map(len, pieces), initial=0)
    position_at = dict(zip(offsets, itertools.count()))  # stream offset → piece position
    word_starts = [position for _layers, position, _start, _end in words]
    joins: list[tuple[str, int, int]] = []  # text, first position, last position
    # Two characters are one piece: only longer words can be joins.
    for word in {word for word in _segmenter().cut_all(stream) if len(word) > 2}:
        if (own := _join_pieces(word)) is None:
            continue
        found = stream.find(word)
        while found != -1:
            first = position_at.get(found)
            after = position_at.get(found + len(word))
            if (
                first is not None
                and after is not None
                and bisect.bisect_right(word_starts, first) < len(word_starts)
                and word_starts[bisect.bisect_right(word_starts, first)] < after
                and tuple(pieces[first:after]) == own
            ):
                joins.append((word, first, after - 1))
            found = stream.find(word, found + 1)
    if not joins:
        return

    def locate(position: int) -> tuple[int, int]:
        """The word holding a piece position, and the piece's index in that word."""
        index = bisect.bisect_right(word_starts, position) - 1
        return index, position - word_starts[index]

    joins_ending_at: dict[int, list[str]] = {}
    for text, _first, last in joins:
        joins_ending_at.setdefault(last, []).append(text)
    placed: dict[int, list[IndexToken]] = {}  # word index → joins starting in that word
    for text, first, last in joins:
        first_word, first_index = locate(first)
        last_word, last_index = locate(last)
        layers, _position, start, _end = words[first_word]
        begin = start + layers.tokens[first_index][2]
        layers, _position, start, _end = words[last_word]
        end = start + layers.tokens[last_index][3]
        placed.setdefault(first_word, []).append((text, first, begin, end, JOIN))
        if first > 0:
            before_word, before_index = locate(first - 1)
            before = words[before_word][0].ending_at[before_index]
            before += tuple(joins_ending_at.get(first - 1, ()))
            pairs += [token + PAIR_SEPARATOR + text for token in before]
        if last + 1 < len(pieces):
            after_word, after_index = locate(last + 1)
            after = words[after_word][0].starting_at[after_index]
            pairs += [text + PAIR_SEPARATOR + token for token in after]
    # A join goes right after the tokens of the word it starts in: Tantivy stores a term's
    # positions as increasing deltas, so it must come before any later position of its text
    # (the tokens are otherwise left in order: pieces, sub-words, word, word by word).
    ordered: list[IndexToken] = []
    taken = 0
    for word_index in sorted(placed):
        tokens_end = words[word_index][3]
        ordered += tokens[taken:tokens_end]
        ordered += placed[word_index]
        taken = tokens_end
    ordered += tokens[taken:]
    tokens[:] = ordered


def index_positions(text: str) -> list[PositionedToken]:
    """The positioned index tokens of a text (`index_terms`) as named tuples."""
    return [PositionedToken(*token) for token in index_terms(text).tokens]


def index_tokens(text: str) -> list[str]:
    """Search-mode tokens: every word with its parts (医疗机构 → 医疗, 机构, 医疗机构) and the
    words joined across boundaries."""
    return [token[0] for token in index_terms(text).tokens]


def index_pairs(text: str) -> list[str]:
    """The pair terms of a text, written with a space for reading (政务公开 工作)."""
    return [pair.replace(PAIR_SEPARATOR, " ") for pair in index_terms(text).pairs]


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


def is_indexed_whole(token: str) -> bool:
    """Whether the index holds this query token wherever its finest pieces are written in a
    row: a single piece, or a dictionary word of Han characters of at most MAX_JOIN_PIECES
    pieces (see `_add_joins`)."""
    pieces = word_pieces(token)
    return len(pieces) == 1 or (
        len(pieces) <= MAX_JOIN_PIECES
        and _JOINABLE.fullmatch(token) is not None
        and _is_dictionary_word(token)
    )


def query_pairs(tokens: list[str]) -> list[str]:
    """The pair terms of consecutive query tokens (政务公开, 工作 → `政务公开 工作`)."""
    return [first + PAIR_SEPARATOR + second for first, second in itertools.pairwise(tokens)]


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


def warm_up() -> None:
    """Load the segmenter and its dictionary now (a worker process, before its first task)."""
    _segmenter()
