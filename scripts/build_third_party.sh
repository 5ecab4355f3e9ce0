#!/usr/bin/env bash
# Builds XNNPACK + pthreadpool (+ cpuinfo for native) for one VARIANT into a prefix under
# the cache and prints that prefix on stdout (logs go to stderr).
#
#   scripts/build_third_party.sh native|wasm-threads|wasm-simd|wasm-plain
#
#   native        g++/gcc, XNNPACK's own x86 dispatch through cpuinfo at run time
#   wasm-threads  emcc -msimd128 -pthread
#   wasm-simd     emcc -msimd128
#   wasm-plain    emcc, no SIMD, no threads
#
# Prefix: $MTCNN_CACHE/xnnpack/<variant>-<hash>, with include/, lib/ and xnnpack.cmake
# (defines the target xnnpack::xnnpack). The hash covers the source tarballs, the patches
# in third_party/patches, the variant's flags, the compiler version and this script. The
# stable symlink $MTCNN_CACHE/xnnpack/<variant> is pointed at it atomically. A prefix that
# is complete (stamp file .complete) is reused as is. Builds happen in a temporary folder
# that is moved into place at the end, so an interrupted build never looks complete.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/lib.sh"

variant="${1:-}"
case "$variant" in
  native|wasm-threads|wasm-simd|wasm-plain) ;;
  *) die "usage: $(basename "$0") native|wasm-threads|wasm-simd|wasm-plain" ;;
esac
root="$(cd "$here/.." && pwd)"
patch_dir="$root/third_party/patches"
jobs=$(( $(nproc) < 2 ? $(nproc) : 2 ))   # the machine has 2 cores: never more than -j2

# ---- Sources (fetch_sources.sh prints name=dir; dir names carry the tarball sha256) ----
declare -A src
while IFS='=' read -r name dir; do src[$name]="$dir"; done < <(bash "$here/fetch_sources.sh")
for name in xnnpack pthreadpool fxdiv cpuinfo; do
  [ -d "${src[$name]:-/nonexistent}" ] || die "fetch_sources.sh gave no source folder for $name"
done

# ---- Patched copy of XNNPACK + pthreadpool, keyed by (sources, patch contents) ----
# Patch files are named <component>-NNNN-*.patch and applied in name order with patch -p1
# inside that component's folder.
shopt -s nullglob
patches=("$patch_dir"/*.patch)
shopt -u nullglob
patch_key=$({
  basename "${src[xnnpack]}"; basename "${src[pthreadpool]}"
  for p in "${patches[@]}"; do basename "$p"; sha256sum <"$p"; done
} | sha256sum | cut -c1-16)
patched="$MTCNN_CACHE/patched/$patch_key"
if [ ! -f "$patched/.patched" ]; then
  mkdir -p "$MTCNN_CACHE/patched"
  exec 8>"$MTCNN_CACHE/patched/.lock"; flock 8
  if [ ! -f "$patched/.patched" ]; then
    log "preparing patched sources $patched"
    tmp="$patched.tmp.$$"
    rm -rf "$patched".tmp.* "$patched" && mkdir -p "$tmp"   # leftovers of interrupted runs too
    cp -a "${src[xnnpack]}" "$tmp/xnnpack"
    cp -a "${src[pthreadpool]}" "$tmp/pthreadpool"
    for p in "${patches[@]}"; do
      comp="$(basename "$p")"; comp="${comp%%-*}"
      [ -d "$tmp/$comp" ] || { rm -rf "$tmp"; die "patch $(basename "$p"): unknown component '$comp'"; }
      (cd "$tmp/$comp" && patch -p1 --forward --batch --quiet <"$p") \
        || { rm -rf "$tmp"; die "patch $(basename "$p") does not apply to $comp"; }
    done
    touch "$tmp/.patched"
    mv -T "$tmp" "$patched"
  fi
  exec 8>&-
fi

# ---- Variant: compiler, flags, CMake options ----
common=(-G Ninja -DCMAKE_BUILD_TYPE=Release
  -DCMAKE_C_FLAGS_RELEASE="-O3 -DNDEBUG" -DCMAKE_CXX_FLAGS_RELEASE="-O3 -DNDEBUG"
  -DXNNPACK_LIBRARY_TYPE=static -DPTHREADPOOL_LIBRARY_TYPE=static
  -DXNNPACK_BUILD_TESTS=OFF -DXNNPACK_BUILD_BENCHMARKS=OFF -DXNNPACK_BUILD_ALL_MICROKERNELS=OFF
  -DUSE_GNU_SOURCE=ON
  -DPTHREADPOOL_SOURCE_DIR="$patched/pthreadpool" -DFXDIV_SOURCE_DIR="${src[fxdiv]}")
libs=(XNNPACK microkernels-prod pthreadpool)
case "$variant" in
  native)
    configure=(cmake); compiler="$(g++ --version | head -n1)"; flags=""
    common+=(-DCMAKE_C_COMPILER=gcc -DCMAKE_CXX_COMPILER=g++ -DCMAKE_POSITION_INDEPENDENT_CODE=ON
      -DCPUINFO_SOURCE_DIR="${src[cpuinfo]}")
    libs+=(cpuinfo) ;;
  wasm-*)
    configure=(emcmake cmake); compiler="$(emcc --version | head -n1)"
    case "$variant" in
      wasm-threads) flags="-msimd128 -pthread"; simd=ON ;;
      wasm-simd)    flags="-msimd128"; simd=ON ;;
      wasm-plain)   flags=""; simd=OFF ;;
    esac
    # RISCV_VECTOR=OFF: the generic (non-x86/arm) transpose config otherwise names RVV kernels.
    common+=(-DXNNPACK_ENABLE_WASM_SIMD=$simd -DXNNPACK_ENABLE_RISCV_VECTOR=OFF) ;;
esac
common+=(-DCMAKE_C_FLAGS="$flags" -DCMAKE_CXX_FLAGS="$flags")

key=$({
  echo "variant=$variant"; echo "compiler=$compiler"; cmake --version | head -n1
  echo "patched=$patch_key"; basename "${src[fxdiv]}"
  [ "$variant" = native ] && basename "${src[cpuinfo]}"
  printf '%s\n' "${configure[@]}" "${common[@]}"
  sha256sum <"${BASH_SOURCE[0]}"
} | sha256sum | cut -c1-16)
outdir="$MTCNN_CACHE/xnnpack"
prefix="$outdir/$variant-$key"
mkdir -p "$outdir"

point_symlink() { # atomically: $outdir/$variant -> $variant-$key (relative)
  ln -sfn "$variant-$key" "$outdir/.$variant.link.$$"
  mv -Tf "$outdir/.$variant.link.$$" "$outdir/$variant"
}

if [ -f "$prefix/.complete" ]; then   # fast path
  point_symlink; echo "$prefix"; exit 0
fi

exec 9>"$outdir/.lock-$variant"; flock 9
if [ -f "$prefix/.complete" ]; then point_symlink; echo "$prefix"; exit 0; fi

# ---- Cold build in a temporary folder ----
mkdir -p "$outdir/logs"
logf="$outdir/logs/$variant-$key.log"
work="$outdir/.build-$variant-$key.$$"
rm -rf "$outdir/.build-$variant-"* && mkdir -p "$work"   # we hold the lock: others are leftovers
trap 'rm -rf "$work" "$outdir/.$variant.link.$$"' EXIT
fail() { log "$1 (log: $logf), last lines:"; tail -n 40 "$logf" >&2; exit 1; }
start=$SECONDS
log "building XNNPACK $variant (flags: ${flags:-none}) with -j$jobs, log: $logf"
: >"$logf"
# Nothing may be fetched at configure time: every dependency comes from the cache. Where a
# network namespace can be made (root), configure runs without network to enforce it.
offline=()
if unshare -n true 2>/dev/null; then offline=(unshare -n); fi
"${offline[@]}" "${configure[@]}" -S "$patched/xnnpack" -B "$work/build" "${common[@]}" >>"$logf" 2>&1 \
  || fail "configure failed"
if grep -qi 'downloading' "$logf" || compgen -G "$work/build/*-download" >/dev/null; then
  fail "configure tried to download a dependency"
fi
cmake --build "$work/build" -j "$jobs" >>"$logf" 2>&1 || fail "build failed"

stage="$work/prefix"
mkdir -p "$stage/include" "$stage/lib"
cp "$patched/xnnpack/include/xnnpack.h" "$patched/xnnpack/include/experiments-config.h" \
   "$patched/pthreadpool/include/pthreadpool.h" "$stage/include/"
for lib in "${libs[@]}"; do
  found=$(find "$work/build" -name "lib$lib.a" -print -quit)
  [ -n "$found" ] || fail "lib$lib.a was not built"
  cp "$found" "$stage/lib/"
done

# CMake package file: xnnpack::xnnpack links the libraries in dependency order.
{
  echo "# Generated by scripts/build_third_party.sh for variant $variant ($compiler)."
  echo "# include() this file, then target_link_libraries(app PRIVATE xnnpack::xnnpack)."
  echo "# Everything linked with it must be compiled with XNNPACK_VARIANT_FLAGS as well."
  echo "if(TARGET xnnpack::xnnpack)"
  echo "  return()"
  echo "endif()"
  echo "set(XNNPACK_VARIANT \"$variant\")"
  echo "set(XNNPACK_VARIANT_FLAGS \"$flags\")"
  echo "get_filename_component(_xnnpack_prefix \"\${CMAKE_CURRENT_LIST_DIR}\" ABSOLUTE)"
  echo "foreach(_lib ${libs[*]})"
  echo "  add_library(xnnpack::\${_lib} STATIC IMPORTED)"
  echo "  set_target_properties(xnnpack::\${_lib} PROPERTIES"
  echo "    IMPORTED_LOCATION \"\${_xnnpack_prefix}/lib/lib\${_lib}.a\""
  echo "    IMPORTED_LINK_INTERFACE_LANGUAGES \"C;CXX\")"
  echo "endforeach()"
  echo "add_library(xnnpack::xnnpack INTERFACE IMPORTED)"
  echo "set_target_properties(xnnpack::xnnpack PROPERTIES"
  echo "  INTERFACE_INCLUDE_DIRECTORIES \"\${_xnnpack_prefix}/include\""
  linkl=""; for lib in "${libs[@]}"; do linkl+="xnnpack::$lib;"; done
  case "$variant" in
    native)
      echo "  INTERFACE_LINK_LIBRARIES \"${linkl}Threads::Threads;m\")"
      echo "set(THREADS_PREFER_PTHREAD_FLAG ON)"
      echo "find_package(Threads REQUIRED)" ;;
    wasm-threads)
      echo "  INTERFACE_LINK_LIBRARIES \"${linkl%;}\""
      echo "  INTERFACE_COMPILE_OPTIONS \"-pthread\""
      echo "  INTERFACE_LINK_OPTIONS \"-pthread\")" ;;
    *)
      echo "  INTERFACE_LINK_LIBRARIES \"${linkl%;}\")" ;;
  esac
  echo "unset(_xnnpack_prefix)"
} >"$stage/xnnpack.cmake"

{
  echo "variant=$variant"; echo "key=$key"; echo "compiler=$compiler"; echo "flags=$flags"
  echo "patched=$patched"; for p in "${patches[@]}"; do echo "patch=$(basename "$p")"; done
  echo "built=$(date -u +%FT%TZ) in $((SECONDS - start)) s"
} >"$stage/build-info.txt"
touch "$stage/.complete"

rm -rf "$prefix"            # an incomplete leftover, if any
mv -T "$stage" "$prefix"
point_symlink
log "built $variant in $((SECONDS - start)) s"
echo "$prefix"
