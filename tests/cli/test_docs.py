#!/usr/bin/env python3
"""The man page and the shell completions cover every option of every command, as the
program itself lists them in `essaykit COMMAND --help`, and nothing else; each file is
valid for its reader (groff, bash, zsh, fish — the shells' own completion engines where
they are installed). usage: test_docs.py ESSAYKIT SHARE_DIR [TEST...]

SHARE_DIR holds man/man1/essaykit.1, bash-completion/completions/essaykit,
zsh/site-functions/_essaykit and fish/vendor_completions.d/essaykit.fish, as the build
makes them and `cmake --install` installs them under PREFIX/share."""
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from check_json import run_tests

EK = os.path.abspath(sys.argv[1])
SHARE = pathlib.Path(sys.argv[2]).resolve()
MAN = SHARE / "man" / "man1" / "essaykit.1"
BASH = SHARE / "bash-completion" / "completions" / "essaykit"
ZSH = SHARE / "zsh" / "site-functions" / "_essaykit"
FISH = SHARE / "fish" / "vendor_completions.d" / "essaykit.fish"


def run(*args):
    return subprocess.run([EK, *args], capture_output=True, timeout=60)


def commands():
    text = run("--help").stdout.decode()
    block = text.split("\ncommands:\n", 1)[1].split("\n\n", 1)[0]
    return [line.split()[0] for line in block.splitlines()]


def options(cmd):
    """(short or None, long) of every option `essaykit CMD --help` lists."""
    text = run(cmd, "--help").stdout.decode()
    out = []
    for line in text.split("\noptions:\n", 1)[1].splitlines():
        m = re.match(r"^  (?:(-\w), )?\s*(--[\w-]+)( [A-Z/]+)?  ", line)
        if m:
            out.append((m.group(1), m.group(2)))
    assert out, f"no options in {cmd} --help"
    return out


def names(cmd):
    return {n for pair in options(cmd) for n in pair if n}


def test_commands_and_options_are_listed():
    # The lists the other tests compare against must be the real ones.
    assert commands() == ["outline", "footnotes", "analyze", "sentences", "claims", "batch"], commands()
    assert {"--from", "--json", "--help", "--version", "-h", "-V"} <= names("outline")
    assert {"-j", "--jobs", "-o", "--output", "--resume", "--shard"} <= names("batch")


def man_section(page, cmd):
    m = re.search(r"^\.SS essaykit " + cmd + r" .*?(?=^\.S[SH] )", page, re.S | re.M)
    assert m, f"no section for {cmd} in the man page"
    return m.group(0)


def test_man_page_has_every_option_of_every_command():
    page = MAN.read_text()
    for cmd in commands():
        section = man_section(page, cmd)
        documented = {n.replace("\\-", "-") for n in re.findall(r"\\fB((?:\\-){1,2}[\w\\-]+)\\fR", section)}
        listed = names(cmd)
        assert listed <= documented, f"{cmd}: not in the man page: {sorted(listed - documented)}"
        assert documented <= listed, f"{cmd}: in the man page only: {sorted(documented - listed)}"
        assert f".B essaykit {cmd}" in page, f"{cmd} missing from the synopsis"


def test_man_page_renders_without_warnings():
    if not shutil.which("groff"):
        print("skipped: groff is not installed")
        return
    r = subprocess.run(["groff", "-man", "-Tutf8", "-ww", "-z", str(MAN)], capture_output=True)
    assert r.returncode == 0 and r.stderr == b"", r.stderr
    r = subprocess.run(["groff", "-man", "-Tutf8", str(MAN)], capture_output=True)
    text = re.sub(r".\x08", "", r.stdout.decode())
    for cmd in commands():
        assert f"essaykit {cmd} [OPTIONS]" in text, cmd
    assert "--max-entry-bytes N" in text and "\u2014" in text  # options and a dash, as written


def bash_complete(*words):
    """What bash's completion function offers after `essaykit WORDS...` (the last word is
    the one being completed)."""
    script = (f"source {BASH}\nCOMP_WORDS=(essaykit {' '.join(repr(w) for w in words)})\n"
              f"COMP_CWORD={len(words)}\n_essaykit\nprintf '%s\\n' \"${{COMPREPLY[@]}}\"\n")
    r = subprocess.run(["bash", "-c", script], capture_output=True, text=True, cwd=SHARE)
    assert r.returncode == 0 and r.stderr == "", r.stderr
    return set(r.stdout.split())


def test_bash_completes_every_option_of_every_command():
    r = subprocess.run(["bash", "-n", str(BASH)], capture_output=True)
    assert r.returncode == 0, r.stderr
    assert set(commands()) <= bash_complete(""), bash_complete("")
    for cmd in commands():
        offered = bash_complete(cmd, "-")
        assert offered == names(cmd), f"{cmd}: {sorted(offered ^ names(cmd))}"
    assert bash_complete("outline", "--from", "") == {"markdown", "text", "html", "auto"}
    assert bash_complete("analyze", "--from", "=", "") == {"markdown", "text", "html", "auto"}
    assert "man" in bash_complete("batch", "-o", "")  # a file name (SHARE/man)
    assert bash_complete("batch", "-j", "") == set()


def zsh_arm(text, cmd):
    m = re.search(r"^    " + cmd + r"\)\n(.*?)^      ;;", text, re.S | re.M)
    assert m, f"no case for {cmd} in the zsh completion"
    return m.group(1)


def test_zsh_completes_every_option_of_every_command():
    text = ZSH.read_text()
    assert text.startswith("#compdef essaykit\n")
    for cmd in commands():
        arm = zsh_arm(text, cmd)
        # Each spec names its options before its [description]: '(excl)'{-o+,--output=}'[…]' or '--json[…]'.
        found = set()
        for spec in re.findall(r"^\s+('[^']*'|)(\{[^}]*\}|'\*?--[\w-]+=?)", arm, re.M):
            for n in re.findall(r"(--?[\w-]+)", spec[1]):
                found.add(n)
        assert found == names(cmd), f"{cmd}: {sorted(found ^ names(cmd))}"
        assert f"'{cmd}:" in text, f"{cmd} is not among the commands"
    if not shutil.which("zsh"):
        print("skipped: zsh is not installed (only the text was checked)")
        return
    r = subprocess.run(["zsh", "-n", str(ZSH)], capture_output=True)
    assert r.returncode == 0, r.stderr
    # Loaded by compinit from an fpath entry, as zsh finds site-functions. (Its dump file in a
    # directory of its own: compinit writes the dump and moves it into place, so "-d /dev/null"
    # replaced /dev/null with a file when run as root, and a later run read that file.)
    with tempfile.TemporaryDirectory() as tmp:
        script = (f"fpath=({ZSH.parent} $fpath); autoload -Uz compinit; compinit -u -d {tmp}/zcompdump; "
                  "print ${_comps[essaykit]}")
        r = subprocess.run(["zsh", "-f", "-c", script], capture_output=True, text=True)
    assert r.returncode == 0 and r.stdout.strip() == "_essaykit", (r.stdout, r.stderr)


def fish_complete(line):
    r = subprocess.run(["fish", "--no-config", "-c", f"source {FISH}; complete -C {line!r}"], capture_output=True,
                       text=True)
    assert r.returncode == 0 and r.stderr == "", r.stderr
    return {l.split("\t")[0] for l in r.stdout.splitlines()}


def test_fish_completes_every_option_of_every_command():
    text = FISH.read_text()
    for cmd in commands():
        found = set()
        for line in text.splitlines():
            m = re.search(r"__fish_seen_subcommand_from ([\w ]+)'", line)
            if m and cmd in m.group(1).split():
                found |= {"-" + s for s in re.findall(r" -s (\w)", line)}
                found |= {"--" + l for l in re.findall(r" -l ([\w-]+)", line)}
        assert found == names(cmd), f"{cmd}: {sorted(found ^ names(cmd))}"
    if not shutil.which("fish"):
        print("skipped: fish is not installed (only the text was checked)")
        return
    r = subprocess.run(["fish", "--no-execute", str(FISH)], capture_output=True)
    assert r.returncode == 0, r.stderr
    assert set(commands()) <= fish_complete("essaykit "), fish_complete("essaykit ")
    for cmd in commands():
        longs = {n for n in names(cmd) if n.startswith("--")}
        assert fish_complete(f"essaykit {cmd} --") == longs, (cmd, fish_complete(f"essaykit {cmd} --") ^ longs)
    assert fish_complete("essaykit outline --from ") == {"markdown", "text", "html", "auto"}


run_tests(globals(), sys.argv[3:] or None)
