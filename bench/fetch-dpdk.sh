#!/bin/sh
# bench/fetch-dpdk.sh [SOURCE]: makes bench/trees/dpdk, a shallow clone of DPDK's HEAD, for
# bench/run.sh.  SOURCE is a git URL or a local git directory (bare or not); default the
# upstream repository.  bench/trees/ is in .gitignore.
set -eu
cd "$(dirname "$0")"
SOURCE=${1:-https://dpdk.org/git/dpdk}
DEST=trees/dpdk

if [ -e "$DEST" ]; then
	echo "bench/fetch-dpdk.sh: bench/$DEST already exists; remove it to fetch again" >&2
	exit 2
fi
# A plain path makes git clone locally and ignore --depth: say file:// to get a shallow copy.
if [ -d "$SOURCE" ]; then
	SOURCE="file://$(cd "$SOURCE" && pwd)"
fi
mkdir -p trees
git clone --depth 1 --single-branch "$SOURCE" "$DEST"
echo "bench/$DEST: $(git -C "$DEST" log -1 --format='%h %cs %s')"
