#!/usr/bin/env python3
"""Record what Jinja2 3.1 does with template inheritance, configured as Flask configures it.

Writes tests/Micro.Tests/Templates/Inheritance/Golden/inheritance.json: each case is a set of templates, the one to
render, its context, and Jinja's exact output or its error (type, message, and the template and line the traceback
points at). Covered: {% extends %} with a computed name, inside {% if %}, more than once, text and blocks before it,
output after it; required and scoped required blocks; blocks inside macros, call blocks and set blocks.
Where Micro words an error differently on purpose a case carries `micro` (its message and why).
inheritance-generated.json holds random three-level chains drawn with a fixed seed from the same constructs.
Run from the repository root: python3 tools/goldens/inheritance_goldens.py [--check]
"""
import json
import os
import random
import sys
import tempfile
import traceback

import jinja2
from jinja2 import Environment, FileSystemLoader, select_autoescape

GOLDEN = os.path.join(os.path.dirname(__file__), "..", "..", "tests", "Micro.Tests", "Templates", "Inheritance", "Golden")

# Layouts most cases share.
BASE = {
    "base.html": "<base>{% block title %}Base{% endblock %}|{% block body %}base body{% endblock %}</base>",
    "ajax.html": "<ajax>{% block body %}ajax body{% endblock %}</ajax>",
    "mid.html": "{% extends 'base.html' %}{% block title %}Mid/{{ super() }}{% endblock %}",
    "_macros.html": "{% macro hi(who) %}hi {{ who }}{% endmacro %}",
}

CHILD = "{% block title %}Child{% endblock %}{% block body %}child body {{ name }}{% endblock %}"

NOT_A_STRING = "Jinja passes the value to the loader, which fails with Python's own error for the type; Micro says what {% extends %} needs"
SEARCHED = "Micro names every folder it searched (the design's 'missing template' rule)"
SECOND_LINE = "Jinja's generated code raises at the line of the first {% extends %}; Micro names the one that extends a second time"
MISSING = ("Template 'nope.html' not found. Searched: <templates>", None, SEARCHED)

# (name, templates (added to BASE), context, micro): each case renders page.html. `micro` is None, or Micro's message
# (None: Jinja's), line (None: Jinja's) and why they differ on purpose.
CASES = [
    # A computed parent: a variable, an expression, a conditional expression (Flask's ajax idiom).
    ("variable-base", {"page.html": "{% extends layout %}" + CHILD}, {"layout": "base.html"}, None),
    ("variable-ajax", {"page.html": "{% extends layout %}" + CHILD}, {"layout": "ajax.html"}, None),
    ("expression", {"page.html": "{% extends kind ~ '.html' %}" + CHILD}, {"kind": "ajax"}, None),
    ("conditional-expression-true", {"page.html": "{% extends 'ajax.html' if ajax else 'base.html' %}" + CHILD}, {"ajax": True}, None),
    ("conditional-expression-false", {"page.html": "{% extends 'ajax.html' if ajax else 'base.html' %}" + CHILD}, {"ajax": False}, None),
    ("set-then-extends", {"page.html": "{% set layout = 'mid.html' %}{% extends layout %}{% block body %}[{{ layout }}]{% endblock %}"}, {}, None),
    ("computed-parent-that-extends", {"page.html": "{% extends layout %}{% block title %}Page/{{ super() }}{% endblock %}"}, {"layout": "mid.html"}, None),
    ("computed-grandparent", {
        "page.html": "{% extends 'dyn.html' %}{% block title %}Page/{{ super() }}{% endblock %}{% block body %}{{ self.title() }}{% endblock %}",
        "dyn.html": "{% extends layout %}{% block title %}Dyn/{{ super() }}{% endblock %}"}, {"layout": "mid.html"}, None),
    ("computed-parent-imports", {"page.html": "{% import '_macros.html' as m %}{% extends layout %}{% block body %}{{ m.hi(name) }}{% endblock %}"}, {"layout": "base.html", "name": "<Ada>"}, None),
    # {% extends %} inside {% if %}: the template renders itself when no branch extends.
    ("if-extends-true", {"page.html": "pre {% if x %}{% extends 'base.html' %}{% endif %}mid {% block body %}B{% endblock %} end"}, {"x": True}, None),
    ("if-extends-false", {"page.html": "pre {% if x %}{% extends 'base.html' %}{% endif %}mid {% block body %}B{% endblock %} end"}, {"x": False}, None),
    ("if-elif-extends", {"page.html": "{% if a %}{% extends 'base.html' %}{% elif b %}{% extends 'ajax.html' %}{% else %}plain {% endif %}{% block body %}B{% endblock %}"}, {"a": False, "b": True}, None),
    ("if-else-extends", {"page.html": "{% if a %}{% extends 'base.html' %}{% else %}{% extends 'ajax.html' %}{% endif %}{% block body %}B{% endblock %}"}, {"a": False}, None),
    ("if-extends-computed", {"page.html": "{% if layout %}{% extends layout %}{% endif %}{% block body %}B{% endblock %}"}, {"layout": "ajax.html"}, None),
    ("if-extends-output-after", {"page.html": "{% if x %}{% extends 'base.html' %}{% endif %}{% for i in [1, 2] %}<{{ i }}>{% endfor %}{% set s %}S{% endset %}{{ s }}{% block title %}T{% endblock %}"}, {"x": True}, None),
    ("if-extends-output-after-false", {"page.html": "{% if x %}{% extends 'base.html' %}{% endif %}{% for i in [1, 2] %}<{{ i }}>{% endfor %}{% set s %}S{% endset %}{{ s }}{% block title %}T{% endblock %}"}, {"x": False}, None),
    ("if-extends-block-in-if", {"page.html": "{% if x %}{% extends 'base.html' %}{% endif %}{% if true %}{% block title %}T{% endblock %}{% endif %}"}, {"x": True}, None),
    ("extends-in-autoescape", {"page.html": "{% autoescape false %}{% extends 'base.html' %}{% endautoescape %}{% block body %}{{ html }}{% endblock %}"}, {"html": "<b>"}, None),
    # More than once: Jinja raises when the second extends runs.
    ("twice", {"page.html": "{% extends 'base.html' %}{% extends 'ajax.html' %}"}, {}, None),
    ("twice-computed", {"page.html": "{% extends layout %}\n{% extends layout %}"}, {"layout": "base.html"}, (None, 2, SECOND_LINE)),
    ("twice-conditional-both", {"page.html": "{% if a %}{% extends 'base.html' %}{% endif %}\n{% if b %}{% extends 'ajax.html' %}{% endif %}" + CHILD}, {"a": True, "b": True}, None),
    ("twice-conditional-first", {"page.html": "{% if a %}{% extends 'base.html' %}{% endif %}{% if b %}{% extends 'ajax.html' %}{% endif %}" + CHILD}, {"a": True, "b": False}, None),
    ("twice-conditional-second", {"page.html": "{% if a %}{% extends 'base.html' %}{% endif %}{% if b %}{% extends 'ajax.html' %}{% endif %}" + CHILD}, {"a": False, "b": True}, None),
    ("twice-conditional-neither", {"page.html": "{% if a %}{% extends 'base.html' %}{% endif %}{% if b %}{% extends 'ajax.html' %}{% endif %}" + CHILD}, {"a": False, "b": False}, None),
    ("twice-conditional-then-root", {"page.html": "{% if a %}{% extends 'base.html' %}{% endif %}{% extends 'ajax.html' %}" + CHILD}, {"a": True}, None),
    ("twice-after-known-in-if", {"page.html": "{% extends 'base.html' %}{% if a %}{% extends 'ajax.html' %}{% endif %}" + CHILD}, {"a": False}, None),
    ("twice-after-known-in-if-runs", {"page.html": "{% extends 'base.html' %}\n{% if a %}{% extends 'ajax.html' %}{% endif %}" + CHILD}, {"a": True}, None),
    ("twice-through-parent", {"page.html": "{% extends 'mid.html' %}{% block body %}P{% endblock %}"}, {}, None),
    # Before {% extends %} everything renders; after it, output outside blocks is dropped (not include or call output).
    ("text-before", {"page.html": "hello {{ name }}\n{% extends 'base.html' %}after {{ name }}" + CHILD}, {"name": "<Ada>"}, None),
    ("text-before-computed", {"page.html": "hello {{ name }}\n{% extends layout %}after {{ name }}" + CHILD}, {"name": "Ada", "layout": "ajax.html"}, None),
    ("text-before-in-parent", {"page.html": "P1 {% extends 'pre.html' %}{% block body %}page{% endblock %}",
                               "pre.html": "P2 {% extends 'base.html' %}P3"}, {}, None),
    ("block-before", {"page.html": "{% block title %}first{% endblock %}{% extends 'base.html' %}{% block body %}second{% endblock %}"}, {}, None),
    ("block-before-with-super", {"page.html": "{% block title %}first/{{ super() }}{% endblock %}\n{% extends 'base.html' %}"}, {}, None),
    ("block-before-in-parent-with-super", {"page.html": "{% extends 'pre.html' %}{% block title %}page/{{ super() }}{% endblock %}",
                                           "pre.html": "{% block title %}pre/{{ super() }}{% endblock %}|{% extends 'base.html' %}"}, {}, None),
    ("self-before", {"page.html": "{{ self.title() }}|{% extends 'base.html' %}{% block title %}T{% endblock %}"}, {}, None),
    ("self-before-parent-only", {"page.html": "{{ self.body() }}|{% extends 'base.html' %}{% block title %}T{% endblock %}"}, {},
     ("no block called 'body'", None, "Jinja's message names its Python class (TemplateReference has no attribute); Micro names the block")),
    ("macro-with-block-before", {"page.html": "{% macro m() %}{% block title %}m/{{ super() }}{% endblock %}{% endmacro %}{{ m() }}\n{% extends 'base.html' %}"}, {}, None),
    ("super-without-parent", {"page.html": "{% extends 'base.html' %}{% block title %}\n{{ super() }}{% endblock %}{% block nope %}{{ super() }}{% endblock %}"}, {}, None),
    ("super-without-parent-rendered", {"page.html": "{% block nope %}\n{{ super() }}{% endblock %}"}, {}, None),
    ("loop-and-if-before", {"page.html": "{% for i in [1, 2] %}{{ i }}{% endfor %}{% if true %}!{% endif %}{% extends 'base.html' %}"}, {}, None),
    ("output-after", {"page.html": "{% extends 'base.html' %}{% for i in [1, 2] %}F{{ i }}{% endfor %}{% if true %}IF{% endif %}{% with %}W{% endwith %}{% filter upper %}fil{% endfilter %}{% filter center(5) %}{% endfilter %}|"}, {}, None),
    ("include-and-call-after", {"page.html": "{% extends 'base.html' %}{% include '_part.html' %}{% macro m() %}M{{ caller() }}{% endmacro %}{% call m() %}C{% endcall %}",
                                "_part.html": "INC"}, {}, None),
    ("set-after", {"page.html": "{% extends 'base.html' %}{% set who = 'W' %}{% set cap %}<{{ who }}>{% endset %}{% block body %}{{ cap }}{% endblock %}"}, {}, None),
    ("block-in-loop-after", {"page.html": "{% extends 'base.html' %}{% for i in [1] %}{% block title %}LOOP{% endblock %}{% endfor %}"}, {}, None),
    ("block-in-if-after", {"page.html": "{% extends 'base.html' %}{% if true %}{% block title %}IF{% endblock %}{% endif %}"}, {}, None),
    # Errors: a computed parent that is missing or not a name; extends where Jinja forbids it.
    ("missing-computed-parent", {"page.html": "one\ntwo\n  {% extends layout %}"}, {"layout": "nope.html"}, MISSING),
    ("missing-conditional-parent", {"page.html": "one\n{% if true %}\n{% extends 'nope.html' %}{% endif %}"}, {}, MISSING),
    ("undefined-parent", {"page.html": "\n{% extends layout %}"}, {}, None),
    ("none-parent", {"page.html": "{% extends none %}"}, {}, ("The name in {% extends %} must be a string, not NoneType", None, NOT_A_STRING)),
    ("number-parent", {"page.html": "{% extends 42 %}"}, {}, ("The name in {% extends %} must be a string, not int", None, NOT_A_STRING)),
    ("list-parent", {"page.html": "{% extends ['nope.html', 'base.html'] %}"}, {}, ("The name in {% extends %} must be a string, not list", None, NOT_A_STRING)),
    ("tuple-parent", {"page.html": "{% extends ('nope.html', 'base.html') %}"}, {}, ("The name in {% extends %} must be a string, not tuple", None, NOT_A_STRING)),
    ("extends-in-for", {"page.html": "x\n{% for i in [1] %}{% extends 'base.html' %}{% endfor %}"}, {}, None),
    ("extends-in-macro", {"page.html": "{% macro m() %}\n{% extends 'base.html' %}{% endmacro %}"}, {}, None),
    ("extends-in-block", {"page.html": "{% block b %}\n\n{% extends 'base.html' %}{% endblock %}"}, {}, None),
    ("extends-in-with", {"page.html": "{% with %}{% extends 'base.html' %}{% endwith %}"}, {}, None),
    ("extends-in-parent-error", {"page.html": "{% extends layout %}", "bad.html": "ok\n{{ 1 + }}"}, {"layout": "bad.html"}, None),
    # Required blocks: an error where the block is rendered and nothing overrides it.
    ("required-alone", {"page.html": "a{% block r required %}{% endblock %}b"}, {}, None),
    ("required-not-overridden", {"page.html": "{% extends 'req.html' %}", "req.html": "R[{% block r required %}{% endblock %}]"}, {}, None),
    ("required-overridden", {"page.html": "{% extends 'req.html' %}{% block r %}ok{% endblock %}", "req.html": "R[{% block r required %}{% endblock %}]"}, {}, None),
    ("required-overridden-super", {"page.html": "{% extends 'req.html' %}{% block r %}[{{ super() }}]{% endblock %}", "req.html": "R[{% block r required %}{% endblock %}]"}, {}, None),
    ("required-overridden-computed", {"page.html": "{% extends layout %}{% block r %}ok{% endblock %}", "req.html": "R[{% block r required %}{% endblock %}]"}, {"layout": "req.html"}, None),
    ("required-not-overridden-computed", {"page.html": "{% extends layout %}{% block title %}t{% endblock %}", "req.html": "R[{% block r required %}{% endblock %}]"}, {"layout": "req.html"}, None),
    ("required-not-rendered", {"page.html": "{% if x %}{% block r required %}{% endblock %}{% endif %}ok"}, {"x": False}, None),
    ("required-in-middle", {"page.html": "{% extends 'reqmid.html' %}", "reqmid.html": "{% extends 'base.html' %}{% block body required %}{% endblock %}"}, {}, None),
    ("required-in-middle-overridden", {"page.html": "{% extends 'reqmid.html' %}{% block body %}B{% endblock %}", "reqmid.html": "{% extends 'base.html' %}{% block body required %}{% endblock %}"}, {}, None),
    ("scoped-required", {"page.html": "{% extends 'loop.html' %}", "loop.html": "{% for i in [1, 2] %}\n{% block row scoped required %}{% endblock %}{% endfor %}"}, {}, None),
    ("scoped-required-overridden", {"page.html": "{% extends 'loop.html' %}{% block row %}<{{ i }}>{% endblock %}", "loop.html": "{% for i in [1, 2] %}{% block row scoped required %}{% endblock %}{% endfor %}"}, {}, None),
    ("required-with-comment", {"page.html": "{% block r required %}\n  {# only a comment #}\n{% endblock %}"}, {}, None),
    ("required-self-call", {"page.html": "{% extends 'req.html' %}{% block r %}[{{ self.r2() }}]{% endblock %}", "req.html": "{% block r required %}{% endblock %}{% block r2 %}two{% endblock %}"}, {}, None),
    ("required-through-self", {"page.html": "{% if false %}{% block r required %}{% endblock %}{% endif %}[{{ self.r() }}]"}, {}, None),
    ("required-in-macro", {"page.html": "{% macro m() %}<{% block r required %}{% endblock %}>{% endmacro %}\n{{ m() }}"}, {}, None),
    ("required-in-macro-overridden", {"page.html": "{% extends 'mac.html' %}{% block r %}R{% endblock %}", "mac.html": "{% macro m() %}<{% block r required %}{% endblock %}>{% endmacro %}{{ m() }}"}, {}, None),
    # Blocks inside macros, call blocks and set blocks: registered with the template, rendered from its context.
    ("block-in-macro", {"page.html": "{% macro m() %}<{% block inner %}in{% endblock %}>{% endmacro %}{{ m() }}|{{ m() }}"}, {}, None),
    ("block-in-macro-overridden", {"page.html": "{% extends 'mac.html' %}{% block inner %}OVER{% endblock %}", "mac.html": "{% macro m() %}<{% block inner %}in{% endblock %}>{% endmacro %}{{ m() }}|{{ m() }}"}, {}, None),
    ("block-in-macro-super", {"page.html": "{% extends 'mac.html' %}{% block inner %}O{{ super() }}{% endblock %}", "mac.html": "{% macro m() %}<{% block inner %}in{% endblock %}>{% endmacro %}{{ m() }}"}, {}, None),
    ("block-in-macro-context", {"page.html": "{% set x = 'top' %}{% macro m(x) %}<{% block inner %}{{ x }}{% endblock %}>{% endmacro %}{{ m('arg') }}"}, {}, None),
    ("scoped-block-in-macro", {"page.html": "{% set x = 'top' %}{% macro m(x) %}<{% block inner scoped %}{{ x }}{% endblock %}>{% endmacro %}{{ m('arg') }}"}, {}, None),
    ("block-in-macro-computed-parent", {"page.html": "{% extends layout %}{% block inner %}OVER{% endblock %}", "mac.html": "{% macro m() %}<{% block inner %}in{% endblock %}>{% endmacro %}{{ m() }}"}, {"layout": "mac.html"}, None),
    ("block-in-macro-defined-in-child", {"page.html": "{% extends layout %}{% macro m() %}<{% block body %}child{% endblock %}>{% endmacro %}{% block title %}{{ m() }}{% endblock %}"}, {"layout": "base.html"}, None),
    ("block-in-imported-macro", {"page.html": "{% import 'mac.html' as mac %}{{ mac.m() }}", "mac.html": "{% macro m() %}<{% block inner %}in{% endblock %}>{% endmacro %}"}, {}, None),
    ("block-in-macro-twice", {"page.html": "{% macro m() %}{% block a %}{% endblock %}{% endmacro %}{% block a %}{% endblock %}"}, {}, None),
    ("block-in-call", {"page.html": "{% macro w() %}[{{ caller() }}]{% endmacro %}{% call w() %}{% block c %}cc{% endblock %}{% endcall %}"}, {}, None),
    ("block-in-call-overridden", {"page.html": "{% extends 'call.html' %}{% block c %}CC{% endblock %}", "call.html": "{% macro w() %}[{{ caller() }}]{% endmacro %}{% call w() %}{% block c %}cc{% endblock %}{% endcall %}"}, {}, None),
    ("block-in-set", {"page.html": "{% set s %}<{% block c %}cc{% endblock %}>{% endset %}{{ s }}{{ s }}"}, {}, None),
    ("block-in-set-overridden", {"page.html": "{% extends 'set.html' %}{% block c %}CC{% endblock %}", "set.html": "{% set s %}<{% block c %}cc{% endblock %}>{% endset %}{{ s }}{{ s }}"}, {}, None),
]


def env_for(folder):
    return Environment(loader=FileSystemLoader(folder), autoescape=select_autoescape(["html", "htm", "xml", "svg"]))


def where(e, folder):
    """The template and line Jinja's traceback points at (the innermost template frame), or the error's own."""
    if isinstance(e, jinja2.TemplateSyntaxError):
        return e.name, e.lineno
    found = (None, None)
    for frame in traceback.extract_tb(e.__traceback__):
        if frame.filename and os.path.dirname(os.path.abspath(frame.filename)) == os.path.abspath(folder):
            found = (os.path.basename(frame.filename), frame.lineno)
    return found


def run(templates, context):
    with tempfile.TemporaryDirectory() as folder:
        for name, text in templates.items():
            with open(os.path.join(folder, name), "w", encoding="utf-8", newline="") as fh:
                fh.write(text)
        try:
            return {"output": env_for(folder).get_template("page.html").render(**context)}
        except Exception as e:  # noqa: BLE001 - every error is part of the golden
            template, line = where(e, folder)
            text = e.message if isinstance(e, jinja2.TemplateSyntaxError) else str(e)
            return {"error": {"type": type(e).__name__, "message": text.replace(folder, "<templates>"), "template": template, "line": line}}


NAMES = ["a", "b", "c", "d"]
NO_ATTRIBUTE = "'jinja2.runtime.TemplateReference object' has no attribute "


def piece(rng, template, i, may_extend, parent):
    n = rng.choice(NAMES)
    kind = rng.randrange(10) if not may_extend else 10
    if kind == 0:
        return f"{template}{i} "
    if kind == 1:
        return "{{ v }}"
    if kind == 2:
        return f"{{% set v = '{template}{i}' %}}"
    if kind == 3:
        # (The loop does not read v: Jinja's loop would not see a v set later at the top level, a scoping rule
        # apart from inheritance.)
        return "{% for k in [1, 2] %}<{{ k }}>{% endfor %}"
    if kind == 4:
        return f"{{% if {rng.choice(['true', 'false'])} %}}?{{{{ v }}}}{{% endif %}}"
    if kind == 5:
        return f"{{{{ self.{n}() }}}}" if rng.random() < 0.4 else "{{ v }}"
    if kind == 6:
        return f"{{% block {n} %}}{template}.{n}[{{{{ v }}}}]{rng.choice(['', '', '{{ super() }}'])}{{% endblock %}}"
    if kind == 7:
        return f"{{% for k in [1] %}}{{% block {n} scoped %}}{template}.{n}{{{{ k }}}}{rng.choice(['', '', '{{ super() }}'])}{{% endblock %}}{{% endfor %}}"
    if kind == 8:
        return f"{{% macro m{i}() %}}<{{% block {n} %}}{template}.m.{n}{{% endblock %}}>{{% endmacro %}}{{{{ m{i}() }}}}"
    if kind == 9:
        return f"{{% block {n} required %}}{{% endblock %}}" if rng.random() < 0.3 else f"{{% block {n} %}}{template}.{n}{{% endblock %}}"
    form = rng.randrange(5)
    name = {0: f"'{parent}'", 1: parent.replace(".", "_"), 2: f"'nope.html' if false else '{parent}'"}.get(form, f"'{parent}'")
    if form == 3:
        return f"{{% if {rng.choice(['true', 'true', 'false'])} %}}{{% extends '{parent}' %}}{{% endif %}}"
    return f"{{% extends {name} %}}"


def base_block(rng, n):
    kind = rng.randrange(12)
    if kind == 3:
        return f"({{% block {n} required %}}{{% endblock %}})"
    if kind == 4:
        return f"({{% for k in [1, 2] %}}{{% block {n} scoped %}}base.{n}{{{{ k }}}}{{% endblock %}}{{% endfor %}})"
    if kind == 5:
        return f"({{% macro base_{n}() %}}{{% block {n} %}}base.{n}{{% endblock %}}{{% endmacro %}}{{{{ base_{n}() }}}})"
    return f"({{% block {n} %}}base.{n}{{% endblock %}})"


def body(rng, template, parent):
    pieces = [piece(rng, template, i, False, parent) for i in range(rng.randrange(0, 6))]
    # One {% extends %} in one of its forms, sometimes a second (Jinja: "extended multiple times" when both run).
    for _ in range(1 if rng.random() < 0.9 else 2):
        pieces.insert(rng.randrange(len(pieces) + 1), piece(rng, template, 0, True, parent))
    seen = set()
    kept = []
    for p in pieces:
        # Each block name once per template, as Jinja requires.
        names = [w for w in NAMES if f"block {w} " in p]
        if names and names[0] in seen:
            continue
        seen.update(names)
        kept.append(p)
    return "".join(kept)


def generated(count, seed):
    rng = random.Random(seed)
    cases = []
    for k in range(count):
        base = "<base>" + "".join(base_block(rng, n) for n in rng.sample(NAMES, 4)) + rng.choice(["", "{{ self.a() }}"]) + "</base>"
        templates = {"base.html": base, "mid.html": body(rng, "m", "base.html"), "page.html": body(rng, "p", rng.choice(["mid.html", "mid.html", "base.html"]))}
        context = {"v": "x", "mid_html": "mid.html", "base_html": "base.html"}
        c = {"name": f"generated-{k:03}", "templates": templates, "data": context}
        c.update(run(templates, context))
        message = c.get("error", {}).get("message", "")
        if message.startswith(NO_ATTRIBUTE):
            c["micro"] = {"message": "no block called " + message[len(NO_ATTRIBUTE):], "line": c["error"]["line"],
                          "why": "Jinja's message names its Python class (TemplateReference has no attribute); Micro names the block"}
        cases.append(c)
    return cases


def write(cases, head):
    lines = [json.dumps(c, ensure_ascii=True) for c in cases]
    return json.dumps(head, ensure_ascii=True)[:-1] + ', "cases": [\n' + ",\n".join(lines) + "\n]}\n"


def build():
    cases = []
    for name, templates, context, micro in CASES:
        all_templates = dict(BASE)
        all_templates.update(templates)
        c = {"name": name, "templates": templates, "data": context}
        c.update(run(all_templates, json.loads(json.dumps(context))))
        if micro is not None:
            if "error" not in c:
                sys.exit(f"{name}: Micro's wording recorded for a case that renders")
            c["micro"] = {"message": micro[0] or c["error"]["message"], "line": micro[1] or c["error"]["line"], "why": micro[2]}
        cases.append(c)
    head = {"generator": "tools/goldens/inheritance_goldens.py", "jinja2": jinja2.__version__}
    return {
        "inheritance.json": write(cases, dict(head, shared=BASE)),
        "inheritance-generated.json": write(generated(600, 12), dict(head, shared={})),
    }


def main():
    stale = False
    for name, text in build().items():
        path = os.path.join(GOLDEN, name)
        old = open(path, encoding="utf-8").read() if os.path.exists(path) else None
        if old != text:
            stale = True
            if "--check" not in sys.argv:
                os.makedirs(GOLDEN, exist_ok=True)
                with open(path, "w", encoding="utf-8", newline="\n") as fh:
                    fh.write(text)
    if stale and "--check" in sys.argv:
        print("inheritance goldens are stale: run python3 tools/goldens/inheritance_goldens.py", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
