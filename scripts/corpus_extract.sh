#!/usr/bin/env bash
# Extracts the real-world corpus (scripts/realworld.tsv: repo, pinned commit, ...) from git
# snapshots into DEST/<owner>+<name>, and writes DEST/MANIFEST.tsv, the layout
# scripts/realworld.sh and scripts/mutations.sh read.
#
# Usage: scripts/corpus_extract.sh MIRRORS [DEST]      (DEST default /work/corpus)
# MIRRORS holds one git directory per project: MIRRORS/<owner>+<name>/repo (bare, or with a
# .git inside), e.g. the snapshots the `fetch` tool brings. Snapshots may lack their largest
# blobs, which makes `git archive` fail, so files are written one by one and a missing blob is
# skipped (and counted); none of the files the scorers read has been among them. A project
# already extracted is left as it is; a project without a snapshot is named and skipped.
set -uo pipefail

MIRRORS=${1:?usage: scripts/corpus_extract.sh MIRRORS [DEST]}
DEST=${2:-/work/corpus}
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

mkdir -p "$DEST"
cp "$ROOT/scripts/realworld.tsv" "$DEST/MANIFEST.tsv"
while IFS=$'\t' read -r repo commit _; do
  [[ $repo == repo || -z $repo ]] && continue
  name=${repo/\//+}
  out=$DEST/$name
  if [[ -d $out ]]; then
    echo "corpus: $repo: already extracted"
    continue
  fi
  gd=$MIRRORS/$name/repo
  [[ -d $gd/.git ]] && gd=$gd/.git
  if ! git --git-dir="$gd" cat-file -e "$commit^{commit}" 2>/dev/null; then
    echo "corpus: $repo: no snapshot with commit $commit under $MIRRORS/$name: skipped" >&2
    continue
  fi
  written=0 missing=0
  while IFS=$'\t' read -r meta path; do
    read -r _mode kind oid <<<"$meta"
    [[ $kind == blob ]] || continue
    mkdir -p "$out/$(dirname "$path")"
    if git --git-dir="$gd" cat-file blob "$oid" >"$out/$path" 2>/dev/null; then
      written=$((written + 1))
    else
      rm -f "$out/$path"
      missing=$((missing + 1))
    fi
  done < <(git --git-dir="$gd" ls-tree -r "$commit")
  echo "corpus: $repo at ${commit:0:12}: $written files, $missing missing from the snapshot"
done <"$ROOT/scripts/realworld.tsv"
