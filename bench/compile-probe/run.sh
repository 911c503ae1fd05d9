#!/usr/bin/env bash
# Compile-time probe: clean builds of two tiny programs doing the same GetItem job, one on
# ews-types and one on the `ews` crate (0.1.2), timed one after another. See README.md.
#
#   bench/compile-probe/run.sh
#   BUILDS="ews_debug ews_types_debug" bench/compile-probe/run.sh   # a subset
#   FAMILY=mail bench/compile-probe/run.sh                           # the family build's feature
#
# Ends with one line: COMPILE ews_types_debug_s=… … family_ratio=… (NA where a build failed).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
OUT="$ROOT/target/compile-probe"
FAMILY=${FAMILY:-mail}
ALL_BUILDS="ews_types_debug ews_debug ews_types_release ews_release family_debug serde_debug"
BUILDS=${BUILDS:-$ALL_BUILDS}

for b in $BUILDS; do
    case " $ALL_BUILDS " in
        *" $b "*) ;;
        *) echo "run.sh: unknown build '$b' (known: $ALL_BUILDS)" >&2; exit 2 ;;
    esac
done

# Dependents must need no schema files: nothing may point the build at them. The variables
# are unset here, and cargo runs from a folder outside the repository, because the
# repository's .cargo/config.toml sets EWS_SCHEMA_DIR for every cargo started inside it
# (even with --manifest-path pointing elsewhere).
unset EWS_SCHEMA_DIR EWS_VERSIONS_DIR
# No compiler cache: every clean build compiles everything.
unset RUSTC_WRAPPER CARGO_BUILD_RUSTC_WRAPPER
# Cargo compiles path dependencies (ews-types here) incrementally in dev builds and registry
# dependencies (ews here) not; a dependent that takes ews-types from a registry gets the
# latter. Same rule for both sides.
export CARGO_INCREMENTAL=0

NEUTRAL="$(mktemp -d "${TMPDIR:-/tmp}/compile-probe.XXXXXX")"
trap 'rm -rf "$NEUTRAL"' EXIT
cd "$NEUTRAL"

mkdir -p "$OUT"

manifest() { echo "$HERE/$1/Cargo.toml"; }

# --- Fetch first, so that no build waits on the network. ------------------------------------
echo "== fetch"
cargo fetch --locked --manifest-path "$(manifest on-ews)"
# ews-types is a path dependency: when its own dependencies change, the probe's lock follows
# (versions already locked stay as they are). Say so, since the lock is committed.
EWS_TYPES_LOCK="$HERE/on-ews-types/Cargo.lock"
lock_before="$(cksum <"$EWS_TYPES_LOCK")"
EWS_TYPES_FETCHED=1
if ! cargo fetch --manifest-path "$(manifest on-ews-types)"; then
    echo "run.sh: cargo fetch failed for on-ews-types: its builds will be NA" >&2
    EWS_TYPES_FETCHED=0
fi
if [ "$lock_before" != "$(cksum <"$EWS_TYPES_LOCK")" ]; then
    echo "note: on-ews-types/Cargo.lock changed (ews-types' dependencies changed); commit it"
fi

# --- Builds. ---------------------------------------------------------------------------------
declare -A SECS CRATES UNITS STATUS

# What each build is: package, then cargo flags.
build_pkg() {
    case "$1" in
        ews_debug | ews_release) echo on-ews ;;
        *) echo on-ews-types ;;
    esac
}
build_flags() {
    case "$1" in
        *_release) echo --release ;;
        family_debug) echo --no-default-features --features "ews-types/$FAMILY" ;;
        serde_debug) echo --features serde ;;
        *) echo ;;
    esac
}

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }

# Crates in the dependency graph (normal and build dependencies, the probe included).
count_crates() {
    local pkg=$1 tree
    shift
    if tree=$(cargo tree --offline --locked --manifest-path "$(manifest "$pkg")" "$@" \
        -e normal,build --prefix none --format '{p}' 2>/dev/null); then
        # shellcheck disable=SC2001
        sed 's/ (\*)$//' <<<"$tree" | sort -u | grep -c . || true
    else
        echo NA
    fi
}

# run_build NAME: clean build into $OUT/NAME, log in $OUT/NAME/build.log.
run_build() {
    local name=$1 pkg flags dir log start end
    pkg=$(build_pkg "$name")
    read -r -a flags <<<"$(build_flags "$name")"
    dir="$OUT/$name"
    log="$dir/build.log"
    SECS[$name]=NA UNITS[$name]=NA STATUS[$name]=failed
    CRATES[$name]=$(count_crates "$pkg" "${flags[@]}")
    if [ "$pkg" = on-ews-types ] && [ "$EWS_TYPES_FETCHED" = 0 ]; then
        STATUS[$name]="not fetched"
        return 1
    fi
    rm -rf "$dir"
    mkdir -p "$dir"
    echo "== $name: cargo build${flags[*]:+ ${flags[*]}} ($pkg)"
    start=$(now)
    if CARGO_TARGET_DIR="$dir" cargo build --locked --offline \
        --manifest-path "$(manifest "$pkg")" "${flags[@]}" >"$log" 2>&1; then
        end=$(now)
        SECS[$name]=$(elapsed "$start" "$end")
        UNITS[$name]=$(grep -c '^ *Compiling ' "$log" || true)
        STATUS[$name]=ok
        echo "   ${SECS[$name]} s"
        return 0
    fi
    echo "   FAILED; last lines of $log:"
    tail -n 25 "$log" | sed 's/^/   | /'
    return 1
}

INCREMENTAL=NA
for b in $BUILDS; do
    if run_build "$b" && [ "$b" = ews_types_debug ]; then
        # A dependent's edit-build cycle: touch the probe's own source and rebuild.
        touch "$HERE/on-ews-types/src/main.rs"
        log="$OUT/ews_types_debug/incremental.log"
        echo "== incremental: touch on-ews-types/src/main.rs, cargo build"
        start=$(now)
        if CARGO_TARGET_DIR="$OUT/ews_types_debug" cargo build --locked --offline \
            --manifest-path "$(manifest on-ews-types)" >"$log" 2>&1; then
            end=$(now)
            INCREMENTAL=$(elapsed "$start" "$end")
            echo "   $INCREMENTAL s"
        else
            echo "   FAILED; last lines of $log:"
            tail -n 25 "$log" | sed 's/^/   | /'
        fi
    fi
done

# --- Report. ---------------------------------------------------------------------------------
val() { echo "${SECS[$1]:-NA}"; }
ratio() {
    local a=$1 b=$2
    if [ "$a" = NA ] || [ "$b" = NA ]; then echo NA; return; fi
    awk -v a="$a" -v b="$b" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "NA" }'
}

echo
echo "rustc: $(rustc --version); cores: $(nproc); ews-types at $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')"
printf '%-18s %-14s %8s %7s %9s  %s\n' build package seconds crates compiled status
for b in $ALL_BUILDS; do
    case " $BUILDS " in *" $b "*) ;; *) continue ;; esac
    printf '%-18s %-14s %8s %7s %9s  %s\n' "$b" "$(build_pkg "$b")" "$(val "$b")" \
        "${CRATES[$b]}" "${UNITS[$b]}" "${STATUS[$b]}"
done
printf '%-18s %-14s %8s\n' incremental on-ews-types "$INCREMENTAL"
echo "(crates: packages in the normal+build dependency graph, probe included;"
echo " compiled: 'Compiling' lines of the clean build; family feature: ews-types/$FAMILY)"
echo

echo "COMPILE ews_types_debug_s=$(val ews_types_debug) ews_debug_s=$(val ews_debug)" \
    "ews_types_release_s=$(val ews_types_release) ews_release_s=$(val ews_release)" \
    "family_debug_s=$(val family_debug) serde_debug_s=$(val serde_debug)" \
    "incremental_s=$INCREMENTAL" \
    "debug_ratio=$(ratio "$(val ews_types_debug)" "$(val ews_debug)")" \
    "release_ratio=$(ratio "$(val ews_types_release)" "$(val ews_release)")" \
    "family_ratio=$(ratio "$(val family_debug)" "$(val ews_debug)")"
