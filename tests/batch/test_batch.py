#!/usr/bin/env python3
"""essaykit batch: every entry of every input exactly once, in input order, whatever the
thread count; damaged, hostile and odd inputs become error lines; --resume and --shard.
Archives are built here with Python's tarfile and zipfile. usage: test_batch.py ESSAYKIT [TEST...]"""
import gzip
import io
import json
import os
import pathlib
import subprocess
import sys
import tarfile
import tempfile
import zipfile

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "cli"))
from check_json import check, validator, run_tests

EK = sys.argv[1]
T = pathlib.Path(tempfile.mkdtemp(prefix="essaykit-batch-"))
POSTS = {
    "a.md": b"# A\n\nText[^1].\n\n[^1]: Note.\n",
    "b.txt": b"Title B\n\nSome text here. And more text here.\n",
    "sub/c.md": b"---\ntitle: C\n---\n\n- one\n- two\n",
    "sub/deeper/d.markdown": b"## D\n\nParagraph.\n",
    "skip.png": b"\x89PNG\r\n\x1a\n\x00\x00",
}


def run(*args, stdin=b"", cwd=None):
    return subprocess.run([EK, "batch", *args], input=stdin, capture_output=True, timeout=120, cwd=cwd)


def lines(data):
    return [json.loads(l) for l in data.decode().splitlines()]


def make_tree(root):
    for name, data in POSTS.items():
        p = root / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(data)
    return root


def tar_bytes(members, mode="w:gz"):
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode=mode) as tf:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tf.addfile(info, io.BytesIO(data))
    return buf.getvalue()


def zip_bytes(members):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def test_every_entry_once_in_order_any_threads():
    tree = make_tree(T / "tree")
    (T / "posts.tgz").write_bytes(tar_bytes({f"posts/{k}": v for k, v in POSTS.items()}))
    (T / "posts.zip").write_bytes(zip_bytes(POSTS))
    args = [str(T / "posts.tgz"), str(T / "posts.zip"), str(tree)]
    one, two = run("-j", "1", *args), run("-j", "2", *args)
    assert one.returncode == 0 and two.returncode == 0, (one.stderr, two.stderr)
    assert one.stdout == two.stdout, "output differs between -j 1 and -j 2"
    got = [l["path"] for l in lines(one.stdout)]
    readable = [k for k in POSTS if not k.endswith(".png")]
    want = ([f"{T}/posts.tgz!posts/{k}" for k in readable] + [f"{T}/posts.zip!{k}" for k in readable] +
            [f"{tree}/{k}" for k in sorted(readable, key=lambda k: k.split("/"))])
    assert sorted(got[:4]) == sorted(want[:4]) and got[4:8] == want[4:8], got
    assert sorted(got[8:]) == sorted(want[8:]) and len(got) == 12, got
    for l in lines(one.stdout):
        assert "document" in l, l
        assert not list(validator("document").iter_errors(l["document"])), l["path"]
    for l in lines(one.stdout)[8:]:
        check(l["document"], pathlib.Path(l["path"]).read_bytes())
    assert b"12 documents, 0 errors" in one.stderr, one.stderr


def test_corrupt_and_truncated_archives():
    good = tar_bytes({f"p/{i:03}.md": b"# T\n\n" + b"Some words here. " * 2000 for i in range(20)})
    (T / "cut.tgz").write_bytes(good[: len(good) // 2])
    (T / "junk.zip").write_bytes(b"this is not a zip archive at all" * 10)
    r = run(str(T / "cut.tgz"), str(T / "junk.zip"))
    assert r.returncode == 1, r.stderr
    out = lines(r.stdout)
    docs = [l for l in out if "document" in l]
    errors = [l for l in out if "error" in l]
    assert 0 < len(docs) < 20, len(docs)
    assert [e["error"]["code"] for e in errors] == ["corrupt_archive", "corrupt_archive"], errors
    assert errors[-1]["path"].endswith("junk.zip")


def test_damaged_sparse_maps_and_bytes_after_the_gzip_stream():
    # A sparse entry whose blocks overlap or come out of order is damaged, not a document of
    # its blocks laid end to end; the entry after it is read.
    text = b"# T\n\n" + b"Some words here. " * 40
    for name, blocks in (("overlap.md", [(0, text), (10, text)]), ("ooo.md", [(5000, text), (0, text)])):
        data = b"".join(d for _, d in blocks)
        sparse = tarfile.TarInfo(name)
        sparse.size = len(data)
        sparse.pax_headers = {"GNU.sparse.size": str(max(o + len(d) for o, d in blocks)),
                              "GNU.sparse.numblocks": str(len(blocks)), "GNU.sparse.name": name,
                              "GNU.sparse.map": ",".join(f"{o},{len(d)}" for o, d in blocks)}
        after = tarfile.TarInfo("after.md")
        after.size = len(text)
        buf = io.BytesIO()
        with tarfile.open(fileobj=buf, mode="w", format=tarfile.PAX_FORMAT) as t:
            t.addfile(sparse, io.BytesIO(data))
            t.addfile(after, io.BytesIO(text))
        (T / f"sparse-{name}.tar").write_bytes(buf.getvalue())
        out = lines(run(str(T / f"sparse-{name}.tar")).stdout)
        assert [(l["path"].split("!")[1], l["error"]["code"] if "error" in l else "document") for l in out] == [
            (name, "unreadable"), ("after.md", "document")], out
    # Bytes after the gzip stream that do not begin another member (all three bytes of gzip's
    # magic) are padding, as for gzip -d: every member read, no error line, exit 0.
    body = tar_bytes({f"m{i}.md": text for i in range(3)}, mode="w").rstrip(b"\0")
    body += b"\0" * (-len(body) % 512)  # (a tar without its end blocks, as some writers stream it)
    for tail in (b"\x1f", b"\x1f\x8bxx"):
        (T / "trail.tar.gz").write_bytes(gzip.compress(body, mtime=0) + tail)
        r = run(str(T / "trail.tar.gz"))
        assert r.returncode == 0 and [l.get("error") for l in lines(r.stdout)] == [None] * 3, (tail, r.stdout, r.stderr)


def test_damaged_zip_entries_cost_a_bounded_number_of_walks():
    # Each damaged entry of a zip makes batch open it again and walk the headers before it.
    # Behind 20,000 entries batch does not take, the walks are bounded by a few times the
    # archive's headers, not by the 32 readers alone: some damaged entries get their line,
    # then one line says the rest are not read.
    buf = io.BytesIO()
    text = b"# T\n\n" + b"Some words here. " * 40
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for i in range(20000):
            z.writestr(f"skip/{i}.bin", b"x")
        for i in range(12):
            z.writestr(f"d{i:02}.md", text)
    data = bytearray(buf.getvalue())
    for info in zipfile.ZipFile(io.BytesIO(bytes(data))).infolist()[20000:]:
        name_len, extra_len = int.from_bytes(data[info.header_offset + 26:info.header_offset + 28], "little"), \
            int.from_bytes(data[info.header_offset + 28:info.header_offset + 30], "little")
        at = info.header_offset + 30 + name_len + extra_len
        data[at:at + 10] = b"\xff" * 10
    (T / "many-damaged.zip").write_bytes(bytes(data))
    r = run(str(T / "many-damaged.zip"), "--include", "*.md")
    codes = [l["error"]["code"] for l in lines(r.stdout)]
    assert codes[-1] == "corrupt_archive" and set(codes[:-1]) == {"unreadable"} and 2 <= len(codes) < 12, codes
    assert "too many damaged entries" in lines(r.stdout)[-1]["error"]["message"], r.stdout


def test_empty_and_nested_archives():
    (T / "empty.tar").write_bytes(tar_bytes({}, "w"))
    inner = zip_bytes({"x.md": b"# X\n", "y.txt": b"Y title\n\nText.\n"})
    (T / "outer.tar").write_bytes(tar_bytes({"inner.zip": inner, "z.md": b"# Z\n"}, "w"))
    r = run(str(T / "empty.tar"), str(T / "outer.tar"))
    assert r.returncode == 0, r.stderr
    assert [l["path"] for l in lines(r.stdout)] == [
        f"{T}/outer.tar!inner.zip!x.md", f"{T}/outer.tar!inner.zip!y.txt", f"{T}/outer.tar!z.md"]


def test_limits_become_error_lines():
    (T / "bomb.tgz").write_bytes(tar_bytes({"zeros.txt": b"a" * (20 << 20)}))
    big = T / "big" / "big.md"
    big.parent.mkdir(exist_ok=True)
    big.write_bytes(b"# Big\n" + b"word " * 1000)
    r = run("--max-ratio", "50", str(T / "bomb.tgz"))
    assert r.returncode == 1 and lines(r.stdout)[0]["error"]["code"] == "ratio_limit", r.stdout[:300]
    r = run("--max-entry-bytes", "100", str(big.parent))
    assert lines(r.stdout)[0]["error"]["code"] == "too_large", r.stdout


def test_binary_and_non_utf8_names():
    d = T / "odd"
    d.mkdir(exist_ok=True)
    (d / "bin.md").write_bytes(b"\x00\x01\x02binary")
    os.makedirs(os.fsencode(str(d)), exist_ok=True)
    with open(os.path.join(os.fsencode(str(d)), b"caf\xe9.md"), "wb") as f:
        f.write(b"# Cafe\n")
    r = run(str(d))
    out = lines(r.stdout)
    assert r.returncode == 1
    assert out[0]["error"]["code"] == "binary", out
    assert out[1]["path"].endswith("caf\ufffd.md") and "document" in out[1], out


def test_symlinks_are_followed_or_get_a_line():
    """Nothing is dropped without a line: links inside the folder are followed (to files
    and folders), and a link that leaves it, loops back or leads nowhere gets its own line."""
    d = T / "linked"
    (d / "sub").mkdir(parents=True, exist_ok=True)
    (T / "outside.md").write_bytes(b"# Outside\n")
    (T / "outside-dir").mkdir(exist_ok=True)
    (T / "outside-dir" / "x.md").write_bytes(b"# X\n")
    (d / "inside.md").write_bytes(b"# Inside\n")
    (d / "sub" / "deep.md").write_bytes(b"# Deep\n")
    links = {"out.md": T / "outside.md", "in.md": d / "inside.md", "outdir": T / "outside-dir",
             "subdir": d / "sub", "loop": d, "sub/up": d, "gone.md": T / "nothing-here.md",
             "gone-png.png": T / "nothing-here.png"}
    for name, target in links.items():
        if not os.path.lexists(d / name):
            (d / name).symlink_to(target)
    os.mkfifo(d / "pipe.md") if not os.path.exists(d / "pipe.md") else None
    r = run("-j", "2", str(d))
    got = [(l["path"][len(str(d)) + 1:], l["error"]["code"] if "error" in l else "document") for l in lines(r.stdout)]
    assert got == [
        ("gone.md", "unreadable"),      # a link to nothing
        ("in.md", "document"),          # a link to a file inside: followed
        ("inside.md", "document"),
        ("loop", "symlink"),            # a link to a folder being walked: a loop
        ("out.md", "symlink"),          # leaves the folder: not followed, but a line
        ("outdir", "symlink"),
        ("pipe.md", "unreadable"),      # a FIFO: not read (it would block), but a line
        ("sub/deep.md", "document"),
        ("sub/up", "symlink"),          # back up to the root: a loop
        ("subdir/deep.md", "document"), # a link to a folder inside: followed
        ("subdir/up", "symlink"),
    ], got
    assert r.returncode == 1
    msgs = {p: l["error"]["message"] for l in lines(r.stdout) if "error" in l for p in [l["path"][len(str(d)) + 1:]]}
    assert "outside" in msgs["out.md"] and "loop" in msgs["loop"], msgs


def test_resume_equals_an_uninterrupted_run():
    tree = make_tree(T / "tree")
    full = T / "full.jsonl"
    assert run(str(tree), "-o", str(full)).returncode == 0
    data = full.read_bytes()
    cut = data.index(b"\n", data.index(b"\n") + 1) + 40  # two lines and a torn third
    part = T / "part.jsonl"
    assert run(str(tree), "-o", str(part)).returncode == 0
    part.write_bytes(data[:cut])
    r = run(str(tree), "-o", str(part), "--resume")
    assert r.returncode == 0, r.stderr
    assert part.read_bytes() == data, "resumed output differs from the uninterrupted run"
    assert b"2 already done" in r.stderr, r.stderr


def test_resume_refuses_another_run():
    """--resume continues only what the same inputs, options and version started: the
    record beside the output says what that was."""
    tree = make_tree(T / "tree")
    other = T / "other"
    other.mkdir(exist_ok=True)
    (other / "z.md").write_bytes(b"# Z\n\nText.\n")
    out = T / "resumed.jsonl"
    assert run(str(tree), "-o", str(out)).returncode == 0
    data = out.read_bytes()
    out.write_bytes(data[: data.index(b"\n") + 1])
    kept = out.read_bytes()
    for args, differs in (([str(other)], b"inputs"), ([str(tree), "--no-claims"], b"claims"),
                          ([str(tree), "--from", "text"], b"from"), ([str(tree), "--include", "*.md"], b"include"),
                          ([str(tree), "--max-entry-bytes", "1000"], b"max_entry_bytes")):
        r = run(*args, "-o", str(out), "--resume")
        assert r.returncode == 2, (args, r.returncode, r.stderr)
        assert differs in r.stderr and b"--resume" in r.stderr, (args, r.stderr)
        assert out.read_bytes() == kept, f"{args}: a refused resume changed the output"
    record = json.loads((T / "resumed.jsonl.run.json").read_text())
    assert record["inputs"] == [str(tree)] and record["claims"] is True, record
    # The same run goes on; -j is not part of what the output depends on.
    r = run(str(tree), "-o", str(out), "--resume", "-j", "1")
    assert r.returncode == 0 and out.read_bytes() == data, r.stderr
    # An output with no record (another tool's, or an older essaykit's) is not resumed.
    (T / "resumed.jsonl.run.json").unlink()
    out.write_bytes(kept)
    r = run(str(tree), "-o", str(out), "--resume")
    assert r.returncode == 2 and b"no record" in r.stderr, r.stderr
    # Resuming what is not there yet is a first run, and leaves a record.
    fresh = T / "fresh.jsonl"
    r = run(str(tree), "-o", str(fresh), "--resume")
    assert r.returncode == 0 and fresh.read_bytes() == data and (T / "fresh.jsonl.run.json").exists(), r.stderr


def test_the_run_record_is_json_whatever_the_names():
    """A path that is not UTF-8 (a name from an old Latin-1 disk) is written in OUT.run.json
    as the lines write it, with U+FFFD: the record stays JSON, and the run can be resumed."""
    d = T / "latin1"
    d.mkdir(exist_ok=True)
    name = os.fsencode(d) + b"/caf\xe9.md"
    with open(name, "wb") as f:
        f.write(b"# Caf\xc3\xa9\n\nText.\n")
    out = T / "latin1.jsonl"
    r = subprocess.run([EK, "batch", name, b"-o", os.fsencode(out)], capture_output=True, timeout=120)
    assert r.returncode == 0, r.stderr
    record = json.loads((T / "latin1.jsonl.run.json").read_bytes().decode("utf-8"))
    assert record["inputs"] == [f"{d}/caf\ufffd.md"], record
    assert [l["path"] for l in lines(out.read_bytes())] == record["inputs"]
    r = subprocess.run([EK, "batch", name, b"-o", os.fsencode(out), b"--resume"], capture_output=True, timeout=120)
    assert r.returncode == 0 and b"1 already done" in r.stderr, r.stderr


def test_resume_streams_the_old_output():
    """The old output is read as a stream, keeping only paths: resuming a file far larger
    than the documents in it takes little memory."""
    tree = make_tree(T / "tree")
    out = T / "big.jsonl"
    assert run(str(tree), "-o", str(out)).returncode == 0
    data = out.read_bytes()
    lines_ = data.splitlines(keepends=True)
    pad = b"x" * (64 << 20)
    with open(out, "wb") as f:  # three lines of 64 MB each, then the run's own first line
        for i in range(3):
            f.write(b'{"path":"elsewhere/%d.md","document":{"pad":"' % i + pad + b'"}}\n')
        f.write(lines_[0])
    r, peak_kb = run_measured(str(tree), "-o", str(out), "--resume")
    assert r.returncode == 0, r.stderr
    assert b"4 already done" in r.stderr, r.stderr
    assert peak_kb < 100_000, f"resuming a 192 MB output took {peak_kb} KB"
    out.unlink()


def run_measured(*args):
    """Runs essaykit batch in a child that reports the child's peak RSS (KB)."""
    code = ("import resource, subprocess, sys; r = subprocess.run(sys.argv[1:], capture_output=True); "
            "sys.stderr.buffer.write(r.stderr); "
            "print(r.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    p = subprocess.run([sys.executable, "-c", code, EK, "batch", *args], capture_output=True, timeout=300)
    rc, peak = p.stdout.split()
    return subprocess.CompletedProcess(args, int(rc), b"", p.stderr), int(peak)


def test_killed_midway_then_resumed():
    import signal
    import time
    d = T / "many"
    d.mkdir(exist_ok=True)
    body = b"Some words about the topic at hand, written to be analysed. " * 40
    for i in range(3000):
        (d / f"{i:05}.md").write_bytes(b"# Post %d\n\n" % i + body + b"\n\n- one\n- two\n")
    full = T / "many-full.jsonl"
    assert run("-j", "1", str(d), "-o", str(full)).returncode == 0
    part = T / "many-part.jsonl"
    proc = subprocess.Popen([EK, "batch", "-j", "1", str(d), "-o", str(part)], stderr=subprocess.DEVNULL)
    deadline = time.time() + 60
    while time.time() < deadline and proc.poll() is None:
        if part.exists() and part.stat().st_size > 50_000:
            proc.send_signal(signal.SIGKILL)
            break
        time.sleep(0.005)
    proc.wait()
    killed = proc.returncode == -signal.SIGKILL
    r = run("-j", "2", str(d), "-o", str(part), "--resume")
    assert r.returncode == 0, r.stderr
    assert part.read_bytes() == full.read_bytes(), "the resumed file differs from an uninterrupted run"
    assert killed, "the run finished before it could be killed; the test proved less than it should"


def test_shards_split_without_overlap_or_gap():
    tree = make_tree(T / "tree")
    (T / "posts.zip").write_bytes(zip_bytes(POSTS))
    whole = run(str(tree), str(T / "posts.zip")).stdout.decode().splitlines()
    parts = [run("--shard", f"{i}/3", str(tree), str(T / "posts.zip")).stdout.decode().splitlines() for i in range(3)]
    joined = [l for p in parts for l in p]
    assert sorted(joined) == sorted(whole) and len(joined) == len(set(joined)), (len(joined), len(whole))


def test_paths_on_stdin_and_usage():
    tree = make_tree(T / "tree")
    r = run("-", stdin=f"{tree}/a.md\n{tree}/b.txt\n".encode())
    assert [l["path"] for l in lines(r.stdout)] == [f"{tree}/a.md", f"{tree}/b.txt"], r.stdout
    # With -o the list is read first (its fingerprint goes into the record): same lines.
    r = run("-", "-o", str(T / "stdin.jsonl"), stdin=f"{tree}/a.md\n{tree}/b.txt\n".encode())
    assert [l["path"] for l in lines((T / "stdin.jsonl").read_bytes())] == [f"{tree}/a.md", f"{tree}/b.txt"]
    assert json.loads((T / "stdin.jsonl.run.json").read_text())["stdin"]["paths"] == 2
    for args in ([], ["--resume", str(tree)], ["--shard", "3/3", str(tree)], ["--bogus", str(tree)]):
        assert run(*args).returncode == 2, args
    r = run(str(T / "missing.tgz"))
    assert r.returncode == 1 and lines(r.stdout)[0]["error"]["code"] in ("unreadable", "corrupt_archive")


def test_output_dash_is_standard_output():
    """-o - writes the lines to standard output, as '-' names standard input: it wrote a
    file named '-' in the working folder, and '-.run.json' beside it, with nothing on
    stdout. --resume has nothing to resume there: a usage error."""
    tree = make_tree(T / "tree")
    d = T / "dash-out"
    d.mkdir(exist_ok=True)
    plain = run(str(tree))
    r = run(str(tree), "-o", "-", cwd=d)
    assert r.returncode == 0, r.stderr
    assert r.stdout == plain.stdout and r.stdout, r.stdout[:200]
    assert list(d.iterdir()) == [], list(d.iterdir())
    r = run(str(tree), "--output=-", "-j", "2", cwd=d)
    assert r.returncode == 0 and r.stdout == plain.stdout and list(d.iterdir()) == [], r.stderr
    r = run(str(tree), "-o", "-", "--resume", cwd=d)
    assert r.returncode == 2 and b"standard output" in r.stderr and not r.stdout, r.stderr
    assert list(d.iterdir()) == [], list(d.iterdir())
    # A file named '-' is still a file, named so that it is no '-'.
    r = run(str(tree), "-o", "./-", cwd=d)
    assert r.returncode == 0 and (d / "-").read_bytes() == plain.stdout, r.stderr


def test_a_path_with_a_nul_byte_is_an_error_line():
    """A path cannot hold a NUL byte: open() stopped at it, so 'a.md<NUL>junk' read a.md
    under the name given (sniffed, not read as Markdown), and a list from find -print0
    (one line, NUL-separated) gave one document for its first file, exit 0, the rest lost
    without a word. Each such path is an unreadable line that says why."""
    tree = make_tree(T / "tree")
    r = run("-", stdin=f"{tree}/a.md\0junk\n{tree}/b.txt\n".encode())
    got = lines(r.stdout)
    assert r.returncode == 1, r.stderr
    assert [l["path"] for l in got] == [f"{tree}/a.md\0junk", f"{tree}/b.txt"], got
    assert got[0]["error"]["code"] == "unreadable" and "NUL" in got[0]["error"]["message"], got[0]
    assert "document" in got[1], got[1]
    listed = f"{tree}/a.md\0{tree}/b.txt\0"  # find -print0
    r = run("-", stdin=listed.encode())
    got = lines(r.stdout)
    assert r.returncode == 1 and len(got) == 1 and got[0]["error"]["code"] == "unreadable", got
    assert "one per line" in got[0]["error"]["message"], got[0]


def test_long_paths_on_stdin_are_one_path():
    """A path on standard input is one line, however long: one line of output for it,
    naming it whole (a path over the system's limit cannot be opened: an error line)."""
    tree = make_tree(T / "tree")
    long_path = str(tree) + "/" + "/".join(["." * 1] * 2600) + "/a.md"  # 5,200+ bytes
    assert len(long_path) > 5000
    r = run("-", stdin=f"{long_path}\n{tree}/b.txt\n".encode())
    got = lines(r.stdout)
    assert [l["path"] for l in got] == [long_path, f"{tree}/b.txt"], [l["path"][:40] for l in got]
    assert got[0]["error"]["code"] == "unreadable" and "too long" in got[0]["error"]["message"], got[0]
    assert "document" in got[1]


def test_html_pages_are_read_by_default():
    # A site's output folder, and the same as a zip: pages in, stylesheets and images out.
    page = b"<!doctype html><title>P</title><article><h1>P</h1><p>Words of a post.</p><h2 id=a>A</h2></article>"
    site = {"index.html": page, "2024/post/index.htm": page, "old.xhtml": page, "css/site.css": b"p {}",
            "img/a.png": b"\x89PNG\r\n\x1a\n\x00"}
    d = T / "site"
    for name, data in site.items():
        (d / name).parent.mkdir(parents=True, exist_ok=True)
        (d / name).write_bytes(data)
    (T / "site.zip").write_bytes(zip_bytes(site))
    r = run(str(d), str(T / "site.zip"))
    assert r.returncode == 0, r.stderr
    out = lines(r.stdout)
    assert len(out) == 6, [l["path"] for l in out]
    for l in out:
        assert l["document"]["source"]["format"] == "html", l
        assert [s["title"] for s in l["document"]["sections"]] == ["A"], l


def test_archive_entries_are_never_dropped():
    """Every entry batch would read as a document gets a document or a line of its own:
    a zip name marked as UTF-8, an encrypted entry (and those after it), links in a tar,
    a name in capitals."""
    names = {"r\u00e9sum\u00e9.md": b"# R\n", "locked.md": b"# L\n", "after.md": b"# After\n"}
    raw = bytearray(zip_bytes(names))  # (zipfile marks the non-ASCII name as UTF-8, flag bit 11)
    # Mark locked.md encrypted (flag bit 0), in its local header and its central record:
    # an entry batch cannot read, between two it can.
    for sig, flag_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = raw.find(sig)
        while at >= 0:
            name_len = int.from_bytes(raw[at + (26 if sig == b"PK\x03\x04" else 28):][:2], "little")
            name_at = at + (30 if sig == b"PK\x03\x04" else 46)
            if raw[name_at:name_at + name_len] == b"locked.md":
                raw[at + flag_at] |= 1
            at = raw.find(sig, at + 4)
    (T / "names.zip").write_bytes(bytes(raw))
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w") as tf:
        for name, kind, data in (("a.md", tarfile.REGTYPE, b"# A\n"), ("UP.MD", tarfile.REGTYPE, b"# Up\n"),
                                 ("hard.md", tarfile.LNKTYPE, b""), ("soft.md", tarfile.SYMTYPE, b"")):
            info = tarfile.TarInfo(name)
            info.type = kind
            info.size = len(data)
            if kind != tarfile.REGTYPE:
                info.linkname = "a.md"
            tf.addfile(info, io.BytesIO(data))
    (T / "links.tar").write_bytes(buf.getvalue())
    r = run(str(T / "names.zip"), str(T / "links.tar"))
    got = [(l["path"].split("!", 1)[1], l["error"]["code"] if "error" in l else "document") for l in lines(r.stdout)]
    assert got == [("r\u00e9sum\u00e9.md", "document"), ("locked.md", "unreadable"), ("after.md", "document"),
                   ("a.md", "document"), ("UP.MD", "document"), ("hard.md", "symlink"), ("soft.md", "symlink")], got
    assert r.returncode == 1
    msgs = [l["error"]["message"] for l in lines(r.stdout) if "error" in l]
    assert "encrypted" in msgs[0] and "hard link to a.md" in msgs[1] and "symbolic link" in msgs[2], msgs


def test_exclude_applies_to_archives_too():
    d = T / "with-archives"
    d.mkdir(exist_ok=True)
    (d / "a.md").write_bytes(b"# A\n")
    (d / "old.zip").write_bytes(zip_bytes({"x.md": b"# X\n"}))
    (d / "old.tar").write_bytes(tar_bytes({"y.md": b"# Y\n"}, "w"))
    r = run("--exclude", "*.zip", str(d))
    assert [l["path"] for l in lines(r.stdout)] == [f"{d}/a.md", f"{d}/old.tar!y.md"], r.stdout
    # Inside an archive, an archive is excluded by its name as well.
    (T / "outer2.tar").write_bytes(tar_bytes({"in.zip": zip_bytes({"x.md": b"# X\n"}), "z.md": b"# Z\n"}, "w"))
    r = run("--exclude", "in.zip", str(T / "outer2.tar"))
    assert [l["path"] for l in lines(r.stdout)] == [f"{T}/outer2.tar!z.md"], r.stdout


def test_patterns_match_the_path_inside_the_folder():
    """--include and --exclude match an entry's path inside the folder given, as inside an
    archive ("drafts/*" leaves out posts/drafts/), and still the path as shown."""
    d = T / "patterns" / "posts"
    (d / "drafts").mkdir(parents=True, exist_ok=True)
    (d / "drafts" / "a.md").write_bytes(b"# A\n")
    (d / "keep.md").write_bytes(b"# K\n")
    (T / "patterns" / "posts.zip").write_bytes(zip_bytes({"drafts/a.md": b"# A\n", "keep.md": b"# K\n"}))
    for args, want in ((["--exclude", "drafts/*"], ["keep.md"]), (["--include", "drafts/*.md"], ["drafts/a.md"])):
        for given, sep in ((d, "/"), (T / "patterns" / "posts.zip", "!")):
            r = run(*args, str(given))
            assert [l["path"] for l in lines(r.stdout)] == [f"{given}{sep}{w}" for w in want], (args, given, r.stdout)
    r = run("--exclude", f"{d}/drafts/*", str(d))
    assert [l["path"] for l in lines(r.stdout)] == [f"{d}/keep.md"], r.stdout


def test_the_output_is_never_an_input():
    """-o names a file batch writes as it reads: never one of its inputs (under any name,
    a hard link too), nor a file the walk of a folder read as input would take, nor a
    document that exists (the output's name forgotten)."""
    d = T / "guarded"
    (d / "sub").mkdir(parents=True, exist_ok=True)
    post, other = d / "post.md", T / "other.md"
    post.write_bytes(b"# Post\n\nText.\n")
    other.write_bytes(b"# Other\n")
    if not (T / "linked.jsonl").exists():
        os.link(post, T / "linked.jsonl")
    for args, cwd in ((["-o", str(post), str(post)], None),          # the output is the input
                      (["-o", "post.md", "post.md"], d),             # the same, relative
                      (["-o", str(T / "linked.jsonl"), str(post)], None),  # the input under another name
                      (["-o", str(other), str(post)], None),         # "-o other.md post.md": other.md would be lost
                      (["-o", str(d / "out.md"), str(d)], None),     # the walk of the folder would read it
                      (["-o", "zz.md", "."], d),                     # the same, relative, not there yet
                      # a pattern that takes it by its path inside the folder
                      (["--include", "sub/*.jsonl", "-o", str(d / "sub" / "out.jsonl"), str(d)], None)):
        r = run(*args, cwd=cwd)
        assert r.returncode == 2 and b"write it elsewhere" in r.stderr, (args, r.stderr)
    assert post.read_bytes() == b"# Post\n\nText.\n" and other.read_bytes() == b"# Other\n", (post.read_bytes(), other.read_bytes())
    assert sorted(x.name for x in d.iterdir()) == ["post.md", "sub"], list(d.iterdir())
    assert list((d / "sub").iterdir()) == [], list((d / "sub").iterdir())
    # An output the walk does not take may lie in the folder: by its name, or because an
    # exclude pattern leaves out its path inside the folder.
    r = run("--include", "*.jsonl", "--include", "*.md", "--exclude", "sub/*", "-o", str(d / "sub" / "out.jsonl"), str(d))
    assert r.returncode == 0 and [l["path"] for l in lines((d / "sub" / "out.jsonl").read_bytes())] == [f"{d}/post.md"], r.stderr
    for leftover in ("out.jsonl", "out.jsonl.run.json"):
        (d / "sub" / leftover).unlink()
    r = run("-o", "posts.jsonl", ".", cwd=d)
    assert r.returncode == 0 and [l["path"] for l in lines((d / "posts.jsonl").read_bytes())] == ["./post.md"], r.stderr
    for leftover in ("posts.jsonl", "posts.jsonl.run.json"):
        (d / leftover).unlink()
    # An output that cannot be opened is named, and leaves no record behind.
    (T / "a-folder").mkdir(exist_ok=True)
    r = run("-o", str(T / "a-folder"), str(post))
    assert r.returncode == 1 and str(T / "a-folder").encode() + b": Is a directory" in r.stderr, r.stderr
    assert not (T / "a-folder.run.json").exists()
    r = run("-o", str(T / "posts.jsonl"), str(d))
    assert r.returncode == 0 and len(lines((T / "posts.jsonl").read_bytes())) == 1, r.stderr


def test_the_run_record_is_never_an_input():
    """OUT.run.json is written beside OUT before the inputs are read: a walk that takes it
    (--include '*.json') read the record as a document of the corpus. It is refused as the
    output itself is, and nothing is left behind."""
    d = T / "recorded"
    d.mkdir(exist_ok=True)
    (d / "post.md").write_bytes(b"# Post\n\nText.\n")
    for include in (["--include", "*.json", "--include", "*.md"], ["--include", "*.run.json"]):
        r = run(*include, "-o", str(d / "out.jsonl"), str(d))
        assert r.returncode == 2 and b"out.jsonl.run.json" in r.stderr and b"write it elsewhere" in r.stderr, r
        assert sorted(x.name for x in d.iterdir()) == ["post.md"], list(d.iterdir())
    # Taken by no pattern, it is fine there, as the output is.
    r = run("-o", str(d / "out.jsonl"), str(d))
    assert r.returncode == 0 and [l["path"] for l in lines((d / "out.jsonl").read_bytes())] == [f"{d}/post.md"], r.stderr
    # Named as an input itself (the record of an earlier run), it was rewritten and then
    # read: refused, and the earlier record is left as it was.
    record = (d / "out.jsonl.run.json").read_bytes()
    for named in (str(d / "out.jsonl.run.json"), "out.jsonl.run.json"):
        r = run(named, "-o", str(d / "out.jsonl"), cwd=d)
        assert r.returncode == 2 and b"is also an input" in r.stderr and b"out.jsonl.run.json" in r.stderr, r
        assert (d / "out.jsonl.run.json").read_bytes() == record and not r.stdout, r


def test_damaged_headers_make_one_line_and_reading_goes_on():
    """A run of damaged tar headers is one corrupt_archive line, and the entries after it
    are read; a zip entry whose own data is damaged is that entry's unreadable line."""
    good = tar_bytes({"a.md": b"# A\n"}, "w")[:1024]  # one header and its data block
    tail = tar_bytes({"b.md": b"# B\n"}, "w")
    (T / "holed.tar").write_bytes(good + b"\x5a" * (512 * 20) + tail)
    r = run(str(T / "holed.tar"))
    out = lines(r.stdout)
    assert [(l["path"][len(str(T)) + 1:], l["error"]["code"] if "error" in l else "document") for l in out] == [
        ("holed.tar!a.md", "document"), ("holed.tar", "corrupt_archive"), ("holed.tar!b.md", "document")], out
    assert "reading went on" in out[1]["error"]["message"]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as zf:
        for name in ("a.md", "b.md", "c.md"):
            zf.writestr(name, b"# " + name.encode() + b"\n")
    raw = bytearray(buf.getvalue())
    at = raw.find(b"# b.md")
    raw[at + 2] = ord("B")  # b.md's bytes no longer match their checksum
    (T / "crc.zip").write_bytes(bytes(raw))
    r = run(str(T / "crc.zip"))
    got = [(l["path"].split("!")[1], l["error"]["code"] if "error" in l else "document") for l in lines(r.stdout)]
    assert got == [("a.md", "document"), ("b.md", "unreadable"), ("c.md", "document")], got


def test_a_full_output_names_its_reason():
    """A disk that fills is named as such: the reason of the first failed write is kept,
    not whatever errno held after the summary was printed (it said "No such file or
    directory"). Exit 1."""
    if not os.path.exists("/dev/full"):
        return
    tree = make_tree(T / "full")
    with open("/dev/full", "wb") as full:
        r = subprocess.run([EK, "batch", str(tree)], stdout=full, stderr=subprocess.PIPE, timeout=60)
    assert r.returncode == 1 and b"writing the output failed: No space left on device" in r.stderr, r.stderr


def test_a_device_output_gets_no_record_beside_it():
    """-o /dev/full: the lines fail with the reason and exit 1, and no record is written
    beside a device (it made /dev/full.run.json), nor beside a link to one; --resume
    needs a file to resume."""
    if not os.path.exists("/dev/full"):
        return
    tree = make_tree(T / "to-device")
    link = T / "device-link.jsonl"
    if not link.is_symlink():
        link.symlink_to("/dev/full")
    for out in ("/dev/full", str(link)):
        stray = pathlib.Path(out + ".run.json")
        had = stray.exists()  # (left by an older essaykit: not this run's doing)
        r = run(str(tree), "-o", out)
        assert r.returncode == 1 and b"writing the output failed: No space left on device" in r.stderr, (out, r.stderr)
        assert had or not stray.exists(), f"a record was written beside {out}"
        assert not pathlib.Path(out + ".run.json.tmp").exists()
        r = run(str(tree), "-o", out, "--resume")
        assert r.returncode == 2 and b"--resume" in r.stderr and b"not a regular file" in r.stderr, (out, r.stderr)
        assert had or not stray.exists()
    # /dev/stdout when the shell sends stdout to a file: a link to that regular file, and
    # still no place for a record (it made /dev/stdout.run.json).
    if os.path.exists("/dev/stdout"):
        stray = pathlib.Path("/dev/stdout.run.json")
        had = stray.exists()
        with open(T / "to-stdout.jsonl", "wb") as f:
            r = subprocess.run([EK, "batch", str(tree), "-o", "/dev/stdout"], stdout=f, stderr=subprocess.PIPE, timeout=120)
        assert r.returncode == 0, r.stderr
        assert had or not stray.exists(), "a record was written beside /dev/stdout"
        assert lines((T / "to-stdout.jsonl").read_bytes()), "the lines went to stdout's file"


def test_resume_keeps_entries_that_share_a_path():
    """A tar may hold one name twice: a run cut after the first such entry resumed without
    the second (every entry of a path listed as done was skipped), and one cut after both
    must not write the second again."""
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w") as tf:
        for name, data in (("a.md", b"# First A\n"), ("b.md", b"# B\n"), ("a.md", b"# Second A\n"),
                           ("a.md", b"# Third A\n"), ("c.md", b"# C\n")):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tf.addfile(info, io.BytesIO(data))
    (T / "dupes.tar").write_bytes(buf.getvalue())
    full = T / "dupes-full.jsonl"
    assert run(str(T / "dupes.tar"), "-o", str(full)).returncode == 0
    data = full.read_bytes()
    titles = [l["document"]["title"]["text"] for l in lines(data)]
    assert titles == ["First A", "B", "Second A", "Third A", "C"], titles
    ends = [i + 1 for i, b in enumerate(data) if b == ord("\n")]
    part = T / "dupes-part.jsonl"
    for cut in ends[:-1]:
        assert run(str(T / "dupes.tar"), "-o", str(part)).returncode == 0
        part.write_bytes(data[:cut] + data[cut:cut + 10])  # the lines before the cut, and a torn one
        r = run(str(T / "dupes.tar"), "-o", str(part), "--resume")
        assert r.returncode == 0, r.stderr
        assert part.read_bytes() == data, (cut, [l["document"]["title"]["text"] for l in lines(part.read_bytes())])
        done = data[:cut].count(b"\n")
        left = f"{5 - done} document" + ("" if 5 - done == 1 else "s")
        assert f"{left}, 0 errors".encode() in r.stderr, (cut, r.stderr)
        assert f"{done} already done".encode() in r.stderr, (cut, r.stderr)


def test_resume_keeps_the_exit_status_of_errors_before_the_cut():
    """A run with an error line exits 1; resumed after a cut past that line it exited 0,
    the error forgotten with the run that wrote it."""
    d = T / "resume-errors"
    d.mkdir(exist_ok=True)
    (d / "a.md").write_bytes(b"# A\n")
    (d / "b.txt").write_bytes(b"binary\x00\x01\x02 data\x00" * 20)
    (d / "c.md").write_bytes(b"# C\n")
    full = T / "resume-errors-full.jsonl"
    assert run(str(d), "-o", str(full)).returncode == 1
    data = full.read_bytes()
    assert [("error" in l) for l in lines(data)] == [False, True, False]
    ends = [i + 1 for i, b in enumerate(data) if b == ord("\n")]
    part = T / "resume-errors-part.jsonl"
    for cut in ends[:-1]:
        assert run(str(d), "-o", str(part)).returncode == 1
        part.write_bytes(data[:cut])
        r = run(str(d), "-o", str(part), "--resume")
        assert part.read_bytes() == data, cut
        assert r.returncode == 1, (cut, r.stderr)
        if cut >= ends[1]:
            assert b"(1 of them an error)" in r.stderr, r.stderr


def test_files_without_an_extension_are_read():
    """A file without an extension, named alone, is read with its format sniffed; inside a
    folder or an archive it was skipped without a word. It is read there too (not inside
    a hidden folder: .git/HEAD is a tool's, nor when it is a link or no regular file), and
    a binary one gets its error line."""
    files = {"essay": b"# An essay\n\nIt has [a link](https://example.org) and a note.[^1]\n\n[^1]: The note.\n",
             "page": b"<!doctype html><title>P</title><article><h1>P</h1><p>Words of a post.</p></article>",
             "sub/README": b"Read me\n\nA plain text file, with a sentence or two in it.\n",
             "tool": b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00",
             ".git/HEAD": b"ref: refs/heads/main\n", "a.md": b"# A\n", "style.css": b"p {}"}
    d = T / "no-ext"
    for name, data in files.items():
        (d / name).parent.mkdir(parents=True, exist_ok=True)
        (d / name).write_bytes(data)
    # Links without an extension (a repository's bin/tool; one dangling, one outside the
    # folder) are passed over as files no pattern takes are, not reported: nothing says
    # they are documents.
    for name, target in (("dangling", "/nonexistent/essaykit-test"), ("outside", "/etc/hostname")):
        if not (d / name).is_symlink():
            (d / name).symlink_to(target)
    (T / "no-ext.zip").write_bytes(zip_bytes(files))
    (T / "no-ext.tar").write_bytes(tar_bytes({f"./{k}": v for k, v in files.items()}, "w"))  # as `tar cf x.tar .` names them
    want = [("a.md", "markdown"), ("essay", "markdown"), ("page", "html"), ("sub/README", "text"), ("tool", "binary")]
    for given, sep, prefix in ((d, "/", ""), (T / "no-ext.zip", "!", ""), (T / "no-ext.tar", "!", "./")):
        r = run(str(given))
        assert r.returncode == 1, r.stderr  # the binary one
        got = sorted((l["path"][len(f"{given}{sep}{prefix}"):],
                      l["document"]["source"]["format"] if "document" in l else l["error"]["code"]) for l in lines(r.stdout))
        assert got == want, (given, got)
    # Patterns given say what is taken: the default's extension-less files are not added to them.
    r = run("--include", "*.md", str(d))
    assert [l["path"] for l in lines(r.stdout)] == [f"{d}/a.md"], r.stdout
    # A file without an extension that holds a batch output is no document: -o may name it again.
    out = T / "no-ext-results"
    assert run(str(d / "a.md"), "-o", str(out)).returncode == 0
    assert run(str(d / "a.md"), "-o", str(out)).returncode == 0
    # But one that holds a document is one, kept from a forgotten output name.
    r = run(str(d / "a.md"), "-o", str(d / "essay"))
    assert r.returncode == 2 and b"write it elsewhere" in r.stderr, r.stderr
    assert (d / "essay").read_bytes() == files["essay"]

run_tests(globals(), sys.argv[2:] or None)
