#!/usr/bin/env bash
# Puts mekiki beside SpamAssassin and Rspamd on the same mail, offline,
# and prints the table the README carries. Installs the peers from
# Debian's packages first (needs root and the Debian archive).
#
#   bench/peers/run.sh [MANIFEST.tsv] [--split test|dev|all]
set -euo pipefail
cd "$(dirname "$0")/../.."
manifest="${1:-../shared/corpus/MANIFEST.tsv}"
shift || true
if ! command -v spamd >/dev/null && [ ! -x /usr/sbin/spamd ] || ! command -v rspamd >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends spamassassin spamd rspamd >/dev/null
fi
# The packages start their own daemons; the benchmark runs private ones.
systemctl stop spamd rspamd 2>/dev/null || service spamd stop 2>/dev/null || true
go run ./bench/peers "$@" "$manifest"
