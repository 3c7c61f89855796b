# Shared helpers for the project scripts. Source it; don't run it.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export ROOT

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

# Installs Debian packages that are missing; skips apt entirely when all are present.
apt_install() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  ((${#missing[@]})) || return 0
  say "installing ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

# Rust comes from rustup (Debian's rustc is too old for this workspace).
need_rust() {
  if ! command -v cargo >/dev/null 2>&1; then
    [ -x "$HOME/.cargo/bin/cargo" ] && export PATH="$HOME/.cargo/bin:$PATH"
  fi
  command -v cargo >/dev/null 2>&1 || {
    echo "Rust is not installed. Install it with rustup (https://rustup.rs), then run this again." >&2
    exit 1
  }
}

# Installs a cargo tool if its binary is missing.
cargo_tool() {
  local bin="$1" crate="$2"
  command -v "$bin" >/dev/null 2>&1 || { say "installing $crate"; cargo install --locked "$crate"; }
}

base_setup() {
  need_rust
  # cmake and libclang: the on-device model (crates/jcc-llm-local, in jcc and the app)
  # builds llama.cpp from source and generates its bindings.
  apt_install build-essential pkg-config ca-certificates cmake clang libclang-dev
}

# What building and running the desktop app needs: Tauri's system libraries (WebKitGTK),
# Node.js for the UI, and the UI's npm packages (installed only when the lockfile changed).
desktop_setup() {
  base_setup
  apt_install libwebkit2gtk-4.1-dev libgtk-3-dev librsvg2-dev libayatana-appindicator3-dev \
    libssl-dev
  command -v npm >/dev/null 2>&1 || apt_install nodejs npm
  ui_install
}

ui_install() {
  local stamp="$ROOT/ui/node_modules/.jcc-lock-stamp"
  if [ ! -f "$stamp" ] || ! cmp -s "$ROOT/ui/package-lock.json" "$stamp"; then
    say "installing the UI's npm packages"
    (cd "$ROOT/ui" && npm ci --no-audit --no-fund)
    cp "$ROOT/ui/package-lock.json" "$stamp"
  fi
}

ui_build() {
  say "building the UI"
  (cd "$ROOT/ui" && npm run build)
}

# The OpenID provider the sign-in and sync tests run against (npm oidc-provider, pinned in
# scripts/oidc/package-lock.json); installed only when the lockfile changed.
oidc_install() {
  command -v npm >/dev/null 2>&1 || apt_install nodejs npm
  local stamp="$ROOT/scripts/oidc/node_modules/.jcc-lock-stamp"
  if [ ! -f "$stamp" ] || ! cmp -s "$ROOT/scripts/oidc/package-lock.json" "$stamp"; then
    say "installing the test OpenID provider's npm packages"
    (cd "$ROOT/scripts/oidc" && npm ci --no-audit --no-fund)
    cp "$ROOT/scripts/oidc/package-lock.json" "$stamp"
  fi
}
