#!/bin/sh
# Makes sure the headless browser for the console's browser tests is installed: Debian's chromium and
# chromium-driver, at the paths the tests use. Runs from `mvn verify` (phase process-test-classes).
# Without root or apt-get it only says what is missing; the browser tests then skip and say why.
set -u
BROWSER=/usr/bin/chromium
DRIVER=/usr/bin/chromedriver

if [ -x "$BROWSER" ] && [ -x "$DRIVER" ]; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "ensure-chromium: installing chromium and chromium-driver for the browser tests"
  if DEBIAN_FRONTEND=noninteractive apt-get update -qq \
      && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium chromium-driver >/dev/null; then
    echo "ensure-chromium: installed $("$BROWSER" --version 2>/dev/null)"
    exit 0
  fi
  echo "ensure-chromium: apt-get could not install chromium; the browser tests will be skipped"
  exit 0
fi
echo "ensure-chromium: $BROWSER and $DRIVER are missing and this is not a root shell with apt-get;"
echo "ensure-chromium: install them with: sudo apt-get install chromium chromium-driver"
echo "ensure-chromium: the browser tests will be skipped"
exit 0
