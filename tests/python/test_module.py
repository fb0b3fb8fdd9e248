"""The Python module: every field of the JSON reachable as an attribute, span text, errors,
threads, batch, and a document round-trip equal to the CLI's output, byte for byte.

Run by ctest (`python`), or by hand:
    PYTHONPATH=build/python ESSAYKIT_CLI=build/cli/essaykit /usr/bin/python3 -m pytest tests/python/test_module.py
"""
import io
import json
import os
import signal
import subprocess
import sys
import tarfile
import threading
import time
from pathlib import Path

import pytest

import essaykit

HERE = Path(__file__).resolve().parent
SOURCE = Path(os.environ.get("ESSAYKIT_SOURCE_DIR", HERE.parent.parent))
CLI = os.environ.get("ESSAYKIT_CLI", str(SOURCE / "build/cli/essaykit"))
SHARED = Path(os.environ.get("ESSAYKIT_SHARED_DIR", SOURCE.parent / "shared"))

# Inputs that, together, hold every field of the schema: front-matter title, nested sections,
# nested lists, footnotes with and without bodies, claims and a thesis, plain text, HTML pages.
FIXTURES = [
    SOURCE / "tests/golden/footnotes.md",
    SOURCE / "tests/golden/headings.md",
    SOURCE / "tests/golden/lists.md",
    SOURCE / "tests/golden/plain.txt",
    SOURCE / "examples/post.md",
] + sorted((SOURCE / "tests/essays").glob("*.txt"))[:3] + sorted((SOURCE / "tests/html").glob("*.html"))[:3]


def cli(*args, stdin=None):
    r = subprocess.run([CLI, *map(str, args)], input=stdin, capture_output=True, check=False)
    return r


# ---------------------------------------------------------------------------
# Every field of the JSON, read through attributes


def resolve(schema, node):
    while "$ref" in node:
        node = schema["$defs"][node["$ref"].split("/")[-1]]
    return node


def schema_fields(schema, node=None, path=""):
    """The paths of every property the schema allows in a document: "sections[].title", ..."""
    node = resolve(schema, node if node is not None else schema)
    out = set()
    for alt in node.get("oneOf", []) + node.get("anyOf", []):
        out |= schema_fields(schema, alt, path)
    if "items" in node and isinstance(node["items"], dict):
        out |= schema_fields(schema, node["items"], path + "[]")
    for key, sub in node.get("properties", {}).items():
        p = f"{path}.{key}" if path else key
        out.add(p)
        out |= schema_fields(schema, sub, p)
    return out


SPAN_KEYS = ("start", "end", "line")


def compare(obj, js, path, seen):
    """Asserts that each key of the JSON object `js` reads the same through `obj`'s attributes."""
    for key, value in js.items():
        p = f"{path}.{key}" if path else key
        seen.add(p)
        if key == "schema":
            assert value == "essaykit/document/v1"
        elif key in SPAN_KEYS:
            span = obj.body if isinstance(obj, essaykit.Footnote) else obj.span
            assert (None if span is None else getattr(span, key)) == value, p
        elif key == "parent_item":
            got = obj.parent_item
            assert (None if got is None else [got.list, got.item]) == value, p
        elif isinstance(value, dict):
            compare(getattr(obj, key), value, p, seen)
        elif isinstance(value, list):
            got = getattr(obj, key)
            assert len(got) == len(value), p
            for g, v in zip(got, value):
                if isinstance(v, dict):
                    compare(g, v, p + "[]", seen)
                else:
                    assert g == v, p
        elif isinstance(value, float) or key in ("confidence", "score", "reading_minutes"):
            assert getattr(obj, key) == pytest.approx(value, abs=0.0006), p
        elif value is None:
            assert getattr(obj, key) is None, p
        else:
            assert getattr(obj, key) == value, p


def utf16_input():
    return ("# Titre\n\nUne phrase.[^1]\n\n[^1]: Une note.\n").encode("utf-16")


def test_every_field_of_the_json_is_an_attribute():
    schema = json.loads((SOURCE / "schema/document-v1.schema.json").read_text())
    seen = set()
    docs = [essaykit.analyze_file(str(f), sentences=True) for f in FIXTURES]
    docs.append(essaykit.analyze(utf16_input(), name="fr.md", sentences=True))
    # A subtitle: a text post's standfirst on its second line.
    docs.append(essaykit.analyze("Why ledgers matter\nA short essay on keeping records\n\nLedgers keep what people forget. "
                                 "They make trust cheap.\n", name="post.txt", sentences=True))
    for doc in docs:
        compare(doc, doc.to_dict(), "", seen)
    missing = schema_fields(schema) - seen
    assert not missing, f"fields never seen (add a fixture that has them): {sorted(missing)}"


def test_attributes_mirror_the_cpp_model():
    doc = essaykit.analyze_file(str(SOURCE / "tests/golden/lists.md"))
    nested = [l for l in doc.lists if l.parent_item is not None]
    assert nested, "lists.md has a nested list"
    parent = doc.lists[nested[0].parent_item.list]
    assert parent.items[nested[0].parent_item.item].depth + 1 == nested[0].items[0].depth
    assert doc.source.format == "markdown" and doc.source.encoding == "UTF-8"
    assert isinstance(doc.stats.words, int) and doc.stats.words > 0
    # Elements keep their Document alive.
    items = essaykit.analyze("- a\n- b\n", name="x.md").lists[0].items
    assert [i.text for i in items] == ["a", "b"]


# ---------------------------------------------------------------------------
# Spans and text


def test_span_text_slices_the_input():
    data = (SOURCE / "tests/golden/footnotes.md").read_bytes()
    doc = essaykit.analyze(data, name="footnotes.md")
    note = doc.footnotes[0]
    assert note.label == "1"
    assert doc.text(note.refs[0]) == "[^1]"
    assert doc.text(note.refs[0].span) == data[note.refs[0].span.start:note.refs[0].span.end].decode()
    assert doc.text(note).startswith("[^1]: First note.")  # a footnote's body
    assert doc.text(doc.title) == "Footnotes"
    assert doc.input == data
    assert doc.text(essaykit.Span(0, 3)) == "---"
    assert doc.text(essaykit.Span(10**9, 10**9 + 5)) == ""  # out of range: clamped, never an error
    with pytest.raises(TypeError):
        doc.text("not a span")


def test_text_of_a_footnote_without_a_body_says_so():
    # A reference with no body: its Footnote has body None. text() said "takes a Span or
    # an element with a span" (a TypeError), as if a Footnote were not one.
    doc = essaykit.analyze("Text.[^a] More[^b].\n\n[^a]: Body.\n", name="x.md")
    a, b = doc.footnotes
    assert doc.text(a) == "[^a]: Body."
    assert b.body is None and doc.text(b.refs[0]) == "[^b]"
    with pytest.raises(ValueError, match=r"^text\(\): footnote 'b' has no body"):
        doc.text(b)


def test_a_span_that_ends_before_it_starts_is_refused():
    with pytest.raises(ValueError, match=r"^Span\(\): start \(5\) is after end \(2\)$"):
        essaykit.Span(5, 2)
    assert len(essaykit.Span(2, 2)) == 0  # empty is fine
    assert essaykit.Span(2, 5, line=1).size() == 3


def test_errors_name_the_function_called():
    with pytest.raises(TypeError, match=r"^detect_format\(\) takes str or bytes, not int$"):
        essaykit.detect_format(42)
    with pytest.raises(TypeError, match=r"^analyze\(\) takes str or bytes, not int$"):
        essaykit.analyze(42)
    doc = essaykit.analyze("Text.\n", format="text")
    with pytest.raises(TypeError, match=r"^text\(\) takes"):
        doc.text(42)
    with pytest.raises(TypeError, match=r"^batch\(\) takes"):
        essaykit.batch("one/path")


def test_sentence_text_and_str_input_are_utf8_bytes():
    doc = essaykit.analyze("Café au lait.\nIt is   good.\n", name="x.txt", sentences=True)
    assert doc.has_sentences
    assert [doc.sentence_text(s) for s in doc.sentences] == ["Café au lait.", "It is good."]
    assert doc.sentences[1].span.start == len("Café au lait.\n".encode())  # bytes, not characters
    assert essaykit.analyze("Café.\n", name="x.txt").source.bytes == 7  # é is two bytes


def test_sentence_text_keeps_markup_and_text_is_as_read(tmp_path):
    """README: s.text is what `essaykit sentences` prints, sentence_text(s) the source with
    its markup (as `sentences --raw` prints a sentence)."""
    path = tmp_path / "m.md"
    path.write_bytes(b"Text with **bold** and a [link](http://x.y).\n")
    doc = essaykit.analyze(path.read_bytes(), name=str(path), sentences=True)
    assert [s.text for s in doc.sentences] == cli("sentences", path).stdout.decode().splitlines()
    assert [doc.sentence_text(s) for s in doc.sentences] == cli("sentences", "--raw", path).stdout.decode().splitlines()


def test_utf16_spans_point_into_the_utf8_form():
    doc = essaykit.analyze(utf16_input(), name="fr.md")
    assert doc.source.encoding == "UTF-16LE"
    assert doc.text(doc.title) == "# Titre"
    assert doc.input.startswith(b"\xef\xbb\xbf# Titre")
    assert [d.code for d in doc.diagnostics] == ["transcoded"]


def test_options():
    text = "# A\n\nWe should ban cars. Cars are loud.\n"
    assert essaykit.analyze(text, format="text").source.format == "text"
    assert essaykit.analyze(text, name="a.md").source.format == "markdown"
    assert essaykit.analyze(text, name="a.md", claims=False).claims == []
    assert not essaykit.analyze(text, name="a.md").has_sentences
    assert essaykit.detect_format(text, "a.txt") == "text"
    with pytest.raises(ValueError, match="format"):
        essaykit.analyze(text, format="pdf")
    with pytest.raises(TypeError):
        essaykit.analyze(42)


# ---------------------------------------------------------------------------
# Errors


def test_refused_input_raises_the_code_class():
    with pytest.raises(essaykit.BinaryInput) as e:
        essaykit.analyze(b"\x00\x01\x02binary", name="x.bin")
    assert e.value.code == "binary" and e.value.path == "x.bin"
    assert isinstance(e.value, essaykit.Error) and isinstance(e.value, ValueError)
    assert "binary" in e.value.message
    with pytest.raises(essaykit.BinaryInput, match="UTF-16LE"):
        essaykit.analyze("no bom".encode("utf-16-le"))
    with pytest.raises(essaykit.Unreadable) as e:
        essaykit.analyze_file("/nonexistent/post.md")
    assert e.value.code == "unreadable" and isinstance(e.value, OSError)
    # The same message as the CLI's.
    r = cli("analyze", "/nonexistent/post.md")
    assert r.returncode == 1 and e.value.message in r.stderr.decode()


def test_error_classes_cover_every_batch_code():
    codes = ["binary", "too_large", "ratio_limit", "depth_limit", "unreadable", "corrupt_archive", "symlink", "failed"]
    classes = [essaykit.BinaryInput, essaykit.TooLarge, essaykit.RatioLimit, essaykit.DepthLimit, essaykit.Unreadable,
               essaykit.CorruptArchive, essaykit.SymlinkRefused, essaykit.AnalysisFailed]
    assert [c.code for c in classes] == codes
    assert all(issubclass(c, essaykit.Error) for c in classes)


# ---------------------------------------------------------------------------
# The CLI's bytes


def corpus_markdown():
    md = SHARED / "corpus" / "md"
    return sorted(md.glob("*.md")) if md.is_dir() else []


@pytest.mark.parametrize("sentences", [False, True])
def test_fixtures_round_trip_equal_to_the_cli(sentences):
    for f in FIXTURES:
        args = ["analyze", *(["--sentences"] if sentences else []), f]
        want = cli(*args).stdout
        doc = essaykit.analyze(f.read_bytes(), name=str(f), sentences=sentences)
        assert (doc.to_json() + "\n").encode() == want, f
        assert doc.to_dict() == json.loads(want)
        assert doc.to_json(pretty=True) + "\n" == cli(*args[:-1], "--pretty", f).stdout.decode()


def test_corpus_markdown_round_trip_equal_to_the_cli():
    posts = corpus_markdown()
    if not posts:
        pytest.skip(f"no {SHARED}/corpus/md (the shared data beside the project)")
    # One CLI run for every post: JSON Lines, one line per file, in order.
    want = cli("analyze", *posts).stdout.decode().splitlines()
    assert len(want) == len(posts)
    for post, line in zip(posts, want):
        doc = essaykit.analyze(post.read_bytes(), name=str(post))
        assert doc.to_json() == line, post
        assert essaykit.analyze_file(str(post)).to_json() == line, post


# ---------------------------------------------------------------------------
# Threads and batch


def test_threads_analyse_in_parallel_and_agree():
    posts = corpus_markdown() or FIXTURES
    data = [(p.read_bytes(), str(p)) for p in posts]
    want = [essaykit.analyze(d, name=n).to_json() for d, n in data]
    results = [[None] * len(data) for _ in range(4)]

    def work(k):
        for i, (d, n) in enumerate(data):
            results[k][i] = essaykit.analyze(d, name=n).to_json()

    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(r == want for r in results)


def test_the_gil_is_released_while_analysing():
    # While one thread analyses a large input, another keeps running Python.
    big = ("A sentence of some length about a topic. Another one follows it here.\n\n" * 40000).encode()
    ticks = []
    stop = threading.Event()

    def tick():
        while not stop.is_set():
            ticks.append(time.perf_counter())
            time.sleep(0.001)

    t = threading.Thread(target=tick)
    t.start()
    try:
        t0 = time.perf_counter()
        essaykit.analyze(big, name="big.txt")
        t1 = time.perf_counter()
    finally:
        stop.set()
        t.join()
    during = [x for x in ticks if t0 < x < t1]
    # With the GIL held the whole time, no tick would fall inside the call.
    assert len(during) >= 5, f"{len(during)} ticks in {t1 - t0:.3f} s"


@pytest.fixture()
def tree(tmp_path):
    (tmp_path / "posts").mkdir()
    (tmp_path / "posts/a.md").write_text("# A\n\nSome text.[^1]\n\n[^1]: A note.\n")
    (tmp_path / "posts/b.txt").write_text("Title\n\nA paragraph of prose.\n")
    (tmp_path / "posts/c.md").write_bytes(b"x\x00y")
    (tmp_path / "posts/skip.json").write_text("{}")
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz") as tar:
        for i in range(30):
            data = f"# Post {i}\n\nWe should test more. It helps.\n".encode()
            info = tarfile.TarInfo(f"many/{i:02d}.md")
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    (tmp_path / "posts.tar.gz").write_bytes(buf.getvalue())
    return tmp_path


def test_batch_equals_the_cli_in_input_order(tree):
    inputs = [str(tree / "posts"), str(tree / "posts.tar.gz"), str(tree / "missing.md")]
    want = cli("batch", "-j", "2", *inputs).stdout.decode().splitlines()
    for jobs in (1, 2, 4):
        got = list(essaykit.batch(inputs, jobs=jobs, with_lines=True))
        assert [line for _, _, line in got] == want
        assert [path for path, _, _ in got] == [json.loads(w)["path"] for w in want]
        for path, value, line in got:
            j = json.loads(line)
            if "document" in j:
                assert isinstance(value, essaykit.Document)
                assert value.to_dict() == j["document"]
                assert value.text(value.sections[0]).startswith("# ") if value.sections else True
            else:
                assert isinstance(value, essaykit.Error)
                assert (value.code, value.message, value.path) == (j["error"]["code"], j["error"]["message"], path)
    pairs = list(essaykit.batch(inputs, jobs=2))
    assert all(len(p) == 2 for p in pairs)
    kinds = {p: type(v) for p, v in pairs}
    assert kinds[str(tree / "posts/c.md")] is essaykit.BinaryInput
    assert kinds[str(tree / "missing.md")] is essaykit.Unreadable
    assert str(tree / "posts/skip.json") not in kinds  # not a format essaykit reads
    assert len(pairs) == 3 + 30 + 1


def test_batch_options(tree):
    posts = str(tree / "posts")
    only_md = [p for p, _ in essaykit.batch([posts], include=["*.md"])]
    assert only_md == [f"{posts}/a.md", f"{posts}/c.md"]
    assert [p for p, _ in essaykit.batch([posts], exclude=["c.*"])] == [f"{posts}/a.md", f"{posts}/b.txt"]
    shards = [sorted(p for p, _ in essaykit.batch([str(tree / "posts.tar.gz")], shard=(i, 3))) for i in range(3)]
    assert sorted(sum(shards, [])) == sorted(p for p, _ in essaykit.batch([str(tree / "posts.tar.gz")]))
    assert all(shards)
    _, doc = next(iter(essaykit.batch([f"{posts}/a.md"], sentences=True, claims=False)))
    assert doc.has_sentences and doc.claims == []
    _, err = next(iter(essaykit.batch([f"{posts}/a.md"], max_entry_bytes=4)))
    assert isinstance(err, essaykit.TooLarge)
    assert [p for p, _ in essaykit.batch([Path(posts) / "a.md"])] == [f"{posts}/a.md"]  # PathLike
    with pytest.raises(TypeError, match="list of paths"):
        essaykit.batch(posts)
    with pytest.raises(ValueError, match="shard"):
        essaykit.batch([posts], shard=(3, 3))


def test_batch_stops_when_the_loop_is_left(tree):
    inputs = [str(tree / "posts.tar.gz")] * 50  # 1,500 entries
    it = essaykit.batch(inputs, jobs=2)
    first = [next(it) for _ in range(3)]
    assert [p for p, _ in first] == [f"{inputs[0]}!many/0{i}.md" for i in range(3)]
    t0 = time.perf_counter()
    it.close()
    assert time.perf_counter() - t0 < 10
    with pytest.raises(StopIteration):
        next(it)
    with essaykit.batch(inputs, jobs=2) as it2:  # a context manager closes it too
        next(it2)
    for _ in essaykit.batch(inputs, jobs=2):  # a break drops the iterator: its thread is joined
        break


def test_batch_closed_by_several_threads_at_once(tree):
    # Each close() joined the batch's thread; two joins of one thread waited forever
    # (glibc), so threads closing one iterator together hung in most runs.
    inputs = [str(tree / "posts.tar.gz")] * 50
    for _ in range(10):
        it = essaykit.batch(inputs, jobs=2)
        next(it)
        ts = [threading.Thread(target=it.close, daemon=True) for _ in range(4)]
        for t in ts:
            t.start()
        for t in ts:
            t.join(timeout=30)
        assert not any(t.is_alive() for t in ts), "close() from several threads hung"
        with pytest.raises(StopIteration):
            next(it)


def test_ctrl_c_interrupts_a_batch_waiting_for_a_large_entry(tmp_path):
    # The iterator waited for the next entry with the signals unchecked: Ctrl-C raised
    # KeyboardInterrupt only once the entry was ready (seconds here, the whole analysis
    # of a large file). (Closing the batch still waits for the entries in flight: an
    # analysis is not stopped halfway.)
    big = tmp_path / "big.txt"
    big.write_bytes((b"We should walk more, because the town is small and the air is clean. " * 40 + b"\n\n") * 20000)
    it = essaykit.batch([str(big)] * 4, jobs=1, sentences=True)
    timer = threading.Timer(0.3, os.kill, (os.getpid(), signal.SIGINT))
    t0 = time.perf_counter()
    timer.start()
    try:
        with pytest.raises(KeyboardInterrupt):
            next(it)
        raised = time.perf_counter() - t0
    finally:
        timer.cancel()
        it.close()
    # (The entry takes seconds to analyse: without the checks, the interrupt came after it.
    # The bound leaves room for a loaded machine.)
    assert raised < 2.0, f"KeyboardInterrupt {raised:.2f} s after the start, the signal at 0.3 s"


def test_batch_runs_beside_python_threads(tree):
    # Two Python threads, each iterating a batch: both finish with the same results.
    inputs = [str(tree / "posts"), str(tree / "posts.tar.gz")]
    want = [line for _, _, line in essaykit.batch(inputs, jobs=1, with_lines=True)]
    out = [None, None]

    def run(k):
        out[k] = [line for _, _, line in essaykit.batch(inputs, jobs=2, with_lines=True)]

    ts = [threading.Thread(target=run, args=(k,)) for k in range(2)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    assert out == [want, want]


# A program whose daemon threads are inside analyze() or batch() when it ends. The threads
# run on while the interpreter finalizes and the process's static objects are destroyed;
# those that come back for the GIL are stopped there. Before, this aborted most runs: the
# claim cues' RE2 sets were destroyed under threads still matching with them (heap
# corruption), and a thread ended inside py::gil_scoped_release's destructor was
# std::terminate (exit 134).
DAEMONS_AT_EXIT = r"""
import sys, threading, time
import essaykit
mode, folder = sys.argv[1], sys.argv[2]
text = ("We should walk more, because the town is small and the air is clean. " * 30 + "\n\n") * 120

def work():
    while True:
        if mode == "analyze":
            essaykit.analyze(text, format="text")
        else:
            for _ in essaykit.batch([folder], jobs=2):
                pass

for _ in range(4):
    threading.Thread(target=work, daemon=True).start()
time.sleep(0.3)
print("main thread done", flush=True)
"""


@pytest.mark.parametrize("mode", ["analyze", "batch"])
def test_daemon_threads_inside_the_library_at_exit(tree, mode):
    env = dict(os.environ, PYTHONPATH=str(Path(essaykit.__file__).resolve().parent.parent))
    for _ in range(8):
        r = subprocess.run([sys.executable, "-c", DAEMONS_AT_EXIT, mode, str(tree / "posts")], env=env,
                           capture_output=True, timeout=120, check=False)
        assert r.returncode == 0, r.stderr.decode(errors="replace")[-2000:]
        assert r.stdout == b"main thread done\n"


# ---------------------------------------------------------------------------
# Documentation


def test_help_and_stubs():
    assert "format" in essaykit.analyze.__doc__ and "BinaryInput" in essaykit.analyze.__doc__
    assert "input order" in essaykit.batch.__doc__
    assert "to_json" in essaykit.Document.to_json.__doc__ or "essaykit analyze" in essaykit.Document.to_json.__doc__
    assert essaykit.__version__ == cli("--version").stdout.decode().split()[-1]
    stub = Path(essaykit.__file__).with_name("__init__.pyi").read_text()
    for name in essaykit.__all__:
        if name != "__version__":
            assert f"class {name}" in stub or f"def {name}(" in stub, name
    compile(stub, "__init__.pyi", "exec")


def test_analyze_file_takes_any_path_open_takes(tmp_path):
    # A pathlib.Path, bytes, and the str os.listdir() gives for a name that is not UTF-8
    # (its bytes as surrogates) all name the file, as batch() and open() take them.
    raw = os.fsencode(tmp_path) + b"/caf\xe9.md"
    with open(raw, "wb") as f:
        f.write(b"# Title\n\nSome text.\n")
    listed = os.path.join(str(tmp_path), os.listdir(str(tmp_path))[0])
    for path in (Path(listed), listed, raw):
        doc = essaykit.analyze_file(path)
        assert doc.title.text == "Title" and doc.source.name == raw.decode("utf-8", "replace"), path
    with pytest.raises(essaykit.Unreadable) as e:
        essaykit.analyze_file(tmp_path / "missing.md")
    assert e.value.path == str(tmp_path / "missing.md")
    with pytest.raises(TypeError):
        essaykit.analyze_file(3)


def test_buffers_are_read_as_their_own_bytes():
    # A strided or reversed view is the bytes bytes(view) gives, not a run from its pointer.
    data = b"# Title\n\nA paragraph of text.\n"
    for view in (memoryview(data), memoryview(data)[::2], memoryview(data)[::-1], bytearray(data)):
        assert essaykit.analyze(view, format="markdown").input == bytes(view)
    with pytest.raises(ValueError, match="null byte"):
        essaykit.analyze_file(str(FIXTURES[0]) + "\x00.txt")


def test_a_text_that_opens_with_a_list_keeps_every_item():
    doc = essaykit.analyze("- one\n- two\n- three\n", format="text")
    assert doc.title is None
    assert [[i.text for i in l.items] for l in doc.lists] == [["one", "two", "three"]]

