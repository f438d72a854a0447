#!/usr/bin/env python3
"""Generate the routing golden tables for Micro from real Flask/Werkzeug.

Micro's router must behave exactly like Werkzeug 3.1 / Flask 3.1.  This script
is the executable specification: every SUITE below is a small set of URL rules
plus deliberate probes (requests and ``url_for`` builds).  For each suite a
fresh ``flask.Flask`` app is built, the rules are registered with
``app.add_url_rule`` and every probe is run against Flask's test client /
``flask.url_for``.  What Flask actually did is written to

    tests/Micro.Tests/Routing/Golden/routing.json

Regenerate (from the repository root, with Flask 3.1 / Werkzeug 3.1 installed
for ``python3``)::

    python3 tools/goldens/routing_goldens.py

The output is deterministic (stable ordering, sorted ``Allow`` lists, no
timestamps); running the script twice must produce byte-identical files.
``--check`` regenerates in memory and exits non-zero if the file on disk is
different; ``--output PATH`` writes somewhere else.

See tools/goldens/README.md for the JSON format and the list of deliberate
deviations (requests carrying a ``"micro"`` override).
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
import uuid
from importlib.metadata import version
from pathlib import Path
from urllib.parse import unquote

import flask
from werkzeug.test import EnvironBuilder

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_OUTPUT = REPO_ROOT / "tests" / "Micro.Tests" / "Routing" / "Golden" / "routing.json"
GENERATOR = "tools/goldens/routing_goldens.py"

INT64_MIN = -(2**63)
INT64_MAX = 2**63 - 1

# ---------------------------------------------------------------------------
# Deliberate deviations (see README).  A request whose Werkzeug result Micro
# must NOT reproduce carries a "micro" object with what Micro does instead.
# ---------------------------------------------------------------------------
REASON_NON_ASCII = (
    "Micro's int/float converters accept only ASCII digits 0-9; Werkzeug's \\d "
    "(and Python int()/float()) accept any Unicode decimal digit (category Nd)."
)
REASON_NON_ASCII_FALLTHROUGH = (
    REASON_NON_ASCII + " In Micro the digit pattern itself does not match, so "
    "matching continues with the next candidate rule, exactly as for any other "
    "non-matching segment."
)
REASON_BIGINT = (
    "Micro's int converter converts to a signed 64-bit integer; a value that "
    "does not fit is rejected like a failed min/max check (404, no fallback "
    "to other rules)."
)


def micro_404(reason: str) -> dict:
    return {"status": 404, "endpoint": None, "args": None, "location": None,
            "allow": None, "reason": reason}


def micro_200(endpoint: str, args: dict, reason: str) -> dict:
    return {"status": 200, "endpoint": endpoint, "args": args, "location": None,
            "allow": None, "reason": reason}


# ---------------------------------------------------------------------------
# Suite definition helpers
# ---------------------------------------------------------------------------
def R(rule, endpoint, methods=None, strict_slashes=None, defaults=None, redirect_to=None):
    """A rule.  ``defaults`` and ``redirect_to`` (a string) are Werkzeug's rule
    options; they are written to the JSON only when given."""
    rule_ = {"rule": rule, "endpoint": endpoint, "methods": methods,
             "strict_slashes": strict_slashes}
    if defaults is not None:
        rule_["defaults"] = dict(defaults)
    if redirect_to is not None:
        rule_["redirect_to"] = redirect_to
    return rule_


def Q(path, method="GET", query="", micro=None, same=False):
    """A request probe.

    ``path`` is exactly what goes on the request line: ASCII only,
    percent-encoded the way a browser (or Micro's C# test) sends it.
    ``micro`` is the deliberate-deviation override; ``same=True`` asserts that
    a path containing non-ASCII digits is NOT a deviation (e.g. the digits go
    to a string converter).
    """
    return {"method": method, "path": path, "query": query, "micro": micro,
            "same": same}


def B(endpoint, values=None):
    """A url_for probe.  ``values`` is passed as ``url_for(endpoint, **values)``
    in insertion order (``_anchor``, ``_external``, ``_method``, ``_scheme``
    included)."""
    return {"endpoint": endpoint, "values": dict(values or {})}


def S(name, rules, requests=(), builds=()):
    return {"name": name, "rules": list(rules), "requests": list(requests),
            "builds": list(builds)}


# Percent-encoded probe values used below (what a browser sends):
E_ACUTE = "%C3%A9"            # é   (1 code point, 2 UTF-8 bytes)
EMOJI = "%F0%9F%98%80"        # 😀  (1 code point, 2 UTF-16 units, 4 UTF-8 bytes)
E_COMBINING = "e%CC%81"       # e + U+0301 (2 code points)
ARABIC_42 = "%D9%A4%D9%A2"    # ٤٢  (Arabic-Indic digits, category Nd)
FULLWIDTH_42 = "%EF%BC%94%EF%BC%92"  # ４２
DEVANAGARI_42 = "%E0%A5%AA%E0%A5%A8"  # ४२
SUPERSCRIPT_2 = "%C2%B2"      # ²   (category No, NOT a decimal digit)
ARABIC_2024 = "%D9%A2%D9%A0%D9%A2%D9%A4"  # ٢٠٢٤
ARABIC_1_5 = "%D9%A1.%D9%A5"  # ١.٥

U1 = "3f2504e0-4f89-41d3-9a0c-0305e82c3301"
U1_UPPER = U1.upper()

SUITES = [
    # ------------------------------------------------------------------
    # default / string converter
    # ------------------------------------------------------------------
    S("string-default",
      [R("/pages/<name>", "page")],
      [
          Q("/pages/hello"),
          Q("/pages/"),                 # converter needs >= 1 char
          Q("/pages"),
          Q("/pages/hello/"),           # leaf rule + trailing slash
          Q("/pages/hello/world"),
          Q("/pages/a%20b"),            # encoded space
          Q("/pages/a+b"),              # '+' is not a space in paths
          Q("/pages/a%2Bb"),
          Q("/pages/caf" + E_ACUTE),
          Q("/pages/" + EMOJI),
          Q("/pages/%E6%97%A5%E6%9C%AC"),
          Q("/pages/a%2Fb"),            # %2F decoded to '/' before matching
          Q("/pages/%25"),
          Q("/pages/%2525"),            # decoded once only
          Q("/pages/%3F"),
          Q("/pages/%23"),
          Q("/pages/a%0Ab"),            # newline inside a value
          Q("/pages/%0A"),
          Q("/pages/a%0Db"),
          Q("/pages/a%09b"),
          Q("/pages/a.b"),
          Q("/pages/.."),
          Q("/pages/%2E%2E"),
          Q("/pages/%7Euser"),
          Q("/pages/~user"),
          Q("/pages/%"),                # lone '%' (invalid escape kept as is)
          Q("/pages/%zz"),
          Q("/pages/%C3"),              # truncated UTF-8 -> U+FFFD
          Q("/pages/%FF"),
          Q("/pages/hello", query="a=1&b=2"),
          Q("/pages/" + ARABIC_42, same=True),
          Q("/Pages/hello"),            # case-sensitive static part
      ],
      [
          B("page", {"name": "hello"}),
          B("page", {"name": "a b"}),
          B("page", {"name": "a/b"}),   # '/' is safe for every converter's to_url
          B("page", {"name": "a?b"}),
          B("page", {"name": "a#b"}),
          B("page", {"name": "100%"}),
          B("page", {"name": "a+b"}),
          B("page", {"name": "a&b=c"}),
          B("page", {"name": "x:y@z"}),
          B("page", {"name": "!$'()*,;"}),
          B("page", {"name": "~-._"}),
          B("page", {"name": "\"<>`{}|\\^"}),
          B("page", {"name": "café"}),
          B("page", {"name": "😀"}),
          B("page", {"name": "a\nb"}),
          B("page", {"name": ""}),      # builds even though it would not match
          B("page", {"name": 42}),      # str(value)
          B("page", {"name": 1.5}),
          B("page", {"name": True}),
          B("page", {"name": None}),    # None is dropped -> missing value
          B("page", {}),
      ]),

    S("string-minlength",
      [R("/m/<string(minlength=3):s>", "m")],
      [
          Q("/m/ab"),
          Q("/m/abc"),
          Q("/m/abcdefghij"),
          Q("/m/" + E_ACUTE * 2),       # 2 code points
          Q("/m/" + E_ACUTE * 3),       # 3 code points (6 bytes)
          Q("/m/" + EMOJI * 2),         # 2 code points (4 UTF-16 units)
          Q("/m/" + EMOJI * 3),
          Q("/m/a" + E_COMBINING),      # 'a' + 'e' + U+0301 = 3 code points
          Q("/m/%20%20%20"),
      ],
      [
          B("m", {"s": "abc"}),
          B("m", {"s": "a"}),           # to_url does not validate length
      ]),

    S("string-maxlength",
      [R("/x/<string(maxlength=4):s>", "x")],
      [
          Q("/x/a"),
          Q("/x/abcd"),
          Q("/x/abcde"),
          Q("/x/" + E_ACUTE * 4),
          Q("/x/" + E_ACUTE * 5),
          Q("/x/" + EMOJI * 3),         # 3 code points, 6 UTF-16 units
          Q("/x/" + EMOJI * 4),
          Q("/x/" + EMOJI * 5),
          Q("/x/"),
      ],
      [B("x", {"s": "abcdefgh"})]),

    S("string-length",
      [R("/lang/<string(length=2):code>", "lang")],
      [
          Q("/lang/en"),
          Q("/lang/e"),
          Q("/lang/eng"),
          Q("/lang/" + E_ACUTE + E_ACUTE),
          Q("/lang/" + E_ACUTE),
          Q("/lang/" + EMOJI + EMOJI),  # 2 code points -> matches
          Q("/lang/" + EMOJI),          # 1 code point (2 UTF-16 units) -> no
          Q("/lang/" + E_COMBINING),    # 2 code points -> matches
          Q("/lang/%20%20"),
          Q("/lang/a%2Fb"),
          Q("/lang/a%0A"),
      ],
      [B("lang", {"code": "en"}), B("lang", {"code": "english"})]),

    S("string-min-max",
      [R("/mm/<string(minlength=2, maxlength=3):s>", "mm")],
      [
          Q("/mm/a"),
          Q("/mm/ab"),
          Q("/mm/abc"),
          Q("/mm/abcd"),
      ]),

    S("string-minlength-zero",
      [R("/z/<string(minlength=0):s>", "z"),
       R("/zz/<string(minlength=0):s>/end", "zz")],
      [
          Q("/z/"),                     # empty segment matches [^/]{0,}
          Q("/z"),
          Q("/z/a"),
          Q("/zz//end"),                # empty middle segment
          Q("/zz/x/end"),
      ],
      [B("z", {"s": ""}), B("zz", {"s": ""})]),

    S("converter-arg-styles",
      [
          R("/a/<int(min=1):n>", "a"),
          R("/b/<string(length=2):s>", "b"),
          R("/c/<any('x', \"y\"):v>", "c"),
          R("/d/<int(max = 5):n>", "d"),
          R("/e/<int(4):n>", "e"),                       # positional fixed_digits
          R("/f/<string(2):s>", "f"),                    # positional minlength
          R("/g/<default(length=3):s>", "g"),            # 'default' == 'string'
          R("/h/<int(signed=True):n>", "h"),
          R("/i/<float(min=1):x>", "i"),
          R("/j/<any(a.b, c):v>", "j"),                  # bare dotted item
          R("/k/<string(minlength=2,maxlength=2):s>", "k"),
          R("/l/<int(fixed_digits=2, max=50):n>", "l"),
      ],
      [
          Q("/a/0"), Q("/a/1"),
          Q("/b/xy"), Q("/b/xyz"),
          Q("/c/x"), Q("/c/y"), Q("/c/'x'"), Q("/c/%27x%27"), Q("/c/%22y%22"),
          Q("/d/5"), Q("/d/6"),
          Q("/e/0042"), Q("/e/42"),
          Q("/f/a"), Q("/f/ab"), Q("/f/abcdef"),
          Q("/g/abc"), Q("/g/ab"),
          Q("/h/-3"),
          Q("/i/0.5"), Q("/i/1.0"),
          Q("/j/a.b"), Q("/j/ab"), Q("/j/c"),
          Q("/k/ab"), Q("/k/abc"),
          Q("/l/07"), Q("/l/51"), Q("/l/7"),
      ],
      [
          B("e", {"n": 7}),
          B("c", {"v": "x"}),
          B("c", {"v": "'x'"}),
          B("l", {"n": 3}),
      ]),

    # ------------------------------------------------------------------
    # int converter
    # ------------------------------------------------------------------
    S("int-converter",
      [R("/users/<int:id>", "user")],
      [
          Q("/users/42"),
          Q("/users/0"),
          Q("/users/007"),              # leading zeros -> 7
          Q("/users/-1"),               # unsigned by default
          Q("/users/+1"),
          Q("/users/%2B1"),
          Q("/users/%201"),             # leading space
          Q("/users/1%20"),
          Q("/users/1%0A"),             # \Z, not $: trailing newline rejected
          Q("/users/1e3"),
          Q("/users/1.0"),
          Q("/users/1_000"),
          Q("/users/0x10"),
          Q("/users/abc"),
          Q("/users/"),
          Q("/users"),
          Q("/users/42/"),
          Q("/Users/42"),
          Q("/USERS/42"),
          Q("/users/9223372036854775807"),            # int64 max
          Q("/users/9223372036854775808",             # int64 max + 1
            micro=micro_404(REASON_BIGINT)),
          Q("/users/99999999999999999999", micro=micro_404(REASON_BIGINT)),
          Q("/users/000000000000000000000000042"),    # long, but fits after zeros
          Q("/users/" + ARABIC_42, micro=micro_404(REASON_NON_ASCII)),
          Q("/users/" + FULLWIDTH_42, micro=micro_404(REASON_NON_ASCII)),
          Q("/users/" + DEVANAGARI_42, micro=micro_404(REASON_NON_ASCII)),
          Q("/users/4%D9%A2", micro=micro_404(REASON_NON_ASCII)),  # mixed ASCII + Arabic
          Q("/users/" + SUPERSCRIPT_2),                # '²' is not \d
          Q("/users/42", method="HEAD"),
          Q("/users/42", method="POST"),
          Q("/users/" + ARABIC_42, method="POST", micro=micro_404(REASON_NON_ASCII)),
          Q("/users/" + ARABIC_42, method="OPTIONS", micro=micro_404(REASON_NON_ASCII)),
          Q("/users/42", query="page=2"),
      ],
      [
          B("user", {"id": 42}),
          B("user", {"id": 42, "page": 2}),
          B("user", {"id": 0}),
          B("user", {"id": -1}),        # to_url does not check sign
          B("user", {"id": "42"}),      # int("42")
          B("user", {"id": "007"}),     # int("007") -> 7
          B("user", {"id": 4.7}),       # int(4.7) -> 4
          B("user", {"id": "abc"}),     # ValueError from int()
          B("user", {"id": "4.7"}),
          B("user", {"id": 9223372036854775807}),
          B("user", {}),
          B("user", {"id": None}),
          B("nope", {"id": 1}),         # unknown endpoint
      ]),

    S("int-fixed-digits",
      [R("/y/<int(fixed_digits=4):year>", "year")],
      [
          Q("/y/2024"),
          Q("/y/0042"),
          Q("/y/42"),
          Q("/y/12345"),
          Q("/y/0000"),
          Q("/y/" + ARABIC_2024, micro=micro_404(REASON_NON_ASCII)),
      ],
      [
          B("year", {"year": 42}),      # zero-padded
          B("year", {"year": 2024}),
          B("year", {"year": 12345}),   # longer than fixed_digits: unchanged
          B("year", {"year": 0}),
      ]),

    S("int-min-max",
      [R("/n/<int(min=1, max=10):n>", "n")],
      [
          Q("/n/0"),
          Q("/n/1"),
          Q("/n/5"),
          Q("/n/10"),
          Q("/n/11"),
          Q("/n/010"),
          Q("/n/0001"),
          Q("/n/99999999999999999999"),  # > max in both worlds -> 404
      ],
      [B("n", {"n": 99}), B("n", {"n": 0})]),

    S("int-signed",
      [R("/s/<int(signed=True):n>", "s"),
       R("/t/<int(signed=True, max=3):n>", "t"),
       R("/u/<int(signed=True, fixed_digits=3):n>", "u")],
      [
          Q("/s/5"),
          Q("/s/-5"),
          Q("/s/+5"),
          Q("/s/--5"),
          Q("/s/-"),
          Q("/s/-0"),
          Q("/s/5-"),
          Q("/s/-9223372036854775808"),               # int64 min fits
          Q("/s/-9223372036854775809", micro=micro_404(REASON_BIGINT)),
          Q("/s/9223372036854775808", micro=micro_404(REASON_BIGINT)),
          Q("/s/-" + ARABIC_42, micro=micro_404(REASON_NON_ASCII)),
          Q("/t/-300"),
          Q("/t/3"),
          Q("/t/4"),
          Q("/u/-12"),                  # fixed_digits counts the '-' sign
          Q("/u/-123"),
          Q("/u/123"),
          Q("/u/012"),
      ],
      [
          B("s", {"n": -5}),
          B("s", {"n": 5}),
          B("u", {"n": -5}),            # zfill keeps the sign first: '-05'
          B("u", {"n": 5}),
      ]),

    # ------------------------------------------------------------------
    # float converter
    # ------------------------------------------------------------------
    S("float-converter",
      [R("/f/<float:x>", "f")],
      [
          Q("/f/1.5"),
          Q("/f/0.0"),
          Q("/f/1.50"),
          Q("/f/00.50"),
          Q("/f/0.1"),
          Q("/f/3.14159265358979323846"),
          Q("/f/123456789012345678901234567890.5"),
          Q("/f/1"),
          Q("/f/.5"),
          Q("/f/1."),
          Q("/f/-1.5"),
          Q("/f/+1.5"),
          Q("/f/1e5"),
          Q("/f/1.5e3"),
          Q("/f/1,5"),
          Q("/f/1.2.3"),
          Q("/f/inf"),
          Q("/f/nan"),
          Q("/f/%201.5"),
          Q("/f/1.5%0A"),
          Q("/f/" + ARABIC_1_5, micro=micro_404(REASON_NON_ASCII)),
          Q("/f/%EF%BC%91.%EF%BC%95", micro=micro_404(REASON_NON_ASCII)),  # １.５
      ],
      [
          B("f", {"x": 1.5}),
          B("f", {"x": 1}),             # float(1) -> '1.0'
          B("f", {"x": 0.1}),
          B("f", {"x": 2.5e-7}),        # Python repr: '2.5e-07'
          B("f", {"x": 1e20}),          # Python repr: '1e+20'
          B("f", {"x": 1e16}),
          B("f", {"x": 123456789.0}),
          B("f", {"x": "2.50"}),        # float("2.50") -> '2.5'
          B("f", {"x": -0.0}),
          B("f", {"x": "abc"}),
      ]),

    S("float-signed-min-max",
      [R("/g/<float(signed=True):x>", "g"),
       R("/h/<float(min=0.5, max=2.5):x>", "h"),
       R("/k/<float(signed=True, max=1.5):x>", "k")],
      [
          Q("/g/-1.5"),
          Q("/g/1.5"),
          Q("/g/-0.0"),
          Q("/g/+1.5"),
          Q("/g/-1"),
          Q("/g/--1.5"),
          Q("/h/0.5"),
          Q("/h/0.49"),
          Q("/h/2.5"),
          Q("/h/2.51"),
          Q("/h/1.0"),
          Q("/k/-100.5"),
          Q("/k/1.5"),
          Q("/k/1.51"),
      ],
      [B("g", {"x": -1.5}), B("h", {"x": 9.5})]),

    # ------------------------------------------------------------------
    # path converter
    # ------------------------------------------------------------------
    S("path-converter",
      [R("/files/<path:p>", "files")],
      [
          Q("/files/a"),
          Q("/files/a/b/c"),
          Q("/files/a.txt"),
          Q("/files/"),                 # path needs >= 1 char
          Q("/files"),
          Q("/files/a/"),               # trailing slash kept in the value
          Q("/files/a/b/"),
          Q("/files/a%2Fb"),
          Q("/files/a%2F"),
          Q("/files/a/../b"),           # '..' not normalised
          Q("/files/.."),
          Q("/files/../etc/passwd"),
          Q("/files/a/%2E%2E/b"),
          Q("/files/./a"),
          Q("/files/a//b"),             # double slash inside the value: kept, no redirect
          Q("/files//a"),               # value would start with '/': merge redirect
          Q("/files/a%20b/caf" + E_ACUTE),
          Q("/files/a%0Ab"),            # '.' does not match '\n'
          Q("/files/%0Aab"),            # first char matched by [^/] which allows '\n'
          Q("/files/a%0A"),
          Q("/files/a%0Db"),
          Q("/files/a/b", query="x=1"),
          Q("/files/a/b", method="HEAD"),
          Q("/files/a/b", method="OPTIONS"),
          Q("/files/a/b", method="POST"),
      ],
      [
          B("files", {"p": "a/b/c"}),
          B("files", {"p": "a b/é.txt"}),
          B("files", {"p": "/etc/passwd"}),
          B("files", {"p": "a?b#c"}),
          B("files", {"p": "../x"}),
          B("files", {"p": ""}),
      ]),

    S("path-in-middle",
      [R("/files/<path:p>/edit", "edit"),
       R("/repo/<path:p>/blob/<name>", "blob")],
      [
          Q("/files/a/edit"),
          Q("/files/a/b/c/edit"),
          Q("/files/edit"),
          Q("/files/edit/edit"),
          Q("/files/a/edit/edit"),
          Q("/files/a/edit/"),
          Q("/files/a/b"),
          Q("/files/a%2Fb/edit"),
          Q("/files/a%2Fedit"),         # decoded: /files/a/edit
          Q("/files/a/edit%2F"),
          Q("/files//edit"),
          Q("/files/a%0Ab/edit"),
          Q("/repo/x/blob/y"),
          Q("/repo/x/y/blob/z"),
          Q("/repo/x/blob/y/blob/z"),
          Q("/repo/x/blob/y/z"),
      ],
      [B("edit", {"p": "a/b"}), B("blob", {"p": "x/y", "name": "z"})]),

    S("path-rule-trailing-slash",
      [R("/docs/<path:p>/", "docs"),
       R("/pub/<path:p>/", "pub", strict_slashes=False)],
      [
          Q("/docs/a/"),
          Q("/docs/a"),                 # strict: redirect to add the slash
          Q("/docs/a", query="v=1"),
          Q("/docs/a/b/"),
          Q("/docs/a/b"),
          Q("/docs/a//"),
          Q("/docs/"),
          Q("/docs/a", method="POST"),
          Q("/pub/a/"),
          Q("/pub/a"),                  # non-strict: matches directly
          Q("/pub/a/b"),
      ],
      [B("docs", {"p": "a/b"}), B("pub", {"p": "x"})]),

    S("path-vs-string-vs-int",
      [R("/x/<path:p>", "xpath"),       # registered first on purpose
       R("/x/<s>", "xstr"),
       R("/x/<int:n>", "xint")],
      [
          Q("/x/5"),
          Q("/x/abc"),
          Q("/x/a/b"),
          Q("/x/5/6"),
          Q("/x/5.5"),
          Q("/x/" + ARABIC_42,
            micro=micro_200("xstr", {"s": "٤٢"}, REASON_NON_ASCII_FALLTHROUGH)),
      ]),

    # ------------------------------------------------------------------
    # uuid converter
    # ------------------------------------------------------------------
    S("uuid-converter",
      [R("/obj/<uuid:id>", "obj")],
      [
          Q("/obj/" + U1),
          Q("/obj/" + U1_UPPER),        # value normalised to lower case
          Q("/obj/3F2504E0-4f89-41D3-9a0c-0305E82C3301"),
          Q("/obj/" + U1.replace("-", "")),
          Q("/obj/%7B" + U1 + "%7D"),
          Q("/obj/urn:uuid:" + U1),
          Q("/obj/" + U1[:-1]),
          Q("/obj/" + U1 + "0"),
          Q("/obj/" + U1.replace("3f", "3g", 1)),
          Q("/obj/00000000-0000-0000-0000-000000000000"),
          Q("/obj/" + U1 + "/"),
          Q("/obj/%20" + U1),
      ],
      [
          B("obj", {"id": U1}),
          B("obj", {"id": U1_UPPER}),   # str(value): case kept
          B("obj", {"id": "not-a-uuid"}),  # no validation when building
      ]),

    # ------------------------------------------------------------------
    # any converter
    # ------------------------------------------------------------------
    S("any-converter",
      [R('/<any(about, help, imprint, "foo,bar"):page>', "page")],
      [
          Q("/about"),
          Q("/help"),
          Q("/foo,bar"),
          Q("/foo%2Cbar"),
          Q("/foo"),
          Q("/bar"),
          Q("/About"),
          Q("/abouts"),
          Q("/about/"),
          Q("/"),
          Q("/%22foo,bar%22"),
      ],
      [
          B("page", {"page": "about"}),
          B("page", {"page": "foo,bar"}),
          B("page", {"page": "nope"}),  # ValueError listing the sorted items
          B("page", {"page": "About"}),
      ]),

    S("any-regex-items",
      [R("/r/<any('a+b', 'a', ab, 'x.y', 'c|d'):v>", "r")],
      [
          Q("/r/a+b"),
          Q("/r/a%2Bb"),
          Q("/r/a"),
          Q("/r/ab"),                   # alternation backtracks under \Z
          Q("/r/aab"),
          Q("/r/x.y"),
          Q("/r/xzy"),                  # '.' escaped
          Q("/r/c|d"),
          Q("/r/c%7Cd"),
          Q("/r/c"),
      ],
      [B("r", {"v": "a+b"}), B("r", {"v": "c|d"}), B("r", {"v": "x.y"})]),

    S("any-vs-string-registration-order",
      [R("/p/<any(a, b):v>", "p_any"),
       R("/p/<s>", "p_str"),
       R("/q/<s>", "q_str"),
       R("/q/<any(a, b):v>", "q_any")],
      [
          Q("/p/a"),                    # same weight: first registered wins
          Q("/p/c"),
          Q("/q/a"),                    # string registered first -> string wins
          Q("/q/c"),
      ]),

    S("uuid-vs-string-registration-order",
      [R("/s1/<s>", "s1_str"),
       R("/s1/<uuid:u>", "s1_uuid"),
       R("/s2/<uuid:u>", "s2_uuid"),
       R("/s2/<s>", "s2_str")],
      [
          Q("/s1/" + U1),               # uuid and string both weigh 100
          Q("/s2/" + U1),
          Q("/s2/abc"),
      ]),

    S("float-vs-int",
      [R("/v/<float:x>", "vfloat"),
       R("/v/<int:n>", "vint")],
      [
          Q("/v/1"),
          Q("/v/1.5"),
          Q("/v/1.0"),
      ]),

    # ------------------------------------------------------------------
    # several converters in one segment
    # ------------------------------------------------------------------
    S("multi-converter-dash",
      [R("/<a>-<b>", "dash")],
      [
          Q("/x-y"),
          Q("/a-b-c"),                  # greedy first converter
          Q("/---"),
          Q("/--"),
          Q("/-x"),
          Q("/x-"),
          Q("/xy"),
          Q("/x%2Dy"),
      ],
      [B("dash", {"a": "x", "b": "y"}), B("dash", {"a": "x-y", "b": "z"})]),

    S("multi-converter-page-html",
      [R("/page-<int:n>.html", "page")],
      [
          Q("/page-5.html"),
          Q("/page-05.html"),
          Q("/page-x.html"),
          Q("/page-5.htm"),
          Q("/page-5xhtml"),            # '.' is literal
          Q("/page-.html"),
          Q("/Page-5.html"),
          Q("/page-5.html/"),
      ],
      [B("page", {"n": 7})]),

    S("multi-converter-dimensions",
      [R("/<int:x>x<int:y>", "dims"),
       R("/d/<int:a><int:b>", "digits")],
      [
          Q("/3x4"),
          Q("/33x44"),
          Q("/3X4"),
          Q("/x4"),
          Q("/3x"),
          Q("/3x4x5"),
          Q("/d/123"),                  # greedy: a=12, b=3
          Q("/d/1"),
      ],
      [B("dims", {"x": 3, "y": 4}), B("digits", {"a": 1, "b": 23})]),

    S("multi-converter-version",
      [R("/v<int:major>.<int:minor>/info", "info"),
       R("/<name>.json", "json"),
       R("/<name>", "plain")],
      [
          Q("/v1.2/info"),
          Q("/v10.20/info"),
          Q("/v1/info"),
          Q("/data.json"),              # more static content in the segment wins
          Q("/data"),
          Q("/a.b.json"),
          Q("/.json"),
          Q("/v1.2"),
      ],
      [B("info", {"major": 1, "minor": 2}), B("json", {"name": "x.y"})]),

    S("many-converters-one-segment",
      # Werkzeug sorts a part's regex groups by NAME ('__werkzeug_0',
      # '__werkzeug_1', '__werkzeug_10', '__werkzeug_2', ...), so with more than
      # ten converters in one part the values are assigned to the wrong
      # variables.  Recorded as observed (see README).
      [R("/ten/" + "-".join(f"<c{i}>" for i in range(10)), "ten"),
       R("/twelve/" + "-".join(f"<c{i}>" for i in range(12)), "twelve"),
       R("/deep/<path:p0>/" + "/".join(f"<c{i}>" for i in range(1, 11)), "deep")],
      [
          Q("/ten/" + "-".join(f"v{i}" for i in range(10))),
          Q("/twelve/" + "-".join(f"v{i}" for i in range(12))),
          Q("/deep/" + "/".join(f"v{i}" for i in range(11))),
      ],
      [B("twelve", {f"c{i}": f"v{i}" for i in range(12)})]),

    # ------------------------------------------------------------------
    # precedence
    # ------------------------------------------------------------------
    S("static-vs-converters",
      [R("/users/<path:rest>", "user_rest"),
       R("/users/<name>", "user_name"),
       R("/users/<int:id>", "user_id"),
       R("/users/new", "user_new")],
      [
          Q("/users/new"),
          Q("/users/New"),
          Q("/users/42"),
          Q("/users/bob"),
          Q("/users/a/b"),
          Q("/users/new/x"),
          Q("/users/42/x"),
          Q("/users/" + FULLWIDTH_42,
            micro=micro_200("user_name", {"name": "４２"}, REASON_NON_ASCII_FALLTHROUGH)),
      ]),

    S("segment-static-weights",
      [R("/w/<name>", "w_plain"),
       R("/w/<name>.json", "w_json"),
       R("/w/x<name>", "w_xprefix"),
       R("/w/<int:id>", "w_int"),
       R("/w/item-<int:id>", "w_item")],
      [
          Q("/w/a.json"),
          Q("/w/5.json"),
          Q("/w/5"),
          Q("/w/xyz"),
          Q("/w/x.json"),               # both 1-static-part rules: longer static part first?
          Q("/w/xa.json"),
          Q("/w/item-5"),
          Q("/w/item-x"),
          Q("/w/abc"),
      ]),

    S("backtracking",
      [R("/a/<x>/c", "axc"),
       R("/<y>/b/d", "ybd"),
       R("/a/b/<z>/e", "abze"),
       R("/<p>/<q>/<r>/f", "pqrf")],
      [
          Q("/a/b/c"),
          Q("/a/b/d"),                  # static 'a' branch fails, dynamic y='a' wins
          Q("/a/b/x/e"),
          Q("/a/b/x/f"),
          Q("/z/b/d"),
          Q("/a/z/c"),
          Q("/a/b/e"),
      ]),

    S("converter-rejects-after-choice",
      [R("/n/<int(max=10):n>", "n_int"),
       R("/n/<s>", "n_str"),
       R("/fd/<int(fixed_digits=2):n>", "fd_int"),
       R("/fd/<s>", "fd_str"),
       R("/r/<int(min=5):n>", "r_int"),
       R("/r/<path:p>", "r_path"),
       R("/big/<int:n>", "big_int"),
       R("/big/<s>", "big_str")],
      [
          Q("/n/5"),
          Q("/n/11"),                   # int regex matched, to_python rejects: no fallback
          Q("/n/abc"),
          Q("/fd/12"),
          Q("/fd/123"),
          Q("/fd/1"),
          Q("/r/7"),
          Q("/r/3"),
          Q("/r/3/x"),
          Q("/big/12"),
          Q("/big/99999999999999999999", micro=micro_404(REASON_BIGINT)),
      ]),

    S("case-sensitivity",
      [R("/users/<int:id>", "user"),
       R("/About", "about")],
      [
          Q("/users/42"),
          Q("/Users/42"),
          Q("/USERS/42"),
          Q("/About"),
          Q("/about"),
          Q("/ABOUT"),
      ],
      [B("about")]),

    # ------------------------------------------------------------------
    # strict slashes
    # ------------------------------------------------------------------
    S("strict-slashes-branch",
      [R("/dir/", "dir")],
      [
          Q("/dir/"),
          Q("/dir"),
          Q("/dir", query="a=1&b=2"),
          Q("/dir", query="q=a%20b&x=%2F"),
          Q("/dir", query="flag"),
          Q("/dir", query="q=%C3%A9&r=a+b"),
          Q("/dir", query="a=1&a=2&"),
          Q("/dir", method="HEAD"),
          Q("/dir", method="POST"),
          Q("/dir", method="OPTIONS"),
          Q("/dir/", method="OPTIONS"),
          Q("/dir//"),
          Q("/dir/x"),
          Q("/Dir"),
      ],
      [B("dir"), B("dir", {"a": 1})]),

    S("strict-slashes-leaf",
      [R("/file", "file")],
      [
          Q("/file"),
          Q("/file/"),
          Q("/file/", method="POST"),
          Q("/file//"),
      ]),

    S("strict-slashes-false",
      [R("/sdir/", "sdir", strict_slashes=False),
       R("/sfile", "sfile", strict_slashes=False),
       R("/sarg/<name>", "sarg", strict_slashes=False)],
      [
          Q("/sdir/"),
          Q("/sdir"),
          Q("/sfile"),
          Q("/sfile/"),
          Q("/sfile//"),
          Q("/sarg/x"),
          Q("/sarg/x/"),
      ],
      [B("sdir"), B("sfile")]),

    S("strict-slashes-both-exist",
      [R("/x", "x_leaf"),
       R("/x/", "x_branch"),
       R("/y/", "y_branch", strict_slashes=False),
       R("/y", "y_leaf")],
      [
          Q("/x"),
          Q("/x/"),
          Q("/y"),
          Q("/y/"),
      ]),

    S("strict-slashes-converter-branch",
      [R("/u/<name>/", "u"),
       R("/v/<int:id>/", "v"),
       R("/mx/<int(max=10):id>/", "mx")],
      [
          Q("/u/bob/"),
          Q("/u/bob"),
          Q("/u/caf" + E_ACUTE),        # Location re-encodes the decoded path
          Q("/u/a%20b"),
          Q("/u/a+b"),
          Q("/u/a%3Fb"),
          Q("/u/a%25b"),
          Q("/u/a%23b"),
          Q("/u/%7E"),
          Q("/u/a%2Fb"),
          Q("/u/a:b@c"),
          Q("/u/a%22b"),
          Q("/v/5"),
          Q("/v/x"),
          # The slash redirect is decided before any to_python() runs, so an
          # out-of-range value is redirected first and rejected afterwards
          # (same for Micro's Int64 check, which is a to_python-stage check).
          Q("/v/99999999999999999999"),
          Q("/v/99999999999999999999/", micro=micro_404(REASON_BIGINT)),
          Q("/v/" + ARABIC_42, micro=micro_404(REASON_NON_ASCII)),
          Q("/mx/11"),                  # redirected although max=10 rejects it
          Q("/mx/11/"),
          Q("/mx/10"),
      ]),

    S("strict-slashes-vs-converter",
      [R("/dir/", "dir"),
       R("/<name>", "name"),
       R("/<slug>/", "slug_branch"),
       R("/<int:id>", "id_leaf")],
      [
          Q("/dir"),                    # slash redirect wins over '/<name>'
          Q("/dir/"),
          Q("/other"),                  # '/<name>' (leaf) is tried before the branch
          Q("/other/"),
          Q("/5"),
          Q("/5/"),
      ]),

    S("strict-slashes-method-mismatch",
      [R("/m/", "m_post", methods=["POST"]),
       R("/mm/", "mm_get"),
       R("/mm", "mm_post", methods=["POST"]),
       R("/k", "k_get"),
       R("/k/", "k_post", methods=["POST"])],
      [
          Q("/m"),                      # the slash rule does not accept GET
          Q("/m", method="POST"),
          Q("/m/"),
          Q("/m/", method="POST"),
          Q("/mm"),
          Q("/mm", method="POST"),
          Q("/mm", method="PUT"),
          Q("/mm/"),
          Q("/k"),
          Q("/k", method="POST"),
          Q("/k/"),
          Q("/k/", method="POST"),
      ]),

    # ------------------------------------------------------------------
    # merge slashes
    # ------------------------------------------------------------------
    S("merge-slashes",
      [R("/users/<int:id>", "user"),
       R("/a/b/", "ab"),
       R("/c//d", "cd"),
       R("/e/<name>", "e", methods=["POST"])],
      [
          Q("/users//42"),
          Q("/users//42", query="x=1&y=2"),
          Q("//users/42"),              # leading slashes are stripped, no redirect
          Q("///users/42"),
          Q("/users/42//"),
          Q("/users///42"),
          Q("/users//x"),
          Q("/a//b/"),
          Q("/a///b/"),
          Q("/a//b"),
          Q("//a/b"),
          Q("/c/d"),
          Q("/c//d"),
          Q("/e//x", method="POST"),
          Q("/e//x"),
          Q("/users//42", method="POST"),
      ],
      [B("cd"), B("ab")]),

    # ------------------------------------------------------------------
    # methods
    # ------------------------------------------------------------------
    S("methods-default",
      [R("/r", "r")],
      [
          Q("/r"),
          Q("/r", method="HEAD"),
          Q("/r", method="OPTIONS"),
          Q("/r", method="POST"),
          Q("/r", method="PUT"),
          Q("/r", method="DELETE"),
          Q("/r", method="PATCH"),
          Q("/r", method="TRACE"),
          Q("/r", method="PURGE"),
          Q("/r", method="get"),        # method names are upper-cased
          Q("/nothing", method="OPTIONS"),
          Q("/nothing", method="POST"),
      ],
      [B("r"), B("r", {"_method": "GET"}), B("r", {"_method": "POST"})]),

    S("methods-post-only",
      [R("/p", "p", methods=["POST"]),
       R("/lc", "lc", methods=["post", "Put"])],
      [
          Q("/p", method="POST"),
          Q("/p"),
          Q("/p", method="HEAD"),
          Q("/p", method="OPTIONS"),
          Q("/p", method="PUT"),
          Q("/lc", method="POST"),
          Q("/lc", method="PUT"),
          Q("/lc"),
      ],
      [B("p"), B("p", {"_method": "POST"}), B("p", {"_method": "GET"})]),

    S("methods-split-across-rules",
      [R("/item", "item_get", methods=["GET"]),
       R("/item", "item_post", methods=["POST"]),
       R("/item", "item_write", methods=["PUT", "DELETE"])],
      [
          Q("/item"),
          Q("/item", method="HEAD"),
          Q("/item", method="POST"),
          Q("/item", method="PUT"),
          Q("/item", method="DELETE"),
          Q("/item", method="PATCH"),
          Q("/item", method="OPTIONS"),
      ]),

    S("methods-explicit-options-and-head",
      [R("/o", "o", methods=["GET", "OPTIONS"]),
       R("/h", "h", methods=["HEAD"]),
       R("/gh", "gh", methods=["GET", "HEAD"])],
      [
          Q("/o", method="OPTIONS"),    # explicit OPTIONS: the view runs
          Q("/o"),
          Q("/o", method="POST"),
          Q("/h", method="HEAD"),
          Q("/h"),
          Q("/h", method="OPTIONS"),
          Q("/gh", method="HEAD"),
          Q("/gh", method="OPTIONS"),
      ]),

    S("methods-across-converters",
      [R("/w/<int:id>", "w_int"),
       R("/w/<name>", "w_name", methods=["POST"]),
       R("/q/<int(max=10):n>", "q_int", methods=["POST"]),
       R("/q/<s>", "q_str"),
       R("/v/<int:id>", "v", methods=["POST"])],
      [
          Q("/w/5"),
          Q("/w/5", method="POST"),     # int rule lacks POST -> falls to string rule
          Q("/w/abc"),
          Q("/w/abc", method="POST"),
          Q("/w/5", method="OPTIONS"),
          Q("/w/abc", method="OPTIONS"),
          Q("/w/5", method="PUT"),
          Q("/q/5"),
          Q("/q/11"),
          Q("/q/5", method="POST"),
          Q("/q/11", method="POST"),
          Q("/q/11", method="OPTIONS"),
          Q("/v/5"),
          Q("/v/x"),
          Q("/v/5", method="POST"),
      ]),

    S("methods-build-selection",
      [R("/thing", "thing", methods=["GET"]),
       R("/thing/create", "thing", methods=["POST"]),
       R("/other/create", "other", methods=["POST"]),
       R("/other", "other", methods=["GET"]),
       R("/only-post", "only_post", methods=["POST"])],
      [
          Q("/thing"),
          Q("/thing/create", method="POST"),
          Q("/thing/create"),
          Q("/other"),
      ],
      [
          B("thing"),
          B("thing", {"_method": "GET"}),
          B("thing", {"_method": "POST"}),
          B("thing", {"_method": "PUT"}),
          B("other"),                   # default method GET preferred
          B("other", {"_method": "POST"}),
          B("only_post"),               # no GET rule: falls back to any method
          B("thing", {"_method": "post"}),
      ]),

    # ------------------------------------------------------------------
    # percent-decoding
    # ------------------------------------------------------------------
    S("percent-decoding-static",
      [R("/café", "cafe"),
       R("/日本/<name>", "nihon"),
       R("/hello world", "space"),
       R("/a+b", "plus"),
       R("/100%", "percent"),
       R("/abc", "abc"),
       R("/semi;colon", "semi")],
      [
          Q("/caf" + E_ACUTE),
          Q("/CAF%C3%89"),
          Q("/cafe%CC%81"),             # NFD form: different code points
          Q("/caf%c3%a9"),              # lower-case hex escapes
          Q("/caf" + E_ACUTE + "/"),
          Q("/%E6%97%A5%E6%9C%AC/x"),
          Q("/hello%20world"),
          Q("/hello+world"),
          Q("/a+b"),
          Q("/a%2Bb"),
          Q("/a%20b"),
          Q("/100%25"),
          Q("/%61%62%63"),
          Q("/ab%63"),
          Q("/semi;colon"),
          Q("/semi%3Bcolon"),
      ],
      [
          B("cafe"),
          B("nihon", {"name": "東京"}),
          B("space"),
          B("plus"),
          B("percent"),
          B("semi"),
      ]),

    S("percent-encoded-slash",
      [R("/files/<name>", "file"),
       R("/files/<name>/raw", "raw"),
       R("/dir/", "dir")],
      [
          Q("/files/a%2Fb"),
          Q("/files/a%2fb"),
          Q("/files/a%2Fraw"),          # decoded to /files/a/raw
          Q("/files%2Fa"),              # decoded to /files/a
          Q("/files%2Fa%2Fraw"),
          Q("/dir%2F"),                 # decoded to /dir/
          Q("/files/a%2F"),             # decoded to /files/a/ (leaf rule)
          Q("/files/%2F"),
      ]),

    # ------------------------------------------------------------------
    # url_for builds
    # ------------------------------------------------------------------
    S("build-query-string",
      [R("/search", "search"),
       R("/u/<int:id>", "user")],
      [
          Q("/search", query="q=x"),
      ],
      [
          B("search", {"q": "flask"}),
          B("search", {"q": "a b", "page": 2, "sort": "desc"}),
          B("search", {"sort": "desc", "q": "a b"}),   # insertion order kept
          B("search", {"tag": ["a", "b", "c"]}),
          B("search", {"tag": []}),
          B("search", {"tag": ["a", None, "b"]}),
          B("search", {"tag": ("x", "y")}),
          B("search", {"q": None, "page": 1}),
          B("search", {"q": "é"}),
          B("search", {"ключ": "значение"}),
          B("search", {"q": "a&b=c"}),
          B("search", {"q": "a+b"}),
          B("search", {"q": "100%"}),
          B("search", {"q": "a/b?c:d@e"}),
          B("search", {"q": "#frag"}),
          B("search", {"q": "!$'()*,;"}),
          B("search", {"q": "~-._"}),
          B("search", {"q": ""}),
          B("search", {"flag": True}),
          B("search", {"x": 1.0}),
          B("search", {"x": 0.1}),
          B("search", {"q": "a\nb"}),
          B("search", {"a b": "c"}),
          B("user", {"id": 1, "tab": "posts", "page": [1, 2]}),
      ]),

    S("build-anchor-external-scheme",
      [R("/r", "r"),
       R("/u/<int:id>", "user")],
      [],
      [
          B("r", {"_anchor": "top"}),
          B("r", {"_anchor": "a b"}),
          B("r", {"_anchor": "x#y"}),
          B("r", {"_anchor": "é"}),
          B("r", {"_anchor": "%20"}),
          B("r", {"_anchor": "a?b=c&d"}),
          B("r", {"_anchor": ""}),
          B("r", {"_anchor": "a\"b<c>"}),
          B("user", {"id": 5, "q": "x", "_anchor": "sec"}),
          B("r", {"_external": True}),
          B("r", {"_external": False}),
          B("user", {"id": 5, "q": "x", "_external": True, "_anchor": "top"}),
          B("r", {"_scheme": "https", "_external": True}),
          B("r", {"_scheme": "https"}),                  # in a request, _scheme implies _external
          B("r", {"_external": True, "_method": "GET"}),
      ]),

    S("build-multiple-rules-one-endpoint",
      [R("/list/", "list"),
       R("/list/<int:page>", "list"),
       R("/post/<int:year>/<slug>", "post"),
       R("/post/<slug>", "post")],
      [
          Q("/list/"),
          Q("/list/2"),
          Q("/post/2024/hi"),
          Q("/post/hi"),
      ],
      [
          B("list"),
          B("list", {"page": 2}),
          B("list", {"page": 2, "q": "x"}),
          B("post", {"slug": "hi"}),
          B("post", {"year": 2024, "slug": "hi"}),
          B("post", {"year": 2024}),
          B("post", {"year": None, "slug": "hi"}),
      ]),

    S("build-errors",
      [R("/a/<int:id>/<name>", "a"),
       R("/b/<any(x, y):v>", "b"),
       R("/c", "c")],
      [],
      [
          B("a", {"id": 1, "name": "n"}),
          B("a", {"id": 1}),
          B("a", {"name": "n"}),
          B("a", {}),
          B("b", {"v": "z"}),
          B("b", {"v": "x"}),
          B("missing"),
          B("missing", {"id": 1}),
          B("C"),                       # endpoint names are case-sensitive
          B("c", {"_method": "DELETE"}),
      ]),
    # ------------------------------------------------------------------
    # Rule defaults (Werkzeug's redirect_defaults) and redirect_to
    # ------------------------------------------------------------------
    S("defaults-any",
      [R("/", "index", defaults={"js": "fetch"}),
       R("/<any(xhr, jquery, fetch):js>", "index")],
      [
          Q("/"),
          Q("/", query="js=xhr"),     # the default, never the query string
          Q("/fetch"),                # the default's own URL: 308 to the rule with the default
          Q("/fetch", query="a=1"),   # the query string goes along
          Q("/xhr"),
          Q("/jquery"),
          Q("/other"),
          Q("/", method="POST"),
          Q("/fetch", method="POST"),
          Q("/fetch", method="HEAD"),
      ],
      [
          B("index", {"js": "fetch"}),
          B("index", {"js": "xhr"}),
          B("index", {}),
          B("index", {"js": "fetch", "page": 2}),
          B("index", {"js": "other"}),
      ]),

    S("defaults-int",
      [R("/users/", "users", defaults={"page": 1}),
       R("/users/page/<int:page>", "users")],
      [
          Q("/users/"),
          Q("/users"),
          Q("/users/page/1"),
          Q("/users/page/2"),
          Q("/users/page/01"),
      ],
      [
          B("users", {"page": 1}),
          B("users", {"page": 2}),
          B("users", {}),
          B("users", {"page": 1, "sort": "name"}),
      ]),

    S("defaults-extra",
      [R("/feed", "feed", defaults={"kind": "rss", "limit": 10}),
       R("/feed/<kind>", "feed", defaults={"limit": 10}),
       R("/feed/<kind>/<int:limit>", "feed")],
      [
          Q("/feed"),
          Q("/feed/atom"),
          Q("/feed/rss"),             # arguments {kind, limit} on both: 308 to /feed
          Q("/feed/atom/10"),         # 308 to /feed/atom
          Q("/feed/rss/10"),          # the first rule providing defaults wins: /feed
          Q("/feed/atom/5"),
      ],
      [
          B("feed", {}),
          B("feed", {"kind": "rss"}),
          B("feed", {"kind": "atom"}),
          B("feed", {"kind": "atom", "limit": 10}),
          B("feed", {"kind": "atom", "limit": 5}),
          B("feed", {"limit": 5}),
      ]),

    S("redirect-to",
      [R("/old/<int:id>", "old", redirect_to="/new/<id>"),
       R("/new/<int:id>", "new"),
       R("/legacy", "legacy", redirect_to="new/7"),
       R("/tag/<name>", "tag", redirect_to="/tags/<name>"),
       R("/away", "away", redirect_to="https://example.com/x"),
       R("/form", "form", methods=["POST"], redirect_to="/new/1")],
      [
          Q("/old/5"),
          Q("/old/5", query="a=1"),   # redirect_to drops the query string
          Q("/old/x"),
          Q("/old/5", method="POST"),
          Q("/legacy"),
          Q("/tag/a%20b"),
          Q("/tag/caf" + E_ACUTE),
          Q("/away"),
          Q("/form", method="POST"),
          Q("/form"),
      ],
      [
          B("old", {"id": 5}),
          B("legacy"),
      ]),
]


# ---------------------------------------------------------------------------
# Running the suites
# ---------------------------------------------------------------------------
class GoldenError(Exception):
    pass


def _json_value(value, where):
    """Convert a converter/view value to its JSON form.

    Returns (json_value, is_bigint)."""
    if isinstance(value, bool):
        return value, False
    if isinstance(value, int):
        if INT64_MIN <= value <= INT64_MAX:
            return value, False
        return str(value), True
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise GoldenError(f"{where}: non-finite float {value!r} cannot be stored in JSON")
        return value, False
    if isinstance(value, uuid.UUID):
        return str(value), False
    if isinstance(value, str):
        return value, False
    raise GoldenError(f"{where}: unexpected value type {type(value).__name__}")


def _check_build_values(values, where):
    for k, v in values.items():
        items = v if isinstance(v, (list, tuple)) else [v]
        for item in items:
            if item is None or isinstance(item, (bool, str, float)):
                continue
            if isinstance(item, int) and INT64_MIN <= item <= INT64_MAX:
                continue
            raise GoldenError(f"{where}: build value {k}={item!r} is not JSON-portable")


def _path_info(path: str) -> str:
    """PATH_INFO exactly as Werkzeug's test client (and WSGI servers) produce it:
    percent-decoded (UTF-8, invalid sequences -> U+FFFD), then WSGI latin-1."""
    return unquote(path).encode("utf-8").decode("latin-1")


def _has_non_ascii_digit(text: str) -> bool:
    return any(ord(c) > 127 and unicodedata.category(c) == "Nd" for c in text)


def _make_view(captured: list):
    def view(**kwargs):
        captured.append((flask.request.endpoint, dict(kwargs)))
        return flask.jsonify(endpoint=flask.request.endpoint, args=kwargs)
    return view


def _build_app(suite):
    # static_folder=None: Flask would otherwise add '/static/<path:filename>'
    # depending on whether a 'static' directory happens to exist next to this
    # script.  That rule is Flask's, not the router's.
    app = flask.Flask(__name__, static_folder=None)
    app.testing = True
    captured: list = []
    views = {}
    for r in suite["rules"]:
        ep = r["endpoint"]
        if ep not in views:
            views[ep] = _make_view(captured)
        kwargs = {}
        if r["methods"] is not None:
            kwargs["methods"] = list(r["methods"])
        if r["strict_slashes"] is not None:
            kwargs["strict_slashes"] = r["strict_slashes"]
        if "defaults" in r:
            kwargs["defaults"] = dict(r["defaults"])
        if "redirect_to" in r:
            kwargs["redirect_to"] = r["redirect_to"]
        app.add_url_rule(r["rule"], endpoint=ep, view_func=views[ep], **kwargs)
    return app, captured


def _run_request(app, captured, suite_name, q):
    path, method, query = q["path"], q["method"], q["query"]
    where = f"{suite_name}: {method} {path}?{query}"
    if not path.startswith("/") or not path.isascii() or "?" in path or "#" in path:
        raise GoldenError(f"{where}: probe paths must be ASCII, start with '/', no '?'/'#'")

    path_info = _path_info(path)
    if not path.startswith("//"):
        # Sanity check: our PATH_INFO equals what the test client computes.
        expected = EnvironBuilder(path=path).get_environ()["PATH_INFO"]
        if expected != path_info:
            raise GoldenError(f"{where}: PATH_INFO mismatch {expected!r} != {path_info!r}")
    open_path = path
    overrides = None
    if path.startswith("//"):
        # The test client parses '//x/y' as a network-path reference (host
        # 'x'), so for these probes PATH_INFO/REQUEST_URI are set explicitly,
        # exactly as a WSGI server sets them for 'GET //x/y HTTP/1.1'.
        raw_uri = path + (f"?{query}" if query else "")
        open_path = "/"
        overrides = {"PATH_INFO": path_info, "REQUEST_URI": raw_uri, "RAW_URI": raw_uri}

    captured.clear()
    with app.test_client() as client:
        resp = client.open(open_path, method=method, query_string=query,
                           environ_overrides=overrides)
    status = resp.status_code
    location = resp.headers.get("Location")
    allow_header = resp.headers.get("Allow")
    allow = None
    if allow_header is not None:
        allow = sorted(m.strip() for m in allow_header.split(",") if m.strip())

    endpoint = None
    args = None
    bigint = False
    if status == 200:
        if len(captured) == 1:
            endpoint, raw_args = captured[0]
            args = {}
            for k, v in raw_args.items():
                args[k], big = _json_value(v, where)
                bigint = bigint or big
            if method != "HEAD":
                body = resp.get_json()
                body_args = {k: (str(v) if isinstance(v, uuid.UUID) else v)
                             for k, v in raw_args.items()}
                if body != {"endpoint": endpoint, "args": body_args}:
                    raise GoldenError(f"{where}: body {body!r} disagrees with view capture")
            elif resp.get_data():
                raise GoldenError(f"{where}: HEAD response has a body")
        elif len(captured) == 0:
            # Flask's automatic OPTIONS response: no view ran.
            if method != "OPTIONS" or resp.get_data():
                raise GoldenError(f"{where}: 200 without a view call")
        else:
            raise GoldenError(f"{where}: view called {len(captured)} times")
    elif captured:
        raise GoldenError(f"{where}: view ran but status is {status}")

    record = {
        "method": method,
        "path": path,
        "query": query,
        "status": status,
        "endpoint": endpoint,
        "args": args,
        "location": location,
        "allow": allow,
    }
    if bigint:
        record["bigint"] = True

    # Deviation bookkeeping: every candidate for a deliberate deviation must
    # be decided explicitly, and every "micro" override must really differ.
    micro = q["micro"]
    decoded = unquote(path)
    if micro is None:
        if bigint:
            raise GoldenError(f"{where}: int beyond Int64 needs a 'micro' override")
        if _has_non_ascii_digit(decoded) and not q["same"]:
            raise GoldenError(f"{where}: non-ASCII digits: add 'micro' or same=True")
    else:
        observed = {k: record[k] for k in ("status", "endpoint", "args", "location", "allow")}
        wanted = {k: micro[k] for k in ("status", "endpoint", "args", "location", "allow")}
        if observed == wanted:
            raise GoldenError(f"{where}: 'micro' override equals Werkzeug's result")
        record["micro"] = dict(micro)
    return record


def _run_build(app, suite_name, b):
    endpoint, values = b["endpoint"], b["values"]
    where = f"{suite_name}: url_for({endpoint!r}, **{values!r})"
    _check_build_values(values, where)
    url = error = message = None
    with app.test_request_context():
        try:
            url = flask.url_for(endpoint, **values)
        except Exception as exc:  # noqa: BLE001 - recording what Flask raises
            error = type(exc).__name__
            message = str(exc)
    return {
        "endpoint": endpoint,
        "values": {k: (list(v) if isinstance(v, tuple) else v) for k, v in values.items()},
        "url": url,
        "error": error,
        "message": message,
    }


def generate() -> dict:
    names = [s["name"] for s in SUITES]
    if len(names) != len(set(names)):
        raise GoldenError("duplicate suite names")
    suites = []
    for suite in SUITES:
        app, captured = _build_app(suite)
        requests = [_run_request(app, captured, suite["name"], q) for q in suite["requests"]]
        builds = [_run_build(app, suite["name"], b) for b in suite["builds"]]
        suites.append({
            "name": suite["name"],
            "rules": [dict(r) for r in suite["rules"]],
            "requests": requests,
            "builds": builds,
        })
    return {
        "generator": GENERATOR,
        "werkzeug": version("werkzeug"),
        "flask": version("flask"),
        "suites": suites,
    }


def render(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False) + "\n"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT,
                        help="where to write the JSON (default: %(default)s)")
    parser.add_argument("--check", action="store_true",
                        help="do not write; fail if the file on disk is out of date")
    opts = parser.parse_args(argv)

    text = render(generate())
    if opts.check:
        current = opts.output.read_text(encoding="utf-8") if opts.output.exists() else None
        if current != text:
            print(f"{opts.output} is out of date; rerun {GENERATOR}", file=sys.stderr)
            return 1
        return 0
    opts.output.parent.mkdir(parents=True, exist_ok=True)
    opts.output.write_text(text, encoding="utf-8", newline="\n")
    data = json.loads(text)
    n_req = sum(len(s["requests"]) for s in data["suites"])
    n_build = sum(len(s["builds"]) for s in data["suites"])
    print(f"wrote {opts.output}: {len(data['suites'])} suites, "
          f"{n_req} requests, {n_build} builds "
          f"(werkzeug {data['werkzeug']}, flask {data['flask']})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
