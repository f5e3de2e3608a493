# Shared helpers for run.sh / test.sh / bench.sh / fuzz.sh. Source, don't run.
# Installs only what is missing (Debian packages, npm packages) and builds
# idempotently, so every script works on a fresh Debian 12 machine as root.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JOBS="${JOBS:-2}"
export NODE_PATH=/usr/share/nodejs  # emcc's JS optimizer needs acorn from here

log() { printf '\033[1m==> %s\033[0m\n' "$*"; }

# apt packages by name; "apt-get update" once, only when something is missing.
ensure_debs() {
  local missing=()
  for p in "$@"; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p"); done
  if ((${#missing[@]})); then
    log "installing Debian packages: ${missing[*]}"
    local sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

ensure_build_deps() {
  ensure_debs cmake make g++ emscripten nlohmann-json3-dev zlib1g-dev libgtest-dev gzip zopfli python3
  # Node.js/npm may come from Debian or from the machine's own Node install.
  command -v node >/dev/null || ensure_debs nodejs
  command -v npm >/dev/null || ensure_debs npm
  ensure_npm  # pdfjs-dist: the page's PDF reader and the CLI's (docs/import.md)
}

ensure_browser_deps() {
  ensure_debs chromium firefox-esr fonts-wqy-microhei
  ensure_npm
}

# playwright-core drives Debian's Chromium, puppeteer-core Debian's Firefox ESR
# (WebDriver BiDi); neither downloads a browser. pdfjs-dist reads PDFs (the
# page's PDF worker and the CLI under node); its optional 'canvas' (native,
# for drawing pages, which we never do) is left out.
ensure_npm() {
  if [ ! -d "$ROOT/node_modules/playwright-core" ] || [ ! -d "$ROOT/node_modules/puppeteer-core" ] || [ ! -d "$ROOT/node_modules/pdfjs-dist" ] || [ ! -d "$ROOT/node_modules/terser" ]; then
    log "installing npm packages (playwright-core, puppeteer-core, pdfjs-dist, terser; no browser download)"
    (cd "$ROOT" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 PUPPETEER_SKIP_DOWNLOAD=1 npm ci --omit=optional --no-audit --no-fund --loglevel=error)
  fi
}

build_native() {
  log "native build (g++): core, CLI, GoogleTest"
  cmake -S "$ROOT" -B "$ROOT/build/native" -DCMAKE_BUILD_TYPE=Release -DFORMCHECK_TESTS=ON >/dev/null
  cmake --build "$ROOT/build/native" -j"$JOBS"
}

build_wasm() {
  log "WebAssembly build (emcc -Oz, SINGLE_FILE, DYNAMIC_EXECUTION=0)"
  if [ ! -f "$ROOT/build/wasm/CMakeCache.txt" ]; then
    emcmake cmake -S "$ROOT" -B "$ROOT/build/wasm" -DCMAKE_CROSSCOMPILING_EMULATOR=/usr/bin/node >/dev/null
  fi
  cmake --build "$ROOT/build/wasm" -j"$JOBS"
}

build_page() {
  log "page: dist/formcheck.html (single self-contained file)"
  node "$ROOT/build-scripts/build-page.mjs"
}

build_all() {
  build_native
  build_wasm
  build_page
}
