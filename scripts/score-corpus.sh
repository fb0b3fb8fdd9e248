#!/usr/bin/env bash
# Prints essaykit's figures over the whole corpus in ../shared, as the scorers in
# ../shared/eval compute them: every plain-text form (browser copies bare and with
# back-links, the same with all blank lines removed, the marked and supers variants)
# and the Markdown posts against pandoc's reading.
#
#   scripts/score-corpus.sh [ESSAYKIT]     (default: build/cli/essaykit)
set -euo pipefail
cd "$(dirname "$0")/.."
ek=${1:-build/cli/essaykit}
shared=${ESSAYKIT_SHARED:-../shared}
if [[ ! -d "$shared/corpus" ]]; then
  echo "score-corpus: skipped, no corpus at $shared/corpus"
  exit 0
fi
py=/usr/bin/python3
[[ -x $py ]] || py=python3
printf "%-22s %8s %8s %8s %8s %8s %8s\n" form title headings list_items fn_refs fn_linked lists_exact
for spec in "browser bare" "browser backlinks" "browser bare --collapse" "variants marked" "variants supers"; do
  set -- $spec
  "$py" "$shared/eval/score_corpus.py" "$ek" "$shared/corpus/$1" "$2" ${3:-} |
    awk -v form="$2${3:+ (no blank lines)}" '
      { v[$1] = $2 }
      END { printf "%-22s %8s %8s %8s %8s %8s %8s\n", form, v["title"], v["headings_f1"],
            v["list_items_f1"], v["fn_refs_f1"], v["fn_linked"], v["lists_exact"] }'
done
echo
echo "markdown (against md-truth):"
"$py" "$shared/eval/score_md.py" "$ek" "$shared/corpus/md" "$shared/corpus/md-truth"
