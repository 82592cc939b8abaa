#!/usr/bin/env python3
"""Open HTML files in headless Chromium and report what a person would see, as JSON.

Speaks the Chrome DevTools Protocol over --remote-debugging-pipe (file descriptors 3 and 4,
messages separated by NUL), so it needs nothing beyond the standard library and no network port.

For every page it reports:
  text        document.body.innerText after the page's own script ran
  errors      console errors, uncaught exceptions and error log entries
  csp         Content-Security-Policy violations (the page's securitypolicyviolation events,
              plus "Refused to ..." log and console lines)
  scriptRan   whether the dashboard's script showed its table controls
  images, scripts  how many <img> and <script> elements the document has (escaping)
  table       with --exercise: rows shown after filtering by --filter and with "only tenants
              with findings" ticked (withFindings), the first row after
              sorting by the errors column, and how long each took (filterMs, sortMs)
and writes a PNG screenshot (--screenshot-dir, one per page, plus a "-print" one with print
media emulated). With --no-script the pages are loaded with scripting disabled.

usage: browser_check.py [--chromium PATH] [--screenshot-dir DIR] [--size 1280x2000]
                        [--slices N] [--no-script] [--exercise] [--filter TEXT] FILE.html...
"""
import argparse
import base64
import json
import os
import select
import shutil
import subprocess
import sys
import tempfile
import time

# Injected before any page script (CDP scripts are exempt from the page's policy): records every
# violation the page's policy reports, so a refused script cannot go unnoticed.
RECORD_VIOLATIONS = """
window.__mgauditViolations = [];
document.addEventListener("securitypolicyviolation", function (event) {
  window.__mgauditViolations.push(event.violatedDirective + " blocked " + (event.blockedURI || "inline")
    + " at line " + event.lineNumber);
});
"""

INSPECT = """
(function () {
  var controls = document.getElementById("tenant-controls");
  var rows = document.querySelectorAll("#tenants tbody tr");
  return JSON.stringify({
    text: document.body ? document.body.innerText : "",
    title: document.title,
    scriptRan: !!(controls && !controls.hidden),
    rows: rows.length,
    images: document.images.length,
    scripts: document.scripts.length,
    violations: window.__mgauditViolations || []
  });
})()
"""

# Drives the tenant table the way a person would: type into the filter, click a header.
EXERCISE = """
(function (words) {
  var filter = document.getElementById("tenant-filter");
  var table = document.getElementById("tenants");
  if (!filter || !table) { return JSON.stringify({ present: false }); }
  var started = performance.now();
  filter.value = words;
  filter.dispatchEvent(new Event("input"));
  var filterMs = performance.now() - started;
  var visible = Array.prototype.filter.call(table.tBodies[0].rows, function (row) { return !row.hidden; });
  var shown = document.getElementById("tenant-shown");
  var result = { present: true, filtered: visible.length, shownText: shown ? shown.textContent : "",
                 filterMs: Math.round(filterMs) };
  filter.value = "";
  filter.dispatchEvent(new Event("input"));
  var only = document.getElementById("tenant-only-findings");
  if (only) {
    only.click();
    result.withFindings = Array.prototype.filter.call(table.tBodies[0].rows, function (row) { return !row.hidden; }).length;
    only.click();
  }
  var button = table.tHead.rows[0].cells[2].querySelector("button");
  started = performance.now();
  if (button) { button.click(); }
  result.sortMs = Math.round(performance.now() - started);
  var first = table.tBodies[0].rows[0];
  result.sortedFirst = first ? first.cells[1].textContent : "";
  result.sortedFirstErrors = first ? Number(first.cells[2].textContent) : -1;
  result.ariaSort = table.tHead.rows[0].cells[2].getAttribute("aria-sort");
  return JSON.stringify(result);
})(%s)
"""


class Browser:
    """One headless Chromium, spoken to over its debugging pipe."""

    def __init__(self, executable, timeout):
        self.timeout = timeout
        self.profile = tempfile.mkdtemp(prefix="mgaudit-chromium-")
        to_browser_read, self.to_browser = os.pipe()
        self.from_browser, from_browser_write = os.pipe()

        def wire():
            os.dup2(to_browser_read, 3)
            os.dup2(from_browser_write, 4)

        self.process = subprocess.Popen(
            [executable, "--headless=new", "--no-sandbox", "--disable-gpu", "--remote-debugging-pipe",
             "--user-data-dir=" + self.profile, "--no-first-run", "--no-default-browser-check",
             "--disable-extensions", "--disable-background-networking", "--disable-sync",
             "--disable-dev-shm-usage", "--hide-scrollbars", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            preexec_fn=wire, pass_fds=(3, 4))
        os.close(to_browser_read)
        os.close(from_browser_write)
        self.buffer = b""
        self.next_id = 0
        self.events = []

    def send(self, method, params=None, session=None):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        data = json.dumps(message).encode() + b"\0"
        while data:
            written = os.write(self.to_browser, data)
            data = data[written:]
        return self.wait(lambda m: m.get("id") == self.next_id)

    def read_message(self, deadline):
        while b"\0" not in self.buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("Chromium did not answer in time")
            ready, _, _ = select.select([self.from_browser], [], [], left)
            if ready:
                chunk = os.read(self.from_browser, 1 << 20)
                if not chunk:
                    raise RuntimeError("Chromium closed its debugging pipe (exit %s)" % self.process.poll())
                self.buffer += chunk
        raw, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(raw)

    def wait(self, matches, timeout=None):
        deadline = time.monotonic() + (timeout or self.timeout)
        while True:
            message = self.read_message(deadline)
            if matches(message):
                if "error" in message:
                    raise RuntimeError("CDP error: %s" % message["error"])
                return message.get("result", message.get("params", {}))
            if "method" in message:
                self.events.append(message)

    def drain(self, seconds):
        """Collects events for a while (late console messages)."""
        deadline = time.monotonic() + seconds
        try:
            while True:
                self.events.append(self.read_message(deadline))
        except TimeoutError:
            pass

    def close(self):
        try:
            self.send("Browser.close")
        except Exception:  # the browser may already be gone; it is killed below either way
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        os.close(self.to_browser)
        os.close(self.from_browser)
        shutil.rmtree(self.profile, ignore_errors=True)


def describe_event(event):
    """(kind, text) for the events that matter: errors and policy violations; None otherwise."""
    method, params = event.get("method"), event.get("params", {})
    if method == "Runtime.exceptionThrown":
        details = params.get("exceptionDetails", {})
        text = details.get("exception", {}).get("description") or details.get("text", "exception")
        return ("error", text)
    if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
        text = " ".join(str(arg.get("value", arg.get("description", ""))) for arg in params.get("args", []))
        return ("error", text)
    if method == "Log.entryAdded":
        entry = params.get("entry", {})
        if entry.get("level") == "error":
            return ("error", entry.get("text", ""))
    return None


def check_page(browser, path, args):
    target = browser.send("Target.createTarget", {"url": "about:blank"})["targetId"]
    session = browser.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
    browser.events = []
    for method in ("Runtime.enable", "Log.enable", "Page.enable"):
        browser.send(method, session=session)
    width, height = (int(part) for part in args.size.split("x"))
    browser.send("Emulation.setDeviceMetricsOverride",
                 {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False}, session=session)
    if args.no_script:
        browser.send("Emulation.setScriptExecutionDisabled", {"value": True}, session=session)
    browser.send("Page.addScriptToEvaluateOnNewDocument", {"source": RECORD_VIOLATIONS}, session=session)
    browser.send("Page.navigate", {"url": "file://" + os.path.abspath(path)}, session=session)
    browser.wait(lambda m: m.get("method") == "Page.loadEventFired" and m.get("sessionId") == session)
    browser.drain(0.5)

    def evaluate(expression):
        result = browser.send("Runtime.evaluate", {"expression": expression, "returnByValue": True}, session=session)
        return json.loads(result.get("result", {}).get("value") or "{}")

    # With scripting disabled the injected recorder does not run either; inspect via CDP still works.
    state = evaluate(INSPECT)
    report = {"file": path, "text": state.get("text", ""), "title": state.get("title", ""),
              "scriptRan": state.get("scriptRan", False), "rows": state.get("rows", 0),
              "images": state.get("images", 0), "scripts": state.get("scripts", 0),
              "csp": list(state.get("violations", [])), "errors": []}
    if args.screenshot_dir:
        os.makedirs(args.screenshot_dir, exist_ok=True)
        stem = os.path.join(args.screenshot_dir, os.path.splitext(os.path.basename(path))[0]
                            + ("-noscript" if args.no_script else ""))
        shots = []
        for media, suffix in (("screen", ""), ("print", "-print")):
            browser.send("Emulation.setEmulatedMedia", {"media": media}, session=session)
            # Slice 1 is the viewport; later slices (--slices) are the page further down.
            for index in range(args.slices):
                params = {"format": "png"}
                if index > 0:
                    params.update({"captureBeyondViewport": True,
                                   "clip": {"x": 0, "y": index * height, "width": width, "height": height, "scale": 1}})
                shot = browser.send("Page.captureScreenshot", params, session=session)
                name = stem + suffix + ("" if index == 0 else "-%d" % (index + 1)) + ".png"
                with open(name, "wb") as handle:
                    handle.write(base64.b64decode(shot["data"]))
                shots.append(name)
        report["screenshots"] = shots
        browser.send("Emulation.setEmulatedMedia", {"media": ""}, session=session)
    # After the screenshots, so they show the page as loaded.
    if args.exercise and not args.no_script:
        report["table"] = evaluate(EXERCISE % json.dumps(args.filter))
        browser.drain(0.2)
    for event in browser.events:
        described = describe_event(event)
        if described is None:
            continue
        _, text = described
        if "Content Security Policy" in text or text.startswith("Refused to"):
            report["csp"].append(text)
        report["errors"].append(text)
    browser.send("Target.closeTarget", {"targetId": target})
    return report


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("files", nargs="+")
    parser.add_argument("--chromium", default=shutil.which("chromium") or shutil.which("chromium-browser") or "chromium")
    parser.add_argument("--screenshot-dir")
    parser.add_argument("--size", default="1280x2000")
    parser.add_argument("--slices", type=int, default=1, help="screenshots per page, one viewport height each")
    parser.add_argument("--no-script", action="store_true")
    parser.add_argument("--exercise", action="store_true")
    parser.add_argument("--filter", default="")
    parser.add_argument("--timeout", type=float, default=90)
    args = parser.parse_args()
    browser = Browser(args.chromium, args.timeout)
    try:
        reports = [check_page(browser, path, args) for path in args.files]
    finally:
        browser.close()
    json.dump(reports, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
