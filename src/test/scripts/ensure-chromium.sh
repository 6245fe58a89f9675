#!/bin/sh
# Makes sure the headless browser for the console's browser tests is installed: Debian's chromium and
# chromium-driver, at the paths the tests use. Runs from `mvn verify` (phase process-test-classes).
# A small CJK font (fonts-wqy-zenhei, 7.5 MB) comes with it when the machine has none, so that the screenshots
# show Chinese text instead of empty boxes.
# Without root or apt-get it only says what is missing; the browser tests then skip and say why.
set -u
BROWSER=/usr/bin/chromium
DRIVER=/usr/bin/chromedriver

PACKAGES=""
[ -x "$BROWSER" ] && [ -x "$DRIVER" ] || PACKAGES="chromium chromium-driver"
if command -v fc-list >/dev/null 2>&1 && [ -z "$(fc-list :lang=zh 2>/dev/null)" ]; then
  PACKAGES="$PACKAGES fonts-wqy-zenhei"
elif ! command -v fc-list >/dev/null 2>&1 && [ -n "$PACKAGES" ]; then
  PACKAGES="$PACKAGES fonts-wqy-zenhei"
fi
if [ -z "$PACKAGES" ]; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "ensure-chromium: installing $PACKAGES for the browser tests"
  if DEBIAN_FRONTEND=noninteractive apt-get update -qq \
      && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $PACKAGES >/dev/null; then
    echo "ensure-chromium: installed $("$BROWSER" --version 2>/dev/null)"
    exit 0
  fi
  echo "ensure-chromium: apt-get could not install chromium; the browser tests will be skipped"
  exit 0
fi
echo "ensure-chromium: missing $PACKAGES and this is not a root shell with apt-get;"
echo "ensure-chromium: install them with: sudo apt-get install $PACKAGES"
echo "ensure-chromium: the browser tests will be skipped"
exit 0
