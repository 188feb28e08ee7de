#!/usr/bin/env bash
# Vendor the front-end assets that the Django app serves as static files.
#
# Node/npm is only needed to run THIS script (when bumping versions in
# frontend/package.json). Its output under src/regiekamer/static/vendor/ is
# committed, so running or testing the app needs no Node at all.
#
# Usage: scripts/build-static.sh
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
FRONTEND="$ROOT/frontend"
NM="$FRONTEND/node_modules"
VENDOR="$ROOT/src/regiekamer/static/vendor"

command -v npm >/dev/null 2>&1 || { echo "error: npm is required to (re)build vendored assets" >&2; exit 1; }

cd "$FRONTEND"
if [[ -f package-lock.json ]]; then
  npm ci --ignore-scripts --no-audit --no-fund
else
  npm install --ignore-scripts --no-audit --no-fund
fi

# put SRC DEST: copy one file, failing loudly if the package layout changed.
put() {
  local src="$NM/$1" dest="$VENDOR/$2"
  if [[ ! -f "$src" ]]; then
    echo "error: expected file missing: node_modules/$1" >&2
    exit 1
  fi
  mkdir -p "$(dirname "$dest")"
  install -m 0644 "$src" "$dest"
}

# Start from a clean vendor dir so removed files don't linger (this script owns it).
rm -rf "$VENDOR"
mkdir -p "$VENDOR"

# NL Design System: Utrecht community component library (CSS only, EUPL-1.2).
put @utrecht/component-library-css/dist/index.css  utrecht/component-library-css/index.css
put @utrecht/component-library-css/LICENSE.md      utrecht/component-library-css/LICENSE.md

# Design tokens: the NL Design System example theme (EUPL-1.2), CSS custom properties scoped to
# the `.voorbeeld-theme` class. (Gemeente Utrecht's own tokens are proprietary to Utrecht.)
put @nl-design-system-unstable/voorbeeld-design-tokens/dist/theme.css   design-tokens/theme.css
put @nl-design-system-unstable/voorbeeld-design-tokens/LICENSE.md       design-tokens/LICENSE.md

# htmx 2.x
put htmx.org/dist/htmx.min.js                      htmx/htmx.min.js
put htmx.org/LICENSE                               htmx/LICENSE

# Leaflet 1.9.x (JS, CSS and the marker/layer images leaflet.css refers to).
put leaflet/dist/leaflet.js                        leaflet/leaflet.js
# leaflet.js ends with `//# sourceMappingURL=leaflet.js.map`; Django's
# ManifestStaticFilesStorage rewrites that reference and fails in collectstatic
# if the map is missing, so ship it unmodified.
put leaflet/dist/leaflet.js.map                    leaflet/leaflet.js.map
put leaflet/dist/leaflet.css                       leaflet/leaflet.css
put leaflet/LICENSE                                leaflet/LICENSE
for img in "$NM"/leaflet/dist/images/*.png; do
  put "leaflet/dist/images/$(basename "$img")"     "leaflet/images/$(basename "$img")"
done

# Leaflet.markercluster 1.5.x: clusters the address points of the map (gebieden).
put leaflet.markercluster/dist/leaflet.markercluster.js       leaflet.markercluster/leaflet.markercluster.js
put leaflet.markercluster/dist/leaflet.markercluster.js.map   leaflet.markercluster/leaflet.markercluster.js.map
put leaflet.markercluster/dist/MarkerCluster.css              leaflet.markercluster/MarkerCluster.css
put leaflet.markercluster/dist/MarkerCluster.Default.css      leaflet.markercluster/MarkerCluster.Default.css
put leaflet.markercluster/MIT-LICENCE.txt                     leaflet.markercluster/MIT-LICENCE.txt
# Cytoscape.js 3.x: the interactive network graph (canvas renderer, no dependencies, MIT).
put cytoscape/dist/cytoscape.min.js               cytoscape/cytoscape.min.js
put cytoscape/LICENSE                             cytoscape/LICENSE
# Chart.js 4.x (MIT): the UMD build, which defines the global `Chart` used by inzicht/dashboards.js. It draws on a
# canvas and injects no stylesheet, so it runs under the strict CSP.
put chart.js/dist/chart.umd.min.js                 chartjs/chart.umd.min.js
put chart.js/dist/chart.umd.min.js.map             chartjs/chart.umd.min.js.map  # referenced by the file (collectstatic)
put chart.js/LICENSE.md                            chartjs/LICENSE.md

# axe-core (MPL-2.0): the accessibility checks of the browser tests (regiekamer/conftest.py), never served.
TEST_ASSETS="$ROOT/src/regiekamer/core/tests/assets/axe-core"
mkdir -p "$TEST_ASSETS"
install -m 0644 "$NM/axe-core/axe.min.js" "$TEST_ASSETS/axe.min.js"
install -m 0644 "$NM/axe-core/LICENSE" "$TEST_ASSETS/LICENSE"

echo "Vendored assets written to ${VENDOR#"$ROOT"/}:"
(cd "$VENDOR" && find . -type f | sed 's|^\./|  |' | LC_ALL=C sort)
