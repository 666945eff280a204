#!/bin/sh
# Trunk post_build hook (Trunk.toml), run in the staging folder before it becomes dist/, by
# `trunk build` and `trunk serve` alike:
# - embed.html: a copy of the built index.html (same hashed files, same base path from
#   --public-url); www/boot.js sees the name and starts the app in its compact embed view;
# - sw.js: the build id in its cache name becomes a digest of every built file, so each new
#   build (deploy) installs a fresh offline cache and drops the old one.
# POSIX sh and cksum only.
set -eu
cd "${TRUNK_STAGING_DIR:?run by Trunk as a post_build hook}"
cp index.html embed.html
id=$(find . -type f ! -name sw.js -exec cksum {} + | LC_ALL=C sort | cksum | cut -d ' ' -f 1)
sed "s/__HEZHANG_BUILD__/$id/" sw.js > sw.js.tmp
mv sw.js.tmp sw.js
