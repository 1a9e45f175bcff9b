#!/bin/sh
# One target: ./run1.sh TARGET SECONDS
cd "$(dirname "$0")"
export AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_UI=1 \
       AFL_NO_AFFINITY=1 AFL_AUTORESUME=1
cargo afl fuzz -i seeds/$1 -o out/$1 -t 2000 -V "$2" target/release/$1 > out-$1.log 2>&1
