"""Raw scans for `verify_clean`: look for withheld strings in bytes whatever their encoding
(UTF-8, UTF-16 either way round, GB18030, Latin-1), in PDF string tokens (literal and hex,
also concatenated, as a TJ array splits a number), and in every stream of a PDF's bytes
— also the old revisions an incremental update leaves behind, which no reader shows."""

import io
import re
import zipfile
import zlib

from gongkai.privacy.redaction import found_indexes

LITERAL = re.compile(rb"\((?:\\.|[^\\()])*\)", re.DOTALL)
HEX = re.compile(rb"(?<!<)<([0-9A-Fa-f\s]+)>")
STREAM = re.compile(rb"stream\r?\n(.*?)endstream", re.DOTALL)
ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}
# Streams that hold no document text: pixels (burnt out by the redaction itself) and font
# programs (glyph shapes and names; several megabytes for a CJK font).
NOT_TEXT = re.compile(rb"/Subtype\s*/(?:Image|Type1C|CIDFontType0C|OpenType)\b|/Length[123]\b")
MAX_INFLATED = 64 * 1024 * 1024  # a stream that inflates past this is not read further


def decodings(blob: bytes) -> list[str]:
    """The ways a blob may spell text."""
    texts = [blob.decode("utf-8", "ignore"), blob.decode("latin-1")]
    for encoding in ("utf-16-be", "utf-16-le"):
        texts += [blob.decode(encoding, "ignore"), blob[1:].decode(encoding, "ignore")]
    texts.append(blob.decode("gb18030", "ignore"))
    return texts


def find_in_text_blob(blob: bytes, patterns) -> set[int]:
    hits: set[int] = set()
    for text in decodings(blob):
        hits |= found_indexes(text, patterns)
    return hits


def _unescape_literal(token: bytes) -> bytes:
    body, out, i = token[1:-1], bytearray(), 0
    while i < len(body):
        byte = body[i : i + 1]
        if byte != b"\\":
            out += byte
            i += 1
            continue
        following = body[i + 1 : i + 2]
        octal = re.match(rb"[0-7]{1,3}", body[i + 1 : i + 4])
        if octal:
            out.append(int(octal.group(), 8) & 0xFF)
            i += 1 + len(octal.group())
        else:
            out += ESCAPES.get(following, following if following not in b"\r\n" else b"")
            i += 2
    return bytes(out)


def pdf_strings(blob: bytes) -> list[bytes]:
    """The decoded bytes of every literal and hex string token in a piece of PDF syntax."""
    tokens = []
    for match in re.finditer(LITERAL.pattern + b"|" + HEX.pattern, blob, re.DOTALL):
        if match.group(0).startswith(b"("):
            tokens.append(_unescape_literal(match.group(0)))
        else:
            digits = re.sub(rb"\s", b"", match.group(1))
            tokens.append(bytes.fromhex((digits + b"0" * (len(digits) % 2)).decode()))
    return tokens


def find_in_pdf_syntax(blob: bytes, patterns) -> set[int]:
    """Matches in the raw bytes, in each string token, and in the tokens run together."""
    # Run together, the tokens are read at both byte alignments (see `decodings`), so a
    # token on its own needs no second reading.
    tokens = pdf_strings(blob)
    return find_in_text_blob(blob, patterns) | find_in_text_blob(b"".join(tokens), patterns)


def _inflate(data: bytes) -> bytes | None:
    try:
        inflater = zlib.decompressobj()
        out = inflater.decompress(data.strip(b"\r\n"), MAX_INFLATED)
    except zlib.error:
        return None
    return out


def find_in_pdf_bytes(data: bytes, patterns) -> set[int]:
    """Every stream in the file's bytes inflated, whether the current revision uses it or
    not, and the bytes between them."""
    hits = find_in_pdf_syntax(STREAM.sub(b"stream endstream", data), patterns)
    for match in STREAM.finditer(data):
        head = data[max(0, match.start() - 400) : match.start()]
        if NOT_TEXT.search(head[head.rfind(b"obj") :]):
            continue
        inflated = _inflate(match.group(1))
        hits |= find_in_pdf_syntax(inflated if inflated is not None else match.group(1), patterns)
    return hits


def find_in_pdf_object(doc, xref: int, patterns) -> set[int]:
    """One object of the current revision as PyMuPDF reads it (all filters decoded)."""
    source = doc.xref_object(xref, compressed=False).encode("latin-1", "replace")
    hits = find_in_pdf_syntax(source, patterns)
    if doc.xref_is_stream(xref) and not NOT_TEXT.search(source):
        try:
            stream = doc.xref_stream(xref)
        except Exception:  # an undecodable filter: read the stream raw instead
            stream = doc.xref_stream_raw(xref)
        hits |= find_in_pdf_syntax(stream or b"", patterns)
    return hits


def find_in_blob(blob: bytes, patterns) -> set[int]:
    """Matches in a file of any kind: a PDF, DOCX or XLSX is read by its own reader, anything
    else as text in every encoding."""
    if not blob:
        return set()
    if blob.lstrip()[:5] == b"%PDF-":
        from gongkai.privacy import redaction_pdf

        try:
            found = redaction_pdf.find_leftovers(blob, content_type="", patterns=patterns)
        except Exception:  # unreadable as PDF: read it as bytes
            return find_in_pdf_bytes(blob, patterns)
        return {index for index, _place, _layer in found}
    if blob[:4] == b"PK\x03\x04":
        from gongkai.privacy import redaction_ooxml

        try:
            found = redaction_ooxml.find_leftovers(blob, content_type="", patterns=patterns)
        except (zipfile.BadZipFile, OSError):
            return find_in_text_blob(blob, patterns)
        return {index for index, _place, _layer in found}
    return find_in_text_blob(blob, patterns)


def is_zip(blob: bytes) -> bool:
    return blob[:4] == b"PK\x03\x04" and zipfile.is_zipfile(io.BytesIO(blob))
