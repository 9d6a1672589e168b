"""The AQL tokenizer: query text -> tokens with the positions ArangoDB reports
(``arangod/Aql/tokens.ll``, a flex scanner).

Positions follow flex exactly, since error messages show them: ``line`` counts the newlines up to
the end of the token's text (flex's ``yylineno``), ``column`` is flex's ``yycolumn`` at the start of
the match that returned the token, in bytes of UTF-8, reset to 0 only by a newline outside string
literals and names. A quoted string (or a backtick name) is returned by the match of its closing
quote, so its position is the closing quote's. Keywords are case-insensitive; the longest match
wins and a tie goes to the earlier rule (keywords before identifiers, integers before doubles).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any, Final

from .._errors import ArangoError

__all__ = ["Token", "tokenize", "KEYWORDS", "unescape"]

PARSE: Final = 1501
NUMBER_OUT_OF_RANGE: Final = 1504

#: (?i:WORD) rules of tokens.ll -> token name
KEYWORDS: Final[dict[str, str]] = {word.lower(): "T_" + word for word in (
    "FOR", "LET", "FILTER", "RETURN", "COLLECT", "SORT", "LIMIT", "WINDOW", "DISTINCT", "AGGREGATE",
    "ASC", "DESC", "NOT", "AND", "OR", "IN", "INTO", "WITH", "REMOVE", "INSERT", "UPDATE", "REPLACE",
    "UPSERT", "GRAPH", "SHORTEST_PATH", "K_SHORTEST_PATHS", "K_PATHS", "ALL_SHORTEST_PATHS",
    "OUTBOUND", "INBOUND", "ANY", "ALL", "NONE", "LIKE", "NULL", "TRUE", "FALSE")}

_OPERATORS: Final = (
    ("=~", "T_REGEX_MATCH"), ("!~", "T_REGEX_NON_MATCH"), ("==", "T_EQ"), ("!=", "T_NE"),
    (">=", "T_GE"), ("<=", "T_LE"), ("&&", "T_AND"), ("||", "T_OR"), ("::", "T_SCOPE"),
    ("..", "T_RANGE"), (">", "T_GT"), ("<", "T_LT"), ("=", "T_ASSIGN"), ("!", "T_NOT"),
    ("+", "T_PLUS"), ("-", "T_MINUS"), ("*", "T_TIMES"), ("/", "T_DIV"), ("%", "T_MOD"),
    ("?", "T_QUESTION"), (":", "T_COLON"), (",", "T_COMMA"), ("(", "T_OPEN"), (")", "T_CLOSE"),
    ("{", "T_OBJECT_OPEN"), ("}", "T_OBJECT_CLOSE"), ("[", "T_ARRAY_OPEN"), ("]", "T_ARRAY_CLOSE"),
)
_OPERATOR_RE: Final = re.compile("|".join(re.escape(text) for text, _ in _OPERATORS))
_OPERATOR_NAMES: Final = dict(_OPERATORS)

_IDENTIFIER: Final = re.compile(r"\$?[a-zA-Z][_a-zA-Z0-9]*|_+[a-zA-Z]+[_a-zA-Z0-9]*")
_NOT_IN: Final = re.compile(r"[ \t\r\n]+[iI][nN]")
_AT_LEAST: Final = re.compile(r"[ \t\r\n]+[lL][eE][aA][sS][tT]")
_INTEGER: Final = re.compile(r"0|[1-9][0-9]*")
_DOUBLE: Final = re.compile(r"(?:(?:0|[1-9][0-9]*)(?:\.[0-9]+)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?")
# at most 32 bits (tests/js/server/aql/aql-extended-numeric-literals.js): longer literals leave
# their remaining digits to the next token, which makes a syntax error
_HEX: Final = re.compile(r"0[xX][0-9a-fA-F]{1,8}")
_BINARY: Final = re.compile(r"0[bB][01]{1,32}")
_PARAMETER: Final = re.compile(r"@@?(?:_+[a-zA-Z0-9]+[a-zA-Z0-9_]*|[a-zA-Z0-9][a-zA-Z0-9_]*)")
_BLANKS: Final = re.compile(r"[ \t\r]+")
_INT64_MAX: Final = 2**63 - 1


@dataclass(frozen=True, slots=True)
class Token:
    """One token: ``kind`` is grammar.y's token name (``T_FOR``), ``"'.'"`` for a dot, or
    ``"?"`` for any other character (Bison's invalid token); ``value`` the name, string, number or
    operator text; ``line`` (from 1) and ``column`` (bytes, from 0) as flex reports them."""

    kind: str
    value: Any
    line: int
    column: int
    width: int = 1  # bytes of the match that returned it (its last column is column + width - 1)


def _byte_length(text: str) -> int:
    return len(text) if text.isascii() else len(text.encode("utf-8"))


def unescape(raw: str) -> str:
    """A string literal's or quoted name's text without its escapes (``TRI_UnescapeUtf8String``):
    ``\\b \\f \\n \\r \\t \\uXXXX`` (surrogate pairs joined), any other escaped character stands
    for itself."""
    if "\\" not in raw:
        return raw
    out: list[str] = []
    i, n = 0, len(raw)
    while i < n:
        c = raw[i]
        if c != "\\" or i + 1 >= n:
            out.append(c)
            i += 1
            continue
        e = raw[i + 1]
        i += 2
        if e in "bfnrt":
            out.append({"b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}[e])
        elif e == "u" and re.fullmatch(r"[0-9a-fA-F]{4}", raw[i:i + 4]):
            code = int(raw[i:i + 4], 16)
            i += 4
            if 0xD800 <= code < 0xDC00 and raw[i:i + 2] == "\\u" and re.fullmatch(r"[dD][c-fC-F][0-9a-fA-F]{2}", raw[i + 2:i + 6]):
                low = int(raw[i + 2:i + 6], 16)
                code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                i += 6
            out.append(chr(code))
        else:
            out.append(e)
    return "".join(out)


class _Scanner:
    """The scanner's state: position, flex's line and column, the warnings it registers."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.line = 1
        self.column = 0
        self.warnings: list[tuple[int, str]] = []
        self.width = 0
        self.last = (1, 0, 1)

    def advance(self, length: int) -> tuple[int, int]:
        """Consume ``length`` characters as one flex match; the match's (line, column)."""
        part = self.text[self.pos:self.pos + length]
        self.line += part.count("\n")
        start = self.column
        self.width = _byte_length(part)
        self.column += self.width
        self.last = (self.line, start, self.width)
        self.pos += length
        return self.line, start

    def error(self, message: str, line: int, column: int) -> ArangoError:
        from ._diagnostics import parse_error

        return parse_error(self.text, message, line, column)


def tokenize(text: str) -> tuple[list[Token], list[tuple[int, str]]]:
    """Split ``text`` into tokens, the last one ``T_END``; and the lexer's warnings
    (``(1504, "number out of range")`` for a literal too large for a double).

    Raises:
        ArangoError: 1501 for an unterminated string, name or comment.
    """
    s = _Scanner(text)
    tokens: list[Token] = []
    n = len(text)
    while s.pos < n:
        c = text[s.pos]
        if c in " \t\r":
            m = _BLANKS.match(text, s.pos)
            assert m is not None
            s.advance(m.end() - s.pos)
        elif c == "\n":
            s.advance(1)
            s.column = 0
        elif c == "/" and text.startswith("//", s.pos):
            s.advance(2)
            end = text.find("\n", s.pos)
            if end < 0:
                s.advance(n - s.pos)
            else:
                if end > s.pos:
                    s.advance(end - s.pos)
                s.advance(1)
                s.column = 0
        elif c == "/" and text.startswith("/*", s.pos):
            _comment(s)
        elif c.isascii() and (c.isalpha() or c in "_$"):
            tokens.append(_word(s))
        elif c.isdigit() or (c == "." and s.pos + 1 < n and text[s.pos + 1].isdigit()):
            tokens.append(_number(s))
        elif c == "@":
            m = _PARAMETER.match(text, s.pos)
            if m is None:
                line, column = s.advance(1)
                tokens.append(Token("?", c, line, column, s.width))
            else:
                word = m.group()
                line, column = s.advance(len(word))
                if word.startswith("@@"):
                    tokens.append(Token("T_DATA_SOURCE_PARAMETER", word[1:], line, column, s.width))
                else:
                    tokens.append(Token("T_PARAMETER", word[1:], line, column, s.width))
        elif c in "\"'`\u00b4":
            tokens.append(_quoted(s, c))
        elif c == "." and not text.startswith("..", s.pos):
            line, column = s.advance(1)
            tokens.append(Token("'.'", ".", line, column, s.width))
        else:
            m = _OPERATOR_RE.match(text, s.pos)
            if m is not None:
                op = m.group()
                line, column = s.advance(len(op))
                tokens.append(Token(_OPERATOR_NAMES[op], op, line, column, s.width))
            else:
                line, column = s.advance(1)
                # flex returns (int) yytext[0]: a byte >= 0x80 is a negative char, which Bison
                # takes for the end of the input
                tokens.append(Token("?" if c.isascii() else "T_END", c, line, column, s.width))
                if not c.isascii():
                    return tokens, s.warnings
    # at the end of the input flex runs no YY_USER_ACTION: the location stays the last match's
    tokens.append(Token("T_END", None, *s.last))
    return tokens, s.warnings


def _comment(s: _Scanner) -> None:
    text = s.text
    line, column = s.advance(2)
    while True:
        end = text.find("*/", s.pos)
        newline = text.find("\n", s.pos)
        if end < 0 and newline < 0:
            if s.pos < len(text):
                line, column = s.advance(len(text) - s.pos)
            raise s.error("unexpected unterminated multi-line comment", line, column)
        if newline >= 0 and (end < 0 or newline < end):
            if newline > s.pos:
                s.advance(newline - s.pos)
            line, column = s.advance(1)
            s.column = 0
            continue
        if end > s.pos:
            s.advance(end - s.pos)
        s.advance(2)
        return


def _word(s: _Scanner) -> Token:
    text = s.text
    m = _IDENTIFIER.match(text, s.pos)
    if m is None:  # a lone "_" or "$"
        line, column = s.advance(1)
        return Token("?", text[s.pos - 1], line, column, s.width)
    word = m.group()
    lower = word.lower()
    if lower in ("not", "at"):
        follow = (_NOT_IN if lower == "not" else _AT_LEAST).match(text, m.end())
        if follow is not None and follow.end() - s.pos > len(word):
            line, column = s.advance(follow.end() - s.pos)
            return Token("T_NOT_IN" if lower == "not" else "T_AT_LEAST", text[m.start():follow.end()], line, column, s.width)
    line, column = s.advance(len(word))
    kind = KEYWORDS.get(lower)
    if kind is not None:
        return Token(kind, word, line, column, s.width)
    return Token("T_STRING", word, line, column, s.width)


def _number(s: _Scanner) -> Token:
    text = s.text
    candidates: list[tuple[int, int, str]] = []  # (length, -rule order, kind)
    for order, (regex, kind) in enumerate(((_INTEGER, "int"), (_DOUBLE, "double"), (_HEX, "hex"), (_BINARY, "bin"))):
        m = regex.match(text, s.pos)
        if m is not None:
            candidates.append((m.end() - s.pos, -order, kind))
    length, _, kind = max(candidates)
    word = text[s.pos:s.pos + length]
    line, column = s.advance(length)
    value: Any
    if kind == "double":
        value = float(word)
        if not math.isfinite(value):
            s.warnings.append((NUMBER_OUT_OF_RANGE, "number out of range"))
            value = None
        return Token("T_DOUBLE", value, line, column, s.width)
    value = int(word, {"int": 10, "hex": 16, "bin": 2}[kind]) if kind != "int" else int(word)
    if value > _INT64_MAX:
        as_double = float(value)
        if not math.isfinite(as_double):
            s.warnings.append((NUMBER_OUT_OF_RANGE, "number out of range"))
            return Token("T_INTEGER", None, line, column, s.width)
        return Token("T_INTEGER", as_double, line, column, s.width)
    return Token("T_INTEGER", value, line, column, s.width)


def _quoted(s: _Scanner, quote: str) -> Token:
    """A string literal (``"`` or ``'``) or a quoted name (backticks, forward ticks ``´``)."""
    text = s.text
    line, column = s.advance(1)
    start = s.pos
    n = len(text)
    while s.pos < n:
        c = text[s.pos]
        if c == quote:
            raw = text[start:s.pos]
            line, column = s.advance(1)
            kind = "T_QUOTED_STRING" if quote in "\"'" else "T_STRING"
            return Token(kind, unescape(raw), line, column, s.width)
        if c == "\\" and s.pos + 1 < n and text[s.pos + 1] != "\n":
            line, column = s.advance(2)
        else:
            line, column = s.advance(1)
    what = "string literal" if quote in "\"'" else "identifier"
    raise s.error(f"unexpected unterminated {what}", line, column)
