#!/usr/bin/env python3
"""Record what MarkupSafe 3.0 and Jinja2 3.1 do with markup, as the table Micro's escaping is tested against.

    python3 tools/goldens/escaping_goldens.py           # (re)write the table
    python3 tools/goldens/escaping_goldens.py --check   # exit 1 if the table on disk is stale

Writes tests/Micro.Tests/Templates/Escaping/Golden/escaping.json: every method of `Markup`, on a markup and
on a plain receiver, with every kind of argument (plain text with <>&"', markup, numbers, None, a dict, an
object with __html__), every operator that joins strings, and every filter that escapes or keeps markup,
with autoescape on (`.html`) and off (`.txt`). Each case records the exact output, or the exception type
for cases Jinja refuses. The C# tests (EscapingParityTests) read the file and never need Python.
"""
from __future__ import annotations

import argparse
import json
import sys
from importlib.metadata import version
from pathlib import Path

from jinja2 import DictLoader, Environment, select_autoescape
from markupsafe import Markup

REPO_ROOT = Path(__file__).resolve().parents[2]
OUTPUT = REPO_ROOT / "tests" / "Micro.Tests" / "Templates" / "Escaping" / "Golden" / "escaping.json"
GENERATOR = "tools/goldens/escaping_goldens.py"

# The context of every case. "markup" values are Markup on both sides; "html" values are objects with
# __html__ (in C#, ASP.NET Core's HtmlString), whose str() is the same text. Every argument is a variable,
# never a literal: Jinja folds constant expressions at compile time, and its folded `~` ignores markup.
PLAIN = {
    "s": "<i a=\"1\">&'",
    "n": 42,
    "f": 2.5,
    "nil": None,
    "t": True,
    "d": {"k": "<v>"},
    "l": ["<i>", 3],
    "long": "<b>one two</b> three & four five",
    "lines": "<a>\n\n<b>&\n",
}
MARKUP = {"m": "<b>&amp;</b>", "mlong": "<b>one two</b> three &amp; four five", "mlines": "<a>\n\n<b>&amp;\n"}
HTML = {"obj": "<em>obj</em>"}


class HtmlObject:
    """An object that renders itself as HTML, like ASP.NET Core's HtmlString."""

    def __init__(self, html: str) -> None:
        self.html = html

    def __html__(self) -> Markup:
        return Markup(self.html)

    def __str__(self) -> str:
        return self.html


# Argument kinds: the names of context values, and literals.
KINDS = {"str": "s", "markup": "m", "int": "n", "float": "f", "none": "nil", "dict": "d", "html": "obj"}
TEXT_KINDS = {"str": "s", "markup": "m", "html": "obj"}


def receivers(literal: str) -> dict[str, str]:
    """The same text as a markup receiver and as a plain one."""
    return {"markup": f"({literal}|safe)", "plain": literal}


def method_cases() -> list[tuple[str, str]]:
    cases: list[tuple[str, str]] = []

    def each_receiver(name: str, literal: str, call: str, kinds=KINDS) -> None:
        for rname, r in receivers(literal).items():
            if "{X}" in call:
                for kname, x in kinds.items():
                    cases.append((f"{name}/{rname}/{kname}", r + call.replace("{X}", x)))
            else:
                cases.append((f"{name}/{rname}", r + call))

    # str.format and format_map: EscapeFormatter escapes every field, after the format spec applies.
    each_receiver("format/positional", "'<p>{}</p>'", ".format({X})")
    each_receiver("format/keyword", "'<p>{a}</p>'", ".format(a={X})")
    each_receiver("format/indexed-twice", "'{0}|{0}'", ".format({X})")
    each_receiver("format/two", "'{}{}'", ".format(s, m)")
    each_receiver("format_map", "'<p>{a}</p>'", ".format_map({'a': {X}})")
    each_receiver("format/braces", "'{{}}{}'", ".format(s)")
    for spec, arg in [("{:>14}", "s"), ("{:<14}|", "s"), ("{:^15}", "s"), ("{:*^15}", "s"), ("{:.3}", "s"),
                      ("{:5d}", "n"), ("{:05d}", "n"), ("{:x}", "n"), ("{:#X}", "n"), ("{:,}", "1234567"),
                      ("{:+d}", "n"), ("{:b}", "n"), ("{:o}", "n"), ("{:<6}|", "n"), ("{}", "-n"),
                      ("{:.2f}", "f"), ("{:8.3f}", "f"), ("{:e}", "f"), ("{:.3g}", "f"), ("{:%}", "f"),
                      ("{:.1%}", "f"), ("{}", "f"), ("{:g}", "f"), ("{:g}", "1e20"), ("{:.2f}", "n"),
                      ("{}", "t"), ("{:d}", "t"), ("{}", "nil"), ("{:>14}", "m"), ("{:>6}", "obj"),
                      ("{!r}", "s"), ("{!r}", "m"), ("{!s}", "m"), ("{!r}", "n"), ("{0[k]}", "d"),
                      ("{0[0]}", "l"), ("{0[1]}", "l"), ("{}", "l"), ("{}", "d"), ("{:5}", "nil"),
                      ("{:,.2f}", "1234567.891"), ("{:_x}", "1234567"), ("{:=+8d}", "n"), ("{:#o}", "n"), ("{:#b}", "n"),
                      ("{:.3e}", "1234.5678"), ("{:g}", "0.00001"), ("{:g}", "0.0001"), ("{:g}", "123456789.0"),
                      ("{:.10g}", "f"), ("{:#g}", "f"), ("{:.0f}", "f"), ("{:.1f}", "0.25"), ("{:.2f}", "1.005"),
                      ("{:.2}", "f"), ("{:.3}", "1234.5"), ("{:E}", "-f"), ("{: d}", "n"), ("{:x<6}", "s"), ("{:>{w}}", "s, w=16")]:
        each_receiver(f"format/spec {spec} {arg}", repr(spec), f".format({arg})")
    each_receiver("format/attribute-of-kwarg", "'{a[k]}'", ".format(a=d)")
    each_receiver("format/missing-index", "'{1}'", ".format(s)")
    each_receiver("format/missing-name", "'{a}'", ".format(s)")

    # % with one value, a tuple and a mapping: each value is escaped, numbers stay numbers.
    each_receiver("mod/one", "'<p>%s</p>'", " % {X}")
    each_receiver("mod/tuple", "'%s|%s'", " % ({X}, {X})")
    each_receiver("mod/mapping", "'<p>%(a)s</p>'", " % {'a': {X}}")
    for fmt, arg in [("%r", "s"), ("%r", "m"), ("%r", "n"), ("%d", "n"), ("%5.1f", "f"), ("%-12s|", "s"),
                     ("%.3s", "s"), ("%x", "n"), ("%05d", "n"), ("%d%%", "n"), ("%s", "(s,)"), ("%d", "f"),
                     ("%s", "l"), ("%(a)s %(a)r", "{'a': s}")]:
        each_receiver(f"mod/{fmt} {arg}", repr(fmt), f" % {arg}")

    # + and * (Markup's __add__, __radd__, __mul__, __rmul__).
    each_receiver("add/right", "'<b>'", " + {X}", TEXT_KINDS | {"int": "n"})
    for kname, x in (TEXT_KINDS | {"int": "n"}).items():
        for rname, r in receivers("'<b>'").items():
            cases.append((f"add/left/{rname}/{kname}", f"{x} + {r}"))
    each_receiver("mul/right", "'<b>'", " * 2")
    for rname, r in receivers("'<b>'").items():
        cases.append((f"mul/left/{rname}", f"2 * {r}"))

    # join escapes the items; replace escapes the replacement, not the searched text.
    each_receiver("join/list", "', '", ".join([{X}, s])")
    each_receiver("join/markup-items", "'<br>'", ".join([m, m])")
    each_receiver("join/string", "'-'", ".join(s)")
    each_receiver("replace/new", "'<b>a</b>'", ".replace('a', {X})")
    each_receiver("replace/old", "'<b>a</b>'", ".replace({X}, 'z')", TEXT_KINDS)
    each_receiver("replace/count", "'a-a-a'", ".replace('a', s, 2)")
    each_receiver("replace/repro", "'<b>'", ".replace('b', s)")

    # Splitting gives lists and tuples of markup.
    for name, lit, call in [("split", "'<a> <b>  <c>'", ".split()"), ("split/sep", "'<a>,<b>,<c>'", ".split(',')"),
                            ("split/maxsplit", "'<a> <b> <c>'", ".split(' ', 1)"), ("rsplit", "'<a> <b> <c>'", ".rsplit(' ', 1)"),
                            ("rsplit/none", "'<a> <b>  <c>'", ".rsplit()"), ("splitlines", "'<a>\\n<b>\\r\\n<c>'", ".splitlines()"),
                            ("splitlines/keepends", "'<a>\\n<b>'", ".splitlines(true)"), ("partition", "'<a> <b> <c>'", ".partition(' ')"),
                            ("partition/missing", "'<a>'", ".partition(' ')"), ("rpartition", "'<a> <b> <c>'", ".rpartition(' ')"),
                            ("rpartition/missing", "'<a>'", ".rpartition(' ')")]:
        each_receiver(name, lit, call)
        each_receiver(name + "/first", lit, call + "|first")
        each_receiver(name + "/last", lit, call + "|last")

    # Methods that change the text itself: the result stays markup, fill characters are escaped.
    for name, lit, call in [("strip", "'  <b>  '", ".strip()"), ("strip/chars", "'<<b>>'", ".strip('<>')"),
                            ("lstrip", "'  <b>  '", ".lstrip()"), ("lstrip/chars", "'<<b>>'", ".lstrip('<')"),
                            ("rstrip", "'  <b>  '", ".rstrip()"), ("rstrip/chars", "'<<b>>'", ".rstrip('>')"),
                            ("center", "'<b>'", ".center(10)"), ("center/fill", "'<b>'", ".center(10, '*')"),
                            ("center/fill-escaped", "'<b>'", ".center(10, '<')"), ("center/fill-markup", "'<b>'", ".center(10, '<'|safe)"),
                            ("ljust", "'<b>'", ".ljust(6)"), ("ljust/fill", "'<b>'", ".ljust(6, '&')"),
                            ("rjust", "'<b>'", ".rjust(6)"), ("rjust/fill", "'<b>'", ".rjust(6, '.')"),
                            ("zfill", "'<b>'", ".zfill(6)"), ("zfill/sign", "'-<b>'", ".zfill(6)"),
                            ("title", "'<b>hello wORLD</b> it''s'", ".title()"), ("capitalize", "'<b>hELLO</b>'", ".capitalize()"),
                            ("lower", "'<B>X</B>'", ".lower()"), ("upper", "'<b>&amp;</b>'", ".upper()"),
                            ("swapcase", "'<b>aB</b>'", ".swapcase()"), ("casefold", "'<B>X</B>'", ".casefold()"),
                            ("expandtabs", "'<b>\\tx\\ty'", ".expandtabs()"), ("expandtabs/4", "'<b>\\tx\\n\\ty'", ".expandtabs(4)"),
                            ("removeprefix", "'<b>x</b>'", ".removeprefix('<b>')"), ("removesuffix", "'<b>x</b>'", ".removesuffix('</b>')"),
                            ("removeprefix/none", "'<b>x</b>'", ".removeprefix('x')"),
                            ("translate", "'<b>'", ".translate({98: 'i'})"), ("translate/delete", "'<b>'", ".translate({98: none})"),
                            ("translate/ordinal", "'<b>'", ".translate({98: 105})"),
                            ("getitem", "'<b>'", "[0]"), ("getitem/negative", "'<b>'", "[-1]"), ("slice", "'<b>&amp;'", "[1:5]"),
                            ("slice/step", "'<b>&amp;'", "[::-1]"),
                            ("startswith", "'<b>'", ".startswith('<')"), ("endswith", "'<b>'", ".endswith('>')"),
                            ("count", "'<b><b>'", ".count('<')"), ("find", "'<b>'", ".find('b')"),
                            ("isdigit", "'<b>'", ".isdigit()"), ("isalpha", "'ab'", ".isalpha()")]:
        each_receiver(name, lit, call)

    # Markup-only methods: escape, unescape, striptags, __html__.
    for name, lit, call in [("escape", "'<b>'", ".escape({X})"), ("unescape", "'<p>a &amp; &lt;b&gt; &#39;c&#39; &#x27;</p>'", ".unescape()"),
                            ("striptags", "'<p>a  &amp; <b>b</b>\\n<!-- <c> -->c</p>'", ".striptags()"),
                            ("striptags/unclosed", "'a <b c'", ".striptags()"), ("striptags/comment-unclosed", "'a <!-- b <c> d'", ".striptags()"),
                            ("html", "'<b>'", ".__html__()")]:
        for rname, r in receivers(lit).items():
            if "{X}" in call:
                for kname, x in KINDS.items():
                    cases.append((f"{name}/{rname}/{kname}", r + call.replace("{X}", x)))
            else:
                cases.append((f"{name}/{rname}", r + call))
    return cases


def operator_cases() -> list[tuple[str, str]]:
    cases = []
    for kname, x in KINDS.items():
        for rname, r in receivers("'<b>'").items():
            cases.append((f"concat/right/{rname}/{kname}", f"{r} ~ {x}"))
            cases.append((f"concat/left/{rname}/{kname}", f"{x} ~ {r}"))
    cases.append(("concat/chain", "s ~ n ~ m ~ s"))
    cases.append(("concat/chain-plain", "s ~ n ~ nil"))
    return cases


def filter_cases() -> list[tuple[str, str]]:
    cases = []
    # Filters that take anything, then filters of text and sequences (on text only: what they do with other
    # values is not about escaping).
    inputs = {"str": "s", "markup": "m", "html": "obj", "int": "n", "none": "nil"}
    for fname in ["e", "escape", "forceescape", "safe", "string", "upper", "lower", "title", "capitalize", "trim",
                  "center(16)", "striptags", "wordcount", "urlencode"]:
        for iname, v in inputs.items():
            cases.append((f"filter/{fname}/{iname}", f"{v}|{fname}"))
    for fname in ["tojson", "reverse", "first", "last", "list", "length", "indent(2)", "wordwrap(4)", "truncate(9)"]:
        for iname, v in {"str": "s", "markup": "m"}.items():
            cases.append((f"filter/{fname}/{iname}", f"{v}|{fname}"))
    for fname in ["title", "capitalize", "trim", "center(40)", "striptags", "indent(2)", "indent(2, true)",
                  "indent(2, blank=true)", "indent('<i>')", "indent('<i>'|safe)", "indent('<i>'|safe, true)",
                  "indent('<i>', true)", "wordwrap(6)", "wordwrap(6, wrapstring='<br>')", "wordwrap(6, wrapstring='<br>'|safe)",
                  "truncate(12)", "truncate(12, true)", "truncate(12, end='<..>')", "truncate(12, end='<..>'|safe)",
                  "truncate(50)", "format(1)", "replace('o', '<o>')", "replace('o', '<o>'|safe)", "replace('&', '+')"]:
        for iname, v in {"long-str": "long", "long-markup": "mlong", "lines-str": "lines", "lines-markup": "mlines"}.items():
            cases.append((f"filter/{fname}/{iname}", f"{v}|{fname}"))

    # replace: which of the value, old and new are markup decides what is escaped.
    for vname, v in {"str": "'<a>&a'", "markup": "('<a>&amp;a'|safe)"}.items():
        for oname, o in {"str": "'a'", "markup": "('a'|safe)", "amp-str": "'&'", "amp-markup": "('&amp;'|safe)"}.items():
            for nname, nv in {"str": "'<n>'", "markup": "('<n>'|safe)", "int": "n"}.items():
                cases.append((f"filter/replace/{vname}/{oname}/{nname}", f"{v}|replace({o}, {nv})"))
    cases.append(("filter/replace/count", "('a-a-a'|safe)|replace('a', s, 2)"))

    # format: Markup % args.
    for vname, v in {"str": "'<p>%s %s</p>'", "markup": "('<p>%s %s</p>'|safe)"}.items():
        for kname, x in KINDS.items():
            cases.append((f"filter/format/{vname}/{kname}", f"{v}|format({x}, s)"))
        cases.append((f"filter/format/{vname}/keywords", f"{v.replace('%s %s', '%(a)s %(b)s')}|format(a=s, b=m)"))
        cases.append((f"filter/format/{vname}/number", f"{v.replace('%s %s', '%05.1f %d')}|format(f, n)"))
        cases.append((f"filter/format/{vname}/tuple-arg", f"{v.replace('%s %s', '%s')}|format((s, m))"))
        cases.append((f"filter/format/{vname}/both", f"{v}|format(s, a=m)"))

    # join: a markup item or separator makes the whole result markup, everything else escaped.
    items = {"str+str": "[s, s]", "str+markup": "[s, m]", "markup+markup": "[m, m]", "str+int": "[s, n]",
             "html+str": "[obj, s]", "none+markup": "[nil, m]", "empty": "[]"}
    for iname, lst in items.items():
        for dname, d in {"none": "", "str": "'<br>'", "markup": "'<br>'|safe"}.items():
            cases.append((f"filter/join/{iname}/{dname}", f"{lst}|join({d})" if d else f"{lst}|join"))
    cases.append(("filter/join/attribute", "[{'a': s}, {'a': m}]|join(', ', attribute='a')"))

    # xmlattr: values escaped unless markup; keys checked.
    cases.append(("filter/xmlattr/values", "{'a': s, 'b': m, 'c': n, 'd': f, 'e': nil, 'f': obj, 'g': t, 'h': missing}|xmlattr"))
    cases.append(("filter/xmlattr/no-autospace", "{'class': s}|xmlattr(false)"))
    cases.append(("filter/xmlattr/empty", "{}|xmlattr"))
    cases.append(("filter/xmlattr/only-none", "{'a': nil}|xmlattr"))
    for kname, key in [("escaped-key", "'a\"<&'"), ("markup-key", "('a\"<&'|safe)"), ("dash", "'data-x'"), ("colon", "'xlink:href'"),
                       ("nbsp", "'a\\u00a0b'"), ("space", "'a b'"), ("slash", "'a/b'"), ("equals", "'a=b'"), ("tab", "'a\\tb'"),
                       ("gt", "'a>b'"), ("newline", "'a\\nb'"), ("cr", "'a\\rb'"), ("formfeed", "'a\\x0cb'"),
                       ("vtab", "'a\\x0bb'"), ("repro", "'onclick=alert(1) x'"), ("leading-space", "' a'"),
                       ("markup-space", "('a b'|safe)"), ("int", "1"), ("none-value-bad-key", "'a b'")]:
        value = "nil" if kname == "none-value-bad-key" else "n"
        cases.append((f"filter/xmlattr/key/{kname}", "{" + key + ": " + value + "}|xmlattr"))

    # tojson: <, >, & and ' become \\u escapes wherever they are.
    cases.append(("filter/tojson/nested", "{'<k>': [s, m, n, f, nil, t], 'a&b': {'c': \"'\"}}|tojson"))
    cases.append(("filter/tojson/indent", "{'<k>': [s, 1]}|tojson(2)"))

    # urlencode: plain text out (escaped on output).
    cases.append(("filter/urlencode/dict", "{'a&b': s, 'c': m, 'n': n}|urlencode"))
    cases.append(("filter/urlencode/pairs", "[('a<', s), ('b', m)]|urlencode"))
    return cases


STATEMENT_CASES = [
    ("autoescape-block/concat", "{% autoescape false %}{{ m ~ s }}|{{ (m ~ s) is escaped }}{% endautoescape %}"),
    ("autoescape-block/join", "{% autoescape false %}{{ [m, s]|join(', ') }}|{{ [m, s]|join(', ') is escaped }}{% endautoescape %}"),
    ("autoescape-block/replace", "{% autoescape false %}{{ m|replace('&', s) }}|{{ m|replace('&', s) is escaped }}{% endautoescape %}"),
    ("autoescape-block/xmlattr", "{% autoescape false %}{{ {'a': s}|xmlattr }}|{{ {'a': s}|xmlattr is escaped }}{% endautoescape %}"),
    ("autoescape-block/set", "{% autoescape false %}{% set x = m ~ s %}{{ x is escaped }}{% endautoescape %}"),
    ("set/markup-method", "{% set x = m.format(s) %}{{ x }}|{{ x ~ s }}"),
    ("macro/format", "{% macro b(x) %}<b>{{ x }}</b>{% endmacro %}{{ b(s).replace('b', s) }}|{{ '{}'.format(b(s)) }}|{{ b(s) ~ s }}"),
    ("caller/join", "{% macro w() %}{{ caller().join([s, m]) }}{% endmacro %}{% call w() %}<hr>{% endcall %}"),
]


def all_cases() -> list[dict]:
    env = Environment(loader=DictLoader({}), autoescape=select_autoescape(["html", "htm", "xml", "svg"]))
    context = dict(PLAIN)
    context.update({k: Markup(v) for k, v in MARKUP.items()})
    context.update({k: HtmlObject(v) for k, v in HTML.items()})
    expressions = method_cases() + operator_cases() + filter_cases()
    seen = set()
    rows = []
    for ext in ["html", "txt"]:
        templates = [(f"{ext}/{name}", "{{ " + expr + " }}|{{ (" + expr + ") is escaped }}") for name, expr in expressions]
        templates += [(f"{ext}/{name}", text) for name, text in STATEMENT_CASES]
        for name, template in templates:
            if name in seen:
                raise SystemExit(f"duplicate case {name}")
            seen.add(name)
            row = {"name": name, "template": template}
            try:
                row["output"] = _render(env, template, ext, context)
            except Exception as e:  # the C# test expects a TemplateException for these
                row["error"] = type(e).__name__
                row["message"] = str(e)
            rows.append(row)
    return rows


def _render(env: Environment, template: str, ext: str, context: dict) -> str:
    # Autoescape is chosen by the template name, as Flask chooses it.
    env.loader.mapping["case." + ext] = template
    env.cache.clear()
    return env.get_template("case." + ext).render(context)


def build() -> str:
    table = {
        "generator": GENERATOR,
        "jinja2": version("jinja2"),
        "markupsafe": version("markupsafe"),
        "data": PLAIN,
        "markup": MARKUP,
        "html": HTML,
        "cases": all_cases(),
    }
    return json.dumps(table, indent=1, ensure_ascii=False) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the table on disk is stale")
    args = parser.parse_args()
    text = build()
    if args.check:
        current = OUTPUT.read_text(encoding="utf-8") if OUTPUT.exists() else ""
        if current != text:
            print(f"{OUTPUT.relative_to(REPO_ROOT)} is stale: run {GENERATOR}", file=sys.stderr)
            return 1
        return 0
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(text, encoding="utf-8", newline="\n")
    print(f"wrote {OUTPUT.relative_to(REPO_ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
