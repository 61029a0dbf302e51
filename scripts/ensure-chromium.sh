#!/bin/sh
# Debian's Chromium and chromedriver for the browser tests (tests/browser/).
# Idempotent and fast when both are installed; installs them with apt-get when
# run as root; otherwise fails with the command to run. Never downloads a
# browser any other way.
set -eu
if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
    exit 0
fi
COMMAND="apt-get update && apt-get install -y chromium chromium-driver"
if [ "$(id -u)" -eq 0 ]; then
    echo "ensure-chromium: installing Debian's Chromium: $COMMAND" >&2
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y chromium chromium-driver
    exit 0
fi
echo "ensure-chromium: /usr/bin/chromium is missing; the browser tests need it. Run as root:" >&2
echo "    $COMMAND" >&2
exit 1
