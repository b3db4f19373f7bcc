#!/usr/bin/env bash
# Runs kmodj's benchmarks and the same work with real kmod, in one run, for docs/BENCHMARKS.md.
# usage: bench/run.sh [OUTDIR]   (needs: mvn, java, kmod's modprobe, hyperfine)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-$here/bench/target/results}"
mkdir -p "$out"
cd "$here"

mvn -B -q -Pbench -DskipTests package -pl grammar,engine,bench -am
jar="$here/bench/target/benchmarks.jar"

# inputs
java -cp "$jar" io.kmodj.bench.ConfigGenerator modprobe.d 100000 "$out/big.conf"
java -cp "$jar" io.kmodj.bench.ConfigGenerator modules.conf 100000 "$out/big-modules.conf"

# kmodj: parsing, warm (JMH)
java -jar "$jar" ParseBenchmark -rf json -rff "$out/jmh-parse.json" | tee "$out/jmh-parse.txt"

# kmod: modprobe -c over the same modprobe.d file, whole process
if command -v modprobe >/dev/null && command -v hyperfine >/dev/null; then
  tree="$here/engine/src/test/resources/kernels/debian-6.1.0-47-cloud-amd64"
  hyperfine --warmup 2 --runs 10 --export-json "$out/kmod-c.json" \
    "modprobe -C $out/big.conf -d $tree -S 6.1.0-47-cloud-amd64 -c > /dev/null" \
    | tee "$out/kmod-c.txt"
fi
