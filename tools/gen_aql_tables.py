"""Regenerate ``fake_arango_tasks/_aql/_tables.py`` from ``_aql/_grammar.py`` with GNU Bison.

Usage: ``python tools/gen_aql_tables.py`` (needs ``bison`` >= 3.0 on PATH; ``apt-get install bison``).
Run it after changing the grammar; ``tests/aql/test_grammar_tables.py`` fails while the stored
tables are older than the grammar.

The grammar is written out as a Bison file with empty actions (one ``{}`` per named action, so
mid-rule actions make the same ``$@N`` rules as in grammar.y), Bison builds the LALR(1) automaton,
and the integer tables of its ``yacc.c`` output are copied into a Python module together with the
rule -> action mapping.
"""

from __future__ import annotations

import hashlib
import pprint
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from fake_arango_tasks._aql._grammar import PRECEDENCE, RULES, START, TOKENS  # noqa: E402

TABLES = ("yytranslate", "yypact", "yydefact", "yypgoto", "yydefgoto", "yytable", "yycheck", "yyr1", "yyr2")
CONSTANTS = ("YYFINAL", "YYLAST", "YYNTOKENS", "YYPACT_NINF", "YYTABLE_NINF")


def parse_rules(text: str) -> list[tuple[str, list[str], str | None, str | None]]:
    """(lhs, rhs symbols incl. ``{mid}`` markers, %prec symbol, action name) per alternative."""
    rules: list[tuple[str, list[str], str | None, str | None]] = []
    lhs = None
    for raw in text.strip().splitlines():
        line = raw.strip()
        if not line:
            continue
        if not line.startswith((":", "|")):
            lhs = line
            continue
        assert lhs is not None
        body = line[1:]
        action = None
        if "->" in body:
            body, action = body.split("->")
            action = action.strip()
        symbols = body.split()
        prec = None
        if "%prec" in symbols:
            i = symbols.index("%prec")
            prec = symbols[i + 1]
            symbols = symbols[:i] + symbols[i + 2:]
        rules.append((lhs, symbols, prec, action))
    return rules


def grammar_digest() -> str:
    """A digest of everything in ``_grammar`` that shapes the tables."""
    text = repr((TOKENS, PRECEDENCE, RULES, START))
    return hashlib.sha256(text.encode()).hexdigest()


def bison_source(rules: list[tuple[str, list[str], str | None, str | None]]) -> str:
    out = ["%define api.pure", "%locations", "%define parse.error verbose", ""]
    for name, display in TOKENS:
        number = " 0" if name == "T_END" else ""
        out.append(f'%token {name}{number} "{display}"')
    for assoc, names in PRECEDENCE:
        out.append(f"%{assoc} {names}")
    out.append(f"%start {START}")
    out.append("%%")
    for lhs, symbols, prec, _action in rules:
        rhs = " ".join("{}" if s.startswith("{") else s for s in symbols)
        prec_text = f" %prec {prec}" if prec else ""
        out.append(f"{lhs}: {rhs}{prec_text} {{}} ;")
    out.append("%%")
    return "\n".join(out) + "\n"


def c_array(source: str, name: str) -> list[int]:
    match = re.search(r"\b" + name + r"\[\] =\s*\{([^}]*)\}", source)
    if match is None:
        raise SystemExit(f"{name} not found in Bison's output")
    return [int(x) for x in match.group(1).replace("\n", " ").split(",") if x.strip()]


def c_constant(source: str, name: str) -> int:
    match = re.search(r"#define " + name + r"\s+\(?(-?\d+)\)?", source)
    if match is None:
        raise SystemExit(f"{name} not found in Bison's output")
    return int(match.group(1))


def c_names(source: str) -> list[str]:
    match = re.search(r"yytname\[\] =\s*\{(.*?)\};", source, re.S)
    if match is None:
        raise SystemExit("yytname not found (YYDEBUG / verbose errors off?)")
    return [eval(s) for s in re.findall(r'"(?:[^"\\]|\\.)*"', match.group(1))]  # C string literals


def token_numbers(source: str) -> dict[str, int]:
    return {m.group(1): int(m.group(2)) for m in re.finditer(r"\b(T_[A-Z_]+) = (\d+),?", source)}


def main() -> None:
    rules = parse_rules(RULES)
    with tempfile.TemporaryDirectory() as tmp:
        y = Path(tmp, "aql.y")
        y.write_text(bison_source(rules))
        c = Path(tmp, "aql.c")
        subprocess.run(["bison", "-Wno-conflicts-sr", "-Wno-conflicts-rr", "-Wno-other", "-o", str(c), str(y)],
                       check=True)
        source = c.read_text()
    tables = {name: c_array(source, name) for name in TABLES}
    constants = {name: c_constant(source, name) for name in CONSTANTS}
    names = c_names(source)
    # Bison (3.8) numbers rules from 1 ($accept; index 0 is unused) and puts each mid-rule action's empty rule just before the
    # rule it sits in: rebuild that order to map rule numbers to our actions.
    # A mid-rule action sees the values of the symbols before it: keep how many.
    actions: list[tuple[str | None, int, int]] = [(None, 0, 0), (None, 2, 0)]
    for _lhs, symbols, _prec, action in rules:
        for i, s in enumerate(symbols):
            if s.startswith("{"):
                actions.append((s.strip("{}"), 0, i))
        actions.append((action, len(symbols), 0))
    assert len(actions) == len(tables["yyr2"]), (len(actions), len(tables["yyr2"]))
    for number, (_, length, _lhs) in enumerate(actions):
        assert tables["yyr2"][number] == length, (number, actions[number])
    module = [
        '"""Bison\'s LALR(1) tables for ``_grammar`` (generated by ``tools/gen_aql_tables.py``; do not edit)."""',
        "",
        "# fmt: off",
        f"GRAMMAR_DIGEST = {grammar_digest()!r}",
    ]
    for name, value in constants.items():
        module.append(f"{name} = {value}")
    module.append(f"TOKEN_NUMBERS = {pprint.pformat(token_numbers(source), width=110, compact=True)}")
    module.append(f"YYTNAME = {pprint.pformat(names, width=110, compact=True)}")
    for name, values in tables.items():
        module.append(f"{name.upper()} = {pprint.pformat(tuple(values), width=110, compact=True)}")
    module.append("# (action name or None, right-hand side length, symbols before a mid-rule action) per rule")
    module.append(f"RULE_ACTIONS = {pprint.pformat(tuple(actions), width=110, compact=True)}")
    target = ROOT / "fake_arango_tasks" / "_aql" / "_tables.py"
    target.write_text("\n".join(module) + "\n")
    print(f"wrote {target} ({len(actions)} rules, {constants['YYFINAL']} final state)")


if __name__ == "__main__":
    main()
