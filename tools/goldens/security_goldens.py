#!/usr/bin/env python3
"""Write the goldens that Micro's security tests compare against, produced by the real Werkzeug.

    python3 tools/goldens/security_goldens.py

Writes tests/Micro.Tests/Security/Golden/password_hashes.json and safe_join.json. Salts come from a
seeded generator so that running it again rewrites the same files; the C# tests never need Python.
"""

from __future__ import annotations

import hashlib
import json
import ntpath
import random
import types
from pathlib import Path

import werkzeug
import werkzeug.security as ws
from importlib.metadata import version

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "Micro.Tests" / "Security" / "Golden"

PASSWORDS = [
    "hunter2",
    "",
    "correct horse battery staple",
    "pässwörd",
    "密码🔑",
    " leading and trailing ",
    "$dollar$signs:and:colons$",
]

# (method, salt_length): defaults, custom parameters and names Werkzeug echoes verbatim.
METHODS = [
    ("scrypt", 16),
    ("scrypt:16384:8:1", 16),
    ("scrypt:1024:1:16", 8),
    ("scrypt:128:1:1", 1),
    ("scrypt:2048:4:2", 32),
    ("pbkdf2", 16),
    ("pbkdf2:sha512", 16),
    ("pbkdf2:sha256:1000", 16),
    ("pbkdf2:sha512:2000", 4),
    ("pbkdf2:sha1:1000", 8),
    ("pbkdf2:sha384:1500", 16),
    ("pbkdf2:SHA256:1000", 16),
    ("pbkdf2:sha-512:1000", 16),
    ("pbkdf2:sha256:260000", 16),
]

# The slow defaults are paired with fewer passwords to keep the C# tests quick.
SLOW = {"scrypt", "pbkdf2", "pbkdf2:sha512", "scrypt:16384:8:1", "pbkdf2:sha256:260000"}

# Strings that are not valid hashes: Werkzeug returns False or raises; Micro's Check returns false.
MALFORMED = [
    "",
    "no-dollars",
    "pbkdf2:sha256:1000$onlyone",
    "plain$salt$hash",
    "sha1$salt$hash",
    "md5$salt$5f4dcc3b5aa765d61d8327deb882cf99",
    "scrypt:1:8:1$salt$00",
    "scrypt:3:8:1$salt$00",
    "scrypt:16:8$salt$00",
    "scrypt:a:b:c$salt$00",
    "scrypt:65536:1:1$salt$00",
    "pbkdf2:sha256:0$salt$00",
    "pbkdf2:sha256:-5$salt$00",
    "pbkdf2:sha256:1000:9$salt$00",
    "pbkdf2:nosuchhash:1000$salt$00",
    "pbkdf2:$salt$00",
]

# (n, r, p): whether hashlib.scrypt accepts them with Werkzeug's maxmem of 132 * n * r * p.
SCRYPT_PARAMETERS = [
    (0, 1, 1), (1, 1, 1), (2, 1, 1), (4, 1, 1), (16, 1, 1), (64, 1, 1), (96, 1, 1), (128, 1, 1),
    (32768, 1, 1), (65536, 1, 1), (65536, 2, 1), (8, 2, 1), (16, 2, 4), (64, 1, 2), (2, 1, 1024),
    (128, 0, 1), (128, 1, 0), (2**21, 8, 1), (2**20, 2, 1), (1024, 1, 2**20), (32768, 8, 1),
]


def seeded_salts(seed: int):
    rng = random.Random(seed)
    return lambda length: "".join(rng.choice(ws.SALT_CHARS) for _ in range(length))


def password_hashes() -> dict:
    ws.gen_salt = seeded_salts(7914)
    cases = []
    for method, salt_length in METHODS:
        passwords = PASSWORDS[:3] if method in SLOW else PASSWORDS
        for password in passwords:
            pwhash = ws.generate_password_hash(password, method, salt_length)
            assert ws.check_password_hash(pwhash, password)
            cases.append({"method": method, "saltLength": salt_length, "password": password, "hash": pwhash})

    malformed = []
    for pwhash in MALFORMED:
        try:
            outcome = "false" if not ws.check_password_hash(pwhash, "password") else "true"
        except Exception as e:  # noqa: BLE001 - recording what Werkzeug does
            outcome = f"raises {type(e).__name__}"
        malformed.append({"hash": pwhash, "werkzeug": outcome})

    parameters = []
    for n, r, p in SCRYPT_PARAMETERS:
        maxmem = 132 * n * r * p
        try:
            # A tiny dklen: only whether OpenSSL accepts the parameters matters here.
            hashlib.scrypt(b"x", salt=b"y", n=n, r=r, p=p, maxmem=maxmem, dklen=1)
            valid = True
        except (ValueError, OverflowError, MemoryError):
            valid = False
        parameters.append({"n": n, "r": r, "p": p, "valid": valid})

    return {
        "werkzeug": version("werkzeug"),
        "hashes": cases,
        "malformed": malformed,
        "scryptParameters": parameters,
    }


SAFE_JOIN_CASES = [
    ("static", ["style.css"]),
    ("static", ["css/site.css"]),
    ("static", ["a", "b.txt"]),
    ("static", ["a//b/./c.txt"]),
    ("static", ["a/../b.txt"]),
    ("static", ["a/"]),
    ("static", [".", "x"]),
    ("static", [""]),
    ("static", []),
    ("static", ["."]),
    ("static", ["x/.."]),
    ("static", [".."]),
    ("static", ["../secret.txt"]),
    ("static", ["a/../../secret.txt"]),
    ("static", ["a", "../b"]),
    ("static", ["../"]),
    ("static", ["..."]),
    ("static", ["...txt"]),
    ("static", ["..hidden"]),
    ("static", ["/etc/passwd"]),
    ("static", ["//etc/passwd"]),
    ("static", ["///etc/passwd"]),
    ("static", ["..\\secret.txt"]),
    ("static", ["a\\b.txt"]),
    ("static", ["C:/windows/win.ini"]),
    ("static", ["C:secret.txt"]),
    ("static", ["c:\\x"]),
    ("static", ["%2e%2e/secret.txt"]),
    ("static", ["..%2fsecret.txt"]),
    ("static", ["con"]),
    ("static", ["CON.txt"]),
    ("static", ["aux.js"]),
    ("static", ["js/aux.js"]),
    ("static", ["nul .txt"]),
    ("static", ["com1"]),
    ("static", ["com\u00b9"]),
    ("static", ["lpt3.log"]),
    ("static", ["conin$"]),
    ("static", ["con\u0131n$"]),
    ("static", ["conout$.x"]),
    ("static", ["console.log"]),
    ("static", ["prn"]),
    ("static", ["com10"]),
    ("static/", ["a.txt"]),
    ("/srv/www", ["a.txt"]),
    ("", ["a.txt"]),
    ("", ["../a.txt"]),
    ("static", ["./a.txt"]),
    ("static", ["a/./../../b"]),
    ("static", ["\u00e9t\u00e9.txt"]),
    ("static", ["a b/c d.txt"]),
]


def safe_join() -> dict:
    posix = [ws.safe_join(d, *parts) for d, parts in SAFE_JOIN_CASES]

    # Werkzeug on Windows: the module reads os.name, os.path.isabs and the alternate separators.
    fake_os = types.SimpleNamespace(name="nt", sep="\\", altsep="/", path=ntpath)
    real_os, real_seps = ws.os, ws._os_alt_seps
    ws.os, ws._os_alt_seps = fake_os, ["\\"]
    try:
        windows = [ws.safe_join(d, *parts) for d, parts in SAFE_JOIN_CASES]
    finally:
        ws.os, ws._os_alt_seps = real_os, real_seps

    return {
        "werkzeug": version("werkzeug"),
        "cases": [
            {"directory": d, "parts": parts, "posix": p, "windows": w}
            for (d, parts), p, w in zip(SAFE_JOIN_CASES, posix, windows)
        ],
    }


def write(name: str, data: dict) -> None:
    GOLDEN.mkdir(parents=True, exist_ok=True)
    text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    (GOLDEN / name).write_text(text, encoding="utf-8")
    print(f"wrote {name}")


if __name__ == "__main__":
    write("safe_join.json", safe_join())
    write("password_hashes.json", password_hashes())
