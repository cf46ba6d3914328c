#!/usr/bin/env bash
# Installs every Debian package Navarch needs. Idempotent: does nothing when all are present.
# Never add libboost-dev or libboost-all-dev: they pull Boost 1.74, which conflicts with 1.81 and lacks Boost.JSON.
set -euo pipefail
packages=(
  build-essential cmake ninja-build pkg-config ccache
  libcaf-dev libboost1.81-dev libboost-json1.81-dev libssl-dev libsimdjson-dev libyaml-cpp-dev
  libnl-3-dev libnl-route-3-dev libnl-genl-3-dev libnl-nf-3-dev libnftables-dev nftables
  runc busybox-static etcd-server etcd-client iproute2 iputils-ping curl openssl
  libgtest-dev libgmock-dev libbenchmark-dev libarchive-dev
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  echo "installing: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
