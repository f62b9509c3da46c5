#!/usr/bin/env bash
# Sets up everything on a fresh machine: a virtual environment with the pinned packages and,
# where the tests or chart images need it, Debian's chromium. Safe to run again: it skips what is done.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
need_browser=${NEED_BROWSER:-0}

if [ ! -x .venv/bin/python ]; then
  echo "==> Tạo môi trường ảo .venv"
  "$PYTHON" -m venv .venv
fi
stamp=.venv/.requirements.sha256
want=$(sha256sum requirements.txt | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  echo "==> Cài các gói Python (requirements.txt)"
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -r requirements.txt
  echo "$want" > "$stamp"
fi

# Debian's chromium draws chart images (Plotly/kaleido) and runs the browser tests; DejaVu gives
# the PDF a font with every Vietnamese diacritic.
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "==> Cài ${missing[*]} (apt-get)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    echo "==> Cài ${missing[*]} (sudo apt-get)"
    sudo apt-get update -qq
    sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  elif [ "$need_browser" = "1" ]; then
    echo "Cần ${missing[*]} cho kiểm thử: hãy chạy 'sudo apt-get install ${missing[*]}'." >&2
    exit 1
  else
    echo "Lưu ý: thiếu ${missing[*]}: ảnh biểu đồ hoặc phông PDF tiếng Việt có thể không xuất được (bảng điều khiển vẫn chạy)." >&2
  fi
fi
