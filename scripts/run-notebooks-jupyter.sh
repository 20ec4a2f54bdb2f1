#!/usr/bin/env bash
# npm run notebooks:jupyter — executes every lesson through real Jupyter (nbconvert/nbclient over
# ZeroMQ, Debian's packages) with our kernel, in fast mode, so the protocol path is exercised as a
# learner's Jupyter would; executed copies go to build/jupyter/. Exits non-zero on the first error
# (cells tagged raises-exception may raise, as in Jupyter).
#   npm run notebooks:jupyter -- --only 03    just the lessons whose names start with 03
set -euo pipefail
only=""
while [ $# -gt 0 ]; do
  case "$1" in
    --only) [ $# -ge 2 ] || { echo "notebooks:jupyter: --only needs a lesson prefix, e.g. --only 03" >&2; exit 2; }
            only="$2"; shift 2 ;;
    --only=*) only="${1#--only=}"; shift ;;
    *) echo "notebooks:jupyter: unknown option $1 (known: --only PREFIX)" >&2; exit 2 ;;
  esac
done
cd "$(dirname "$0")/.."
JUPYTER=${JUPYTER:-/usr/bin/jupyter}
if [ ! -x "$JUPYTER" ]; then
  echo "notebooks:jupyter: $JUPYTER not found; install Debian's jupyter-nbconvert python3-nbclient jupyter-client" >&2
  exit 2
fi
node kernel/bin/nnbook-kernel.js install >/dev/null
export JUPYTER_PATH="$PWD/kernel/jupyter" NNBOOK_FAST=1
mkdir -p build/jupyter
shopt -s nullglob
lessons=(notebooks/[0-9][0-9]-*.ipynb)
if [ -n "$only" ]; then
  picked=()
  for nb in "${lessons[@]}"; do
    case "$(basename "$nb")" in "$only"*) picked+=("$nb") ;; esac
  done
  if [ ${#picked[@]} -eq 0 ]; then
    echo "notebooks:jupyter: no lesson's name starts with $only (lessons: $(cd notebooks && ls [0-9][0-9]-*.ipynb | tr '\n' ' '))" >&2
    exit 2
  fi
  lessons=("${picked[@]}")
fi
for nb in "${lessons[@]}"; do
  start=$(date +%s)
  if ! "$JUPYTER" nbconvert --to notebook --execute --ExecutePreprocessor.kernel_name=nnbook \
      --ExecutePreprocessor.timeout=600 --output-dir build/jupyter "$nb" >build/jupyter/log.txt 2>&1; then
    echo "✗ $nb failed through Jupyter:" >&2
    tail -n 30 build/jupyter/log.txt >&2
    exit 1
  fi
  echo "✓ $nb through Jupyter ($(( $(date +%s) - start ))s)"
done
echo "${#lessons[@]} lesson(s) ran through Jupyter"
