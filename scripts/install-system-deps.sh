#!/usr/bin/env bash
# Install what the tests need beyond pip: LibreOffice Writer and Calc (convert .docx and .xlsx, as users
# print them) and free CJK fonts. Debian/Ubuntu; needs root or sudo. Does nothing when present.
set -euo pipefail
if command -v soffice >/dev/null 2>&1 && fc-list 2>/dev/null | grep "Noto Serif CJK" >/dev/null \
   && dpkg -s libreoffice-calc-nogui >/dev/null 2>&1; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "正在安装 LibreOffice 和中文字体（每台机器只需一次）…" >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
  libreoffice-writer-nogui libreoffice-calc-nogui fonts-noto-cjk >/dev/null
