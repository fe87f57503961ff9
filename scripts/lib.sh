# Shared by the scripts in this folder: package checks and the build. Source it; don't run it.
set -euo pipefail

FRONTDESK_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD_DIR="${FRONTDESK_BUILD_DIR:-$FRONTDESK_ROOT/build/release}"

# Debian 12 packages the build and the tests need (DEVELOPERS.md lists the stack).
DEBIAN_PACKAGES=(
    g++ cmake ninja-build pkg-config ccache tzdata ca-certificates
    libboost1.81-dev libboost-url1.81-dev libssl-dev libcurl4-openssl-dev
    libopus-dev libspeexdsp-dev nlohmann-json3-dev libspdlog-dev libsqlite3-dev
    libhowardhinnant-date-dev libpq-dev libgtest-dev libgmock-dev libbenchmark-dev
)

missing_packages() {
    local pkg
    for pkg in "${DEBIAN_PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" \
            || echo "$pkg"
    done
    # Node.js runs test tooling only (OpenAPI validator, wscat); any recent node will do.
    command -v node >/dev/null 2>&1 || echo nodejs
    command -v npm >/dev/null 2>&1 || echo npm
}

ensure_packages() {
    local missing
    missing=$(missing_packages | tr '\n' ' ')
    [ -z "${missing// /}" ] && return 0
    if [ "$(id -u)" -eq 0 ]; then
        echo "Installing: $missing"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing
    else
        echo "Missing Debian packages. Install them with:" >&2
        echo "  sudo apt-get install -y $missing" >&2
        exit 1
    fi
}

configure_and_build() {
    local -a targets=("$@")
    if [ ! -f "$BUILD_DIR/build.ninja" ]; then
        cmake -S "$FRONTDESK_ROOT" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
    fi
    cmake --build "$BUILD_DIR" ${targets:+--target "${targets[@]}"}
}
