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


COMMANDS = ("outline", "footnotes", "analyze", "sentences", "claims", "batch")


def help_options(cmd):
    """The options `essaykit CMD --help` lists, as (short or None, long, takes a value)."""
    import re
    text = run(cmd, "--help").stdout.decode()
    out = []
    for line in text.split("\noptions:\n", 1)[1].splitlines():
        m = re.match(r"^  (?:(-\w), )?\s*(--[\w-]+)( [A-Z/]+)?  ", line)
        if m:
            out.append((m.group(1), m.group(2), bool(m.group(3))))
    return out


def test_version_and_help():
    r = run("--version")
    assert r.returncode == 0 and r.stdout.startswith(b"essaykit "), r
    version = r.stdout
    for cmd in COMMANDS:
        r = run(cmd, "--help")
        assert r.returncode == 0 and b"--from" in r.stdout and b"--json" in r.stdout, (cmd, r)
        # --version on every command, and both spellings listed.
        for flag in ("--version", "-V"):
            v = run(cmd, flag)
            assert v.returncode == 0 and v.stdout == version, (cmd, flag, v)
        assert ("-V", "--version", False) in help_options(cmd), (cmd, help_options(cmd))
        assert ("-h", "--help", False) in help_options(cmd), cmd
    r = run("--help")
    assert r.returncode == 0 and b"outline" in r.stdout and b"--version" in r.stdout


def is_json(data):
    try:
        json.loads(data)
        return True
    except ValueError:
        return False


def test_help_tells_the_truth_about_defaults():
    """analyze and footnotes print JSON by default (footnotes --text: a listing for a
    person); outline, claims and sentences print text; --json is accepted everywhere."""
    for cmd, json_by_default in (("analyze", True), ("footnotes", True), ("outline", False),
                                 ("claims", False), ("sentences", False)):
        plain = run(cmd, str(POST))
        assert plain.returncode == 0, (cmd, plain.stderr)
        assert is_json(plain.stdout) == json_by_default, (cmd, plain.stdout[:80])
        as_json = run(cmd, "--json", str(POST))
        assert as_json.returncode == 0 and is_json(as_json.stdout), (cmd, as_json.stderr)
        help_json = [l for l in run(cmd, "--help").stdout.decode().splitlines() if "--json" in l][0]
        assert ("(the default)" in help_json) == json_by_default, (cmd, help_json)
    text = run("footnotes", "--text", str(POST))
    assert text.returncode == 0 and not is_json(text.stdout), text
    assert text.stdout.decode().splitlines()[0].startswith('[records] (line 30) The word "record"'), text.stdout
    assert "    ref line 24: ...Teams forget. Ledgers do not." in text.stdout.decode()


def test_every_option_does_something():
    """Each flag a document command lists changes what it prints — but --json where JSON
    is already the default, and --help and --version, which stop."""
    base = {cmd: run(cmd, str(POST)).stdout for cmd in COMMANDS if cmd != "batch"}
    for cmd in base:
        for short, long, valued in help_options(cmd):
            if long in ("--help", "--version") or valued:
                continue
            r = run(cmd, long, str(POST))
            assert r.returncode == 0, (cmd, long, r.stderr)
            if long == "--json" and is_json(base[cmd]):
                assert r.stdout == base[cmd], (cmd, long)
            else:
                assert r.stdout != base[cmd], f"{cmd} {long} changes nothing"
    # --from, the one valued option of these: the reader changes the document, beyond the
    # format it names. (Not its outline: read as text, the post's front matter and '##'
    # headings give the same one.)
    as_text = json.loads(run("analyze", "--from", "text", str(POST)).stdout)
    as_markdown = json.loads(base["analyze"])
    assert as_text["source"]["format"] == "text" and as_markdown["source"]["format"] == "markdown"
    del as_text["source"], as_markdown["source"]
    assert as_text != as_markdown, "--from text reads the post as the Markdown reader does"



def test_bad_values_are_usage_errors():
    """A value out of range is a usage error with a message, never a crash or a limit
    silently lifted: -j -1 aborted, --max-entry-bytes -1 removed the limit."""
    cases = [
        ("-j", "-1"), ("-j", "0"), ("-j", "1025"), ("-j", "2x"), ("--jobs", ""), ("-j", "99999999999999999999"),
        ("--max-entry-bytes", "-1"), ("--max-entry-bytes", "0"), ("--max-entry-bytes", "1e6"),
        ("--max-entry-bytes", "18446744073709551616"), ("--max-ratio", "-1"), ("--max-ratio", "0"),
        ("--max-ratio", "nan"), ("--max-ratio", "inf"), ("--max-ratio", "1e400"), ("--max-depth", "-1"),
        ("--max-depth", "1001"), ("--shard", "3/3"), ("--shard", "1/0"), ("--shard", "-1/3"), ("--shard", "a/b"),
        ("--from", "rtf"),
    ]
    for opt, value in cases:
        r = run("batch", opt, value, str(POST))
        assert r.returncode == 2, (opt, value, r.returncode, r.stderr)
        assert r.stdout == b"" and opt.lstrip("-") in r.stderr.decode().replace("--jobs", "-j --jobs"), (opt, value, r.stderr)
    for good in (("-j", "1"), ("-j2",), ("--jobs=2",), ("--max-ratio", "2.5"), ("--max-depth", "0"),
                 ("--max-entry-bytes", "100000"), ("--shard", "0/1")):
        r = run("batch", *good, str(POST))
        assert r.returncode == 0, (good, r.stderr)


def test_conventions():
    """getopt_long's conventions without abbreviations: --opt=VALUE, -jN, `--` ends the
    options, an option given twice keeps its last value, and an option of another command
    is named as such."""
    assert run("outline", "--pre", str(POST)).returncode == 2  # no abbreviations
    r = run("analyze", "--from=text", "--from", "markdown", str(POST))
    assert json.loads(r.stdout)["source"]["format"] == "markdown", r.stderr
    dash = write("-odd.md", b"# Odd\n")
    r = subprocess.run([os.path.abspath(EK), "outline", "--", "-odd.md"], cwd=TMP, capture_output=True)
    assert r.returncode == 0 and r.stdout.startswith(b"Odd\n"), r
    r = run("outline", "--raw", str(POST))
    assert r.returncode == 2 and b"sentences" in r.stderr, r.stderr
    r = run("outline", "--json=yes", str(POST))
    assert r.returncode == 2 and b"takes no value" in r.stderr, r.stderr
    for args in (["outline", "--html", "--json"], ["outline", "--html", "--pretty"], ["outline", "--html", "--claims"],
                 ["footnotes", "--text", "--json"], ["footnotes", "--text", "--pretty"], ["outline", "--claims", "--json"],
                 ["sentences", "--raw", "--from", "text"]):
        r = run(*args, str(POST))
        assert r.returncode == 2 and b"cannot be used together" in r.stderr, (args, r.stderr)
    r = run("outline", "--html", str(POST), str(POST))  # one page is one file
    assert r.returncode == 2 and b"--html writes the page of one file" in r.stderr and r.stdout == b"", r.stderr


def test_usage_errors_exit_2():
    for args in ([], ["frobnicate"], ["outline"], ["analyze", "--bogus", str(POST)], ["analyze", "--from", "rtf", str(POST)]):
        r = run(*args)
        assert r.returncode == 2, (args, r)
        assert r.stdout == b"", (args, r.stdout)
        assert r.stderr, args
    # An option before the command is named as such, not as an unknown command.
    r = run("--json", "outline", str(POST))
    assert r.returncode == 2 and b"'--json' is an option: the command comes first" in r.stderr, r.stderr
    r = run("frobnicate")
    assert b"unknown command 'frobnicate'" in r.stderr, r.stderr


def test_stdin_named_twice():
    """Standard input can be read once: '-' named twice is a usage error before anything is
    read (the second '-' gave an empty document without a word)."""
    for cmd in ("analyze", "outline", "footnotes", "sentences", "claims", "batch"):
        r = run(cmd, "-", str(POST), "-", stdin=b"# Title\n\nA line.\n")
        assert r.returncode == 2 and r.stdout == b"", (cmd, r)
        assert b"'-'" in r.stderr and b"more than once" in r.stderr, (cmd, r.stderr)


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
    assert doc["source"]["lines"] == 0 and doc["source"]["bytes"] == 0, doc["source"]
    r = run("outline", p)
    assert r.returncode == 0 and r.stdout == b"", (r.returncode, r.stdout)
    # (A person is told why the outline is empty; the output stays empty for a script.)
    assert b"no title and no headings found" in r.stderr, r.stderr
    q = write("no-headings.txt", b"Offices cost money. Companies should stop measuring presence.\n")
    r = run("outline", q)
    assert r.returncode == 0 and r.stdout == b"" and b"no-headings.txt: no title and no headings" in r.stderr, r
    r = run("outline", str(POST))
    assert r.stderr == b"", r.stderr
    for cmd in ("sentences", "claims", "footnotes"):
        r = run(cmd, p) if cmd != "footnotes" else run(cmd, "--text", p)
        assert r.returncode == 0 and r.stdout == b"", (cmd, r.stdout)


def test_line_counts():
    for data, lines in ((b"", 0), (b"\n", 1), (b"a", 1), (b"a\n", 1), (b"a\nb", 2), (b"a\r\nb\r\n", 2)):
        p = write("lines.txt", data)
        assert json.loads(run("analyze", p).stdout)["source"]["lines"] == lines, data
        raw = json.loads(run("sentences", "--raw", "--json", p).stdout)
        assert raw["source"]["lines"] == lines and raw["source"]["bytes"] == len(data), (data, raw["source"])
        check(raw, data, "sentences_view")


def test_markdown_without_an_extension_is_sniffed():
    data = (b"# How to brew\n\n**Beans.** Buy whole beans.\n\n**Water.** Use filtered water.\n\n"
            b"> Coffee is a language in itself.\n\nGrind just before brewing.\n")
    p = write("brewing", data)
    doc = json.loads(run("analyze", p).stdout)
    assert doc["source"]["format"] == "markdown" and doc["title"]["text"] == "How to brew", doc["source"]
    doc = json.loads(run("analyze", "-", stdin=data).stdout)
    assert doc["source"]["format"] == "markdown"
    # Plain text with a quoted line and a bold word is still text.
    plain = b"A title\n\nSome words here, and **one** of them bold.\n\n> a quoted line\n"
    assert json.loads(run("analyze", "-", stdin=plain).stdout)["source"]["format"] == "text"


ENCODINGS = {"UTF-16LE": ("utf-16-le", b"\xff\xfe"), "UTF-16BE": ("utf-16-be", b"\xfe\xff"),
             "UTF-32LE": ("utf-32-le", b"\xff\xfe\x00\x00"), "UTF-32BE": ("utf-32-be", b"\x00\x00\xfe\xff")}


def test_utf16_and_utf32_with_a_bom_are_read():
    """Notepad's "Unicode": read through the UTF-8 form, which spans point into, said in
    source.encoding and a diagnostic."""
    text = "# Caf\u00e9 notes\n\nThe caf\u00e9 opens at nine. It closes at five[^1].\n\n[^1]: On Sundays at four.\n"
    utf8 = b"\xef\xbb\xbf" + text.encode()
    want = json.loads(run("analyze", "--from", "markdown", "-", stdin=utf8).stdout)
    want_sentences = run("sentences", "--from", "markdown", "-", stdin=utf8).stdout
    for name, (codec, bom) in ENCODINGS.items():
        data = bom + text.encode(codec)
        p = write(f"notes-{name}.md", data)
        r = run("analyze", "--sentences", p)
        assert r.returncode == 0, (name, r.stderr)
        doc = json.loads(r.stdout)
        check(doc, utf8)  # every span slices the UTF-8 form
        assert doc["source"]["encoding"] == name and doc["source"]["bytes"] == len(utf8), doc["source"]
        assert doc["title"] == want["title"] and doc["footnotes"] == want["footnotes"], name
        notes = [d for d in doc["diagnostics"] if name in d["message"]]
        assert len(notes) == 1 and "UTF-8 form" in notes[0]["message"], doc["diagnostics"]
        assert run("sentences", p).stdout == want_sentences, name
    assert "encoding" not in want["source"]  # UTF-8 is the rule, and its JSON is as it was


def test_utf16_without_a_bom_is_named():
    for name, (codec, _) in ENCODINGS.items():
        p = write(f"nobom-{name}.txt", "Plain words of an essay, long enough to judge.\n".encode(codec))
        r = run("analyze", p)
        assert r.returncode == 1 and r.stdout == b"", (name, r)
        assert name.encode() in r.stderr and b"byte-order mark" in r.stderr, (name, r.stderr)


def test_one_bad_file_does_not_stop_the_others():
    r = run("analyze", str(TMP / "missing.md"), str(POST))
    assert r.returncode == 1
    lines = r.stdout.decode().splitlines()
    assert len(lines) == 1 and json.loads(lines[0])["source"]["name"] == str(POST)


def test_a_file_that_fails_to_analyse_does_not_stop_the_others():
    """Out of memory in one file (std::bad_alloc) is that file's error, exit 1, the others
    read and printed: the exception ended the program (abort, exit 134) and lost the output."""
    if b"__asan_init" in pathlib.Path(EK).read_bytes():
        return  # (a sanitizer's runtime reserves more address space than the limit)
    import resource
    big = write("big.txt", (b"We should walk more, because the town is small. " * 40 + b"\n\n") * 20000)

    def limit():
        resource.setrlimit(resource.RLIMIT_AS, (120 << 20, 120 << 20))

    r = subprocess.run([EK, "analyze", "--sentences", str(POST), big, str(POST)], capture_output=True, timeout=60,
                       preexec_fn=limit)
    assert r.returncode == 1, (r.returncode, r.stderr[-500:])
    assert f"essaykit: {big}: analysis failed: ".encode() in r.stderr, r.stderr[-500:]
    lines = r.stdout.decode().splitlines()
    assert [json.loads(x)["source"]["name"] for x in lines] == [str(POST), str(POST)]


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


def test_outline_html():
    """The map: one page, its text escaped; UTF-16 is shown through its UTF-8 form (the
    spans point there). The browser test checks the page itself."""
    r = run("outline", "--html", str(POST))
    assert r.returncode == 0 and r.stderr == b"", r.stderr
    page = r.stdout.decode()
    assert page.startswith("<!DOCTYPE html>") and page.endswith("</html>\n")
    assert page.count("<script") == 1 and "<title>Why ledgers matter — essaykit map</title>" in page
    assert 'id="ref-0-1" href="#fn-0"' in page and 'href="#ref-0-1"' in page
    assert page.count('<rect class="seg ') == 5
    src = "Title\n\nI think <script>alert(1)</script> we should \u201cquote\u201d it.\n".encode("utf-16")
    p = TMP / "utf16.txt"
    p.write_bytes(src)
    page = run("outline", "--html", str(p)).stdout.decode()
    assert "I think &lt;script&gt;alert(1)&lt;/script&gt; we should \u201cquote\u201d it." in page, page[-2000:]
    assert page.count("<script") == 1
    # An HTML page's article to its end: a closing paragraph with no claim in it too.
    p = TMP / "closing.html"
    p.write_bytes(b"<!doctype html><html><body><article><h1>T</h1><p>Hello there. This is text.</p>"
                  b"<p>Second paragraph is here.</p></article><footer>Site footer</footer></body></html>")
    page = run("outline", "--html", str(p)).stdout.decode()
    assert "Hello there. This is text." in page and "Second paragraph is here." in page, page[-2000:]
    assert "Site footer" not in page


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
    # The byte-order mark is no part of the first sentence; UTF-16 without one is refused
    # with the hint the other commands give.
    r = run("sentences", "--raw", "-", stdin=b"\xef\xbb\xbfOne here. Two here.")
    assert r.stdout.decode().splitlines() == ["One here.", "Two here."], r.stdout
    r = run("sentences", "--raw", "-", stdin="No mark here. None at all.".encode("utf-16-le"))
    assert r.returncode == 1 and b"UTF-16LE without a byte-order mark" in r.stderr, r.stderr
    doc = json.loads(run("sentences", "--json", str(POST)).stdout)
    check(doc, POST.read_bytes(), "sentences_view")
    assert len(doc["sentences"]) > 5
    doc = json.loads(run("claims", "--json", str(POST)).stdout)
    check(doc, POST.read_bytes(), "claims_view")
    text = run("claims", str(POST)).stdout.decode()
    assert text.startswith("L") and ("claim" in text or "thesis" in text), text
    assert json.loads(run("analyze", "--no-claims", str(POST)).stdout)["claims"] == []
    assert run("outline", "--claims", str(POST)).returncode == 0


def test_html_by_flag_extension_and_sniffing():
    page = b"<!DOCTYPE html>\n<html><head><title>Page</title></head><body><h1>Page</h1><p>Text.</p></body></html>\n"
    r = run("analyze", "-", stdin=page)
    assert r.returncode == 0 and json.loads(r.stdout)["source"]["format"] == "html", r
    r = run("analyze", "--from", "html", "-", stdin=b"<p>A paragraph, not a page.</p>")
    assert r.returncode == 0 and json.loads(r.stdout)["source"]["format"] == "html", r
    r = run("analyze", "--from", "rtf", "-", stdin=page)
    assert r.returncode == 2 and b"markdown, text, html or auto" in r.stderr, r


def test_several_files_are_named_in_the_text_views():
    # As outline does (and head(1)): each file's name, then its lines; one file alone is not named.
    other = write("other.txt", b"Cities should ban cars from their centres. I believe the air would be cleaner.\n")
    for args in (("claims",), ("sentences",), ("sentences", "--raw"), ("outline", "--claims")):
        out = run(*args, str(POST), other).stdout.decode()
        lines = out.splitlines()
        assert lines[0] == f"==> {POST} <==", (args, out)
        assert f"==> {other} <==" in lines[1:], (args, out)
        assert len([l for l in lines if l.startswith("==> ")]) == 2, (args, out)
        # A blank line before the second name, none before the first (as head(1) writes).
        second = lines.index(f"==> {other} <==")
        assert lines[second - 1] == "", (args, out)
        alone = run(*args, str(POST)).stdout.decode()
        assert "==>" not in alone and alone.splitlines() == lines[1:second - 1], (args, alone)
    # JSON stays one document per line, unnamed.
    for l in run("claims", "--json", str(POST), other).stdout.decode().splitlines():
        json.loads(l)


def test_sentences_and_claims_print_prose_as_read():
    md = write("marked.md", b"# Title\n\nWe **must** read [the docs](https://example.com/docs) first.[^1] Then `code` runs.\n\n"
                            b"[^1]: A note.\n")
    lines = run("sentences", md).stdout.decode().splitlines()
    assert "We must read the docs first." in lines and "Then code runs." in lines, lines
    assert "Title" in lines, lines
    doc = json.loads(run("sentences", "--json", md).stdout)
    data = open(md, "rb").read()
    assert any(data[s["start"]:s["end"]].startswith(b"We **must**") for s in doc["sentences"])  # spans stay on the source


def test_a_full_output_is_an_error():
    # analyze writes its JSON as it is made: a write that fails before the last one still
    # makes the exit status 1 (a document of a few hundred KB of JSON, and a small one).
    if not os.path.exists("/dev/full"):
        return
    big = write("big.md", b"".join(b"## Part %d\n\nWe should read the notes, because they matter.[^%d]\n\n[^%d]: A note.\n\n"
                                   % (i, i, i) for i in range(3000)))
    for path in (big, str(POST)):
        with open("/dev/full", "wb") as full:
            r = subprocess.run([EK, "analyze", path], stdout=full, stderr=subprocess.PIPE, timeout=60)
        assert r.returncode == 1 and b"writing output" in r.stderr, (path, r.returncode, r.stderr)
    # The text views, written whole, name the reason of the write that failed (not EIO).
    for args in (["outline", big], ["sentences", big], ["sentences", "--raw", big], ["footnotes", "--text", big]):
        with open("/dev/full", "wb") as full:
            r = subprocess.run([EK, *args], stdout=full, stderr=subprocess.PIPE, timeout=60)
        assert r.returncode == 1 and b"writing output: No space left on device" in r.stderr, (args, r.stderr)


def test_help_and_version_to_a_full_output_are_errors():
    """--help, --version and --dump-options print a few KB that stdio holds until exit,
    where a failed flush went unseen: exit 0 with nothing written. Every command's output
    is checked: a message on stderr and exit 1."""
    if not os.path.exists("/dev/full"):
        return
    for args in (["--help"], ["-h"], ["help"], ["--version"], ["-V"], ["--dump-options", "man"],
                 *([cmd, "--help"] for cmd in COMMANDS), *([cmd, "--version"] for cmd in COMMANDS),
                 ["outline", str(POST)], ["sentences", "--raw", str(POST)], ["batch", str(POST)]):
        with open("/dev/full", "wb") as full:
            r = subprocess.run([EK, *args], stdout=full, stderr=subprocess.PIPE, timeout=60)
        assert r.returncode == 1 and b"No space left on device" in r.stderr, (args, r.returncode, r.stderr)
        assert r.stderr.count(b"No space left on device") == 1, (args, r.stderr)


def test_a_full_output_names_its_reason():
    # Every command names the reason of the write that failed, not "Input/output error":
    # the map and a long listing are written in one piece larger than stdio's buffer, and
    # that failed write's errno was dropped.
    if not os.path.exists("/dev/full"):
        return
    words = b"apple river stone cloud maple garden lantern harbor violet meadow copper silver".split()
    big = write("many.md", b"".join(b"## Part %d\n\nEvery town should protect its %s %s, because people depend on it.[^%d]\n\n"
                                    b"[^%d]: A note.\n\n" % (i, words[i % 12], words[i // 12 % 12], i, i)
                                    for i in range(1000)))
    for args in (("outline", "--html", str(POST)), ("outline", big), ("footnotes", big), ("sentences", big),
                 ("claims", big), ("analyze", big), ("analyze", str(POST))):
        with open("/dev/full", "wb") as full:
            r = subprocess.run([EK, *args], stdout=full, stderr=subprocess.PIPE, timeout=60)
        assert r.returncode == 1 and r.stderr == b"essaykit: writing output: No space left on device\n", (args, r)


def test_text_views_never_send_control_characters_to_the_terminal():
    """A document's control characters (ESC opens a terminal's escape sequences: colours,
    the window's title, worse; CR and BS rewrite what is shown) went to stdout as they are
    in the views for a person. They are shown in caret notation (^[, ^G, as cat -v shows them);
    tabs and line ends stay, and the JSON keeps every character (escaped)."""
    data = (b"# Red \x1b[31mtitle\x1b[0m\n\n## Part \x1b]0;owned\x07 two\n\n"
            b"I think we should ring\x07 the bell.[^a] A para\rgraph goes\x08 on here.\n\n"
            b"[^a]: A note\x1b[2J that clears.\n")
    p = write("control.md", data)
    bad = set(range(0x20)) - {0x09, 0x0A} | {0x7F}
    for args in (("outline",), ("outline", "--claims"), ("sentences",), ("sentences", "--raw"), ("claims",),
                 ("footnotes", "--text"), ("outline", p)):
        r = run(*args, p)
        assert r.returncode == 0, (args, r.stderr)
        assert not bad & set(r.stdout), (args, r.stdout)
        assert b"^[" in r.stdout or b"^G" in r.stdout, (args, r.stdout)
    assert b"^[[31mtitle^[[0m" in run("outline", p).stdout
    assert b"graph goes^H on here." in run("sentences", "--raw", p).stdout
    doc = json.loads(run("analyze", p).stdout)
    assert doc["title"]["text"] == "Red \x1b[31mtitle\x1b[0m", doc["title"]


run_tests(globals(), sys.argv[2:] or None)
