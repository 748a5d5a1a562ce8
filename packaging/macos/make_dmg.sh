#!/bin/sh
# Make a drag-to-Applications .dmg from the PyInstaller .app (UNTESTED here: needs macOS).
#
#   python3 packaging/build.py          # dist/Companion.app
#   sh packaging/macos/make_dmg.sh      # dist/Companion-<version>.dmg
#
# Uses only hdiutil (part of macOS). Signing and notarisation need an Apple Developer ID:
#   codesign --deep --force --options runtime --sign "Developer ID Application: NAME" dist/Companion.app
#   xcrun notarytool submit dist/Companion-<version>.dmg --keychain-profile PROFILE --wait
#   xcrun stapler staple dist/Companion-<version>.dmg
# Unsigned, the first start needs right-click > Open (Gatekeeper).
set -eu
cd "$(dirname "$0")/../.."
version="$(python3 -c 'import companion; print(companion.__version__)')"
app="dist/Companion.app"
[ -d "$app" ] || { echo "make_dmg: $app not found; run python3 packaging/build.py first" >&2; exit 1; }
stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
cp -R "$app" "$stage/"
ln -s /Applications "$stage/Applications"
out="dist/Companion-$version.dmg"
rm -f "$out"
hdiutil create -volname "Companion" -srcfolder "$stage" -fs HFS+ -format UDZO -ov "$out"
echo "$out"
