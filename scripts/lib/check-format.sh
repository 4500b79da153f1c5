#!/usr/bin/env bash
# Checks that the C++ files under src/ and tests/ are laid out as clang-format writes them with the
# checked-in .clang-format (clang-format --dry-run -Werror); lists the ones that are not.
#   scripts/lib/check-format.sh                  every file
#   scripts/lib/check-format.sh --changed [REF]  only files changed against REF (default main): what
#                                                was committed since the merge base, and what is
#                                                staged, unstaged or new and not ignored
# Exits 1 when a file is not formatted (or REF is unknown). Fix with `clang-format -i FILE...`.
set -uo pipefail
cd "$(dirname "$0")/../.."

paths=('src/*.cpp' 'src/*.hpp' 'tests/*.cpp' 'tests/*.hpp' 'bench/*.cpp' 'bench/*.hpp')
mode=all ref=main
case "${1:-}" in
  "") ;;
  --changed) mode=changed; ref="${2:-main}" ;;
  *) echo "usage: scripts/lib/check-format.sh [--changed [REF]]" >&2; exit 2 ;;
esac

command -v clang-format >/dev/null || { echo "format: clang-format is not installed" >&2; exit 1; }

if [[ $mode == all ]]; then
  mapfile -t files < <(git ls-files --cached --others --exclude-standard -- "${paths[@]}" | sort -u)
else
  if ! base=$(git merge-base "$ref" HEAD 2>/dev/null); then
    echo "format: no merge base with '$ref' (name another: --changed REF)" >&2
    exit 1
  fi
  mapfile -t files < <({
    git diff --name-only --diff-filter=d "$base" -- "${paths[@]}"
    git ls-files --others --exclude-standard -- "${paths[@]}"
  } | sort -u)
fi
# Files deleted in the working tree but still in the index are not ours to check.
existing=()
for f in "${files[@]}"; do [[ -f $f ]] && existing+=("$f"); done

if [[ ${#existing[@]} -eq 0 ]]; then
  echo "format: no C++ files to check ($mode)"
  exit 0
fi
# One error per file is enough to name it; the fix is clang-format -i anyway. A run per core.
out=$(printf '%s\0' "${existing[@]}" |
  xargs -0 -P "$(nproc)" -n 30 clang-format --dry-run -Werror --ferror-limit=1 2>&1)
rc=$?
if [[ $rc -eq 0 ]]; then
  echo "format: ${#existing[@]} files as clang-format writes them ($(clang-format --version | grep -o 'version [0-9.]*'))"
  exit 0
fi
mapfile -t bad < <(grep -E ':[0-9]+:[0-9]+: error' <<<"$out" | cut -d: -f1 | sort -u)
if [[ ${#bad[@]} -eq 0 ]]; then
  echo "$out" >&2  # clang-format itself failed (an unreadable file, a broken .clang-format)
  exit 1
fi
echo "format: ${#bad[@]} of ${#existing[@]} files are not formatted; fix with: clang-format -i ${bad[*]}"
exit 1
