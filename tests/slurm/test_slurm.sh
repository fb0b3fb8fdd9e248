#!/usr/bin/env bash
# Runs examples/slurm/essaykit-array.sbatch for real: a single-node Slurm cluster on
# loopback (munged, slurmctld, slurmd, started here and stopped at the end), a 4-task
# array over an archive built here, and a check that the parts together hold exactly
# the lines of a single-process run. Skips (exit 77) when Slurm is not installed;
# .ci/run installs it (slurmctld slurmd slurm-client munge). Everything the run starts is
# its own (ports the kernel gives it, its own munged socket, cluster and job names, files
# under a fresh folder), so that two runs at once (two builds' ctest) do not meet.
#   usage: test_slurm.sh ESSAYKIT SOURCE_DIR
set -euo pipefail
ek=$(readlink -f "$1") src=$(readlink -f "$2")
for tool in slurmctld slurmd sbatch squeue scancel sinfo munged munge python3; do
  command -v "$tool" >/dev/null || { echo "skipped: $tool not installed"; exit 77; }
done
[[ $(id -u) -eq 0 ]] || { echo "skipped: the test cluster runs as root"; exit 77; }

work=$(mktemp -d /tmp/essaykit-slurm.XXXXXX)
pids=()
stop() {
  local i
  [[ -n ${job:-} ]] && scancel "$job" 2>/dev/null || true  # (array tasks would outlive their daemons)
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do kill "${pids[$i]}" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap stop EXIT
mkdir -p "$work"/{state,spool,log,job,data/posts}
chmod 0711 "$work"  # (munged, as its own user, reaches its folder below)
run=essaykit-test-$$

# The input: 40 small posts in a .tar.gz.
for i in $(seq -w 1 40); do
  printf '# Post %s\n\nA paragraph about topic %s. It has two sentences.\n\n- one\n- two\n' "$i" "$i" \
    >"$work/data/posts/post-$i.md"
done
tar czf "$work/data/posts.tar.gz" -C "$work/data" posts

# A cluster of one node, on ports of its own: two free on every address, drawn below the
# kernel's range for outgoing connections (which another run's sbatch and squeue draw from),
# tried together so that they differ; the node name must be the host name.
node=$(hostname -s)
read -r ctld_port slurmd_port < <(python3 -c '
import random, socket
low = int(open("/proc/sys/net/ipv4/ip_local_port_range").read().split()[0])
while True:
    ports = random.sample(range(20000, min(low, 32768)), 2)
    s = [socket.socket() for _ in ports]
    try:
        for x, p in zip(s, ports): x.bind(("", p))
    except OSError:
        continue
    finally:
        for x in s: x.close()
    print(*ports)
    break')
mem=$(( $(slurmd -C | sed -n 's/.*RealMemory=\([0-9]*\).*/\1/p') - 512 ))
export SLURM_CONF=$work/slurm.conf
cat >"$SLURM_CONF" <<CONF
ClusterName=$run
SlurmctldHost=$node(127.0.0.1)
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$work/munge/munge.socket
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/log/slurmctld.log
SlurmdLogFile=$work/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
MpiDefault=none
MailProg=/bin/true
SchedulerType=sched/builtin
SchedulerParameters=batch_sched_delay=0,sched_min_interval=100
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
InactiveLimit=0
KillWait=5
MinJobAge=60
NodeName=$node NodeAddr=127.0.0.1 NodeHostname=$node CPUs=$(nproc) RealMemory=$mem State=UNKNOWN
PartitionName=test Nodes=$node Default=YES MaxTime=10 State=UP
CONF

# munged runs as its own user, on a socket of this run's (the machine's, /run/munge, may be
# another run's, which stops it when it ends); its key is made by the package.
install -d -o munge -g munge -m 0711 "$work/munge"  # (munged wants its socket's folder searchable by all)
setpriv --reuid=munge --regid=munge --init-groups /usr/sbin/munged -F --socket="$work/munge/munge.socket" \
  --pid-file="$work/munge/munged.pid" --seed-file="$work/munge/munged.seed" --log-file="$work/munge/munged.log" \
  >"$work/log/munged.out" 2>&1 &
pids+=($!)
munged_up() { munge -n -S "$work/munge/munge.socket" 2>/dev/null | unmunge -S "$work/munge/munge.socket" >/dev/null 2>&1; }
for _ in $(seq 50); do munged_up && break; sleep 0.1; done
munged_up || { echo "FAIL: munged did not come up"; cat "$work/log/munged.out" "$work/munge/munged.log"; exit 1; }
slurmctld -D -c -i -f "$SLURM_CONF" >"$work/log/slurmctld.out" 2>&1 &
pids+=($!)
slurmd -D -f "$SLURM_CONF" -N "$node" >"$work/log/slurmd.out" 2>&1 &
pids+=($!)
state=""
for _ in $(seq 300); do
  state=$(sinfo -h -N -o '%T' 2>/dev/null || true)
  [[ $state == idle ]] && break
  sleep 0.1
done
[[ $state == idle ]] || {
  echo "FAIL: the node did not come up (state '$state')"
  tail -20 "$work"/log/*.log "$work/munge/munged.log"
  exit 1
}

# The array: 4 tasks, each its shard, as the example script runs them.
job=$(cd "$work/job" && ESSAYKIT=$ek sbatch --parsable --array=0-3 --cpus-per-task=1 --job-name="$run" --export=ALL \
        "$src/examples/slurm/essaykit-array.sbatch" "$work/data/posts.tar.gz")
for _ in $(seq 600); do
  [[ -z $(squeue -h -j "$job" 2>/dev/null) ]] && break
  sleep 0.2
done
[[ -z $(squeue -h -j "$job" 2>/dev/null) ]] || { echo "FAIL: the array did not finish"; exit 1; }

"$ek" batch "$work/data/posts.tar.gz" >"$work/single.jsonl" 2>/dev/null
parts=("$work"/job/part-*.jsonl)
[[ ${#parts[@]} -eq 4 ]] || { echo "FAIL: expected 4 parts, found ${#parts[@]}"; cat "$work"/job/*.log; exit 1; }
if ! diff <(sort "$work/single.jsonl") <(cat "${parts[@]}" | sort) >/dev/null; then
  echo "FAIL: the parts differ from the single-process run"
  exit 1
fi
lines=$(wc -l <"$work/single.jsonl")
[[ $lines -eq 40 ]] || { echo "FAIL: $lines lines, expected 40"; exit 1; }
echo "4 array tasks on a one-node Slurm cluster: $lines lines, the same as one process"
echo "1 passed, 0 failed"
