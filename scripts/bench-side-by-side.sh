#!/usr/bin/env bash
# Speed ratios measured side by side on this host, in one run, interleaved (issue: performance on every host).
#
#   scripts/bench-side-by-side.sh [ROUNDS] [OUT]        (default 3 rounds, OUT = runs/side-by-side)
#
# Installs the Debian packages lammps (lmp, eam/fs) and python3-torch when they are absent and this runs as root
# with apt-get (else those anchors are skipped with a message).
#
# Each round runs, one after the other, on the 10976-atom liquid of ../shared/data/al-mendelev, one thread
# unless stated:
#   lammps-eam      Debian LAMMPS `lmp`, pair_style eam/fs (Mendelev Al), 200 NVE steps   (skipped without lmp)
#   eam             sieve bench md --potential eam:... (200 steps)
#   eam-avx2        the same with -XX:UseAVX=2 -XX:MaxVectorSize=32 (what an AVX2-only host gives)
#   hdnnp22         sieve bench md, the n2p2 thesis22 potential of test vector case 1 (100 warm-up steps, then
#                   3 blocks of 100 steps: the JIT has compiled the kernels, even with both cores busy, and a block
#                   spans two or three neighbour-list rebuilds)
#   hdnnp22-avx2    the same, AVX2 only
#   hdnnp22-2t      the same, 2 threads
#   hdnnp10         a 10-SF subset of thesis22 (7 radial + 3 angular, 10-10 tanh network)
#   hdnnp10-avx2    the same, AVX2 only
# then energy training (thesis22 features, 22-10-10-1, batch 64, 200 structures of 256 atoms, one thread):
#   sieve bench train  against  scripts/torch_energy_train.py (PyTorch float64, Debian python3-torch)
# and prints the medians and the ratios. The host (CPU model, SIMD flags, Vector API species) heads the output.
# LAMMPS with ML-HDNNP (pair_style hdnnp, linked against n2p2) is not a Debian package: build it from the public
# LAMMPS and n2p2 sources outside this repository and set LMP_HDNNP=/path/to/lmp. Each round then also runs
#   lammps-hdnnp22  LAMMPS+n2p2, the same thesis22 potential, 20 NVE steps after 5 warm-up steps
#   lammps-hdnnp10  LAMMPS+n2p2, the same 10-SF subset
# and the summary gives Sieve's speed against LAMMPS+n2p2; without it only the ratio to LAMMPS eam/fs is printed.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
rounds="${1:-3}"
out="${2:-runs/side-by-side}"
shared="${SIEVE_SHARED:-$here/../shared}"
liquid="$shared/data/al-mendelev/liquid_10976.xyz"
eam="$shared/data/eam/Al_mm.eam.fs"
case1="$shared/testvectors/case1_thesis22_cos_type9"
for f in "$liquid" "$eam" "$case1/input.nn" "$shared/data/al-mendelev/liquid_10976.lammps-data"; do
  [ -e "$f" ] || { echo "side-by-side: $f not found (set SIEVE_SHARED)" >&2; exit 2; }
done
# the anchors from Debian, when absent
if [ "$(id -u)" = 0 ] && command -v apt-get > /dev/null; then
  missing=""
  command -v lmp > /dev/null || missing="$missing lammps"
  "${PYTHON:-/usr/bin/python3}" -c "import torch" 2> /dev/null || missing="$missing python3-torch"
  if [ -n "$missing" ]; then
    echo "installing$missing (Debian packages, for the LAMMPS and PyTorch anchors)"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing > /dev/null 2>&1 \
      || echo "side-by-side: could not install$missing; those anchors are skipped" >&2
  fi
fi
command -v lmp > /dev/null || echo "side-by-side: no lmp (Debian package lammps): no LAMMPS eam/fs anchor" >&2
mkdir -p "$out"
out="$(cd "$out" && pwd)"
log="$out/times.tsv"
: > "$log"
sieve="$here/bin/sieve"
avx2="-XX:UseAVX=2 -XX:MaxVectorSize=32"

# the 10-SF subset model: 7 radial + 3 angular functions of thesis22, a network fitted for 20 Kalman epochs to
# 200 frames (a few seconds; good enough for stable MD, whose speed does not depend on the weights)
if [ ! -f "$out/hdnnp10/input.nn" ]; then
  grep -v '^symfunction' "$case1/input.nn" > "$out/subset10.nn"
  grep '^symfunction' "$case1/input.nn" | awk '
    $3 == 2 && ($5 == 0.0013 || $5 == 0.26 || ($5 == 1.85 && ($6 == 0 || $6 == 1.017 || $6 == 3.052 || $6 == 4.07 || $6 == 5.087))) { print; next }
    $3 == 9 && (($7 == 1 && $8 == 1) || ($7 == -1 && $8 == 16) || ($7 == 1 && $8 == 64)) { print }' >> "$out/subset10.nn"
  n=$(grep -c '^symfunction' "$out/subset10.nn")
  [ "$n" = 10 ] || { echo "side-by-side: subset has $n functions, expected 10" >&2; exit 3; }
  python3 -c "import gzip, itertools, sys; sys.stdout.writelines(itertools.islice(gzip.open(sys.argv[1], 'rt'), 258 * 200))" \
    "$shared/data/al-mendelev/al_mendelev_256.xyz.gz" > "$out/frames200.xyz"
  "$sieve" train --data "$out/frames200.xyz" --sf "$out/subset10.nn" --hidden 10,10 --optimizer kalman --epochs 20 \
    --patience 0 --quiet --out "$out/hdnnp10" > /dev/null
fi

cat > "$out/in.eam" <<EOF
units metal
atom_style atomic
read_data $shared/data/al-mendelev/liquid_10976.lammps-data
pair_style eam/fs
pair_coeff * * $eam Al
neighbor 1.0 bin
neigh_modify every 1 delay 0 check yes
velocity all create 1000 12345
timestep 0.001
fix 1 all nve
thermo 100
run 20
run 200
EOF

# LAMMPS+n2p2 inputs (pair_style hdnnp reads the n2p2 model directory: input.nn, scaling.data, weights.*.data)
hdnnp_in() { # model-dir
  cat <<EOF
units metal
atom_style atomic
read_data $shared/data/al-mendelev/liquid_10976.lammps-data
pair_style hdnnp 6.8 dir $1 showew no showewsum 0 resetew no maxew 1000000 cflength 1.0 cfenergy 1.0
pair_coeff * * Al
neighbor 1.0 bin
neigh_modify every 1 delay 0 check yes
velocity all create 1000 12345
timestep 0.001
fix 1 all nve
thermo 10
run 5
run 20
EOF
}
if [ -n "${LMP_HDNNP:-}" ]; then
  hdnnp_in "$case1" > "$out/in.hdnnp22"
  hdnnp_in "$out/hdnnp10" > "$out/in.hdnnp10"
fi
lammps_hdnnp() { # name input round
  (cd "$out" && "$LMP_HDNNP" -in "$2" -log "$1-$3.log" -screen none)
  local t us
  t=$(grep "Loop time" "$out/$1-$3.log" | tail -1 | awk '{print $4}')
  us=$(python3 -c "print('%.2f' % ($t / 20 / 10976 * 1e6))")
  echo -e "$1\t$us" >> "$log"
  echo "  $1: $us µs per atom-step (Loop time $t s, 20 steps)"
}

# µs per atom-step from `sieve bench md` (median of its repeats)
bench_md() { # name opts args...
  local name="$1" opts="$2"; shift 2
  local line
  line=$(SIEVE_JAVA_OPTS="$opts" "$sieve" bench md --structure "$liquid" "$@" 2>&1 | grep -E "µs per atom-step \(median")
  echo -e "$name\t$(echo "$line" | sed -E 's/.*, ([0-9.]+) µs per atom-step.*/\1/')" >> "$log"
  echo "  $name: $line"
}

SIEVE_JAVA_OPTS="" "$sieve" bench md --potential "eam:$eam" --structure "$liquid" --steps 1 --warmup 0 --repeats 1 2>&1 \
  | grep -E "^host" | tee "$out/host.txt"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for r in $(seq 1 "$rounds"); do
  echo "round $r ($(date -Is), load $(cut -d' ' -f1-3 /proc/loadavg))"
  if command -v lmp > /dev/null; then
    (cd "$out" && lmp -in in.eam -log "lammps$r.log" -screen none)
    # the second run (200 steps): Loop time of T on P procs for 200 steps with 10976 atoms
    t=$(grep "Loop time" "$out/lammps$r.log" | tail -1 | awk '{print $4}')
    us=$(python3 -c "print('%.3f' % ($t / 200 / 10976 * 1e6))")
    echo -e "lammps-eam\t$us" >> "$log"
    echo "  lammps-eam: $us µs per atom-step (Loop time $t s, 200 steps)"
  fi
  bench_md eam "" --potential "eam:$eam" --steps 200 --repeats 1
  bench_md eam-avx2 "$avx2" --potential "eam:$eam" --steps 200 --repeats 1
  bench_md hdnnp22 "" --model "$case1" --warmup 100 --steps 100 --repeats 3 --temperature 1000
  bench_md hdnnp22-avx2 "$avx2" --model "$case1" --warmup 100 --steps 100 --repeats 3 --temperature 1000
  bench_md hdnnp22-2t "" --model "$case1" --warmup 100 --steps 100 --repeats 3 --temperature 1000 --threads 2
  bench_md hdnnp10 "" --model "$out/hdnnp10" --warmup 100 --steps 100 --repeats 3 --temperature 1000
  bench_md hdnnp10-avx2 "$avx2" --model "$out/hdnnp10" --warmup 100 --steps 100 --repeats 3 --temperature 1000
  if [ -n "${LMP_HDNNP:-}" ]; then
    lammps_hdnnp lammps-hdnnp22 in.hdnnp22 "$r"
    lammps_hdnnp lammps-hdnnp10 in.hdnnp10 "$r"
  fi
done

py="${PYTHON:-/usr/bin/python3}"
for r in $(seq 1 "$rounds"); do
  s=$("$sieve" bench train --data "$shared/data/al-mendelev/al_mendelev_256.xyz.gz" --limit 200 --threads 1 \
      --epochs 200 --warmup 20 --warmup-seconds 5 --repeats 3 2>&1 | grep -E "atom-evaluations/s" \
      | sed -E 's/.*; ([0-9.e+]+) atom-evaluations\/s.*/\1/')
  echo -e "train-sieve\t$s" >> "$log"
  echo "  sieve bench train: $s atom-evaluations/s"
  if "$py" -c "import torch" 2> /dev/null; then
    t=$("$py" "$here/scripts/torch_energy_train.py" --epochs 50 --warmup 5 | tee -a "$out/torch.txt" \
        | sed -E 's/.*: ([0-9.]+) M atom-evaluations.*/\1/')
    echo -e "train-torch\t$(python3 -c "print($t * 1e6)")" >> "$log"
    echo "  torch: $t M atom-evaluations/s"
  fi
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"

python3 - "$log" <<'PY' | tee "$out/summary.txt"
import statistics, sys
rows = {}
for line in open(sys.argv[1]):
    k, v = line.rstrip("\n").split("\t")
    if v:
        rows.setdefault(k, []).append(float(v))
med = {k: statistics.median(v) for k, v in rows.items()}
def show(k, unit):
    if k in rows:
        print("%-14s median %8.3f %s  (%s)" % (k, med[k], unit, ", ".join("%.3f" % x for x in rows[k])))
for k in ["lammps-eam", "eam", "eam-avx2", "hdnnp22", "hdnnp22-avx2", "hdnnp22-2t", "hdnnp10", "hdnnp10-avx2",
          "lammps-hdnnp22", "lammps-hdnnp10"]:
    show(k, "µs/atom-step")
for k in ["train-sieve", "train-torch"]:
    show(k, "atom-evaluations/s")
def ratio(name, a, b, goal):
    if a in med and b in med:
        print("%-52s %6.2f   (goal %s)" % (name, med[a] / med[b], goal))
print()
ratio("Sieve EAM / LAMMPS eam/fs", "eam", "lammps-eam", "<= 1.0")
ratio("Sieve thesis22 HDNNP / LAMMPS eam/fs", "hdnnp22", "lammps-eam", "<= 6")
ratio("Sieve thesis22 HDNNP, AVX2 only / LAMMPS eam/fs", "hdnnp22-avx2", "lammps-eam", "<= 6")
ratio("speed-up thesis22 -> 10-SF subset", "hdnnp22", "hdnnp10", ">= 1.9")
ratio("speed-up thesis22 -> 10-SF subset, AVX2 only", "hdnnp22-avx2", "hdnnp10-avx2", ">= 1.9")
ratio("2 threads / 1 thread, thesis22 (speed-up)", "hdnnp22", "hdnnp22-2t", ">= 1.8")
ratio("AVX2 only / AVX-512, thesis22", "hdnnp22-avx2", "hdnnp22", "<= 1.2")
ratio("AVX2 only / AVX-512, 10-SF subset", "hdnnp10-avx2", "hdnnp10", "<= 1.2")
ratio("AVX2 only / AVX-512, EAM", "eam-avx2", "eam", "<= 1.2")
ratio("energy training, Sieve / PyTorch float64", "train-sieve", "train-torch", ">= 5")
ratio("LAMMPS+n2p2 / Sieve, thesis22 (Sieve's speed-up)", "lammps-hdnnp22", "hdnnp22", ">= 5")
ratio("LAMMPS+n2p2 / Sieve, thesis22, AVX2 only", "lammps-hdnnp22", "hdnnp22-avx2", ">= 5")
ratio("LAMMPS+n2p2 / Sieve, 10-SF subset", "lammps-hdnnp10", "hdnnp10", ">= 5")
ratio("speed-up thesis22 -> 10-SF subset, LAMMPS+n2p2", "lammps-hdnnp22", "lammps-hdnnp10", "(the paper: 1.94)")
PY
