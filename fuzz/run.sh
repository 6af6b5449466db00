#!/usr/bin/env bash
# Long fuzzing run of one target with AFL++ and SharpFuzz: fuzz/run.sh TARGET [SECONDS]
# TARGET: readers | decoder | html. Findings land in fuzz/findings/TARGET/default/{crashes,hangs}/.
# Needs: apt-get install -y afl++; dotnet tool install --tool-path /tmp/tools SharpFuzz.CommandLine --version 2.3.0
set -euo pipefail
TARGET=${1:?usage: fuzz/run.sh readers|decoder|html [SECONDS]}
SECONDS_TO_RUN=${2:-3600}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
SHARPFUZZ=${SHARPFUZZ:-/tmp/tools/sharpfuzz}
OUT=${FUZZ_BUILD:-/tmp/storyline-fuzz-build}
command -v afl-fuzz >/dev/null || { echo "afl-fuzz not found: apt-get install -y afl++" >&2; exit 2; }
[ -x "$SHARPFUZZ" ] || dotnet tool install --tool-path "$(dirname "$SHARPFUZZ")" SharpFuzz.CommandLine --version 2.3.0

# Build to a private folder, then instrument the assemblies whose code is fuzzed (ours and the parsers we feed).
rm -rf "$OUT/bin"  # a fresh copy: SharpFuzz refuses assemblies it already instrumented
STORYLINE_ARTIFACTS=$OUT/artifacts dotnet publish "$HERE/Storyline.Fuzz/Storyline.Fuzz.csproj" -c Release -o "$OUT/bin" >/dev/null
for dll in Storyline.Core Storyline.Ingest Storyline.Extraction Storyline.Metadata AngleSharp SmartReader; do
  [ -f "$OUT/bin/$dll.dll" ] && "$SHARPFUZZ" "$OUT/bin/$dll.dll" >/dev/null
done

mkdir -p "$HERE/findings/$TARGET"
# .NET needs a large memory limit; -t 5000: an input over 5 s counts as a hang (inputs are small; real cost is milliseconds).
export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=${AFL_NO_UI:-1} AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1
exec afl-fuzz -V "$SECONDS_TO_RUN" -i "$HERE/corpus/$TARGET" -o "$HERE/findings/$TARGET" -m none -t 5000 \
  -- "$OUT/bin/Storyline.Fuzz" "$TARGET"
