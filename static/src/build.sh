#!/bin/sh
# Rebuilds the vendored GOV.UK Frontend assets in ../govuk from node_modules.
# Run after `npm ci`; the output is committed so Go builds and tests need no Node.
set -eu
cd "$(dirname "$0")"
out=../govuk
gf=node_modules/govuk-frontend/dist/govuk
rm -rf "$out"
mkdir -p "$out/images"
npx sass --no-source-map --style=compressed --load-path=node_modules \
  pilcrow.scss "$out/govuk-frontend.min.css"
# The script stays an ES module: pages load it with <script type="module">.
sed 's|//# sourceMappingURL=.*$||' "$gf/govuk-frontend.min.js" > "$out/govuk-frontend.min.js"
# GOV.UK's favicons and icons show the crown, which only GOV.UK may use, so the
# service ships its own pilcrow icons from icons/ instead.
cp icons/* "$out/images/"
echo "built $out"
