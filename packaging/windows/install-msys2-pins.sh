#!/bin/bash
# Install the pinned MSYS2 packages listed in msys2-pins.txt (run in the MSYS2 shell of the Windows release job).
# Each package file is downloaded, its SHA-256 checked against the list, then installed with pacman -U; the job
# fails if a file is missing, differs, or pacman ends up with another version.
set -euo pipefail
pins="${1:-packaging/windows/msys2-pins.txt}"
repo="https://repo.msys2.org/mingw/ucrt64"
files=()
expected=()
while read -r name version sha; do
  [[ -z "${name}" || "${name}" == \#* ]] && continue
  file="${name}-${version}-any.pkg.tar.zst"
  curl -fsSL --retry 3 -o "${file}" "${repo}/${file}"
  echo "${sha}  ${file}" | sha256sum -c -
  files+=("${file}")
  expected+=("${name} ${version}")
done < "${pins}"
pacman -U --noconfirm --needed "${files[@]}"
for line in "${expected[@]}"; do
  installed="$(pacman -Q "${line%% *}")"
  if [ "${installed}" != "${line}" ]; then
    echo "install-msys2-pins: expected ${line}, pacman has ${installed}" >&2
    exit 1
  fi
done
echo "install-msys2-pins: ${#files[@]} pinned packages installed"
