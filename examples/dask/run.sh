#!/usr/bin/env bash
# essaykit over a corpus on a Dask cluster of this machine: starts a scheduler and two
# workers on 127.0.0.1, runs essaykit_dask.py (the shards mapped over the workers), writes to
# standard output the same lines as `essaykit batch INPUT...`, and stops what it started.
#
#   examples/dask/run.sh INPUT...                       # files, folders, archives
#   FIGURES=figures.csv examples/dask/run.sh corpus/    # also the per-document table as CSV
#
# Needs Debian's python3-distributed and python3-pandas (apt-get install --no-install-recommends)
# and the module: installed (`pip install .`), on PYTHONPATH, or else build/python beside this
# script's project (a module the caller's PYTHONPATH gives is never shadowed by that one).
# Environment: PYTHON (default /usr/bin/python3: Debian's interpreter, where distributed and
# the module live), WORKERS (default 2). Exit status: the script's (0, or 1
# when some entries became error lines, as essaykit batch), else 2 when the cluster failed.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
python=${PYTHON:-/usr/bin/python3}
workers=${WORKERS:-2}
(($# > 0)) || { echo "usage: $0 INPUT..." >&2; exit 2; }
if ! "$python" -c "import essaykit" 2>/dev/null && [[ -d $root/build/python/essaykit ]]; then
  export PYTHONPATH="$root/build/python${PYTHONPATH:+:$PYTHONPATH}"
fi
"$python" -c "import essaykit, distributed, dask.dataframe" 2>/dev/null || {
  echo "run.sh: $python cannot import essaykit, distributed and dask.dataframe" >&2
  "$python" -c "import essaykit, distributed, dask.dataframe" >&2 || true
  exit 2
}

work=$(mktemp -d "${TMPDIR:-/tmp}/essaykit-dask.XXXXXX")
pids=()  # workers first, then the scheduler last (killing it first makes workers complain)
scheduler=""
# Ends the processes, workers first: each is asked to close and given until a deadline,
# then killed. (A worker that is closing while its scheduler goes can wait on it for
# minutes: seen as a test that hung after its result was in.)
end_processes() {
  local deadline=$((SECONDS + 15)) pid
  for pid in "$@"; do kill "$pid" 2>/dev/null || true; done
  for pid in "$@"; do
    while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
}
stop() {
  local status=$?
  ((${#pids[@]} == 0)) || end_processes "${pids[@]}"
  [[ -z $scheduler ]] || end_processes "$scheduler"
  if ((status != 0 && status != 1)); then
    for log in "$work"/*.log; do [[ -f $log ]] && { echo "--- $log" >&2; tail -20 "$log" >&2; }; done
  fi
  rm -rf "$work"
  exit "$status"
}
trap stop EXIT
trap 'exit 130' INT TERM

# Port 0 everywhere (no collision with another run), loopback only, one process per worker.
"$python" -m distributed.cli.dask_scheduler --host 127.0.0.1 --port 0 --dashboard-address 127.0.0.1:0 \
  --scheduler-file "$work/scheduler.json" >"$work/scheduler.log" 2>&1 &
scheduler=$!
for _ in $(seq 600); do
  [[ -s $work/scheduler.json ]] && break
  kill -0 "$scheduler" 2>/dev/null || { echo "run.sh: the scheduler exited" >&2; exit 2; }
  sleep 0.1
done
[[ -s $work/scheduler.json ]] || { echo "run.sh: no scheduler file after 60 s" >&2; exit 2; }
for i in $(seq "$workers"); do
  "$python" -m distributed.cli.dask_worker --scheduler-file "$work/scheduler.json" --host 127.0.0.1 \
    --nthreads 1 --no-nanny --name "w$i" --local-directory "$work/w$i" --dashboard-address 127.0.0.1:0 \
    >"$work/worker$i.log" 2>&1 &
  pids+=($!)
done

set +e
"$python" "$here/essaykit_dask.py" --scheduler-file "$work/scheduler.json" --workers "$workers" \
  ${FIGURES:+--figures "$FIGURES"} "$@"
status=$?
set -e
((status <= 1)) || status=2
exit "$status"
