#!/usr/bin/env bash
# Runs kmodj's benchmarks and the same work with real kmod, in one run, for docs/BENCHMARKS.md.
# usage: bench/run.sh [OUTDIR]
# Needs: mvn, java, kmod (modprobe, depmod), hyperfine; downloads the real Debian kernel trees
# (cloud and full) with engine/src/test/scripts/real-kernel-tree.sh into ~/.cache/kmodj.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-$here/bench/target/results}"
mkdir -p "$out"
cd "$here"
cache="${KMODJ_CACHE:-$HOME/.cache/kmodj}"
fetch="$here/engine/src/test/scripts/real-kernel-tree.sh"
cloud_dir=$(bash "$fetch" "$cache/realtree" cloud | tail -n 1)
full_dir=$(bash "$fetch" "$cache/realtree-full" full | tail -n 1)
cloud_root=${cloud_dir%/lib/modules/*}; cloud_ver=${cloud_dir##*/}
full_root=${full_dir%/lib/modules/*}; full_ver=${full_dir##*/}

mvn -B -q -Pbench -DskipTests package
jar="$here/bench/target/benchmarks.jar"
export KMODJ_NO_BUILD=1
# kmodj's binary cache of this run only, filled by each benchmark's warm-up run
export XDG_CACHE_HOME="$out/xdg-cache"
rm -rf "$XDG_CACHE_HOME"
k="$here/kmodj"
uptime | tee "$out/load.txt"

# inputs: 100,000-line configuration files, and every name and alias string of the full tree
mkdir -p "$out/big.d" "$out/empty.d"
java -cp "$jar" io.kmodj.bench.ConfigGenerator modprobe.d 100000 "$out/big.d/big.conf"
java -cp "$jar" io.kmodj.bench.ConfigGenerator modules.conf 100000 "$out/modules.conf"
sed -n 's#^\([^:]*\):.*#\1#p' "$full_dir/modules.dep" | sed 's#.*/##; s#\.ko.*##; s#-#_#g' > "$out/names.txt"
awk '$1 == "alias" { print $2 }' "$full_dir/modules.alias" | sed 's/[*?]/0/g; s/\[[^]]*\]/0/g' > "$out/aliases.txt"
wc -l "$out/names.txt" "$out/aliases.txt"

# 1. parsing, warm (JMH)
java -jar "$jar" ParseBenchmark -rf json -rff "$out/jmh-parse.json" | tee "$out/jmh-parse.txt"

# 1b. the graph pane's layouts on the full tree (JMH; no kmod equivalent)
java -jar "$jar" GraphLayoutBenchmark -jvmArgsAppend "-Dkmodj.tree=$full_root -Dkmodj.version=$full_ver" \
  -rf json -rff "$out/jmh-graph.json" | tee "$out/jmh-graph.txt"

# 1c. the Diff pane's recompute on the samples and the full tree (JMH; no kmod equivalent)
java -jar "$jar" DiffPaneBenchmark -prof gc \
  -jvmArgsAppend "-Dkmodj.tree=$full_root -Dkmodj.version=$full_ver -Dkmodj.samples=$here/samples" \
  -rf json -rff "$out/jmh-diff.json" | tee "$out/jmh-diff.txt"

# 1d. the editor's work per keystroke on a 10,000-line file, both dialects (JMH; no kmod equivalent)
java -jar "$jar" KeystrokeBenchmark -rf json -rff "$out/jmh-keystroke.json" | tee "$out/jmh-keystroke.txt"

# 2. whole processes, kmodj beside kmod; hyperfine's report (with user and system CPU time) is
# kept beside the markdown table, and the load before each benchmark
hf() {
  uptime >> "$out/load.txt"
  hyperfine -N --warmup "${WARMUP:-1}" --runs "${RUNS:-5}" --export-markdown "$out/$1.md" \
    --export-json "$out/$1.json" "${@:2}" | tee "$out/$1.txt"
}
# the same without the cache: what the first run after a change costs
hf modprobe-c-uncached \
  "env KMODJ_NO_CACHE=1 $k modprobe -C $out/big.d -d $cloud_root -S $cloud_ver -c"
hf modules-conf-c-uncached \
  "env KMODJ_NO_CACHE=1 $k modprobe --dialect modutils -C $out/modules.conf -d $here/samples/modutils -S 2.4.27 -c"
hf show-depends-ext4-empty \
  "$k modprobe -C $out/empty.d -d $cloud_root -S $cloud_ver --show-depends ext4" \
  "modprobe -C $out/empty.d -d $cloud_root -S $cloud_ver --show-depends ext4"
hf modprobe-c \
  "$k modprobe -C $out/big.d -d $cloud_root -S $cloud_ver -c" \
  "modprobe -C $out/big.d -d $cloud_root -S $cloud_ver -c"
hf show-depends-ext4 \
  "$k modprobe -C $out/big.d -d $cloud_root -S $cloud_ver --show-depends ext4" \
  "modprobe -C $out/big.d -d $cloud_root -S $cloud_ver --show-depends ext4"
hf batch-names \
  "$k modprobe -C $out/empty.d -d $full_root -S $full_ver --show-depends --batch $out/names.txt"
RUNS=1 WARMUP=0 hf batch-names-kmod \
  "sh -c 'while read n; do modprobe -C $out/empty.d -d $full_root -S $full_ver --show-depends \$n; done < $out/names.txt'"
RUNS=1 WARMUP=0 hf batch-aliases-kmod \
  "sh -c 'while read n; do modprobe -C $out/empty.d -d $full_root -S $full_ver --show-depends \$n; done < $out/aliases.txt'"
hf batch-aliases \
  "$k modprobe -C $out/empty.d -d $full_root -S $full_ver --show-depends --batch $out/aliases.txt"
hf modules-conf-c "$k modprobe --dialect modutils -C $out/modules.conf -d $here/samples/modutils -S 2.4.27 -c"
hf modules-conf-n "$k modprobe --dialect modutils -C $out/modules.conf -d $here/samples/modutils -S 2.4.27 -n -v eth0"
# kmodj diff over the whole full tree: the samples' modprobe.d against the same plus one blacklist
# line (no kmod equivalent: kmod would take a modprobe per name and configuration)
rm -rf "$out/diff-old" "$out/diff-new"; mkdir -p "$out/diff-old" "$out/diff-new"
cp "$here"/samples/modern/etc/modprobe.d/*.conf "$out/diff-old/"
cp "$out"/diff-old/*.conf "$out/diff-new/"; echo "blacklist e1000e" > "$out/diff-new/50-local.conf"
hf diff-full -i "$k diff -d $full_root -S $full_ver $out/diff-old $out/diff-new" \
  "$k diff --exhaustive -d $full_root -S $full_ver $out/diff-old $out/diff-new"
rm -rf "$out/depmod-k" "$out/depmod-m"
cp -r "$full_root" "$out/depmod-k"; cp -r "$full_root" "$out/depmod-m"
hf depmod-full "$k depmod -b $out/depmod-k $full_ver" "depmod -b $out/depmod-m $full_ver"
