#!/usr/bin/env bash
# Builds the fuzz targets in Targets/ with libFuzzer and AddressSanitizer and runs each for a
# bounded time, seeded with the contract examples. Usage: Fuzz/run.sh [seconds per target, default 60]
set -euo pipefail
cd "$(dirname "$0")"
seconds="${1:-60}"
swift build -c release
build=.build/release
objects=("$build"/HandoverModel.build/*.o "$build"/HandoverFormats.build/*.o)
mkdir -p bin corpus/FuzzER7 corpus/FuzzSubmission corpus/FuzzCouncilXML corpus/FuzzFHIR corpus/FuzzCouncil corpus/FuzzHMPPS
for seed in ../contracts/formats/hl7v2/examples/*.er7 ../contracts/formats/hl7v2/golden/*.er7; do
    cp "$seed" "corpus/FuzzER7/$(basename "$(dirname "$seed")")-$(basename "$seed")"
done
cp ../contracts/canonical/examples/*.submission.json corpus/FuzzSubmission/
for seed in ../contracts/formats/council-xml/examples/*.xml ../contracts/formats/council-xml/golden/*.xml; do
    cp "$seed" "corpus/FuzzCouncilXML/$(basename "$(dirname "$seed")")-$(basename "$seed")"
done
for seed in ../contracts/formats/fhir-r4/examples/*.json ../contracts/formats/fhir-r4/golden/*.fhir.json; do
    cp "$seed" "corpus/FuzzFHIR/$(basename "$(dirname "$seed")")-$(basename "$seed")"
done
for seed in ../contracts/formats/council-json/examples/*.json ../contracts/formats/council-json/golden/*.council.json \
    ../contracts/formats/council-csv/examples/*.csv ../contracts/formats/council-csv/golden/*.csv; do
    cp "$seed" "corpus/FuzzCouncil/$(basename "$(dirname "$(dirname "$seed")")")-$(basename "$(dirname "$seed")")-$(basename "$seed")"
done
for seed in ../contracts/formats/hmpps-json/examples/*.json ../contracts/formats/hmpps-json/golden/*.hmpps.json; do
    cp "$seed" "corpus/FuzzHMPPS/$(basename "$(dirname "$seed")")-$(basename "$seed")"
done
status=0
for target in FuzzER7 FuzzSubmission FuzzCouncilXML FuzzFHIR FuzzCouncil FuzzHMPPS; do
    # The gold linker warns once per AddressSanitizer helper symbol; keep that out of the way.
    if ! swiftc -O -sanitize=fuzzer,address -parse-as-library -I "$build/Modules" "Targets/$target.swift" "${objects[@]}" \
        -o "bin/$target" 2> "bin/$target.link.log"; then
        cat "bin/$target.link.log"
        exit 1
    fi
    echo "== $target for ${seconds}s"
    # -max_len 65536 lets mutations reach the field-size limit; -rss_limit_mb bounds memory.
    if ! "bin/$target" "corpus/$target" -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 2> "bin/$target.log"; then
        status=1
        echo "$target FAILED; see Fuzz/bin/$target.log and the crash-* input in Fuzz/"
    fi
    grep -E "stat::number_of_executed_units|stat::peak_rss_mb|Done [0-9]+ runs|ERROR" "bin/$target.log" || true
done
exit $status
