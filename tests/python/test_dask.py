"""examples/dask/run.sh: a scheduler and two workers on 127.0.0.1 (port 0, a scheduler file,
--no-nanny) run essaykit over a few hundred documents; the output equals `essaykit batch` on
the same inputs, the figures table matches it, and every process the script started is gone.
Skipped (by run_pytest.py) without python3-distributed."""
import csv
import io
import json
import os
import subprocess
import tarfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCE = Path(os.environ.get("ESSAYKIT_SOURCE_DIR", HERE.parent.parent))
CLI = os.environ.get("ESSAYKIT_CLI", str(SOURCE / "build/cli/essaykit"))
SHARED = Path(os.environ.get("ESSAYKIT_SHARED_DIR", SOURCE.parent / "shared"))
RUN = SOURCE / "examples/dask/run.sh"


def make_inputs(tmp):
    """A folder with subfolders (300 posts, a binary file, HTML pages, a file essaykit skips), a tar.gz of
    100 more, and a missing path; with ../shared, its Markdown and plain-text posts too."""
    corpus = tmp / "corpus"
    for i in range(300):
        sub = corpus / f"part{i % 3}"
        sub.mkdir(parents=True, exist_ok=True)
        ext = "md" if i % 2 else "txt"
        body = f"# Post {i}\n\nWe should write more tests.[^1] They catch bugs early.\n\n- one\n- two\n\n[^1]: A note {i}.\n"
        (sub / f"post{i:03d}.{ext}").write_text(body if ext == "md" else f"Post {i}\n\nA paragraph about item {i}.\n")
    (corpus / "part0" / "broken.md").write_bytes(b"\x00binary")
    for page in sorted((SOURCE / "tests/html").glob("*.html"))[:2]:  # pages in the folder's top level
        (corpus / page.name).write_bytes(page.read_bytes())
    (corpus / "notes.json").write_text("{}")
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz") as tar:
        for i in range(100):
            data = f"# Archived {i}\n\nThis claim must hold. It does.\n".encode()
            info = tarfile.TarInfo(f"export/{i:03d}.md")
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    (tmp / "export.tar.gz").write_bytes(buf.getvalue())
    inputs = [str(corpus), str(tmp / "export.tar.gz"), str(tmp / "missing.md")]
    for name in ("md", "plain"):
        if (SHARED / "corpus" / name).is_dir():
            inputs.append(str(SHARED / "corpus" / name))
    return inputs


def processes_mentioning(text):
    found = []
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if text in cmdline:
            found.append(f"{pid}: {cmdline}")
    return found


def test_dask_example_equals_essaykit_batch(tmp_path):
    inputs = make_inputs(tmp_path)
    want = subprocess.run([CLI, "batch", *inputs], capture_output=True, check=False)
    assert want.returncode == 1  # the binary file and the missing path are error lines
    scratch = tmp_path / "scratch"  # run.sh's work folder (scheduler file, logs) goes here
    scratch.mkdir()
    env = dict(os.environ, TMPDIR=str(scratch), FIGURES=str(tmp_path / "figures.csv"))
    got = subprocess.run([str(RUN), *inputs], capture_output=True, env=env, timeout=400, check=False)
    assert got.returncode == 1, got.stderr.decode()[-3000:]
    assert got.stdout == want.stdout
    lines = [json.loads(l) for l in want.stdout.decode().splitlines()]
    assert len(lines) >= 400

    # Every process it started is gone, and its work folder with them.
    assert processes_mentioning(str(scratch)) == []
    assert list(scratch.iterdir()) == []

    # The per-document table: one row per line, the figures of each document.
    with open(tmp_path / "figures.csv", newline="") as f:
        rows = list(csv.DictReader(f))
    assert [r["path"] for r in rows] == [l["path"] for l in lines]
    for r, l in zip(rows, lines):
        assert (r["ok"] == "True") == ("document" in l)
        if "document" in l:
            d = l["document"]
            assert int(r["words"]) == d["stats"]["words"]
            assert int(r["sections"]) == len(d["sections"])
            assert int(r["footnotes"]) == len(d["footnotes"])
            assert int(r["claims"]) == len(d["claims"])
    assert "documents, 2 errors on 2 workers" in got.stderr.decode()


def test_dask_example_stops_its_cluster_when_the_job_fails(tmp_path):
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    env = dict(os.environ, TMPDIR=str(scratch))
    got = subprocess.run([str(RUN), "-"], capture_output=True, env=env, timeout=300, check=False)
    assert got.returncode == 2
    assert "not supported" in got.stderr.decode()
    assert processes_mentioning(str(scratch)) == []
    assert list(scratch.iterdir()) == []
