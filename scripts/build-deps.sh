#!/usr/bin/env bash
# The Debian packages a `cargo build` of phigate needs beyond Rust and gcc: librdkafka is
# vendored and built from source with cmake (its `cmake-build` feature), and it includes
# curl's headers even without curl support; TLS, SASL and zlib come from the system.
# Installs only what is missing (nothing, and no network, when all are there); uses sudo
# when not root. The Dockerfile's build stage runs it, and so does `scripts/test.sh`,
# through `.ci/brokers.sh`, which adds its own packages as arguments (one `apt-get update`
# for all of them).
#
#   scripts/build-deps.sh [EXTRA_PACKAGE…]
set -euo pipefail
packages=(cmake pkg-config libssl-dev libsasl2-dev zlib1g-dev libcurl4-openssl-dev "$@")
missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done
if [[ ${#missing[@]} -eq 0 ]]; then
  exit 0
fi
echo "installing packages: ${missing[*]}" >&2
as_root=()
if [[ $EUID -ne 0 ]]; then
  as_root=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
