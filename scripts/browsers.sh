#!/usr/bin/env bash
# The three browser engines the tests and the benchmark drive, all from Debian packages:
# Chromium (playwright-core), Firefox ESR (puppeteer-core over WebDriver BiDi) and
# WebKitGTK's MiniBrowser (WebKitWebDriver + selenium-webdriver, under Xvfb).
# Idempotent; the main job (setup.sh) does not need them.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/lib.sh"
ensure_apt_packages chromium firefox-esr webkit2gtk-driver xvfb xauth fonts-dejavu-core
