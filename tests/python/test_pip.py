"""`pip install .` with Debian's pip and setuptools, no package index: a copy of the source
tree is built through setup.py and CMake (the library static in the module) into a --target
folder, and the module found there reads a post as the CLI does. Skipped (by run_pytest.py)
without pip or setuptools. Takes a full build of the library (a minute or two)."""
import os
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCE = Path(os.environ.get("ESSAYKIT_SOURCE_DIR", HERE.parent.parent))
CLI = os.environ.get("ESSAYKIT_CLI", str(SOURCE / "build/cli/essaykit"))


def test_pip_install_builds_a_module_that_reads_as_the_cli(tmp_path):
    src = tmp_path / "src"
    # The project as a user has it: no build folders (a clone, an unpacked release).
    shutil.copytree(SOURCE, src, ignore=shutil.ignore_patterns(".git", "build", "build-*", "__pycache__", "*.egg-info"))
    target = tmp_path / "site"
    env = dict(os.environ, CMAKE_BUILD_PARALLEL_LEVEL=os.environ.get("CMAKE_BUILD_PARALLEL_LEVEL", "2"))
    env.pop("PYTHONPATH", None)
    r = subprocess.run([sys.executable, "-m", "pip", "install", "--no-build-isolation", "--no-deps", "--no-index",
                        "--target", str(target), str(src)], capture_output=True, text=True, env=env, check=False)
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
    modules = list((target / "essaykit").glob("_essaykit*.so"))
    assert len(modules) == 1
    assert (target / "essaykit" / "__init__.pyi").exists() and (target / "essaykit" / "py.typed").exists()
    # The module stands alone: the library is inside it, not a libessaykit.so beside it.
    assert "libessaykit" not in subprocess.run(["ldd", str(modules[0])], capture_output=True, text=True).stdout
    post = SOURCE / "examples/post.md"
    code = "import essaykit, sys; sys.stdout.write(essaykit.analyze_file(sys.argv[1]).to_json() + '\\n')"
    got = subprocess.run([sys.executable, "-c", code, str(post)], capture_output=True, text=True,
                         env=dict(env, PYTHONPATH=str(target)), cwd=tmp_path, check=False)
    assert got.returncode == 0, got.stderr
    assert got.stdout == subprocess.run([CLI, "analyze", str(post)], capture_output=True, text=True).stdout
