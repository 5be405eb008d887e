#!/usr/bin/env bash
# test/fuzz/run.sh: builds the libFuzzer harness for the journey pattern compiler and matcher
# (pattern_fuzz.c and fuzz_unreached.c with src/journey/pattern*.c and src/core/util.c, outside the server,
# under AddressSanitizer and UBSan) and runs it on the seed corpus for FUZZ_SECONDS (default
# 60). Needs clang with libFuzzer (Debian: apt-get install clang). Crashes and slow inputs
# (over 5 s) are written to FUZZ_OUT (default /tmp/cxm-pattern-fuzz). Extra arguments go to
# libFuzzer.
set -euo pipefail
cd "$(dirname "$0")"
PG_CONFIG=${PG_CONFIG:-/usr/lib/postgresql/${PG_MAJOR:-15}/bin/pg_config}
out=${FUZZ_OUT:-/tmp/cxm-pattern-fuzz}
mkdir -p "$out/corpus"
clang -g -O1 -Wno-ignored-attributes -fsanitize=fuzzer,address,undefined \
    -fno-sanitize-recover=undefined -I"$("$PG_CONFIG" --includedir-server)" -I../../src/core -I../../src/journey \
    pattern_fuzz.c fuzz_unreached.c ../../src/journey/pattern_parse.c ../../src/journey/pattern.c ../../src/core/util.c \
    -L"$("$PG_CONFIG" --pkglibdir)" -lpgport -lpgcommon -lm -o "$out/pattern_fuzz"
cp -n seeds/* "$out/corpus/" 2>/dev/null || true
"$out/pattern_fuzz" -max_total_time="${FUZZ_SECONDS:-60}" -max_len=512 -timeout=5 \
    -artifact_prefix="$out/" -dict=pattern.dict "$@" "$out/corpus"
