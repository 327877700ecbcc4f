#!/usr/bin/env bash
# Liquid Al at 1000 K with the Mendelev EAM, 2048 atoms, as in ../shared/data/README.md: melt an fcc
# 8x8x8 cell (a = 4.14315 Å) at 2500 K (Langevin, 10 ps), then Nosé–Hoover NVT at 1000 K: 10 ps
# equilibration + 20 ps of sampling (RDF every 40 fs, 0.05 Å bins). Compare OUT/nvt1000/rdf.csv
# with ../shared/data/al-mendelev/rdf_mendelev_1000K.csv (LAMMPS).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-runs/rdf1000}"
mkdir -p "$out"
python3 - "$out/fcc2048.xyz" <<'PY'
import sys
a, n = 4.14315, 8
basis = [(0, 0, 0), (0.5, 0.5, 0), (0.5, 0, 0.5), (0, 0.5, 0.5)]
rows = ["Al %.8f %.8f %.8f" % ((x + b[0]) * a, (y + b[1]) * a, (z + b[2]) * a)
        for x in range(n) for y in range(n) for z in range(n) for b in basis]
L = a * n
with open(sys.argv[1], "w") as f:
    f.write('%d\nLattice="%.8f 0 0 0 %.8f 0 0 0 %.8f" Properties=species:S:1:pos:R:3 pbc="T T T"\n' % (len(rows), L, L, L))
    f.write("\n".join(rows) + "\n")
PY
eam="$here/../shared/data/eam/Al_mm.eam.fs"
"$here/bin/sieve" md --potential "eam:$eam" --structure "$out/fcc2048.xyz" --ensemble langevin --temperature 2500 \
  --tdamp 100 --steps 5000 --dt 2 --thermo 500 --out "$out/melt" --quiet
"$here/bin/sieve" md --potential "eam:$eam" --structure "$out/melt/final.xyz" --ensemble nhc --temperature 1000 \
  --init-temperature 1000 --tdamp 200 --steps 15000 --dt 2 --thermo 1000 --sample-after 5000 --sample-every 20 \
  --rdf 7.0 --rdf-bin 0.05 --adf 3.4 --msd --out "$out/nvt1000" --quiet
