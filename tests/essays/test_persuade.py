#!/usr/bin/env python3
"""Claims on the PERSUADE development essays (../shared/persuade), scored by
../shared/eval/score_persuade.py; fails below the floors given (raise them as claims improve).
usage: test_persuade.py ESSAYKIT SHARED_DIR CLAIM_F1_FLOOR THESIS_F1_FLOOR  (77 = skipped)"""
import pathlib
import subprocess
import sys

ek, shared = sys.argv[1], pathlib.Path(sys.argv[2])
floors = {"claim_f1": float(sys.argv[3]), "thesis_f1": float(sys.argv[4])}
if not (shared / "persuade" / "labels.jsonl").is_file():
    print(f"skipped: no essays at {shared / 'persuade'}")
    sys.exit(77)
r = subprocess.run([sys.executable, str(shared / "eval" / "score_persuade.py"), ek, str(shared / "persuade")],
                   capture_output=True, text=True, timeout=1200)
print(r.stdout, end="")
last = r.stdout.strip().splitlines()[-1].split()
got = dict(zip(last[::2], map(float, last[1::2])))
failed = [k for k, v in floors.items() if got.get(k, 0) < v]
for k in floors:
    print(f"{'FAIL' if k in failed else 'ok  '} {k} {got.get(k, 0):.3f} (floor {floors[k]:.3f})")
print(f"{len(floors) - len(failed)} passed, {len(failed)} failed")
sys.exit(1 if failed else 0)
