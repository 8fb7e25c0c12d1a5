#!/usr/bin/env bash
# Give Node.js (the `webgpu` npm package, i.e. Dawn) a WebGPU adapter on a
# machine without a GPU, using Mesa's lavapipe (software Vulkan, Mesa >= 24).
#
#   eval "$(bash scripts/software-gpu.sh)"
#   node scripts/gpu-probe.mjs
#
# What it does (Debian 12 "bookworm" and Debian 13 "trixie"):
#   * builds a private apt configuration under .gpu/apt whose sources are the
#     Debian mirror(s) already configured on this machine (plus bookworm-
#     backports on Debian 12, where Mesa 25 lives); the system's apt sources,
#     lists and installed packages are NOT modified;
#   * asks apt (simulation only, against the system's dpkg status) which
#     packages installing mesa-vulkan-drivers + libvulkan1 would add or
#     upgrade, keeps those that are in the dependency closure of these two
#     packages (so that e.g. newer GL packages pulled in only through Breaks
#     are skipped), downloads them with `apt-get download` and unpacks them
#     with `dpkg -x` into .gpu/root;
#   * writes .gpu/lvp_icd.json pointing at the private libvulkan_lvp.so by
#     absolute path, checks with ldd that everything resolves;
#   * prints `export ...` lines on stdout (everything else goes to stderr).
# A second run finds .gpu/ready and only prints the export lines.
# Set SOFTWARE_GPU_FORCE=1 to redo everything.
set -euo pipefail

log() { printf 'software-gpu: %s\n' "$*" >&2; }
die() { printf 'software-gpu: error: %s\n' "$*" >&2; exit 1; }

ROOT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
GPU_DIR="${SOFTWARE_GPU_DIR:-$ROOT_DIR/.gpu}"
APT_DIR="$GPU_DIR/apt"
PKG_ROOT="$GPU_DIR/root"
ICD_JSON="$GPU_DIR/lvp_icd.json"
STAMP="$GPU_DIR/ready"

ARCH="$(dpkg --print-architecture 2>/dev/null || echo unknown)"
case "$ARCH" in
  amd64) MULTIARCH=x86_64-linux-gnu; ICD_ARCH=x86_64 ;;
  arm64) MULTIARCH=aarch64-linux-gnu; ICD_ARCH=aarch64 ;;
  *) die "unsupported or non-Debian architecture: $ARCH" ;;
esac
LIB_DIR="$PKG_ROOT/usr/lib/$MULTIARCH"

print_exports() {
  # $1: ICD json to select; $2: extra library dir ('' when none needed)
  printf 'export VK_ICD_FILENAMES=%q\n' "$1"
  if [[ -n "$2" ]]; then
    printf 'export LD_LIBRARY_PATH=%q\n' "$2${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
  fi
  if [[ -z "${XDG_RUNTIME_DIR:-}" ]]; then
    # Dawn warns twice when it is unset; a private 0700 dir silences that.
    mkdir -p "$GPU_DIR/xdg-runtime" && chmod 700 "$GPU_DIR/xdg-runtime"
    printf 'export XDG_RUNTIME_DIR=%q\n' "$GPU_DIR/xdg-runtime"
  fi
  printf 'export TSFLOW_ALLOW_SOFTWARE_GPU=1\n'
}

# ---------------------------------------------------------------- cached run
if [[ -z "${SOFTWARE_GPU_FORCE:-}" && -f "$STAMP" ]]; then
  # stamp format: line 1 = ICD json, line 2 = library dir (may be empty)
  { IFS= read -r icd || true; IFS= read -r libdir || true; } <"$STAMP"
  lib_ok=1
  if [[ -f "${icd:-/nonexistent}" ]]; then
    so="$(sed -n 's/.*"library_path": *"\([^"]*\)".*/\1/p' "$icd")"
    [[ -f "$so" ]] || lib_ok=0
  else
    lib_ok=0
  fi
  if [[ "$lib_ok" == 1 ]]; then
    print_exports "$icd" "${libdir:-}"
    exit 0
  fi
  log "cached setup in $GPU_DIR is incomplete; redoing it"
fi

# ------------------------------------------------------------------ checks
command -v apt-get >/dev/null || die "apt-get not found (Debian/Ubuntu only)"
command -v dpkg >/dev/null || die "dpkg not found"
[[ -r /etc/os-release ]] || die "/etc/os-release missing"
# shellcheck disable=SC1091
CODENAME="$(. /etc/os-release && echo "${VERSION_CODENAME:-}")"
OS_ID="$(. /etc/os-release && echo "${ID:-}")"
[[ "$OS_ID" == debian ]] || log "warning: ID=$OS_ID, this script targets Debian"
[[ -n "$CODENAME" ]] || die "VERSION_CODENAME not set in /etc/os-release"

case "$CODENAME" in
  bullseye|buster|stretch) die "Debian $CODENAME is too old (needs Debian 12 or newer)" ;;
  bookworm) TARGET="bookworm-backports" ;;   # Mesa 22.3 in main is rejected by Dawn
  *) TARGET="$CODENAME" ;;                   # trixie: Mesa 25 in main
esac
log "Debian $CODENAME ($ARCH), taking mesa-vulkan-drivers from $TARGET"

# ------------------------------------------- mirrors from the system sources
# Prints "URI<TAB>SUITE<TAB>SIGNED_BY" for every enabled deb entry.
list_sources() {
  local f
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [[ -f "$f" ]] || continue
    awk '
      /^[ \t]*deb[ \t]/ {
        line=$0; sb="";
        if (match(line, /\[[^]]*\]/)) {
          opts=substr(line, RSTART+1, RLENGTH-2);
          line=substr(line, 1, RSTART-1) substr(line, RSTART+RLENGTH);
          n=split(opts, o, /[ \t]+/);
          for (i=1;i<=n;i++) if (tolower(o[i]) ~ /^signed-by=/) { sb=o[i]; sub(/^[^=]*=/, "", sb) }
        }
        split(line, w, /[ \t]+/);
        k=1; while (w[k]=="") k++;
        print w[k+1] "\t" w[k+2] "\t" sb
      }' "$f"
  done
  for f in /etc/apt/sources.list.d/*.sources; do
    [[ -f "$f" ]] || continue
    awk '
      function flush(   i,j,nu,ns,u,s) {
        if (types ~ /(^|[ \t])deb([ \t]|$)/ && enabled != "no") {
          nu=split(uris, u, /[ \t]+/); ns=split(suites, s, /[ \t]+/);
          for (i=1;i<=nu;i++) for (j=1;j<=ns;j++) if (u[i]!="" && s[j]!="") print u[i] "\t" s[j] "\t" sb
        }
        types=""; uris=""; suites=""; sb=""; enabled=""
      }
      /^[ \t]*#/ { next }
      /^[ \t]*$/ { flush(); next }
      tolower($1) == "types:"     { $1=""; types=$0; next }
      tolower($1) == "uris:"      { $1=""; uris=$0; next }
      tolower($1) == "suites:"    { $1=""; suites=$0; next }
      tolower($1) == "enabled:"   { enabled=tolower($2); next }
      tolower($1) == "signed-by:" { if (NF==2) sb=$2; next }
      END { flush() }' "$f"
  done
}

SOURCES="$(list_sources)"
pick_source() {  # $1 = suite; prints "URI<TAB>SIGNED_BY" of the first match
  awk -F'\t' -v s="$1" '$2==s { print $1 "\t" $3; exit }' <<<"$SOURCES"
}
MAIN_SRC="$(pick_source "$CODENAME")"
[[ -n "$MAIN_SRC" ]] || die "no apt source with suite '$CODENAME' found in /etc/apt (needed to locate the Debian mirror)"
SEC_SRC="$(pick_source "$CODENAME-security")"

DEFAULT_KEYRING=/usr/share/keyrings/debian-archive-keyring.gpg
deb_line() {  # $1 = "URI<TAB>SIGNED_BY", rest = suites
  local uri="${1%%$'\t'*}" sb="${1#*$'\t'}"; shift
  [[ -z "$sb" && -f "$DEFAULT_KEYRING" ]] && sb="$DEFAULT_KEYRING"
  local suite
  for suite in "$@"; do
    printf 'deb %s%s %s main\n' "${sb:+[signed-by=$sb] }" "$uri" "$suite"
  done
}

mkdir -p "$APT_DIR"/{lists/partial,cache/archives/partial,etc/sources.list.d,etc/preferences.d,debs}
: >"$APT_DIR/etc/preferences"
{
  suites="$CODENAME"
  grep -q "^[^	]*	$CODENAME-updates	" <<<"$SOURCES" && suites="$suites $CODENAME-updates"
  [[ "$TARGET" != "$CODENAME" ]] && suites="$suites $TARGET"
  # shellcheck disable=SC2086
  deb_line "$MAIN_SRC" $suites
  [[ -n "$SEC_SRC" ]] && deb_line "$SEC_SRC" "$CODENAME-security"
} >"$APT_DIR/etc/sources.list"
log "private apt sources ($APT_DIR/etc/sources.list):"
sed 's/^/    /' "$APT_DIR/etc/sources.list" >&2

APT_OPTS=(
  -o "Dir::Etc::SourceList=$APT_DIR/etc/sources.list"
  -o "Dir::Etc::SourceParts=$APT_DIR/etc/sources.list.d"
  -o "Dir::Etc::Preferences=$APT_DIR/etc/preferences"
  -o "Dir::Etc::PreferencesParts=$APT_DIR/etc/preferences.d"
  -o "Dir::State::Lists=$APT_DIR/lists"
  -o "Dir::Cache=$APT_DIR/cache"
  -o "Dir::Cache::pkgcache=" -o "Dir::Cache::srcpkgcache="
  -o "Debug::NoLocking=1"
  -o "APT::Sandbox::User=root"
)

log "updating private apt lists"
apt-get "${APT_OPTS[@]}" -qq update >&2 || die "apt-get update (private lists) failed"

PKGS=(mesa-vulkan-drivers libvulkan1)

# Packages that installing PKGS from TARGET would add or upgrade ("Inst" lines),
# as "name=version" ...
SIM="$(apt-get "${APT_OPTS[@]}" -s -t "$TARGET" --no-install-recommends install "${PKGS[@]}" 2>&1)" \
  || { printf '%s\n' "$SIM" >&2; die "apt could not resolve ${PKGS[*]} from $TARGET"; }
# ... restricted to the Depends closure of PKGS (skips packages only dragged in via Breaks).
CLOSURE="$(apt-cache "${APT_OPTS[@]}" -o "APT::Default-Release=$TARGET" depends --recurse \
  --no-recommends --no-suggests --no-conflicts --no-breaks --no-replaces --no-enhances \
  "${PKGS[@]}" | grep -v '^ ' | grep -v '^<' | sed 's/:.*$//' | sort -u)"

mapfile -t WANT < <(
  awk '$1=="Inst" {
         name=$2; sub(/:.*$/, "", name);
         # "Inst pkg [old] (new suite [arch])" or "Inst pkg (new suite [arch])"
         v=$0; sub(/^[^(]*\(/, "", v); sub(/ .*$/, "", v);
         print name "=" v
       }' <<<"$SIM" | while IFS= read -r nv; do
    grep -qxF "${nv%%=*}" <<<"$CLOSURE" && printf '%s\n' "$nv"
  done
)

SYSTEM_ICD=""
if printf '%s\n' "${WANT[@]}" | grep -q '^mesa-vulkan-drivers='; then
  :
else
  # Already installed on the system at the wanted version (e.g. Debian 13).
  SYSTEM_ICD="$(ls /usr/share/vulkan/icd.d/lvp_icd.*.json 2>/dev/null | head -n1 || true)"
  [[ -n "$SYSTEM_ICD" ]] || die "mesa-vulkan-drivers looks installed but no lvp_icd json found"
fi

if ((${#WANT[@]})); then
  log "fetching into $APT_DIR/debs: ${WANT[*]}"
  (cd "$APT_DIR/debs" && apt-get "${APT_OPTS[@]}" -qq download "${WANT[@]}" >&2) \
    || die "apt-get download failed"
  rm -rf "$PKG_ROOT.tmp" && mkdir -p "$PKG_ROOT.tmp"
  for nv in "${WANT[@]}"; do
    name="${nv%%=*}" ver="${nv#*=}"
    ver_file="${ver//:/%3a}"
    deb="$(ls "$APT_DIR/debs/${name}_${ver_file}_"*.deb 2>/dev/null | head -n1 || true)"
    [[ -n "$deb" ]] || die "downloaded .deb for $nv not found"
    dpkg -x "$deb" "$PKG_ROOT.tmp"
    printf '%s\n' "$nv" >>"$PKG_ROOT.tmp/PACKAGES"
  done
  rm -rf "$PKG_ROOT" && mv "$PKG_ROOT.tmp" "$PKG_ROOT"
  # keep only the current versions' .debs (apt-get download writes ':' as %3a)
  for deb in "$APT_DIR/debs"/*.deb; do
    keep=0
    for nv in "${WANT[@]}"; do
      ver="${nv#*=}"
      [[ "$(basename "$deb")" == "${nv%%=*}_${ver//:/%3a}_"* ]] && keep=1
    done
    ((keep)) || rm -f "$deb"
  done
else
  rm -rf "$PKG_ROOT"
fi

# ------------------------------------------------------------- ICD + check
EXTRA_LIB=""
if [[ -d "$LIB_DIR" ]] && compgen -G "$LIB_DIR/*.so*" >/dev/null; then
  EXTRA_LIB="$LIB_DIR"
fi

if [[ -n "$SYSTEM_ICD" ]]; then
  LVP_SO="$(sed -n 's/.*"library_path": *"\([^"]*\)".*/\1/p' "$SYSTEM_ICD")"
  [[ "$LVP_SO" == /* ]] || LVP_SO="/usr/lib/$MULTIARCH/$(basename "$LVP_SO")"
  SRC_ICD="$SYSTEM_ICD"
else
  LVP_SO="$LIB_DIR/libvulkan_lvp.so"
  SRC_ICD="$(ls "$PKG_ROOT"/usr/share/vulkan/icd.d/lvp_icd.*.json 2>/dev/null | head -n1 || true)"
fi
[[ -f "$LVP_SO" ]] || die "lavapipe library not found at $LVP_SO"

api_version="1.3.0"
if [[ -n "$SRC_ICD" ]]; then
  v="$(sed -n 's/.*"api_version": *"\([^"]*\)".*/\1/p' "$SRC_ICD")"
  [[ -n "$v" ]] && api_version="$v"
fi
cat >"$ICD_JSON" <<EOF
{
    "ICD": {
        "api_version": "$api_version",
        "library_path": "$LVP_SO"
    },
    "file_format_version": "1.0.0"
}
EOF

missing="$(LD_LIBRARY_PATH="${EXTRA_LIB}${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" ldd "$LVP_SO" 2>&1 \
  | grep -E 'not found' || true)"
[[ -z "$missing" ]] || die "unresolved libraries for $LVP_SO:
$missing"
if [[ -z "$EXTRA_LIB" ]] || [[ ! -e "$EXTRA_LIB/libvulkan.so.1" ]]; then
  ldconfig -p | grep -q 'libvulkan\.so\.1 ' || die "libvulkan.so.1 (Vulkan loader) is not available"
fi

printf '%s\n%s\n' "$ICD_JSON" "$EXTRA_LIB" >"$STAMP"
log "ready: lavapipe $(basename "$LVP_SO") via $ICD_JSON"
print_exports "$ICD_JSON" "$EXTRA_LIB"
