#!/bin/bash
# The app claims (LSMinimumSystemVersion) the oldest macOS it runs on; every Mach-O file in it must agree, and the
# main executable must be of the expected architecture. Usage: check-minimum.sh APP ARCH
#   packaging/macos/check-minimum.sh "dist/Sustainability Planner.app" arm64
set -euo pipefail
app="$1"
arch="$2"
claimed="$(/usr/libexec/PlistBuddy -c 'Print :LSMinimumSystemVersion' "$app/Contents/Info.plist")"
archs="$(lipo -archs "$app/Contents/MacOS/planner")"
if [ "$archs" != "$arch" ]; then
  echo "check-minimum: the app is built for '$archs', expected '$arch'" >&2
  exit 1
fi
newest="0"
newest_file=""
while IFS= read -r -d '' file; do
  if ! file -b "$file" | grep -q "Mach-O"; then
    continue
  fi
  # LC_BUILD_VERSION says "minos 14.0"; older files carry LC_VERSION_MIN_MACOSX with "version 10.13".
  minimum="$(otool -l "$file" | awk '/LC_BUILD_VERSION/{b=1} b&&/minos/{print $2; exit} /LC_VERSION_MIN_MACOSX/{v=1} v&&/version/{print $2; exit}')"
  [ -n "$minimum" ] || continue
  if [ "$(printf '%s\n%s\n' "$newest" "$minimum" | sort -V | tail -n1)" = "$minimum" ] && [ "$minimum" != "$newest" ]; then
    newest="$minimum"
    newest_file="$file"
  fi
done < <(find "$app" -type f -print0)
echo "check-minimum: claimed macOS $claimed; newest minimum of any file: $newest ($newest_file)"
if [ "$(printf '%s\n%s\n' "$claimed" "$newest" | sort -V | tail -n1)" != "$claimed" ]; then
  echo "check-minimum: $newest_file needs macOS $newest, newer than the claimed $claimed" >&2
  exit 1
fi
