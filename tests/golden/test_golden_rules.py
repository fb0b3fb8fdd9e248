#!/usr/bin/env python3
"""Sentence boundaries on the Golden Rules (../shared/golden-rules/golden_en.jsonl), scored as
its README says: each sentence sliced from the input by its span, white space collapsed, must
equal the expected list. Prints every miss; fails below MIN_PASSED.
usage: test_golden_rules.py ESSAYKIT SHARED_DIR MIN_PASSED   (exit 77 = skipped)"""
import json
import pathlib
import re
import subprocess
import sys

ek, shared, min_passed = sys.argv[1], pathlib.Path(sys.argv[2]), int(sys.argv[3])
cases = shared / "golden-rules" / "golden_en.jsonl"
if not cases.is_file():
    print(f"skipped: no {cases}")
    sys.exit(77)
norm = lambda s: re.sub(r"\s+", " ", s).strip()
passed, total = 0, 0
for line in cases.read_text().splitlines():
    case = json.loads(line)
    total += 1
    data = case["text"].encode()
    r = subprocess.run([ek, "sentences", "--raw", "--json", "-"], input=data, capture_output=True, timeout=30)
    got = [norm(data[s["start"]:s["end"]].decode()) for s in json.loads(r.stdout)["sentences"]]
    want = [norm(s) for s in case["expected"]]
    if got == want:
        passed += 1
    else:
        print(f"miss {case['id']} {case['name']}\n  got  {got}\n  want {want}")
print(f"golden rules: {passed}/{total} cases")
print(f"{passed} passed, {total - passed} failed")
sys.exit(0 if passed >= min_passed else 1)
