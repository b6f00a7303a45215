# Shared by the scripts: installs what is missing, and nothing else, so a second run on a warm
# machine costs only the checks. Source it; it sets `ROOT` and exports `CARGO_TARGET_DIR`.

set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# One target directory outside the checkout, shared by every clone on this machine (and by CI),
# so that a warm machine stays warm.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/covalue-target}"
NODE_BIN="$CARGO_TARGET_DIR/release/covalue-node"

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

as_root() {
	if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# Debian packages the build needs: protoc for libp2p, clang and a C++ toolchain for the C/C++
# parts (binaryen's wasm-opt, secp256k1, zstd), git for the build's version string.
ensure_debian_packages() {
	local wanted=(protobuf-compiler clang libclang-dev build-essential pkg-config git curl ca-certificates)
	local missing=()
	for pkg in "${wanted[@]}"; do
		dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
	done
	if [ ${#missing[@]} -gt 0 ]; then
		log "installing Debian packages: ${missing[*]}"
		as_root apt-get update -qq
		as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
	fi
}

# The wasm targets and rust-src the runtime's wasm build needs, and the lint components.
ensure_rust() {
	if ! command -v cargo >/dev/null 2>&1; then
		echo "cargo is missing: install Rust with rustup (https://rustup.rs) first" >&2
		exit 1
	fi
	local targets components
	targets="$(rustup target list --installed)"
	for target in wasm32v1-none wasm32-unknown-unknown; do
		grep -qx "$target" <<<"$targets" || { log "adding Rust target $target"; rustup target add "$target"; }
	done
	components="$(rustup component list --installed)"
	for component in rust-src rustfmt clippy; do
		grep -q "^$component" <<<"$components" || { log "adding Rust component $component"; rustup component add "$component"; }
	done
}

# Node.js ≥ 20.19 (Vite's floor) and npm for the app and the end-to-end tests.
node_version_ok() {
	command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 &&
		node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 20 || (a === 20 && b >= 19) ? 0 : 1)'
}
ensure_nodejs() {
	if ! node_version_ok; then
		log "installing Node.js and npm"
		as_root apt-get update -qq
		as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nodejs npm
		if ! node_version_ok; then
			echo "the app and the end-to-end tests need Node.js 20.19 or newer; this system has $(node --version 2>/dev/null || echo none)" >&2
			exit 1
		fi
	fi
}

# Debian's Chromium for the app's browser tests (driven by playwright-core, which never downloads
# a browser of its own).
ensure_chromium() {
	if ! dpkg-query -W -f='${Status}' chromium 2>/dev/null | grep -q "install ok installed"; then
		log "installing Debian package: chromium"
		as_root apt-get update -qq
		as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium
	fi
}

# npm packages from the lockfile, only when the lockfile changed since the last install.
ensure_npm_packages() {
	local dir="$1"
	if [ ! -f "$dir/node_modules/.package-lock.json" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
		log "installing npm packages in ${dir#"$ROOT"/}"
		(cd "$dir" && npm ci --no-audit --no-fund)
	fi
}

# The node and the simulator in one cargo invocation, by every script that needs either: cargo
# resolves features per invocation, so building them apart would compile the polkadot-sdk crates
# (and the runtime above them) once per feature set.
SIMULATOR_BIN="$CARGO_TARGET_DIR/release/covalue-simulate"
build_binaries() {
	log "building the node and the simulator (release; the first build takes a while)"
	(cd "$ROOT" && cargo build --locked --release -p covalue-node -p covalue-simulator >&2)
}

# The app (app/): its npm packages, then its bundle in app/dist, rebuilt only when a source file
# is newer than the bundle.
build_app() {
	ensure_nodejs
	ensure_npm_packages "$ROOT/app"
	local stamp="$ROOT/app/dist/index.html"
	if [ ! -f "$stamp" ] || [ -n "$(find "$ROOT/app/src" "$ROOT/app/index.html" "$ROOT/app/package-lock.json" \
		"$ROOT/app/vite.config.ts" -newer "$stamp" -print -quit)" ]; then
		log "building the app (app/dist)"
		(cd "$ROOT/app" && npm run --silent build >&2)
	fi
}

# Debian's PostgreSQL server for the indexer. Its package may start a cluster of its own as a
# system service; the indexer never uses it, it runs a server in a data directory of its own
# (scripts/lib/postgres.sh).
ensure_postgresql() {
	if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
		log "installing Debian package: postgresql"
		as_root apt-get update -qq
		as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql
	fi
}

# The indexer (indexer/): its npm packages, then its JavaScript in indexer/lib, compiled only when
# a source file is newer than the output.
build_indexer() {
	ensure_nodejs
	ensure_npm_packages "$ROOT/indexer"
	local stamp="$ROOT/indexer/lib/main.js"
	if [ ! -f "$stamp" ] || [ -n "$(find "$ROOT/indexer/src" "$ROOT/indexer/package-lock.json" \
		"$ROOT/indexer/tsconfig.json" -newer "$stamp" -print -quit)" ]; then
		log "building the indexer (indexer/lib)"
		(cd "$ROOT/indexer" && npm run --silent build >&2)
	fi
}
