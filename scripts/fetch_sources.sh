#!/usr/bin/env bash
# Fetches the third-party C sources (XNNPACK, pthreadpool, fxdiv, cpuinfo) as Debian
# source-package tarballs through apt, with a private apt state so /etc/apt is never
# touched, checks their sha256 and unpacks them under the cache. Idempotent: a tarball
# already present with the right hash is not fetched again.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/lib.sh"

# name | suite | version | orig tarball sha256
SOURCES=(
  "xnnpack|trixie|0.0~git20241108.4ea82e5-2|90bde2caef0f880f627bab0dc805a86c4b8070cd98e3243db3046ab3f3be1a99"
  "pthreadpool|trixie|0.0~git20240616.560c60d-1|4cc3cbd933b28131d2a34edc54f76af9fb41bc490af5eae1a5bd3cd07ea90708"
  "fxdiv|trixie|0.0~git20200417.b408327-4|7953482badaf4cb34026c3487c257b8e4ab2df061c019bd6fabbbc12ad52c44b"
  "cpuinfo|sid|0.0~git20250905.877328f-1|557ca404a3836b9f335a3a06b65ff9fe9dbaaefab7fb5c0185f53d9f33615a10"
)

# The Debian mirror this machine already uses for binary packages.
debian_mirror() {
  local uri
  uri=$(grep -hE '^\s*URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '{print $2}' | grep -v security | head -n1 || true)
  if [ -z "$uri" ]; then
    uri=$(grep -hE '^\s*deb\s' /etc/apt/sources.list 2>/dev/null | awk '{print $2}' | grep -v security | head -n1 || true)
  fi
  [ -n "$uri" ] || die "cannot find the Debian mirror in /etc/apt"
  echo "$uri"
}

apt_source() { # suite package=version destdir
  local suite="$1" spec="$2" dest="$3"
  local state="$MTCNN_CACHE/apt-$suite"
  mkdir -p "$state/lists/partial" "$state/cache/archives/partial"
  if [ ! -f "$state/sources.list" ]; then
    echo "deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $(debian_mirror) $suite main" > "$state/sources.list"
  fi
  local opts=(-o "Dir::Etc::sourcelist=$state/sources.list" -o "Dir::Etc::sourceparts=/nonexistent"
              -o "Dir::State::Lists=$state/lists" -o "Dir::Cache=$state/cache"
              -o "Dir::State::status=/var/lib/dpkg/status" -o "APT::Get::Only-Source=true" -o "APT::Sandbox::User=root")
  if [ -z "$(ls "$state/lists" 2>/dev/null | grep -v partial || true)" ] || [ -n "${REFRESH:-}" ]; then
    apt-get "${opts[@]}" update -qq >"$state/update.log" 2>&1 || { cat "$state/update.log" >&2; die "apt-get update for $suite sources failed"; }
  fi
  # The .dsc / .debian.tar.xz may be missing on the mirror; only the .orig tarball matters,
  # so a partial failure is tolerated here and judged by the tarball's presence and hash below.
  (cd "$dest" && apt-get "${opts[@]}" source --download-only "$spec" >"$state/source.log" 2>&1) || true
}

mkdir -p "$MTCNN_CACHE/tarballs" "$MTCNN_CACHE/src"
for entry in "${SOURCES[@]}"; do
  IFS='|' read -r name suite version sha <<<"$entry"
  upstream="${version%-*}"
  tarball="$MTCNN_CACHE/tarballs/${name}_${upstream}.orig.tar.xz"
  if [ ! -f "$tarball" ] || [ "$(sha256sum "$tarball" | cut -d' ' -f1)" != "$sha" ]; then
    rm -f "$tarball"
    log "fetching $name $version ($suite source package)"
    apt_source "$suite" "$name=$version" "$MTCNN_CACHE/tarballs"
    [ -f "$tarball" ] || die "missing $(basename "$tarball"): the $suite mirror did not serve $name=$version"
  fi
  got=$(sha256sum "$tarball" | cut -d' ' -f1)
  [ "$got" = "$sha" ] || die "$(basename "$tarball"): sha256 $got, expected $sha"
  dest="$MTCNN_CACHE/src/$name-${sha:0:16}"
  if [ ! -f "$dest/.unpacked" ]; then
    rm -rf "$dest" "$dest.tmp" && mkdir -p "$dest.tmp"
    tar -xJf "$tarball" -C "$dest.tmp"
    # Some orig tarballs wrap everything in one top-level folder, XNNPACK's does not.
    top=("$dest.tmp"/*)
    if [ "${#top[@]}" -eq 1 ] && [ -d "${top[0]}" ]; then mv "${top[0]}" "$dest"; rm -rf "$dest.tmp"; else mv "$dest.tmp" "$dest"; fi
    touch "$dest/.unpacked"
  fi
  echo "$name=$dest"
done
