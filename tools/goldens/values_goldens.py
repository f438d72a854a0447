#!/usr/bin/env python3
"""Record what Jinja2 3.1 does with Python's values, as the table Micro's template runtime is tested against.

    python3 tools/goldens/values_goldens.py           # (re)write the table
    python3 tools/goldens/values_goldens.py --check   # exit 1 if the table on disk is stale

Writes tests/Micro.Tests/Templates/Values/Golden/values.json: integers of any size, value equality of
dicts, lists and tuples, str.format's mini-language and printf-style `%`, the methods of str, list and dict
that a plain (not sandboxed) Environment lets a template call, urlize, pprint and a few semantics that
Jinja decides at run time. Each case is rendered as `case.html` (autoescape on, as Flask) unless its name
starts with `txt/`; the table keeps the exact output, or the exception type for cases Jinja refuses.
The C# tests (ValuesParityTests) read the file and never need Python.
"""
from __future__ import annotations

import argparse
import json
import sys
from importlib.metadata import version
from pathlib import Path

from jinja2 import DictLoader, Environment, select_autoescape

REPO_ROOT = Path(__file__).resolve().parents[2]
OUTPUT = REPO_ROOT / "tests" / "Micro.Tests" / "Templates" / "Values" / "Golden" / "values.json"
GENERATOR = "tools/goldens/values_goldens.py"

# The context of every case: plain JSON values, as a C# caller passes dictionaries and lists.
DATA = {
    "n": 7,
    "f": 2.5,
    "s": "Hello World",
    "html": "<b>\"Tom\" & 'Jerry'</b>",
    "nil": None,
    "items": [3, 1, 2],
    "user": {"name": "Ada", "age": 36},
    "users": [{"name": "Bob", "age": 30, "city": "Oslo"}, {"name": "alice", "age": 25, "city": "Rome"},
              {"name": "Carl", "age": 30, "city": "oslo"}, {"name": "Dan", "age": 25, "city": "Rome"}],
    "pairs": [[1, 2], [1, 2], [2, 1]],
    "dicts": [{"k": 1}, {"k": 2}, {"k": 1}],
    "nested": {"b": [1, {"z": 1, "a": 2}], "a": "x" * 30, "c": list(range(30))},
    "text": "Visit www.example.com or http://example.org/a?b=1&c=2, mail me@example.com!",
}

INTEGERS = [
    "{{ 10**20 }}", "{{ 2**64 }}", "{{ 2**64 - 1 }}", "{{ -2**63 }}", "{{ -2**63 - 1 }}", "{{ 2**1000 }}",
    "{{ 3037000500 * 3037000500 }}", "{{ 4611686018427387904 * 4 }}", "{{ 9223372036854775807 + 1 }}",
    "{{ -9223372036854775807 - 2 }}", "{{ 0 - 9223372036854775807 - 9223372036854775807 }}",
    "{{ -(-2**63) }}", "{{ (-2**63) // -1 }}", "{{ (-2**63) % -1 }}", "{{ (-2**63)|abs }}",
    "{{ '12345678901234567890'|int }}", "{{ '-12345678901234567890'|int }}", "{{ ('12345678901234567890'|int) is integer }}",
    "{{ ('12345678901234567890'|int) is number }}", "{{ '1_000_000_000_000_000_000_000'|int }}", "{{ 'ffffffffffffffffff'|int(base=16) }}",
    "{{ '1e20'|int }}", "{{ 1e20|int }}", "{{ (10**20)|float }}", "{{ (10**20)|round }}", "{{ (10**20)|string }}",
    "{{ 10**20 // 7 }}", "{{ -(10**20) // 7 }}", "{{ 10**20 // -7 }}", "{{ 10**20 % 7 }}", "{{ -(10**20) % 7 }}",
    "{{ 10**20 % -7 }}", "{{ 10**20 / 3 }}", "{{ 10**20 / 10**19 }}", "{{ 2**64 * 1.5 }}", "{{ 2**64 + 0.5 }}",
    "{{ 2**64 // 2.5 }}", "{{ 2**64 % 2.5 }}", "{{ 10**400 / 1 }}", "{{ 10**400 * 1.0 }}", "{{ 10**400 // 0 }}",
    "{{ 2**64 % 0 }}", "{{ 2**-1 }}", "{{ (2**64) ** 2 }}", "{{ (-2)**63 }}", "{{ (-2)**64 }}", "{{ 2**64 - 2**64 }}",
    "{{ (2**64 - 2**64) is integer }}", "{{ -(2**64) }}", "{{ +(2**64) }}", "{{ (2**64)|abs }}", "{{ (-2**64)|abs }}",
    "{{ 2**64 == 18446744073709551616.0 }}", "{{ 2**53 + 1 == 9007199254740992.0 }}", "{{ 2**53 + 1 > 9007199254740992.0 }}",
    "{{ 9007199254740993 == 9007199254740992.0 }}", "{{ 10**20 < 1e21 }}", "{{ 10**400 > 1e308 }}", "{{ 10**20 == 10**20 }}",
    "{{ 2**64 != 2**64 + 1 }}", "{{ 2**64 > 2**63 }}", "{{ 2**64 < n }}", "{{ [2**63, 2**63]|sum }}", "{{ [2**63, 0.5]|sum }}",
    "{{ [9223372036854775807, 1]|sum }}", "{{ range(2**64, 2**64 + 3)|list }}", "{{ range(3)|list }}",
    "{{ (2**64) is even }}", "{{ (2**64 + 1) is odd }}", "{{ (2**64) is divisibleby 2**32 }}", "{{ '%d' % 2**64 }}",
    "{{ '%x' % 2**64 }}", "{{ '%s' % 2**64 }}", "{{ '{:,}'.format(2**64) }}", "{{ '{:x}'.format(2**64) }}",
    "{{ '{:e}'.format(2**64) }}", "{{ (2**64)|string|length }}", "{{ 2**64 in [2**64] }}", "{{ 2**64 in [18446744073709551616.0] }}",
    "{{ [2**64, 1, -2**64]|max }}", "{{ [2**64, 1, -2**64]|min }}", "{{ [2**64, 1, -2**64]|sort }}", "{{ {2**64: 'x'}[2**64] }}",
    "{{ [2**64]|tojson }}", "{{ (2**64)|filesizeformat }}", "{{ 'ab' * (2**64 - 2**64 + 2) }}", "{{ items[2**64 - 2**64] }}",
    "{{ 2**64 ~ '' }}", "{{ 2**64 and 'y' }}", "{{ (2**64 - 2**64) or 'empty' }}", "{{ [2**64, 2**64]|unique|list }}",
    "{{ 7 * 6 }}", "{{ -7 // 2 }}", "{{ -7 % 3 }}", "{{ 7 % -3 }}", "{{ 2**62 + 2**62 }}", "{{ -2**62 - 2**62 - 1 }}",
    "{{ 1 == 1.0 }}", "{{ true + 1 }}", "{{ true * 2**64 }}",
]

EQUALITY = [
    "{{ {'k': 1} == {'k': 1} }}", "{{ {'k': 1} != {'k': 1} }}", "{{ {'k': 1} == {'k': 2} }}", "{{ {'a': 1, 'b': 2} == {'b': 2, 'a': 1} }}",
    "{{ {'k': [1, 2]} == {'k': [1, 2]} }}", "{{ {'k': 1} == {'k': 1, 'j': 2} }}", "{{ {'k': 1} == {'j': 1} }}",
    "{{ [1, [2, 3]] == [1, [2, 3]] }}", "{{ (1, 2) == (1, 2) }}", "{{ (1, 2) == [1, 2] }}", "{{ [1] == [1.0] }}",
    "{{ {1: 'a'} == {1.0: 'a'} }}", "{{ {'k': 1} == {'k': true} }}", "{{ user == {'name': 'Ada', 'age': 36} }}",
    "{{ user == {'age': 36, 'name': 'Ada'} }}", "{{ user != {'name': 'Ada'} }}", "{{ {'k': 1} in [{'k': 1}] }}",
    "{{ {'k': 1} in dicts }}", "{{ {'k': 3} not in dicts }}", "{{ [1, 2] in pairs }}", "{{ (1, 2) in pairs }}",
    "{{ dicts|select('eq', {'k': 1})|list }}", "{{ dicts|reject('==', {'k': 1})|list }}", "{{ dicts|selectattr('k', 'eq', 1)|list }}",
    "{{ pairs|select('equalto', [1, 2])|list|length }}", "{{ [1, 1.0, true, 2]|unique|list }}", "{{ ['a', 'A', 'b']|unique|list }}",
    "{{ ['a', 'A', 'b']|unique(case_sensitive=true)|list }}", "{{ [(1, 2), (1, 2), (2, 1)]|unique|list }}",
    "{{ pairs|unique|list }}", "{{ dicts|unique|list }}", "{{ users|unique(attribute='age')|map(attribute='name')|list }}",
    "{{ users|unique(attribute='city')|map(attribute='name')|list }}", "{{ [none, none, 0, false, '']|unique|list }}",
    "{% for g in users|groupby('age') %}{{ g.grouper }}:{{ g.list|map(attribute='name')|join(',') }};{% endfor %}",
    "{% for g in users|groupby('city') %}{{ g.grouper }}:{{ g.list|map(attribute='name')|join(',') }};{% endfor %}",
    "{% for g in users|groupby('city', case_sensitive=true) %}{{ g.grouper }}:{{ g.list|length }};{% endfor %}",
    "{{ {'b': (1, 2), 'a': (1, 1)}|dictsort(by='value') }}", "{{ {'b': 1, 'A': 2, 'a': 3}|dictsort }}",
    "{{ [[2, 1], [1, 2], [1, 1]]|sort }}", "{{ [(1, 'b'), (1, 'a')]|sort }}", "{{ [[1], (1,)]|sort }}",
    "{{ [1, 2].index(2) }}", "{{ dicts.index({'k': 2}) }}", "{{ dicts.count({'k': 1}) }}", "{{ pairs.count([1, 2]) }}",
    "{{ {'k': 1} is sameas {'k': 1} }}", "{{ [1, 2] < [1, 3] }}", "{{ (1, 2) < (1, 2, 0) }}", "{{ {'k': 1} < {'k': 2} }}",
    "{{ 'a' == 'a'|safe }}", "{{ ['a'] == ['a'|safe] }}", "{{ none == none }}", "{{ none == 0 }}", "{{ 0 == false }}",
    "{{ '1' == 1 }}", "{{ [] == () }}", "{{ {} == {} }}", "{{ {} == [] }}",
]

FORMAT = [
    "{{ '{0!s}'.format(nil) }}", "{{ '{0!r}'.format('a') }}", "{{ '{!r}'.format(s) }}", "{{ '{0[0]}'.format(items) }}",
    "{{ '{u[name]}'.format(u=user) }}", "{{ '{u.name}'.format(u=user) }}", "{{ '{:>4}'.format(7) }}", "{{ '{:<4}|'.format(7) }}",
    "{{ '{:^9}'.format('ab') }}", "{{ '{:*<6}'.format('ab') }}", "{{ '{:.2f}'.format(2.5) }}", "{{ '{:08.3f}'.format(-3.14159) }}",
    "{{ '{:,}'.format(1234567) }}", "{{ '{:_}'.format(1234567) }}", "{{ '{:,.2f}'.format(1234567.891) }}", "{{ '{:x}'.format(255) }}",
    "{{ '{:#x}'.format(255) }}", "{{ '{:X}'.format(255) }}", "{{ '{:o}'.format(8) }}", "{{ '{:b}'.format(10) }}", "{{ '{:#b}'.format(10) }}",
    "{{ '{{}}'.format() }}", "{{ '{{{0}}}'.format(1) }}", "{{ '{:+d}'.format(5) }}", "{{ '{: d}'.format(5) }}", "{{ '{:e}'.format(12345.678) }}",
    "{{ '{:.3e}'.format(0.000123) }}", "{{ '{:%}'.format(0.25) }}", "{{ '{:.1%}'.format(0.256) }}", "{{ '{:g}'.format(0.0001234) }}",
    "{{ '{:g}'.format(1e20) }}", "{{ '{:g}'.format(100.0) }}", "{{ '{}'.format(1e20) }}", "{{ '{}'.format(0.1) }}", "{{ '{:.3}'.format(3.14159) }}",
    "{{ '{:.3}'.format('abcdef') }}", "{{ '{:10.3}|'.format('abcdef') }}", "{{ '{0}{1}{0}'.format('a', 'b') }}", "{{ '{}'.format([1, 'a']) }}",
    "{{ '{}'.format({'a': (1,)}) }}", "{{ '{}'.format(none) }}", "{{ '{}'.format(true) }}", "{{ '{:d}'.format(true) }}",
    "{{ '{:>{w}}'.format('x', w=5) }}", "{{ '{:{f}^{w}}'.format('x', f='-', w=5) }}", "{{ '{:=+8}'.format(-42) }}", "{{ '{:08}'.format(-42) }}",
    "{{ '{:d}'.format(2.5) }}", "{{ '{:s}'.format(5) }}", "{{ '{0} {}'.format(1, 2) }}", "{{ '{2}'.format(1) }}", "{{ '{x}'.format(y=1) }}",
    "{{ '{'.format() }}", "{{ '}'.format() }}", "{{ '{:q}'.format(1) }}", "{{ '{0.missing}'.format(user) }}",
    "{{ '<b>{}</b>'|safe }}", "{{ ('<b>{}</b>'|safe).format(html) }}", "{{ ('<b>{0}{1}</b>'|safe).format(html|safe, '&') }}",
    "{{ ('<b>{x}</b>'|safe).format(x=html) }}", "{{ ('{!r}'|safe).format(html) }}", "{{ '{}'.format(html) }}",
    "{{ '%s'|format(html) }}", "{{ '%s-%s'|format(1, 2) }}", "{{ '%5.2f|'|format(3.14159) }}", "{{ '%-5s|'|format('ab') }}",
    "{{ '%05d'|format(42) }}", "{{ '%(a)s+%(b)s'|format(a=1, b=2) }}", "{{ '%x'|format(255) }}", "{{ '%X'|format(255) }}", "{{ '%#x'|format(255) }}",
    "{{ '%o'|format(8) }}", "{{ '%e'|format(12345.678) }}", "{{ '%g'|format(1e-5) }}", "{{ '%g'|format(123456789.0) }}", "{{ '%r'|format('a') }}",
    "{{ '%s %s'|format(1) }}", "{{ '%s'|format(1, 2) }}", "{{ '%c'|format(65) }}", "{{ '%c'|format('z') }}", "{{ '%.3s'|format('abcdef') }}",
    "{{ '%+.1f'|format(2.25) }}", "{{ '%i'|format(3.9) }}", "{{ '%d'|format('3') }}", "{{ '% d'|format(5) }}", "{{ '%5s|%-5d|'|format('a', 3) }}",
    "{{ '%%'|format() }}", "{{ '%s'|format(nil) }}", "{{ '%s'|format([1, 2]) }}", "{{ '%d%%'|format(50) }}", "{{ '%.0f'|format(2.5) }}",
    "{{ '%.2e'|format(0.0) }}", "{{ '%10.4f|'|format(-3.14159) }}", "{{ '%s' % 'x' }}", "{{ '%s and %s' % (1, 2) }}", "{{ '%(n)d' % {'n': 3} }}",
    "{{ ('<i>%s</i>'|safe) % html }}", "{{ ('<i>%s</i>'|safe)|format(html) }}", "{{ '%s'|format(html|safe) }}",
]

STRINGS = [
    "{{ 'ab'.center(6) }}|", "{{ 'ab'.center(7, '*') }}", "{{ 'abc'.center(2) }}", "{{ '42'.zfill(5) }}", "{{ '-42'.zfill(6) }}",
    "{{ '+4'.zfill(4) }}", "{{ 'ab'.ljust(5, '.') }}", "{{ 'ab'.rjust(5) }}", "{{ 'a\\tbc\\td'.expandtabs(4) }}", "{{ 'a\\tb'.expandtabs() }}",
    "{{ 'a=b=c'.partition('=') }}", "{{ 'a=b=c'.rpartition('=') }}", "{{ 'abc'.partition('x') }}", "{{ 'abc'.rpartition('x') }}",
    "{{ 'Hello World'.swapcase() }}", "{{ \"they're bill's friends\".title() }}", "{{ 'hELLO wORLD'.title() }}", "{{ 'ß'.casefold() }}",
    "{{ 'ÀB'.casefold() }}", "{{ 'Ab1'.isalnum() }}", "{{ 'Ab 1'.isalnum() }}", "{{ '123'.isdigit() }}", "{{ '²'.isdigit() }}",
    "{{ '²'.isdecimal() }}", "{{ '½'.isnumeric() }}", "{{ '12'.isdecimal() }}", "{{ 'abc'.isascii() }}", "{{ 'é'.isascii() }}",
    "{{ ''.isascii() }}", "{{ 'a_1'.isidentifier() }}", "{{ '1a'.isidentifier() }}", "{{ 'ab\\n'.isprintable() }}", "{{ 'ab'.isprintable() }}",
    "{{ 'Hello World'.istitle() }}", "{{ 'Hello world'.istitle() }}", "{{ ''.isalpha() }}", "{{ 'abc'.islower() }}", "{{ 'ABC1'.isupper() }}",
    "{{ ' \\t'.isspace() }}", "{{ 'a\\nb\\r\\nc'.splitlines() }}", "{{ 'a\\nb\\n'.splitlines(true) }}", "{{ 'a\\nb'.splitlines(keepends=true) }}",
    "{{ 'banana'.count('a') }}", "{{ 'banana'.count('a', 2) }}", "{{ 'banana'.count('a', 2, 4) }}", "{{ 'banana'.count('') }}",
    "{{ 'banana'.find('na') }}", "{{ 'banana'.find('na', 3) }}", "{{ 'banana'.find('x') }}", "{{ 'banana'.rfind('na') }}",
    "{{ 'banana'.rfind('na', 0, 4) }}", "{{ 'banana'.index('n') }}", "{{ 'banana'.rindex('n') }}", "{{ 'banana'.index('x') }}",
    "{{ 'banana'.rindex('x') }}", "{{ 'banana'.find('a', -2) }}", "{{ 'banana'.startswith('an', 1) }}", "{{ 'banana'.endswith('an', 0, 5) }}",
    "{{ 'banana'.startswith(('x', 'b')) }}", "{{ 'prefix-x'.removeprefix('prefix-') }}", "{{ 'x.txt'.removesuffix('.txt') }}",
    "{{ 'x.txt'.removesuffix('.md') }}", "{{ 'a,b,,c'.split(',') }}", "{{ ' a  b '.split() }}", "{{ 'a,b,c'.rsplit(',', 1) }}",
    "{{ 'a,b,c'.split(',', maxsplit=1) }}", "{{ '  x '.strip() }}|", "{{ 'xxaxx'.strip('x') }}", "{{ 'abc'.upper() }}", "{{ 'abc'.capitalize() }}",
    "{{ 'a-b'.replace('-', '+') }}", "{{ 'aaa'.replace('a', 'b', 2) }}", "{{ '-'.join(['a', 'b']) }}", "{{ 'abc'.translate({97: 'x', 98: none}) }}",
    "{{ 'abc'.translate('abc'.maketrans('ab', 'xy')) }}", "{{ 'abc'.maketrans('ab', 'xy') }}", "{{ 'abc'.translate('abc'.maketrans('', '', 'b')) }}",
    "{{ '{a}-{b}'.format_map({'a': 1, 'b': 2}) }}", "{{ s.lower() }}", "{{ s.upper() }}", "{{ s.title() }}", "{{ s.swapcase() }}",
    "{{ 'ab'.center(5, 'xy') }}", "{{ 'ab'.zfill('3') }}", "{{ 'abc'.endswith(('c',)) }}", "{{ 'Ab'.istitle() }}",
    "{{ 'ab'.__len__() }}", "{{ 'ab'.__contains__('a') }}", "{{ 'ǅungla'|title }}", "{{ 'ǅungla'.title() }}", "{{ 'ǅungla'.capitalize() }}",
    "{{ 'straße'|upper }}", "{{ 'straße'.upper() }}", "{{ 'ǅungla'.islower() }}", "{{ '{:_.0}'.format('txt') }}", "{{ '{:,}'.format('txt') }}",
    "{{ '{:#}'.format('txt') }}", "{{ '{:08,}'.format(255) }}", "{{ '{:0=12,}'.format(1234) }}", "{{ '{:^012,}'.format(1234) }}",
    "{{ '{:#012_x}'.format(255) }}", "{{ '{:012,.2f}'.format(-1234.5) }}", "{{ '%#010o'|format(8) }}", "{{ '%#06x'|format(255) }}",
    "{{ '²'|wordcount }}", "{{ true|round }}",
]

COLLECTIONS = [
    "{% set l = [1, 2, 3] %}{{ l.pop() }}{{ l }}", "{% set l = [1, 2, 3] %}{{ l.pop(0) }}{{ l }}", "{% set l = [1, 2, 3] %}{{ l.pop(-2) }}{{ l }}",
    "{% set l = [] %}{{ l.pop() }}", "{% set l = [1] %}{{ l.pop(5) }}", "{% set l = [1] %}{{ l.append(2) }}{{ l }}",
    "{% set l = [1] %}{% set _ = l.extend([2, 3]) %}{{ l }}", "{% set l = [1] %}{% set _ = l.extend('ab') %}{{ l }}",
    "{% set l = [1] %}{% set _ = l.extend((2, 3)) %}{{ l }}", "{% set l = [1, 3] %}{% set _ = l.insert(1, 2) %}{{ l }}",
    "{% set l = [1, 3] %}{% set _ = l.insert(-1, 2) %}{{ l }}", "{% set l = [1, 3] %}{% set _ = l.insert(99, 2) %}{{ l }}",
    "{% set l = [1, 2, 1] %}{% set _ = l.remove(1) %}{{ l }}", "{% set l = [1] %}{{ l.remove(5) }}", "{% set l = [1, 2, 1] %}{{ l.index(1, 1) }}",
    "{{ [1, 2].index(5) }}", "{{ [1, 2, 1].count(1) }}", "{{ [1, 2, 1].count(3) }}", "{% set l = [3, 1, 2] %}{% set _ = l.sort() %}{{ l }}",
    "{% set l = [3, 1, 2] %}{% set _ = l.sort(reverse=true) %}{{ l }}", "{% set l = [3, 1, 2] %}{% set _ = l.reverse() %}{{ l }}",
    "{% set l = [3, 1, 2] %}{% set c = l.copy() %}{% set _ = c.append(4) %}{{ l }}{{ c }}", "{% set l = [3, 1] %}{% set _ = l.clear() %}{{ l }}",
    "{% set _ = items.append(4) %}{{ items }}", "{{ (1, 2, 1).count(1) }}", "{{ (1, 2).index(2) }}", "{{ (1, 2).append }}",
    "{% set d = {'a': 1} %}{{ d.pop('a') }}{{ d }}", "{% set d = {'a': 1} %}{{ d.pop('b', 'dflt') }}", "{% set d = {'a': 1} %}{{ d.pop('b') }}",
    "{% set d = {'a': 1} %}{{ d.setdefault('a', 5) }}{{ d.setdefault('b', 6) }}{{ d }}", "{% set d = {'a': 1} %}{{ d.setdefault('c') }}{{ d }}",
    "{% set d = {'a': 1} %}{% set _ = d.update({'b': 2}) %}{{ d }}", "{% set d = {'a': 1} %}{% set _ = d.update(b=2, a=0) %}{{ d }}",
    "{% set d = {'a': 1} %}{% set _ = d.update([('c', 3)]) %}{{ d }}", "{% set d = {'a': 1} %}{% set c = d.copy() %}{% set _ = c.update(b=2) %}{{ d }}{{ c }}",
    "{% set d = {'a': 1, 'b': 2} %}{{ d.popitem() }}{{ d }}", "{% set d = {} %}{{ d.popitem() }}", "{% set d = {'a': 1} %}{% set _ = d.clear() %}{{ d }}",
    "{{ {'a': 1}.__contains__('a') }}", "{{ {'a': 1}.get('b') }}", "{{ {'a': 1}.get('b', 2) }}", "{{ {}.fromkeys(['a', 'b'], 0) }}",
    "{{ 'a' in {'a': 1} }}", "{{ 1 in {'a': 1} }}", "{{ {'a': 1}.keys()|list }}", "{{ {'a': 1}.items()|list }}", "{{ {'a': 1}.values()|list }}",
    "{% set _ = user.update(age=37) %}{{ user.age }}", "{{ user.setdefault('name', 'x') }}", "{{ user.copy() == user }}",
]

URLIZE = [
    "{{ text|urlize }}", "{{ 'www.example.com'|urlize }}", "{{ 'example.com'|urlize }}", "{{ 'example.org/path'|urlize }}", "{{ 'example.net'|urlize }}",
    "{{ 'example.de'|urlize }}", "{{ 'http://example.com/very/long/path/name'|urlize(20) }}", "{{ 'http://example.com/very/long/path/name'|urlize(20, true) }}",
    "{{ 'http://example.com'|urlize(nofollow=true) }}", "{{ 'http://example.com'|urlize(target='_blank') }}",
    "{{ 'http://example.com'|urlize(rel='x') }}", "{{ 'http://example.com'|urlize(rel='x', nofollow=true) }}",
    "{{ 'ftp://example.com/f and tel:+1 and mailto:a@b.c'|urlize(extra_schemes=['ftp://', 'tel:']) }}",
    "{{ 'write to a.b@example.com.'|urlize }}", "{{ 'mailto:a@example.com'|urlize }}", "{{ 'a@b'|urlize }}", "{{ '(http://example.com)'|urlize }}",
    "{{ '<http://example.com>'|urlize }}", "{{ 'http://example.com/a_(b)'|urlize }}", "{{ '\"http://example.com\"'|urlize }}",
    "{{ 'https://example.com/?a=1&b=<2>'|urlize }}", "{{ 'see http://example.com.'|urlize }}", "{{ 'see http://example.com,'|urlize }}",
    "{{ 'x http://a.b/c y'|urlize }}", "{{ html|urlize }}", "{{ (html ~ ' www.example.com')|urlize }}", "{{ ('<b>www.example.com</b>'|safe)|urlize }}",
    "{{ 'http://localhost:8000/x'|urlize }}", "{{ 'https://[::1]/x'|urlize }}", "{{ 'foo.bar'|urlize }}", "{{ 'www.foo.bar'|urlize }}",
    "{{ 'HTTP://EXAMPLE.COM'|urlize }}", "{{ 'http://example.com/\\'quoted\\''|urlize }}", "{{ 'a\\nhttp://example.com\\tb'|urlize }}",
    "{{ 'www.example.com'|urlize(5) }}", "{{ 'http://example.com'|urlize(0) }}", "{{ 'http://example.com'|urlize(3) }}",
    "{{ 'user@example.com'|urlize(nofollow=true, target='t') }}", "{{ 'www.example.com/(x)'|urlize }}", "{{ '((www.example.com))'|urlize }}",
    "txt/{{ html|urlize }}", "txt/{{ text|urlize }}", "txt/{% autoescape false %}{{ html ~ ' http://x.com/?a&b'|urlize }}{% endautoescape %}",
]

PPRINT = [
    "{{ nested|pprint }}", "{{ users|pprint }}", "{{ user|pprint }}", "{{ items|pprint }}", "{{ s|pprint }}", "{{ html|pprint }}", "{{ nil|pprint }}",
    "{{ (1, 'a')|pprint }}", "{{ {'b': 1, 'a': [1, 2]}|pprint }}", "{{ range(40)|list|pprint }}", "{{ [s * 10]|pprint }}",
    "{{ {'key': s * 5, 'k2': [users, users]}|pprint }}", "{{ 2.5|pprint }}", "{{ (2**64)|pprint }}", "txt/{{ nested|pprint }}", "txt/{{ html|pprint }}",
    "{{ [(1, 2)] * 20|pprint }}", "{{ ([(1, 2)] * 20)|pprint }}", "{{ {'a': {'b': {'c': [1] * 30}}}|pprint }}", "{{ [[]] * 3|pprint }}", "{{ ({})|pprint }}",
    "{{ ([1] * 40, 'x')|pprint }}", "{{ ((1,),)|pprint }}", "{{ ['a' * 100]|pprint }}", "{{ {'s': 'word ' * 30}|pprint }}",
]

SEMANTICS = [
    "{{ 'a' in missing }}", "{{ 'a' not in missing }}", "{{ missing in 'abc' }}", "{{ 1 in missing }}", "{{ nil|map('upper')|list }}",
    "{{ missing|map('upper')|list }}", "{{ nil|select|list }}", "{{ nil|reject|list }}", "{{ nil|selectattr('a')|list }}", "{{ nil|rejectattr('a')|list }}",
    "{{ nil|map(attribute='a')|list }}", "{{ nil|list }}", "{{ nil|join }}", "{{ nil|length }}", "{{ nil|unique|list }}",
    "{{ html|replace('Tom', '<x>') }}", "{{ html|replace('Tom', '<x>'|safe) }}", "{{ html|replace('&'|safe, '+') }}", "{{ (html|safe)|replace('Tom', '<x>') }}",
    "{{ (html|safe)|replace('&', '<x>'|safe) }}", "{{ html|replace('\"'|safe, '?') }}", "{{ html|replace(\"'\"|safe, '?'|safe) }}",
    "txt/{{ html|replace('Tom', '<x>'|safe) }}", "txt/{{ html|replace('&'|safe, '+') }}", "txt/{% autoescape true %}{{ html|replace('T'|safe, 't') }}{% endautoescape %}",
    "{% autoescape false %}{{ html|replace('Tom', '<x>'|safe) }}{% endautoescape %}",
    "<p{{ {'class': html, 'id': 'x'}|xmlattr }}>", "{% autoescape false %}<p{{ {'class': html, 'id': 'x'}|xmlattr }}>{% endautoescape %}",
    "txt/<p{{ {'class': html}|xmlattr }}>", "txt/<p{{ {'class': html}|xmlattr(false) }}>", "{% autoescape false %}{{ {'a': 1}|xmlattr(false) }}{% endautoescape %}",
    "{% autoescape false %}{{ ({'a': html}|xmlattr) is escaped }}{% endautoescape %}", "{{ ({'a': html}|xmlattr) is escaped }}",
    "{{ {'a': none, 'b': missing, 'c': 0}|xmlattr }}",
]


# Where Micro answers on purpose what Jinja refuses: the template, a template Jinja renders to Micro's answer, and why.
DEVIATIONS = {
    "{{ pairs|unique|list }}": ("{{ [[1, 2], [2, 1]] }}", "Jinja raises TypeError (a list is unhashable); Micro compares lists by value"),
    "{{ dicts|unique|list }}": ("{{ [{'k': 1}, {'k': 2}] }}", "Jinja raises TypeError (a dict is unhashable); Micro compares dicts by value"),
}


def cases() -> list[tuple[str, str]]:
    table: list[tuple[str, str]] = []
    for group, templates in (("integers", INTEGERS), ("equality", EQUALITY), ("format", FORMAT), ("strings", STRINGS),
                             ("collections", COLLECTIONS), ("urlize", URLIZE), ("pprint", PPRINT), ("semantics", SEMANTICS)):
        for i, template in enumerate(templates):
            ext = "html"
            if template.startswith("txt/"):
                ext, template = "txt", template[len("txt/"):]
            table.append((f"{ext}/{group}/{i:03d}", template))
    return table


def render(template: str, ext: str) -> dict:
    env = Environment(loader=DictLoader({"case." + ext: template}), autoescape=select_autoescape(["html", "htm", "xml", "svg"]))
    data = json.loads(json.dumps(DATA))
    try:
        return {"output": env.get_template("case." + ext).render(data)}
    except Exception as e:  # the exception type is the golden
        return {"error": type(e).__name__}


def build() -> dict:
    out = []
    for name, template in cases():
        ext = name.split("/", 1)[0]
        case = {"name": name, "template": template, **render(template, ext)}
        if template in DEVIATIONS:
            equivalent, reason = DEVIATIONS[template]
            case["micro"] = render(equivalent, ext)["output"]
            case["reason"] = reason
        out.append(case)
    return {
        "generator": GENERATOR,
        "jinja2": version("jinja2"),
        "markupsafe": version("markupsafe"),
        "data": DATA,
        "cases": out,
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
    print(f"wrote {OUTPUT.relative_to(REPO_ROOT)}: {len(out_cases(text))} cases")
    return 0


def out_cases(text: str) -> list:
    return json.loads(text)["cases"]


if __name__ == "__main__":
    sys.exit(main())
