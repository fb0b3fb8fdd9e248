"""Builds the extension essaykit._essaykit with CMake (the ESSAYKIT_PYTHON_BINDINGS target):
the library static inside the module, no CLI, tests or install rules. The metadata is in
pyproject.toml; the version is the project's, read from CMakeLists.txt.

Environment: CMAKE_BUILD_PARALLEL_LEVEL (default 2) and ESSAYKIT_CMAKE_ARGS (extra
arguments for the configure step)."""
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

ROOT = Path(__file__).resolve().parent
VERSION = re.search(r"project\(essaykit VERSION (\S+)", (ROOT / "CMakeLists.txt").read_text()).group(1)


class CMakeBuild(build_ext):
    def build_extension(self, ext):
        module = Path(self.get_ext_fullpath(ext.name)).resolve()
        build = Path(self.build_temp).resolve() / "cmake"
        build.mkdir(parents=True, exist_ok=True)
        configure = [
            "cmake", "-S", str(ROOT), "-B", str(build),
            "-DCMAKE_BUILD_TYPE=Release",
            "-DESSAYKIT_PYTHON_BINDINGS=ON",
            "-DESSAYKIT_SHARED=OFF",
            "-DESSAYKIT_BUILD_CLI=OFF", "-DESSAYKIT_BUILD_TESTS=OFF", "-DESSAYKIT_BUILD_BENCHMARKS=OFF",
            "-DESSAYKIT_BUILD_TOOLS=OFF", "-DESSAYKIT_INSTALL=OFF",
            f"-DPython_EXECUTABLE={sys.executable}",
            f"-DESSAYKIT_PYTHON_PACKAGE_DIR={module.parent}",
        ]
        if shutil.which("ninja") and not (build / "CMakeCache.txt").exists():
            configure += ["-G", "Ninja"]
        configure += shlex.split(os.environ.get("ESSAYKIT_CMAKE_ARGS", ""))
        subprocess.check_call(configure)
        jobs = os.environ.get("CMAKE_BUILD_PARALLEL_LEVEL", "2")
        subprocess.check_call(["cmake", "--build", str(build), "--target", "essaykit_python", "-j", jobs])
        if not module.exists():
            raise RuntimeError(f"CMake did not make {module}")


setup(
    version=VERSION,
    ext_modules=[Extension("essaykit._essaykit", sources=[])],
    cmdclass={"build_ext": CMakeBuild},
    # Not build/: that is the CMake build folder of the README.
    options={"build": {"build_base": "build-python"}},
)
