#!/usr/bin/env python3
"""Generate random template expressions and record what Jinja2 3.1 renders for each (a property test's oracle).

    python3 tools/goldens/expression_goldens.py           # (re)write the table
    python3 tools/goldens/expression_goldens.py --check   # exit 1 if the table on disk is stale

Writes tests/Micro.Tests/Templates/Values/Golden/expressions.json: a few thousand expressions drawn with a fixed
seed from a small grammar (integer arithmetic from 0 to far past 64 bits, floats, comparisons, `in`, string
formatting with str.format and %, filters over lists and dicts), each with Jinja2's exact output or the type of
the exception it raised. The C# test (ExpressionPropertyTests) renders every one and never needs Python.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
from importlib.metadata import version
from pathlib import Path

from jinja2 import DictLoader, Environment, select_autoescape

REPO_ROOT = Path(__file__).resolve().parents[2]
OUTPUT = REPO_ROOT / "tests" / "Micro.Tests" / "Templates" / "Values" / "Golden" / "expressions.json"
GENERATOR = "tools/goldens/expression_goldens.py"
SEED = 20261130
COUNT = 4000

DATA = {
    "i": 7, "j": -3, "k": 0, "big": 9223372036854775807, "neg": -9223372036854775807, "x": 2.5, "y": -0.1,
    "s": "Hello <b>World</b>", "t": "a,b,,c", "e": "", "l": [3, 1, 2, 1], "m": [[1, 2], [1, 2], [0, 5]],
    "d": {"b": 2, "a": 1, "C": 3}, "dd": [{"n": "x", "v": 2}, {"n": "y", "v": 1}, {"n": "x", "v": 3}],
    "words": ["b", "A", "c", "a"], "nil": None, "flag": True,
}


class Gen:
    def __init__(self, rng: random.Random) -> None:
        self.r = rng

    def int_lit(self) -> str:
        r = self.r.random()
        if r < 0.45:
            return str(self.r.randint(0, 20))
        if r < 0.65:
            return str(self.r.randint(0, 10**6))
        if r < 0.8:
            return self.r.choice(["9223372036854775807", "4611686018427387904", "3037000500", "4294967296", "1000000007"])
        if r < 0.9:
            return f"2**{self.r.randint(0, 130)}"
        return f"10**{self.r.randint(0, 40)}"

    def float_lit(self) -> str:
        return self.r.choice(["0.5", "2.5", "1e20", "1.5e-7", "0.1", "3.0", "1e308", "123.456", "-0.0", "9007199254740993.0"])

    def number(self, depth: int) -> str:
        r = self.r.random()
        if depth <= 0 or r < 0.35:
            c = self.r.random()
            if c < 0.55:
                return self.int_lit()
            if c < 0.75:
                return self.float_lit()
            return self.r.choice(["i", "j", "k", "big", "neg", "x", "y", "true", "false"])
        if r < 0.45:
            return f"-({self.number(depth - 1)})"
        op = self.r.choice(["+", "-", "*", "*", "//", "%", "/", "+", "-"])
        return f"({self.number(depth - 1)} {op} {self.number(depth - 1)})"

    def comparison(self) -> str:
        op = self.r.choice(["==", "!=", "<", "<=", ">", ">="])
        return f"{self.number(2)} {op} {self.number(2)}"

    def value(self) -> str:
        return self.r.choice([
            self.int_lit(), self.float_lit(), "'ab'", "'<x>'", "none", "true", "[1, 2]", "[1, [2, 3]]", "(1, 2)", "(1,)",
            "{'a': 1}", "{'a': [1, 2], 'b': (3,)}", "l", "d", "s", "m", "'a'", "1.0", "[1.0, 2]", "{'a': 1.0}", "[]", "{}",
        ])

    def equality(self) -> str:
        a, b = self.value(), self.value()
        if self.r.random() < 0.3:
            b = a
        form = self.r.choice(["{a} == {b}", "{a} != {b}", "{a} in [{b}]", "[{a}] == [{b}]", "{{'k': {a}}} == {{'k': {b}}}",
                              "({a}, 1) == ({b}, 1)", "[{a}, {b}]|unique|list", "[{a}, {b}]|select('eq', {b})|list|length",
                              "{a} in [{b}, 5]"])
        return form.format(a=a, b=b)

    def fmt(self) -> str:
        r = self.r.random()
        v = self.r.choice([self.int_lit(), self.float_lit(), "-42", "-3.14159", "'txt'", "true", "big", "neg", "x", "y", "0", "255"])
        if r < 0.55:
            fill = self.r.choice(["", "", "*", "0", "-"])
            align = self.r.choice(["", "", "<", ">", "^", "="])
            sign = self.r.choice(["", "", "+", " ", "-"])
            alt = self.r.choice(["", "", "#"])
            zero = self.r.choice(["", "", "0"])
            width = self.r.choice(["", "", "8", "12", "1"])
            group = self.r.choice(["", "", ",", "_"])
            prec = self.r.choice(["", "", ".2", ".0", ".5", ".12"])
            typ = self.r.choice(["", "", "d", "f", "e", "g", "x", "X", "o", "b", "%", "s", "E", "G", "n", "F", "c"])
            spec = (fill + align if align else "") + sign + alt + zero + width + group + prec + typ
            return f"'{{:{spec}}}'.format({v})"
        if r < 0.85:
            flags = "".join(self.r.sample(["-", "+", " ", "0", "#"], self.r.randint(0, 2)))
            width = self.r.choice(["", "", "6", "10"])
            prec = self.r.choice(["", "", ".2", ".0", ".4"])
            conv = self.r.choice(["s", "d", "i", "f", "e", "g", "x", "X", "o", "r", "E", "G", "F", "c"])
            form = self.r.choice(["'%{f}' % {v}", "'%{f}'|format({v})", "'[%{f}]' % ({v},)"])
            return form.format(f=flags + width + prec + conv, v=v)
        return self.r.choice([
            f"'{{0}}-{{0!r}}'.format({v})", f"'{{!s:>6}}'.format({v})", f"'{{0[0]}}'.format([{v}])",
            f"'{{a}}{{b}}'.format(a={v}, b={v})", f"'{{:{{w}}}}'.format({v}, w=7)",
        ])

    def filters(self) -> str:
        seq = self.r.choice(["l", "[1, 2.5, 3]", "[2**64, 1, -5]", "words", "m", "[]", "[0.1, 0.2, 0.3]", "range(5)|list", "[true, 2]",
                             "[10**20, 10**20]", "[1, 1.0, true]", "['a', 'A', 'b', 'a']", "[(1, 2), (1, 2)]"])
        f = self.r.choice([
            "sum", "max", "min", "sort", "unique|list", "length", "first", "last", "join(',')", "reverse|list", "list",
            "map('string')|list", "select('odd')|list", "reject('even')|list", "batch(2)|list", "slice(2)|list",
            "sort(reverse=true)", "sum(start=10)", "map('abs')|list", "map('int')|list", "map('float')|list",
            "map('round')|list", "tojson", "string", "select('number')|list", "select('integer')|list",
            "sort|first", "unique|sort", "map('int')|sum",
        ])
        if self.r.random() < 0.25:
            return self.r.choice(["d|dictsort", "d|dictsort(true)", "d|dictsort(by='value')", "d|items|list", "dd|groupby('n')|map('list')|list",
                                  "dd|sum(attribute='v')", "dd|map(attribute='v')|max", "dd|unique(attribute='n')|list", "dd|sort(attribute='v')|map(attribute='n')|join",
                                  "d|length", "d|list", "d|max", "dd|selectattr('v', 'gt', 1)|list|length", "{'x': 2**64}|tojson"])
        n = self.r.choice(["", "", f"|{self.r.choice(['abs', 'int', 'float', 'round', 'string', 'round(2)', 'round(-1)', 'filesizeformat'])}"])
        if n:
            return f"({self.number(2)}){n}"
        return f"{seq}|{f}"

    def text(self) -> str:
        return self.r.choice(["s", "t", "e", "'  padded  '", "'Hello wORLD'", "'a\\tb\\nc'", "'x.y.z'", "'ǅungla'", "'straße'",
                              "'one two three four five six seven'", "'42'", "'-7'", "'²'", "'a_b'", "'<a>&amp;'"])

    def method(self) -> str:
        r = self.r.random()
        if r < 0.7:
            arg = lambda: self.r.choice(["'a'", "'l'", "' '", "'.'", "','", "''", "'o'", "'xy'"])
            num = lambda: str(self.r.randint(-3, 12))
            m = self.r.choice([
                f"center({num()})", f"center({num()}, '*')", f"ljust({num()}, '-')", f"rjust({num()})", f"zfill({num()})",
                "expandtabs(4)", f"partition({arg()})", f"rpartition({arg()})", "swapcase()", "title()", "casefold()",
                "capitalize()", "upper()", "lower()", "isalnum()", "isdigit()", "isdecimal()", "isnumeric()", "isalpha()",
                "isspace()", "istitle()", "isupper()", "islower()", "isidentifier()", "isprintable()", "isascii()",
                "splitlines()", "splitlines(true)", f"count({arg()})", f"count({arg()}, {num()})", f"find({arg()})",
                f"find({arg()}, {num()}, {num()})", f"rfind({arg()})", f"index({arg()})", f"rindex({arg()})",
                f"removeprefix({arg()})", f"removesuffix({arg()})", f"split({arg()})", "split()", f"rsplit({arg()}, 1)",
                f"strip({arg()})", "strip()", "lstrip()", f"rstrip({arg()})", f"startswith({arg()})", f"endswith({arg()}, {num()})",
                f"replace({arg()}, '_')", f"replace({arg()}, '', 2)", "join(['1', '2'])", f"__contains__({arg()})", "__len__()",
            ])
            return f"{self.text()}.{m}"
        base = self.r.choice(["[3, 1, 2]", "[1, 'a', 2.5]", "[[1], [2]]", "[]", "(1, 2, 1)", "l"])
        m = self.r.choice(["pop()", "pop(0)", "pop(-1)", "index(1)", "count(1)", "copy()", "index(2, 1)", "__len__()"])
        if base.startswith("("):
            m = self.r.choice(["index(1)", "count(1)", "index(2)"])
        return f"{base}.{m}"

    def text_filter(self) -> str:
        f = self.r.choice([
            "center(12)", "truncate(9)", "truncate(9, true)", "truncate(12, false, '…', 0)", "wordwrap(10)", "title", "capitalize",
            "trim", "trim('.x')", "indent(2)", "indent(2, true)", "replace('a', 'A')", "replace('o', '0', 1)", "urlencode",
            "striptags", "wordcount", "upper", "lower", "reverse", "length", "first", "last", "list", "string", "e",
            "forceescape", "urlize", "int", "float", "int(-1)", "float(1.5)", "int(base=16)", "string|length", "pprint",
            "format", "tojson",
        ])
        return f"{self.text()}|{f}"

    def expression(self) -> str:
        kind = self.r.random()
        if kind < 0.27:
            return self.number(3)
        if kind < 0.38:
            return self.comparison()
        if kind < 0.5:
            return self.equality()
        if kind < 0.64:
            return self.fmt()
        if kind < 0.76:
            return self.method()
        if kind < 0.86:
            return self.text_filter()
        return self.filters()


def render(env: Environment, template: str) -> dict:
    env.loader.mapping["case.txt"] = template
    try:
        return {"output": env.get_template("case.txt").render(json.loads(json.dumps(DATA)))}
    except TypeError as e:
        # unique over lists or dicts: Jinja refuses them (unhashable), Micro compares them by value (see values_goldens.py).
        return {"skip": True} if "unhashable" in str(e) else {"error": "TypeError"}
    except Exception as e:  # the exception type is the golden
        return {"error": type(e).__name__}


def build() -> dict:
    rng = random.Random(SEED)
    gen = Gen(rng)
    # As Flask configures it; a .txt template, so no autoescape. No cache: the one template name is reused.
    env = Environment(loader=DictLoader({}), autoescape=select_autoescape(["html", "htm", "xml", "svg"]), cache_size=0)
    cases, seen = [], set()
    while len(cases) < COUNT:
        template = "{{ " + gen.expression() + " }}"
        if template in seen:
            continue
        seen.add(template)
        result = render(env, template)
        # Jinja folds constant expressions when it compiles, and a folded inf or nan becomes the Python name `inf`
        # in the generated code: a NameError no template author meant. Not a behaviour to copy.
        if result.get("error") == "NameError" or result.get("skip"):
            continue
        out = result.get("output")
        # Keep the table readable: Jinja prints huge numbers only past the limits a template should need.
        if out is not None and len(out) > 400:
            continue
        cases.append({"name": f"txt/expr/{len(cases):04d}", "template": template, **result})
    return {
        "generator": GENERATOR,
        "seed": SEED,
        "jinja2": version("jinja2"),
        "data": DATA,
        "cases": cases,
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--check", action="store_true", help="exit 1 if the table on disk is stale")
    args = parser.parse_args()
    text = json.dumps(build(), indent=1, ensure_ascii=False) + "\n"
    if args.check:
        return 0 if OUTPUT.exists() and OUTPUT.read_text(encoding="utf-8") == text else 1
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUTPUT.relative_to(REPO_ROOT)}: {COUNT} cases")
    return 0


if __name__ == "__main__":
    sys.exit(main())
