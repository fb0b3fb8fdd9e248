#!/usr/bin/env python3
"""CLI behaviour: exit codes, messages, output forms. usage: test_cli.py ESSAYKIT [TEST...]"""
import json
import os
import pathlib
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from check_json import check, run_tests

EK = sys.argv[1]
HERE = pathlib.Path(__file__).resolve().parent
POST = HERE.parents[1] / "examples" / "post.md"
TMP = pathlib.Path(tempfile.mkdtemp(prefix="essaykit-cli-"))


def run(*args, stdin=b""):
    return subprocess.run([EK, *args], input=stdin, capture_output=True, timeout=60)


def write(name, data):
    p = TMP / name
    p.write_bytes(data)
    return str(p)


def test_version_and_help():
    r = run("--version")
    assert r.returncode == 0 and r.stdout.startswith(b"essaykit "), r
    for cmd in ("outline", "footnotes", "analyze"):
        r = run(cmd, "--help")
        assert r.returncode == 0 and b"--from" in r.stdout and b"--json" in r.stdout, (cmd, r)
    r = run("--help")
    assert r.returncode == 0 and b"outline" in r.stdout


def test_usage_errors_exit_2():
    for args in ([], ["frobnicate"], ["outline"], ["analyze", "--bogus", str(POST)], ["analyze", "--from", "rtf", str(POST)]):
        r = run(*args)
        assert r.returncode == 2, (args, r)
        assert r.stdout == b"", (args, r.stdout)
        assert r.stderr, args


def test_missing_file():
    r = run("analyze", str(TMP / "nope.md"))
    assert r.returncode == 1 and r.stdout == b""
    assert b"nope.md" in r.stderr and b"No such file" in r.stderr, r.stderr


def test_directory():
    r = run("outline", str(TMP))
    assert r.returncode == 1 and b"is a directory" in r.stderr, r.stderr


def test_binary_file():
    p = write("blob.bin", b"\x7fELF\x00\x01\x02" * 100)
    r = run("analyze", p)
    assert r.returncode == 1 and b"blob.bin" in r.stderr and b"binary" in r.stderr, r.stderr
    assert r.stdout == b""


def test_invalid_utf8_is_a_diagnostic():
    p = write("bad.md", b"# Caf\xc3\n\nText \xff here.\n")
    r = run("analyze", p)
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)
    check(doc, open(p, "rb").read())
    assert any("invalid UTF-8" in d["message"] for d in doc["diagnostics"])


def test_empty_input():
    p = write("empty.txt", b"")
    r = run("analyze", p)
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)
    check(doc, b"")
    assert doc["sections"] == [] and doc["title"] is None
    r = run("outline", p)
    assert r.returncode == 0 and r.stdout in (b"", b"\n"), (r.returncode, r.stdout)


def test_one_bad_file_does_not_stop_the_others():
    r = run("analyze", str(TMP / "missing.md"), str(POST))
    assert r.returncode == 1
    lines = r.stdout.decode().splitlines()
    assert len(lines) == 1 and json.loads(lines[0])["source"]["name"] == str(POST)


def test_several_files_give_json_lines():
    r = run("analyze", str(POST), str(POST))
    assert r.returncode == 0
    lines = r.stdout.decode().splitlines()
    assert len(lines) == 2
    for l in lines:
        check(json.loads(l), POST.read_bytes())


def test_stdin_and_sniffing():
    data = POST.read_bytes()
    r = run("analyze", "-", stdin=data)
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)
    assert doc["source"]["name"] == "-" and doc["source"]["format"] == "markdown"
    r = run("analyze", "--from", "text", "-", stdin=data)
    assert json.loads(r.stdout)["source"]["format"] == "text"


def test_outline_text_and_json():
    r = run("outline", str(POST))
    assert r.returncode == 0
    out = r.stdout.decode()
    assert out.splitlines()[0] == "Why ledgers matter"
    assert "L8     ## What a ledger is" in out and "(1 list, 1 footnote ref)" in out
    assert "    L18    ### Trust" in out
    r = run("outline", "--json", str(POST))
    check(json.loads(r.stdout), POST.read_bytes(), "outline_view")


def test_footnotes_json_is_default():
    a, b = run("footnotes", str(POST)), run("footnotes", "--json", str(POST))
    assert a.returncode == 0 and a.stdout == b.stdout
    doc = json.loads(a.stdout)
    check(doc, POST.read_bytes(), "footnotes_view")
    assert [f["label"] for f in doc["footnotes"]] == ["records", "reason"]
    assert [r["line"] for r in doc["footnotes"][0]["refs"]] == [5, 24]


def test_analyze_options():
    doc = json.loads(run("analyze", "--sentences", str(POST)).stdout)
    check(doc, POST.read_bytes())
    assert len(doc["sentences"]) == doc["stats"]["sentences"] > 0
    pretty = run("analyze", "--pretty", str(POST)).stdout
    assert pretty.count(b"\n") > 10 and json.loads(pretty) == json.loads(run("analyze", str(POST)).stdout)


def test_sentences_and_claims_commands():
    r = run("sentences", "--raw", "-", stdin=b"Mr. Smith came at 5 p.m. He left at 6.")
    assert r.returncode == 0 and r.stdout.decode().splitlines() == ["Mr. Smith came at 5 p.m.", "He left at 6."], r.stdout
    doc = json.loads(run("sentences", "--json", str(POST)).stdout)
    check(doc, POST.read_bytes(), "sentences_view")
    assert len(doc["sentences"]) > 5
    doc = json.loads(run("claims", "--json", str(POST)).stdout)
    check(doc, POST.read_bytes(), "claims_view")
    text = run("claims", str(POST)).stdout.decode()
    assert text.startswith("L") and ("claim" in text or "thesis" in text), text
    assert json.loads(run("analyze", "--no-claims", str(POST)).stdout)["claims"] == []
    assert run("outline", "--claims", str(POST)).returncode == 0


run_tests(globals(), sys.argv[2:] or None)
