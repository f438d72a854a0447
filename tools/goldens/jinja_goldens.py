#!/usr/bin/env python3
"""Render the template goldens with the real Jinja2 3.1, configured as Flask configures it.

Writes tests/Micro.Tests/Templates/Golden/NNN-topic/ with templates/, data.json and, for each entry
template, expected/<name> (the exact output) or expected/<name>.error (the Jinja exception type).
Run from the repository root: python3 tools/goldens/jinja_goldens.py
"""
import json, os, shutil
from jinja2 import Environment, FileSystemLoader, select_autoescape

ROOT = os.path.join(os.path.dirname(__file__), "..", "..", "tests", "Micro.Tests", "Templates", "Golden")

DATA = {
    "name": "World", "html": "<b>\"Tom\" & 'Jerry'</b>", "n": 7, "f": 2.5, "zero": 0, "items": [3, 1, 2],
    "words": ["b", "A", "c", "a"], "empty": [], "none": None, "flag": True,
    "user": {"name": "Ada", "email": "ada@example.com", "age": 36, "tags": ["x", "y"]},
    "users": [{"name": "Bob", "age": 30, "city": "Oslo"}, {"name": "alice", "age": 25, "city": "Rome"},
              {"name": "Carl", "age": 30, "city": "oslo"}],
    "g": {"user": {"id": 1, "username": "ada"}},
    "flashes": ["Saved <ok>", "Welcome back"],
    "posts": [{"id": 1, "author_id": 1, "title": "Hello & <welcome>", "username": "ada", "created": "2026-11-25", "body": "First post"},
              {"id": 2, "author_id": 2, "title": "Second", "username": "bob", "created": "2026-11-24", "body": "It's \"quoted\""}],
    "tree": [{"name": "a", "children": [{"name": "a1", "children": []}, {"name": "a2", "children": [{"name": "a2x", "children": []}]}]},
             {"name": "b", "children": []}],
    "text": "Hello world, this is a fairly long sentence that goes on.",
    "mapping": {"b": 2, "a": 1, "C": 3},
}

# Every filter whose result depends on autoescape (Jinja's eval context), for the runtime autoescape topic.
FILT = ("{{ html|e }}|{{ {'a': html}|xmlattr }}|{{ ({'a': html}|xmlattr)|e }}|{{ html|replace('<', html|safe) }}|{{ (html|safe)|replace('&', '+') }}"
        "|{{ '<p>%s'|format(html) }}|{{ ('<p>%s'|safe)|format(html) }}|{{ [html, html|safe]|join(',') }}|{{ ([html, html|safe]|join(','))|e }}|{{ html ~ (html|safe) }}|{{ (html ~ (html|safe))|e }}\n")

CASES = {
    "001-expressions": {
        "page.html": "{{ name }}|{{ user.name }}|{{ user['email'] }}|{{ users[1].name }}|{{ items[-1] }}|{{ items[1:] }}|{{ 'abc'[::-1] }}\n"
                     "{{ 1 + 2 }} {{ 7 / 2 }} {{ 4 / 2 }} {{ 7 // 2 }} {{ -7 // 2 }} {{ -7 % 3 }} {{ 2 ** 10 }} {{ 2.5 * 2 }} {{ 0.1 + 0.2 }} {{ 1e20 }} {{ 1.5e-7 }}\n"
                     "{{ 1 < 2 < 3 }} {{ 1 == 1.0 }} {{ 'a' in 'cat' }} {{ 4 not in items }} {{ not flag }} {{ flag and 'yes' }} {{ zero or 'fallback' }}\n"
                     "{{ 'a' ~ 1 ~ none }} {{ 'x' if flag else 'y' }} {{ 'x' if zero }}|{{ none }} {{ true }} {{ false }} {{ [1, 'a', none, 2.0] }} {{ {'k': 'v'} }} {{ (1,) }} {{ (1, 2) }}\n"
                     "{{ missing }}|{{ missing is defined }}|{{ user.missing }}|{{ 'it''s' }} {{ \"q\\\"uote\" }} {{ 1_000 }} {{ 0x1F }}\n",
    },
    "002-whitespace-comments-raw": {
        "page.txt": "a {# comment #} b\n{#- stripped -#}\n  c  {{- name -}}  d\n{% if flag -%}\n   yes\n{%- endif %}\n{% raw %}{{ not parsed }} {% if %}{% endraw %}\n{%- raw -%}  x  {%- endraw -%}  y\nline\r\nend\n\n",
        "trailing.txt": "one\n{% if flag %}\ntwo\n{% endif %}\n",
    },
    "003-autoescape": {
        "page.html": "{{ html }}|{{ html|safe }}|{{ html|e }}|{{ html|e|e }}|{{ html|forceescape }}|{{ '<' ~ html|safe }}\n"
                     "{% autoescape false %}{{ html }}{% endautoescape %}|{{ [html] }}|{{ html|upper }}|{{ html|safe|upper }}\n"
                     "{% set cap %}<i>{{ html }}</i>{% endset %}{{ cap }}|{{ cap|length }}\n",
        "page.txt": "{{ html }}|{{ html|e }}\n",
        "page.xml": "<a>{{ html }}</a>",
        "page.svg": "<svg>{{ html }}</svg>",
    },
    "031-autoescape-runtime": {
        "dynamic.html": "{% autoescape flag %}{{ html }}{% endautoescape %}|{% autoescape not flag %}{{ html }}{% endautoescape %}|{% autoescape zero %}{{ html }}|{{ '<c>' }}|{{ '<' ~ html }}|{{ 1 }}{% endautoescape %}|{{ html }}\n"
                        "{% autoescape user.name == 'Ada' %}{{ html }}{% endautoescape %}|{% autoescape none %}{{ html }}{% endautoescape %}|{% autoescape items %}{{ html }}{% endautoescape %}\n",
        "dynamic.txt": "{% autoescape flag %}{{ html }}|{{ '<c>' }}{% endautoescape %}|{% autoescape not flag %}{{ html }}{% endautoescape %}|{{ html }}\n",
        "nested.html": "{% autoescape zero %}[{{ html }}{% autoescape true %}{{ html }}{% endautoescape %}{% autoescape not zero %}{{ html }}{% autoescape zero %}{{ html }}{% endautoescape %}{% endautoescape %}{{ html }}]{% endautoescape %}{{ html }}\n"
                       "{% autoescape false %}[{{ html }}{% autoescape flag %}{{ html }}{% endautoescape %}{{ html }}]{% endautoescape %}\n",
        "filters.html": "{% autoescape zero %}" + FILT + "{% endautoescape %}{% autoescape flag %}" + FILT + "{% endautoescape %}{% autoescape false %}" + FILT + "{% endautoescape %}" + FILT,
        "filters.txt": "{% autoescape flag %}" + FILT + "{% endautoescape %}{% autoescape true %}" + FILT + "{% endautoescape %}" + FILT,
        "filter_block.html": "{% autoescape zero %}{% filter upper %}<{{ html }}>{% endfilter %}|{% set cap %}<{{ html }}>{% endset %}{{ cap }}|{{ cap|e }}{% endautoescape %}"
                             "|{% autoescape flag %}{% filter upper %}<{{ html }}>{% endfilter %}|{% set cap %}<{{ html }}>{% endset %}{{ cap }}|{{ cap|e }}{% endautoescape %}\n",
        "recursive.html": "{% autoescape zero %}{% for node in tree recursive %}[{{ node.name }}{{ html }}{% if node.children %}:{{ loop(node.children) }}|{{ loop(node.children)|e }}{% endif %}]{% endfor %}{% endautoescape %}\n",
        "macros.html": "{% set ns = namespace() %}{% macro top() %}<{{ html }}>{% endmacro %}{% macro j() %}{{ [html, html|safe]|join(',') }}{% endmacro %}"
                       "{% autoescape false %}{% macro off() %}<{{ html }}>{% endmacro %}{% set ns.off = off %}{{ top() }}|{{ top()|e }}|{{ off() }}|{{ off()|e }}|{{ j() }}{% endautoescape %}"
                       "{% autoescape zero %}{% macro dyn() %}<{{ html }}>{% endmacro %}{% set ns.dyn = dyn %}|{{ top() }}|{{ top()|e }}|{{ ns.off() }}|{{ ns.off()|e }}|{{ dyn() }}|{{ dyn()|e }}{% endautoescape %}\n"
                       "{{ top() }}|{{ top()|e }}|{{ ns.off() }}|{{ ns.off()|e }}|{{ ns.dyn() }}|{{ ns.dyn()|e }}|{{ j() }}{% autoescape false %}|{{ ns.dyn() }}|{{ ns.dyn()|e }}{% endautoescape %}\n",
        "macros.txt": "{% set ns = namespace() %}{% macro top() %}<{{ html }}>{% endmacro %}{% autoescape true %}{% macro on() %}<{{ html }}>{% endmacro %}{% set ns.on = on %}{{ top() }}|{{ top()|e }}|{{ on() }}|{{ on()|e }}{% endautoescape %}"
                      "|{{ ns.on() }}|{{ ns.on()|e }}{% autoescape flag %}|{{ top() }}|{{ top()|e }}|{{ ns.on() }}{% endautoescape %}\n",
        "caller.html": "{% set ns = namespace() %}{% macro w() %}[{{ caller() }}]{% endmacro %}{% autoescape false %}{% call w() %}{{ html }}{% endcall %}{% endautoescape %}|{% call w() %}{{ html }}{% endcall %}"
                       "{% autoescape false %}{% macro wf() %}[{{ caller() }}|{{ caller()|e }}|{{ html }}]{% endmacro %}{% set ns.wf = wf %}{% endautoescape %}{% set wf = ns.wf %}"
                       "|{% call wf() %}{{ html }}{% endcall %}|{% autoescape false %}{% call wf() %}{{ html }}{% endcall %}{% endautoescape %}|{% autoescape zero %}{% call wf() %}{{ html }}{% endcall %}{% endautoescape %}\n",
        "_lib.txt": "{% macro t() %}<{{ html }}>{% endmacro %}{% macro tj() %}{{ [html, html|safe]|join(',') }}{% endmacro %}",
        "_lib.html": "{% macro h() %}<{{ html }}>{% endmacro %}{% set ns = namespace() %}{% autoescape false %}{% macro hf() %}<{{ html }}>{% endmacro %}{% set ns.hf = hf %}{% endautoescape %}{% set hf = ns.hf %}",
        "imports.html": "{% import '_lib.txt' as t with context %}{% import '_lib.html' as h with context %}{% from '_lib.txt' import t as ft with context %}"
                        "{{ t.t() }}|{{ t.t()|e }}|{{ h.h() }}|{{ h.h()|e }}|{{ h.hf() }}|{{ h.hf()|e }}|{{ t.tj() }}|{{ ft() }}"
                        "{% autoescape false %}|{{ t.t() }}|{{ t.t()|e }}|{{ h.h() }}|{{ h.h()|e }}|{{ h.hf() }}|{{ h.hf()|e }}|{{ t.tj() }}{% endautoescape %}\n",
        "imports.txt": "{% import '_lib.txt' as t with context %}{% import '_lib.html' as h with context %}"
                       "{{ t.t() }}|{{ t.t()|e }}|{{ h.h() }}|{{ h.h()|e }}|{{ h.hf() }}|{{ h.hf()|e }}"
                       "{% autoescape flag %}|{{ t.t() }}|{{ t.t()|e }}|{{ h.h() }}|{{ h.h()|e }}|{{ h.hf() }}|{{ h.hf()|e }}|{{ t.tj() }}{% endautoescape %}\n",
        "_part.html": "<{{ html }}>{{ [html, html|safe]|join(',') }}",
        "_part.txt": "<{{ html }}>",
        "include.html": "{% autoescape false %}{% include '_part.html' %}|{% include '_part.txt' %}{% endautoescape %}|{% autoescape zero %}{% include '_part.html' %}{% endautoescape %}\n",
        "include.txt": "{% autoescape true %}{% include '_part.html' %}|{% include '_part.txt' %}{% endautoescape %}\n",
        "set_scope.html": "{% set z = 0 %}{% autoescape false %}{% set x = 1 %}{% set z = 2 %}{% set y %}<{{ html }}>{% endset %}{% macro mm() %}m{% endmacro %}{{ z }}{{ y }}{% endautoescape %}"
                          "|{{ x is defined }}|{{ y is defined }}|{{ mm is defined }}|{{ z }}"
                          "|{% autoescape flag %}{% set z = 3 %}{% set y2 %}<{{ html }}>{% endset %}{{ z }}{{ y2 }}{% endautoescape %}|{{ y2 is defined }}|{{ z }}"
                          "|{% for i in [1, 2] %}{% autoescape false %}{% set z = i %}{% endautoescape %}{{ z }}{% endfor %}"
                          "|{% autoescape false %}{% set y3 %}<{{ html }}>{% endset %}{% autoescape true %}{{ y3 }}|{{ y3|e }}{% endautoescape %}{% endautoescape %}"
                          "|{% with %}{% autoescape false %}{% set w = 1 %}{% endautoescape %}{{ w is defined }}{% endwith %}\n",
        "set_filtered.html": "{% set x | length %}abc{% endset %}{{ x ~ 1 }}|{{ x is string }}|{% set y | upper %}<{{ html }}>{% endset %}{{ y }}"
                              "|{% autoescape false %}{% set z | upper %}<{{ html }}>{% endset %}{{ z|e }}{% endautoescape %}|{% autoescape zero %}{% set z | upper %}<{{ html }}>{% endset %}{{ z|e }}{% endautoescape %}\n",
        "set_filtered.txt": "{% set x | length %}abc{% endset %}{{ x + 1 }}|{% autoescape true %}{% set y | upper %}<{{ html }}>{% endset %}{{ y }}|{% set n | length %}abc{% endset %}{{ n is string }}{% endautoescape %}\n",
        "_set_lib.html": "{% autoescape false %}{% set hidden = 1 %}{% endautoescape %}{% set shown = 2 %}",
        "set_export.html": "{% import '_set_lib.html' as lib %}{{ lib.hidden is defined }}|{{ lib.shown }}\n",
        "block.txt": "{% autoescape true %}{% block b %}<{{ html }}>{% endblock %}{% endautoescape %}|{% autoescape false %}{{ self.b() }}|{{ self.b()|e }}{% endautoescape %}\n",
        "block.html": "{% autoescape false %}{% block b %}<{{ html }}>{% endblock %}|{{ self.b()|e }}{% endautoescape %}|{{ self.b()|e }}\n",
        "xmlattr_off.html": "{% autoescape false %}<p{{ {'class': html, 'id': html|safe, 'n': none, 'k': 3}|xmlattr }}>|{{ ({'a': html}|xmlattr)|e }}|{{ {'a': html}|xmlattr(false) }}{% endautoescape %}\n",
        "xmlattr_off.txt": "<p{{ {'class': html, 'id': html|safe, 'n': none, 'k': 3}|xmlattr }}>|{{ ({'a': html}|xmlattr)|e }}|{{ {'a': html}|xmlattr(false) }}\n",
        "replace.html": "{{ html|replace('\"', html|safe) }}|{{ (html|safe)|replace('b', '<u>') }}|{{ (html|safe)|replace('b'|safe, '<u>'|safe) }}|{{ html|replace('b', 'u') }}|{{ (html|replace('b', 'u'))|e }}|{{ ((html|safe)|replace('b', 'u'))|e }}|{{ html|replace('<', '<'|safe) }}|{{ (html ~ '&amp;')|replace('&', '+'|safe) }}\n",
        "replace.txt": "{{ html|replace('\"', html|safe) }}|{{ (html|safe)|replace('b', '<u>') }}|{{ html|replace('b', 'u') }}|{{ (html|replace('\"', html|safe))|e }}\n",
    },
    "032-loop-over-a-changing-list": {
        # Jinja iterates the live list: a body that appends, pops or inserts changes what comes next; loop.length is
        # the list's length when first read; loop.last and loop.nextitem look one item ahead, and that item is taken.
        # Each template mutates a list of its own (the JSON context is shared by the renders of a topic in Python).
        "__extensions__": ["jinja2.ext.do", "jinja2.ext.loopcontrols"],
        "append.txt": "{% set xs = [1, 2, 3] %}{% for x in xs %}{{ x }}{% do xs.append(x + 10) if x < 3 %} {% endfor %}|{{ xs }}\n"
                      "{% set xs = [1, 2, 3] %}{% for x in xs %}{{ x }}:{{ loop.index }}/{{ loop.length }}/{{ loop.revindex }}/{{ loop.revindex0 }}/{{ loop.last }}{% do xs.append(x + 10) if x < 3 %} {% endfor %}\n"
                      "{% set xs = [1, 2, 3] %}{% for x in xs %}{{ x }}:{{ loop.last }}{% do xs.append(9) if x == 2 %} {% endfor %}\n"
                      "{% set xs = [1, 2, 3] %}{% for x in xs %}{{ x }}:{{ loop.last }}{% do xs.append(9) if x == 3 %} {% endfor %}|{{ xs }}\n"
                      "{% set xs = [1, 2, 3] %}{% for x in xs %}{{ x }}:{{ loop.nextitem }}{% do xs.append(9) if x == 1 %} {% endfor %}\n"
                      "{% set xs = [1, 2, 3] %}{% for x in xs %}{{ x }}:{{ loop.length }}{% do xs.append(5) if x == 1 %} {% endfor %}\n"
                      "{% set xs = [1] %}{% for x in xs %}{{ x }}{% do xs.append(x + 1) if x < 5 %}{% endfor %}\n",
        "pop.txt": "{% set xs = [1, 2, 3] %}{% for x in xs %}{{ x }}{% do xs.pop() %} {% endfor %}|{{ xs }}\n"
                   "{% set xs = [1, 2, 3] %}{% for x in xs %}{{ x }}:{{ loop.length }}:{{ loop.revindex }}{% do xs.pop() %} {% endfor %}\n"
                   "{% set xs = [1, 2, 3] %}{% for x in xs %}{{ x }}:{{ loop.last }}{% do xs.pop() %} {% endfor %}|{{ xs }}\n"
                   "{% set xs = [1, 2, 3, 4] %}{% for x in xs %}{{ x }}{% do xs.pop(0) %} {% endfor %}|{{ xs }}\n"
                   "{% set xs = [1, 2, 3] %}{% for x in xs %}{{ x }}{% do xs.clear() %} {% else %}E{% endfor %}|{{ xs }}\n"
                   "{% set xs = [1, 2, 3] %}{% for x in xs %}{{ loop.previtem }}>{{ x }}{% do xs.remove(2) if x == 1 %} {% endfor %}\n",
        "insert.txt": "{% set xs = [1, 2, 3] %}{% for x in xs %}{{ x }}{% do xs.insert(0, 7) if loop.index < 3 %} {% endfor %}|{{ xs }}\n"
                      "{% set xs = [1, 2, 3] %}{% for x in xs %}{{ x }}{% do xs.extend([4, 5]) if loop.first %}{% if x == 4 %}{% break %}{% endif %} {% endfor %}|{{ xs }}\n",
        "nested.txt": "{% set xs = [1, 2, 3] %}{% for x in xs %}{% for y in xs %}{{ y }}{% endfor %}{% do xs.pop() %}.{% endfor %}|{{ xs }}\n"
                      "{% set xs = [1, 2, 3] %}{% for x in xs %}{{ loop.changed(x) }}{{ loop.cycle('a', 'b') }}{% do xs.append(4) if x == 3 %} {% endfor %}\n",
        "filtered.txt": "{% set xs = [1, 2, 3] %}{% for x in xs if x > 1 %}{{ x }}:{{ loop.length }}{% do xs.append(5) if x == 2 %} {% endfor %}|{{ xs }}\n"
                        "{% set xs = [1, 2, 3] %}{% for x in xs if x > 1 %}{{ x }}{% do xs.append(5) if x == 2 %} {% endfor %}|{{ xs }}\n"
                        "{% set xs = [1, 2, 3, 4] %}{% for x in xs if x is odd %}{{ x }}:{{ loop.last }}{% do xs.append(7) if x == 3 %} {% endfor %}\n"
                        "{% set xs = [1, 2, 3, 4] %}{% for x in xs if x is even %}{{ x }}:{{ loop.revindex }}{% do xs.pop() %} {% endfor %}\n",
        "recursive.txt": "{% set tree = [{'n': 'a', 'c': [{'n': 'b', 'c': []}]}] %}{% for node in tree recursive %}{{ node.n }}{% do node.c.append({'n': 'x', 'c': []}) if node.n == 'b' %}[{{ loop(node.c) }}]{% endfor %}\n",
        "unchanged.txt": "{% for x in items %}{{ x }}:{{ loop.index }}/{{ loop.length }}/{{ loop.revindex }}/{{ loop.first }}/{{ loop.last }}/{{ loop.previtem }}/{{ loop.nextitem }} {% endfor %}|{% for k, v in mapping|dictsort %}{{ k }}{{ v }}{{ loop.last }}{% endfor %}|{% for c in 'abc' %}{{ c }}{{ loop.revindex0 }}{% endfor %}|{% for i in range(3) %}{{ i }}{{ loop.length }}{% endfor %}\n",
    },
    "004-if-for": {
        "page.html": "{% for i in items %}{{ loop.index }}/{{ loop.index0 }}/{{ loop.revindex }}/{{ loop.revindex0 }}/{{ loop.first }}/{{ loop.last }}/{{ loop.length }}/{{ loop.cycle('odd', 'even') }}:{{ i }} {% endfor %}\n"
                     "{% for i in empty %}x{% else %}empty{% endfor %}|{% for i in items if i > 1 %}{{ i }}{{ loop.length }}{% endfor %}\n"
                     "{% for k, v in mapping.items() %}{{ k }}={{ v }};{% endfor %}|{% for k in mapping %}{{ k }}{% endfor %}\n"
                     "{% if n > 10 %}big{% elif n > 5 %}mid{% else %}small{% endif %}|{% if empty %}e{% else %}ne{% endif %}\n"
                     "{% for i in [1, 2] %}{% for j in 'ab' %}{{ i }}{{ j }}{{ loop.index }}{% endfor %}{{ loop.index }} {% endfor %}\n"
                     "<ul>{% for node in tree recursive %}<li>{{ node.name }}@{{ loop.depth }}{% if node.children %}<ul>{{ loop(node.children) }}</ul>{% endif %}</li>{% endfor %}</ul>\n",
    },
    "005-set-with-namespace": {
        "page.html": "{% set x = 1 %}{% set a, b = 'p', 'q' %}{{ x }}{{ a }}{{ b }}\n"
                     "{% for i in items %}{% set x = i %}{% endfor %}{{ x }}\n"
                     "{% set ns = namespace(total=0) %}{% for i in items %}{% set ns.total = ns.total + i %}{% endfor %}{{ ns.total }}\n"
                     "{% with y = 5, z = x %}{{ y }}{{ z }}{% endwith %}{{ y }}|\n"
                     "{% set block %}<b>{{ name }}</b>{% endset %}{{ block }}{% set up | upper %}shout {{ name }}{% endset %}{{ up }}\n",
    },
    "006-inheritance": {
        "base.html": "<title>{% block title %}Base{% endblock %}</title>\n<main>{% block body %}<p>base body</p>{% block inner %}inner{% endblock %}{% endblock %}</main>\n{% block footer %}(c){% endblock %}",
        "layout.html": "{% extends 'base.html' %}{% block title %}Layout - {{ super() }}{% endblock %}{% block footer %}{{ super() }} layout{% endblock %}",
        "page.html": "{% extends 'layout.html' %}{% set who = name %}{% block title %}Page | {{ super() }}{% endblock %}\n{% block inner %}[{{ who }} {{ self.title() }}]{% endblock %}",
    },
    "007-include-import-macros": {
        "_partial.html": "<p>{{ name }} {{ extra }}</p>",
        "_forms.html": "{% macro input(name, value='', type='text') -%}<input type=\"{{ type }}\" name=\"{{ name }}\" value=\"{{ value|e }}\">{%- endmacro %}"
                       "{% macro box(title) %}<div>{{ title }}:{{ caller(1) }}</div>{% endmacro %}"
                       "{% macro all() %}{{ varargs|join(',') }}|{{ kwargs|dictsort }}{% endmacro %}",
        "page.html": "{% set extra = 'E' %}{% include '_partial.html' %}|{% include 'missing.html' ignore missing %}|{% include ['nope.html', '_partial.html'] %}\n"
                     "{% import '_forms.html' as forms %}{{ forms.input('q', html) }}\n"
                     "{% from '_forms.html' import box, all as everything %}{% call(n) box('T') %}body {{ n }} {{ name }}{% endcall %}\n"
                     "{{ everything(1, 2, a=3) }}\n"
                     "{% macro rec(n) %}{% if n > 0 %}{{ n }}{{ rec(n - 1) }}{% endif %}{% endmacro %}{{ rec(3) }}\n",
    },
    "008-filters-strings": {
        "page.html": "{{ missing|default('d') }} {{ none|default('d') }} {{ ''|d('e', true) }} {{ name|upper }} {{ name|lower }} {{ 'hello wORLD-foo'|title }} {{ 'hELLO'|capitalize }} [{{ '  x  '|trim }}]\n"
                     "{{ text|truncate(20) }}|{{ text|truncate(20, true) }}|{{ text|wordcount }}|{{ '<p>a  <b>b</b> &amp; c</p>'|striptags }}\n"
                     "{{ 'a b&c/d'|urlencode }}|{{ {'q': 'a b', 'n': 1}|urlencode }}|{{ '%s-%05.2f'|format('x', 3.14159) }}|{{ 'abc'|replace('b', 'B') }}\n"
                     "{{ 'l1\\nl2\\n\\nl3'|indent(2) }}|{{ 'l1\\nl2'|indent(2, true) }}|{{ text|wordwrap(20) }}\n"
                     "{{ user|tojson }}|{{ html|tojson }}|{{ 'x'|center(5) }}|{{ 42|string }}|{{ 3.7|int }} {{ '12'|int }} {{ 'x'|int(9) }} {{ '2.5'|float }} {{ -3|abs }} {{ 2.567|round(2) }} {{ 2.5|round }} {{ 2.1|round(0, 'ceil') }}\n",
    },
    "009-filters-sequences": {
        "page.html": "{{ items|length }} {{ items|first }} {{ items|last }} {{ items|reverse|list }} {{ items|sort }} {{ words|sort }} {{ words|sort(case_sensitive=true) }} {{ items|sort(reverse=true) }}\n"
                     "{{ words|unique|list }} {{ items|min }} {{ items|max }} {{ items|sum }} {{ users|sum(attribute='age') }} {{ users|map(attribute='name')|join(', ') }} {{ words|map('upper')|join }}\n"
                     "{{ items|select('odd')|list }} {{ items|reject('odd')|list }} {{ users|selectattr('age', 'equalto', 30)|map(attribute='name')|list }} {{ users|rejectattr('age', 'gt', 26)|map(attribute='name')|list }}\n"
                     "{{ items|batch(2)|list }} {{ items|batch(2, 0)|list }} {{ [1,2,3,4,5]|slice(2)|list }} {{ mapping|dictsort }} {{ mapping|dictsort(by='value', reverse=true) }}\n"
                     "{% for g in users|groupby('city') %}{{ g.grouper }}:{{ g.list|map(attribute='name')|join('+') }};{% endfor %}|{% for city, us in users|groupby('age') %}{{ city }}={{ us|length }};{% endfor %}\n"
                     "{{ mapping|items|list }} {{ users|sort(attribute='name')|map(attribute='name')|join }} {{ 'abc'|list }} {{ range(3)|list }} {{ range(1, 10, 3)|list }}\n",
    },
    "010-tests": {
        "page.html": "{{ name is defined }} {{ missing is undefined }} {{ none is none }} {{ 4 is even }} {{ 3 is odd }} {{ 9 is divisibleby 3 }} {{ 9 is divisibleby(2) }}\n"
                     "{{ name is string }} {{ n is number }} {{ items is iterable }} {{ user is mapping }} {{ 2 is in items }} {{ none is sameas none }}\n"
                     "{{ 1 is eq 1 }} {{ 1 is ne 2 }} {{ 1 is lt 2 }} {{ 3 is gt 2 }} {{ 2 is ge 2 }} {{ 2 is le 1 }} {{ 'abc' is lower }} {{ 'ABC' is upper }} {{ n is not odd }}\n",
    },
    "012-scoping": {
        "page.html": "{% set x = 'outer' %}{% for i in [1] %}{{ x }}{% set x = 'inner' %}{{ x }}{% endfor %}{{ x }}\n"
                     "{% if true %}{% set y = 'if-set' %}{% endif %}{{ y }}\n"
                     "{% macro show() %}{{ x }}{% endmacro %}{% set x = 'changed' %}{{ show() }}\n"
                     "{% for a in [1, 2] %}{% include '_loopvar.html' %}{% endfor %}\n"
                     "{% with x = 'w' %}{% set x = 'w2' %}{{ x }}{% endwith %}{{ x }}\n"
                     "{% for i in [1,2,3] %}{{ loop.previtem is defined }}{{ loop.nextitem|default('-') }}{% if loop.changed(i > 1) %}C{% endif %} {% endfor %}\n",
        "_loopvar.html": "[{{ a }}{{ x }}]",
    },
    "013-macros-advanced": {
        "page.html": "{% macro m(a, b, c='C') %}{{ a }}-{{ b }}-{{ c }}{% endmacro %}{{ m(1) }}|{{ m(1, 2) }}|{{ m(c=3, a=1, b=2) }}|{{ m(*[7, 8]) }}|{{ m(**{'a': 'x', 'b': 'y'}) }}\n"
                     "{% macro list(items) %}<ul>{% for i in items %}<li>{{ caller(i) }}</li>{% endfor %}</ul>{% endmacro %}"
                     "{% call(item) list(['<a>', 'b']) %}*{{ item }}*{% endcall %}\n"
                     "{% macro outer(x) %}{% call list([1]) %}{{ x }}{% endcall %}{% endmacro %}{{ outer('closure') }}\n"
                     "{% macro link(url, text) %}<a href=\"{{ url }}\">{{ text }}</a>{% endmacro %}{{ link('/?a=1&b=2', html) }}|{{ link('/', 'x')|upper }}\n"
                     "{% filter upper %}filtered {{ name }}{% endfilter %}|{% set m2 = m %}{{ m2(1, 2) }}|{{ m.name }}\n",
    },
    "014-inheritance-deep": {
        "base.html": "{% block head %}<h>{% block title %}T{% endblock %}</h>{% endblock %}\n{% block content %}{% endblock %}\n{% block scripts %}<s1>{% endblock %}",
        "mid.html": "{% extends 'base.html' %}{% import '_m.html' as m %}{% block content %}<mid>{% block main %}{{ m.hi('mid') }}{% endblock %}</mid>{% endblock %}{% block scripts %}{{ super() }}<s2>{% endblock %}",
        "leaf.html": "{% extends 'mid.html' %}{% block title %}Leaf {{ name }}{% endblock %}{% block main %}{{ super() }}+leaf {% for i in items %}{{ i }}{% endfor %}{% endblock %}{% block scripts %}{{ super() }}<s3>{% endblock %}",
        "_m.html": "{% macro hi(who) %}hi {{ who }}{% endmacro %}",
    },
    "015-whitespace-control": {
        "page.html": "<ul>\n  {%- for i in items %}\n    <li>{{ i }}</li>\n  {%- endfor %}\n</ul>\n"
                     "{% for i in items -%}\n  {{ i }}\n{%- endfor %}\n"
                     "{{- ' lead' }}  {{ 'x' -}}   \n  {#- c -#}  {{ 'y' }}\n"
                     "  {% if flag %}  kept  {% endif %}  \n",
        "crlf.html": "a\r\nb\r\n{% if flag %}\r\nc\r\n{% endif %}\r\n",
    },
    "016-markup-ops": {
        "page.html": "{{ html|safe ~ html }}|{{ (html|safe) + html }}|{{ [html|safe, html]|join(', ') }}|{{ html|replace('&', 'and') }}|{{ html|safe|replace('&', '&') }}\n"
                     "{{ '%s!'|format(html) }}|{{ html|truncate(10) }}|{{ html|length }}|{{ html|striptags }}|{{ html|title }}|{{ html|list|first }}\n"
                     "{{ user|tojson }}|{{ {'a': [1, 2.5, none, true], 'b': '<\u00e9>'}|tojson }}|{{ users|map(attribute='name')|map('lower')|join(' ') }}\n",
    },
    "017-undefined-and-numbers": {
        "page.html": "[{{ missing|length }}][{% for x in missing %}x{% endfor %}][{% if missing %}t{% else %}f{% endif %}][{{ missing ~ 'x' }}][{{ none.attr }}][{{ user.nope }}][{{ missing|default(none) }}]\n"
                     "{{ 10 / 3 }} {{ 1e16 }} {{ 1e15 }} {{ 0.1 * 3 }} {{ -0.0 }} {{ 2 ** 62 }} {{ 1.0 }} {{ 3 * 1.0 }} {{ 7 // 2.0 }} {{ -7 % 2.5 }} {{ 1 / 8 }} {{ 0.0001 }} {{ 0.00001 }} {{ 123456789.125 }}\n"
                     "{{ 1 == 1.0 }} {{ 'a' < 'b' }} {{ [1, 2] < [1, 3] }} {{ 'k' in {'k': 1} }} {{ 3 in [1, 2, 3] }} {{ 'ab' ~ 3 ~ 4.5 }} {{ -n }} {{ +n }} {{ n is even or n is odd }}\n"
                     "{{ 'a,b,,c'.split(',') }} {{ ' x '.strip() }} {{ 'abc'.startswith('a') }} {{ '{} and {}'.format(1, 'two') }} {{ 'Hello'.replace('l', 'L') }} {{ 'x'.upper() }} {{ mapping.get('a') }} {{ mapping.get('zz', 'dflt') }} {{ mapping.keys()|list }} {{ mapping.values()|list }}\n"
                     "{{ 'ünïcödé ✓'|upper }} {{ 'ünïcödé ✓'|length }} {{ '\u00e9'|urlencode }} {{ '日本'|first }}\n",
    },
    "018-filters-more": {
        "wrap.txt": "{{ 'Hello  world, this is a  fairly long-winded sentence that goes on and on.'|wordwrap(20) }}|{{ 'a well-known fact about hyphen-ated words'|wordwrap(12) }}|{{ ('x' * 30)|wordwrap(7, break_long_words=false) }}|{{ '  lead space and trailing  '|wordwrap(10, wrapstring='<br>') }}|{{ 'p1 long line here\\np2'|wordwrap(8) }}|{{ 'word-word-word'|wordwrap(6, break_on_hyphens=false) }}",
        "page.html": "{{ ''|default('x', true) }} {{ 0|default('z', boolean=true) }} {{ users|join(', ', attribute='name') }} {{ users|map(attribute='nope', default='?')|join }} {{ users|selectattr('city')|list|length }}\n"
                     "{{ users|sort(attribute='age,name')|map(attribute='name')|join }} {{ [3, 1, 2]|sum(start=10) }} {{ items|batch(2, 'F')|list }} {{ [1,2,3,4,5,6,7]|slice(3, 0)|list }} {{ mapping|dictsort(true) }}\n"
                     "{{ users|unique(attribute='age')|map(attribute='name')|join }} {{ users|min(attribute='age') }} {{ users|max(attribute='name') }} {{ users|groupby('nope', default='d')|list|length }}\n"
                     "{{ 3.14159|round(3) }} {{ 2.675|round(2) }} {{ 3.5|round }} {{ 4.5|round }} {{ 7.9|round(0, 'floor') }} {{ text|truncate(15, leeway=0) }} {{ 'aaaa bbbb cccc'|wordwrap(6) }} {{ 'averyveryverylongword'|wordwrap(5) }}\n"
                     "{{ 'a\n\nb'|indent(2, blank=true) }}|{{ 'ab'|center(7) }}|{{ '%(x)s-%(y)d'|format(x='X', y=2) }}|{{ {'b': [1, {'c': none}], 'a': 'é<'}|tojson(indent=2) }}\n"
                     "{{ {'a b': 'c&d', 'n': 1}|urlencode }}|{{ missing|items|list }}|{{ 'x &amp; y &lt; z'|striptags }}|{{ \"they're bill's friends\"|title }}|{{ 'ÉCOLE'|capitalize }}\n"
                     "{{ 1000|filesizeformat }} {{ 1536|filesizeformat(true) }} {{ 1|filesizeformat }} {{ 123456789|filesizeformat }}|<p{{ {'class': 'x\"y', 'id': none, 'data-n': 3}|xmlattr }}>|{{ user|attr('name') }}\n"
                     "{{ none is sameas none }} {{ true is boolean }} {{ 1 is integer }} {{ 1.0 is float }} {{ 'x' is sequence }} {{ html is escaped }} {{ (html|safe) is escaped }} {{ 'upper' is filter }} {{ 'odd' is test }} {{ range is callable }}\n",
    },
    "019-blocks-scoped-and-context": {
        "base.html": "{% for i in items %}{% block row scoped %}<{{ i }}>{% endblock %}{% endfor %}|{% block plain %}{{ i is defined }}{% endblock %}",
        "child.html": "{% extends 'base.html' %}{% block row %}[{{ i }}:{{ super() }}]{% endblock %}",
        "_ctx.html": "{% macro show() %}{{ name }}{% endmacro %}{% set exported = 'E' %}{% set _private = 'P' %}",
        "imports.html": "{% import '_ctx.html' as plain %}{% import '_ctx.html' as ctx with context %}[{{ plain.show() }}][{{ ctx.show() }}][{{ plain.exported }}][{{ plain._private is defined }}]",
    },
    "021-loop-bodies": {
        "text_only.html": "<ul>{% for x in items %}<li></li>{% endfor %}</ul>",
        "rows.html": "<table>{% for u in users %}<tr><td>{{ u.name }}</td><td>{{ u.age }}</td><td>{{ html }}</td></tr>\n{% endfor %}</table>",
        "row_with_tag.html": "{% for u in users %}<p>{{ u.name }}{% if u.age > 26 %}!{% endif %}</p>{% endfor %}",
        "nested.html": "{% for a in items %}{% for b in 'xy' %}{{ loop.index }}{{ loop.length }}{{ a }}{{ b }} {% endfor %}{{ loop.index }}|{% endfor %}",
        "macro_in_loop.html": "{% for x in 'ab' %}{% macro m() %}{{ loop.index }}{{ x }}{% endmacro %}{{ m() }}{% endfor %}",
        "loop_in_macro.html": "{% macro rows(xs) %}{% for x in xs %}<{{ x }}>{% endfor %}{% endmacro %}{{ rows(items) }}{{ rows('ab') }}{{ rows(empty) }}",
        "else_and_filter.html": "{% for x in empty %}{{ x }}{% else %}empty{% endfor %}|{% for x in items if x > 5 %}{{ x }}{% else %}none{% endfor %}|{% for x in items if x > 1 %}{{ loop.index }}/{{ loop.length }}:{{ x }} {% endfor %}",
        "set_in_loop.html": "{% set total = 0 %}{% for x in items %}{% set total = total + x %}{{ total }} {% endfor %}{{ total }}",
        "unpack.html": "{% for k, v in mapping|dictsort %}{{ k }}={{ v }};{% endfor %}",
        "loop_rows_base.html": "<table>{% for u in users %}{% block row scoped %}<tr>{{ u.name }}</tr>{% endblock %}{% endfor %}</table>",
        "loop_rows_child.html": "{% extends 'loop_rows_base.html' %}{% block row %}<tr>{{ loop.index }}:{{ loop.last }}:{{ u.name }}</tr>{% endblock %}",
        "recursive.html": "{% for node in tree recursive %}[{{ node.name }}{% if node.children %}:{{ loop(node.children) }}{% endif %}]{% endfor %}",
        "_row.html": "{{ x }}:{{ loop is defined }};",
        "include_in_loop.html": "{% for x in items %}{% include '_row.html' %}{% endfor %}|{% for y in [1] %}{% for x in 'ab' %}{{ loop.index }}{% include '_row.html' %}{% endfor %}{% endfor %}",
    },
    "020-flaskr": {
        "__flask__": "",
        "base.html": """<!doctype html>
<title>{% block title %}{% endblock %} - Flaskr</title>
<link rel="stylesheet" href="{{ url_for('static', filename='style.css') }}">
<nav>
  <h1>Flaskr</h1>
  <ul>
    {% if g.user %}
      <li><span>{{ g.user['username'] }}</span>
      <li><a href="{{ url_for('auth.logout') }}">Log Out</a>
    {% else %}
      <li><a href="{{ url_for('auth.register') }}">Register</a>
      <li><a href="{{ url_for('auth.login') }}">Log In</a>
    {% endif %}
  </ul>
</nav>
<section class="content">
  <header>
    {% block header %}{% endblock %}
  </header>
  {% for message in get_flashed_messages() %}
    <div class="flash">{{ message }}</div>
  {% endfor %}
  {% block content %}{% endblock %}
</section>
""",
        "index.html": """{% extends 'base.html' %}

{% block header %}
  <h1>{% block title %}Posts{% endblock %}</h1>
  {% if g.user %}
    <a class="action" href="{{ url_for('blog.create') }}">New</a>
  {% endif %}
{% endblock %}

{% block content %}
  {% for post in posts %}
    <article class="post">
      <header>
        <div>
          <h1>{{ post['title'] }}</h1>
          <div class="about">by {{ post['username'] }} on {{ post['created'] }}</div>
        </div>
        {% if g.user['id'] == post['author_id'] %}
          <a class="action" href="{{ url_for('blog.update', id=post['id']) }}">Edit</a>
        {% endif %}
      </header>
      <p class="body">{{ post['body'] }}</p>
    </article>
    {% if not loop.last %}
      <hr>
    {% endif %}
  {% endfor %}
{% endblock %}
""",
    },
    "011-errors": {
        "syntax.html": "line one\n{% if x %}\nnever closed",
        "unknown_filter.html": "ok\n  {{ name|nosuchfilter }}",
        "missing_include.html": "{% include 'does-not-exist.html' %}",
        "undefined_macro.html": "a\n{{ nosuchmacro() }}",
        "undefined_attr.html": "{{ missing.attr }}",
        "unknown_tag.html": "{% frobnicate %}",
        "missing_parent.html": "\n{% extends 'nope.html' %}",
        "bad_expression.html": "a\nb {{ 1 + }}",
        "unclosed_tag.html": "x {{ name ",
        "divide_by_zero.html": "{{ 1 / zero }}",
        "too_many_args.html": "{% macro m(a) %}{% endmacro %}{{ m(1, 2) }}",
        "unknown_test.html": "\n\n{{ 1 is frobbed }}",
        "bad_kwarg.html": "{% macro m(a) %}{% endmacro %}{{ m(b=1) }}",
        "undefined_plus.html": "{{ missing + 1 }}",
        "endblock_mismatch.html": "{% block a %}{% endblock b %}",
        "not_callable.html": "{{ name() }}",
    },
}

# Nesting the compiler must handle as Jinja2 does: 1,000 elif branches (they do not nest in Jinja), and tags and
# brackets as deep as Jinja2 itself renders them (CPython's recursion limit stops Jinja2 near 98 ifs, 20 fors, 69 brackets).
CASES["022-compiler-nesting"] = {
    "elif-1000.txt": "{% if n == 0 %}zero" + "".join(f"{{% elif n == {i} %}}{i}" for i in range(1000, 1, -1)) + "{% else %}other{% endif %}\n",
    "elif-1000-else.txt": "{% for k in [1, 500, 999, 5000] %}{% if k == 0 %}zero" + "".join(f"{{% elif k == {i} %}}<{i}>" for i in range(1000)) + "{% else %}else{% endif %}{% endfor %}\n",
    "if-90.html": "{% if flag %}" * 90 + "{{ html }}" + "{% endif %}" * 90 + "\n",
    "for-19.txt": "{% for i in [1] %}{% for j in [i, 2] if j > 1 %}" * 9 + "{% for k in [1] %}{{ loop.index }}{% endfor %}" + "{% endfor %}{% endfor %}" * 9 + "\n",
    "brackets-60.txt": "{{ " + "(" * 60 + "n + 1" + ")" * 60 + " }}\n",
    "mixed-40.html": "{% for u in users %}{% with name = u.name %}{% if u.age > 26 %}" * 1 + ("{% if flag %}{% with d = 1 %}" * 38) + "{{ name }}" + ("{% endwith %}{% endif %}" * 38) + "{% endif %}{% endwith %}{% endfor %}\n",
}

# Jinja's loopcontrols and do extensions, on (Micro: TemplateEngineOptions.EnableLoopControls / EnableDoStatement).
# (A loop control outside a loop fails in Python's compiler, at a line of the generated code: tested in C#.)
CASES["023-loopcontrols-and-do"] = {
    "__extensions__": ["jinja2.ext.loopcontrols", "jinja2.ext.do"],
    "break.txt": "{% for i in items %}{% if i == 1 %}{% break %}{% endif %}{{ i }}{% endfor %}|"
                 "{% for i in [1, 2] %}{% for j in [1, 2, 3] %}{% if j == 2 %}{% break %}{% endif %}{{ i }}{{ j }}{% endfor %}{{ loop.index }}{% endfor %}\n",
    "continue.txt": "{% for i in [1, 2, 3, 4] %}{% if i is even %}{% continue %}{% endif %}{{ i }}:{{ loop.index }}/{{ loop.length }} {% endfor %}|"
                    "{% for i in [1, 2] %}{% with x = i %}{% if x == 1 %}{% continue %}{% endif %}{{ x }}{% endwith %}{% endfor %}\n",
    "else.txt": "{% for i in [1] %}{% break %}{% else %}else-after-break{% endfor %}|"
                "{% for i in [1, 2] %}{% if i == 1 %}{% continue %}{% endif %}{{ i }}{% else %}E{% endfor %}|"
                "{% for i in [1, 2] %}{% continue %}{% else %}else-after-continue{% endfor %}|"
                "{% for i in [] %}{% break %}{% else %}empty{% endfor %}\n",
    "captured.html": "{% for i in [1, 2] %}{% filter upper %}a{% if i == 1 %}{% continue %}{% endif %}b{% endfilter %}{% endfor %}|"
                     "{% for i in [1, 2] %}{% set x %}<{{ i }}>{% if i == 2 %}{% break %}{% endif %}{% endset %}{{ x }}{% endfor %}|"
                     "{% for i in users if i.age > 26 %}{% if loop.last %}{% break %}{% endif %}{{ i.name }}{% endfor %}\n",
    "recursive.txt": "{% for node in tree recursive %}{% if node.name == 'a2' %}{% continue %}{% endif %}{{ node.name }}({{ loop(node.children) }}){% endfor %}\n",
    "do.html": "{% set l = [] %}{% do l.append(1) %}{% do l.append([2]) %}{% do l.append(html) %}{{ l|length }}{% do 1, 2 %}"
               "{% for i in items %}{% do l.append(i * 2) if i > 1 %}{% endfor %}|{{ l[2] }}|{{ l[3:] }}\n",
}

# Without the extensions the tags are unknown, as in Jinja.
CASES["024-no-extensions"] = {
    "break.txt": "{% for i in items %}\n{% break %}{% endfor %}",
    "do.txt": "x\n\n{% do items.append(1) %}",
}

# Jinja 3.1 raises an unknown filter or test only when it runs if it sits in an `if` or an inline `a if b else c`;
# elsewhere (top level, loop bodies and filters, macros, blocks, filter blocks, set blocks) when the template compiles.
CASES["025-unknown-filters-and-tests"] = {
    "if-false.txt": "{% if false %}{{ x|nosuch }}{{ 1 is nosuch }}{% elif false %}{{ x|nosuch }}{% endif %}"
                    "{{ 1 if true else x|nosuch }}{{ x|nosuch if false }}"
                    "{% if false %}{% with a = 1|nosuch %}{% endwith %}{% set b = 1|nosuch %}{% endif %}"
                    "{% for i in [1] %}{% if false %}{{ 1|nosuch }}{% endif %}{% endfor %}ok\n",
    "if-true.txt": "ok\n{% if true %}{{ 1|nosuch }}{% endif %}",
    "else-runs.txt": "ok\n{% if false %}{% else %}{{ 1 is nosuch }}{% endif %}",
    "condition.txt": "ok\n{% if 1|nosuch %}{% endif %}",
    "value-first.txt": "ok\n{% if true %}{{ (1 / 0)|nosuch }}{% endif %}",
    "top-level.txt": "ok\n{{ (1 / 0)|nosuch }}",
    "loop-filter.txt": "ok\n{% if true %}{% for i in [] if i is nosuch %}{% endfor %}{% endif %}",
    "loop-body.txt": "ok\n{% if false %}{% for i in [1] %}{{ 1|nosuch }}{% endfor %}{% endif %}",
    "filter-block.txt": "ok\n{% if false %}{% filter nosuch %}x{% endfilter %}{% endif %}",
    "set-block.txt": "ok\n{% if false %}{% set x | nosuch %}x{% endset %}{% endif %}",
    "macro-default.txt": "ok\n{% if false %}{% macro m(a=1|nosuch) %}{% endmacro %}{% endif %}",
}

ENTRIES_SKIP_PREFIX = ("_", "base.html", "layout.html", "mid.html")

# Where Micro words an error differently on purpose, the .error file records Micro's text on a "micro: " line after
# Jinja's message, and GoldenTests asserts it. (topic, template) -> (Micro's text, why).
MICRO_ERRORS = {
    ("011-errors", "missing_include.html"): (
        "Template 'does-not-exist.html' not found. Searched: <templates>",
        "Micro names every folder it searched (the design's 'missing template' rule)"),
    ("011-errors", "missing_parent.html"): (
        "Template 'nope.html' not found. Searched: <templates>",
        "Micro names every folder it searched (the design's 'missing template' rule)"),
    ("013-macros-advanced", "page.html"): (
        "macro 'caller' takes not more than 0 argument(s)",
        "Jinja names the body of a call block None; Micro calls it by the name the template uses"),
}


def main():
    if os.path.isdir(ROOT):
        shutil.rmtree(ROOT)
    for topic, templates in CASES.items():
        folder = os.path.join(ROOT, topic)
        tdir = os.path.join(folder, "templates")
        edir = os.path.join(folder, "expected")
        os.makedirs(tdir)
        os.makedirs(edir)
        flask = templates.pop("__flask__", None) is not None
        if flask:
            open(os.path.join(folder, "flask-globals"), "w").close()
        extensions = templates.pop("__extensions__", [])
        if extensions:
            with open(os.path.join(folder, "extensions"), "w") as fh:
                fh.write("".join(e + "\n" for e in extensions))
        for name, text in templates.items():
            with open(os.path.join(tdir, name), "w", newline="") as fh:
                fh.write(text)
        with open(os.path.join(folder, "data.json"), "w") as fh:
            json.dump(DATA, fh, indent=1, sort_keys=True)
        with open(os.path.join(folder, "data.json")) as fh:
            data = json.load(fh)  # render exactly what the C# tests read, key order included
        env = Environment(loader=FileSystemLoader(tdir), autoescape=select_autoescape(["html", "htm", "xml", "svg"]), extensions=extensions)
        if flask:
            # Stand-ins for Flask's globals; GoldenTests supplies the same ones per render.
            def url_for(endpoint, **values):
                query = "&".join(f"{k}={values[k]}" for k in sorted(values))
                return "/" + endpoint.replace(".", "/") + ("?" + query if query else "")
            env.globals.update(url_for=url_for, get_flashed_messages=lambda: data["flashes"], g=data["g"])
        for name in templates:
            if name.startswith(ENTRIES_SKIP_PREFIX):
                continue
            try:
                out = env.get_template(name).render(**data)
                with open(os.path.join(edir, name), "w", newline="") as fh:
                    fh.write(out)
            except Exception as e:  # the C# test expects a TemplateException for these
                with open(os.path.join(edir, name + ".error"), "w") as fh:
                    fh.write(type(e).__name__ + " line " + str(getattr(e, "lineno", None)) + "\n" + str(e).replace(os.path.abspath(tdir), "<templates>").replace(tdir, "<templates>") + "\n")
                    if (topic, name) in MICRO_ERRORS:
                        fh.write("micro: " + MICRO_ERRORS[(topic, name)][0] + "\n")


if __name__ == "__main__":
    main()
