#!/usr/bin/env bash
# Installs the Debian 12 packages spikec needs to build and test, when any is
# missing. Needs root (apt-get); says so, with the package list, otherwise.
set -euo pipefail

PACKAGES=(
  build-essential cmake ninja-build pkg-config git python3
  llvm-19-dev libmlir-19-dev mlir-19-tools llvm-19-tools
  verilator nlohmann-json3-dev doctest-dev libboost-graph-dev libhdf5-dev
  libmetis-dev zlib1g-dev libdeflate-dev libxtensor-dev libeigen3-dev
  python3-h5py python3-numpy
  clang-19 libclang-rt-19-dev
  dataset-fashion-mnist
)
# Optional, for retraining the examples (examples/fashion_*/train.py), not for
# the tests: apt-get install python3-torch

# Optional: yosys, for the RTL core's cell counts (`ninja rtl-synth`,
# rtl/README.md); tried as root, never fatal.
if ! command -v yosys >/dev/null 2>&1 && [ "$(id -u)" -eq 0 ]; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends yosys >/dev/null 2>&1 ||
    echo "spikec: optional package yosys not installed (only rtl-synth needs it)" >&2
fi

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "spikec: these Debian packages are missing: ${missing[*]}" >&2
  echo "spikec: run this script as root (sudo) to install them, or: apt-get install ${missing[*]}" >&2
  exit 1
fi
echo "spikec: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends "${missing[@]}"
