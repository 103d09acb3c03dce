# Shared by build-aux/run and build-aux/test: installs the Debian packages
# of build-aux/debian-packages.txt that are missing, then configures and
# builds Pursuit in $BUILD_DIR. Sourced, not run.

PURSUIT_SOURCE_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD_DIR=${BUILD_DIR:-$PURSUIT_SOURCE_DIR/build}

pursuit_missing_packages () {
  local pkg
  grep -Ev '^[[:space:]]*(#|$)' "$PURSUIT_SOURCE_DIR/build-aux/debian-packages.txt" |
    while read -r pkg; do
      if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
        echo "$pkg"
      fi
    done
}

pursuit_install_packages () {
  local missing sudo=""
  missing=$(pursuit_missing_packages)
  [ -z "$missing" ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    if ! command -v sudo >/dev/null; then
      echo "Pursuit needs these packages, and installing them needs root: $missing" >&2
      return 1
    fi
    sudo="sudo"
  fi
  echo "Installing:" $missing
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq || return 1
  # shellcheck disable=SC2086
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing || return 1
}

# The tests read numbers as a German user writes them ("1.500,50"): they
# need one locale with a decimal comma. Made from the locales package.
pursuit_make_test_locale () {
  local sudo=""
  locale -a 2>/dev/null | grep -qix 'de_DE.utf-\?8' && return 0
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo localedef -i de_DE -c -f UTF-8 de_DE.UTF-8 ||
    echo "Could not make the de_DE.UTF-8 locale; the tests that need it will skip." >&2
}

pursuit_build () {
  local dir=$1
  shift
  if [ ! -f "$dir/build.ninja" ]; then
    meson setup "$dir" "$PURSUIT_SOURCE_DIR" "$@" || return 1
  fi
  meson compile -C "$dir" || return 1
}
