#!/usr/bin/env python3
"""Use the `mgaudit serve` desk in headless Chromium as a person would, and report it as JSON.

Reuses browser_check.py's Browser (the DevTools protocol over --remote-debugging-pipe, standard
library only, no debugging port) and its error and policy-violation collection. Opens URL, types
--error into the paste box (Input.insertText), attaches --file paths through the file input
(DOM.setFileInputFiles), clicks the submit button with the mouse, waits for the result page and
reads it back: its text, the reply textarea, and (with scripting) what clicking "copy reply" did
(the button's data-copied attribute: "clipboard" or "selected"). With --no-script the page is
loaded with scripting disabled, so the plain form POST is what submits.

Writes PNG screenshots of the form and of the result to --screenshot-dir (suffix "-noscript"
without scripting); --docs-shot PATH also writes the result's first --docs-height pixels.

usage: serve_browser_check.py --url URL --error TEXT [--file PATH]... [--no-script]
                              [--screenshot-dir DIR] [--docs-shot PATH] [--timeout S]
"""
import argparse
import base64
import json
import os
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from browser_check import RECORD_VIOLATIONS, Browser, describe_event  # noqa: E402

RESULT = """
(function () {
  var reply = document.getElementById("reply");
  var button = document.getElementById("copy-reply");
  return JSON.stringify({
    text: document.body ? document.body.innerText : "",
    title: document.title,
    reply: reply ? reply.value : null,
    replyReadOnly: !!(reply && reply.readOnly),
    button: !!button,
    buttonShown: !!(button && !button.hidden),
    copied: button ? button.getAttribute("data-copied") : null,
    buttonText: button ? button.textContent : "",
    scripts: document.scripts.length,
    images: document.images.length,
    violations: window.__mgauditViolations || []
  });
})()
"""


class Page:
    """One tab of the browser, attached with a flat session."""

    def __init__(self, browser, width, height, no_script):
        self.browser = browser
        self.target = browser.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = browser.send("Target.attachToTarget", {"targetId": self.target, "flatten": True})["sessionId"]
        for method in ("Runtime.enable", "Log.enable", "Page.enable", "DOM.enable"):
            self.send(method)
        self.send("Emulation.setDeviceMetricsOverride",
                  {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})
        if no_script:
            self.send("Emulation.setScriptExecutionDisabled", {"value": True})
        self.send("Page.addScriptToEvaluateOnNewDocument", {"source": RECORD_VIOLATIONS})

    def send(self, method, params=None):
        return self.browser.send(method, params, session=self.session)

    def wait_for_load(self):
        self.browser.wait(lambda m: m.get("method") == "Page.loadEventFired" and m.get("sessionId") == self.session)
        self.browser.drain(0.3)

    def node(self, selector):
        root = self.send("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
        node = self.send("DOM.querySelector", {"nodeId": root, "selector": selector}).get("nodeId", 0)
        if not node:
            raise RuntimeError("no element %s on the page" % selector)
        return node

    def click(self, selector):
        """A real mouse click in the middle of the element (a user gesture, no page script)."""
        node = self.node(selector)
        self.send("DOM.scrollIntoViewIfNeeded", {"nodeId": node})
        quads = self.send("DOM.getContentQuads", {"nodeId": node}).get("quads", [])
        if not quads:
            raise RuntimeError("%s is not visible" % selector)
        quad = quads[0]
        x = sum(quad[0::2]) / 4
        y = sum(quad[1::2]) / 4
        for kind in ("mouseMoved", "mousePressed", "mouseReleased"):
            self.send("Input.dispatchMouseEvent", {"type": kind, "x": x, "y": y, "button": "left", "clickCount": 1})

    def evaluate(self, expression):
        result = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True})
        return json.loads(result.get("result", {}).get("value") or "{}")

    def screenshot(self, path, clip_height=None):
        params = {"format": "png"}
        if clip_height:
            metrics = self.send("Page.getLayoutMetrics")
            width = metrics.get("cssLayoutViewport", {}).get("clientWidth", 1280)
            params["clip"] = {"x": 0, "y": 0, "width": width, "height": clip_height, "scale": 1}
        shot = self.send("Page.captureScreenshot", params)
        os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
        with open(path, "wb") as handle:
            handle.write(base64.b64decode(shot["data"]))
        return path

    def close(self):
        self.browser.send("Target.closeTarget", {"targetId": self.target})


def run(browser, args):
    width, height = (int(part) for part in args.size.split("x"))
    page = Page(browser, width, height, args.no_script)
    browser.events = []
    suffix = "-noscript" if args.no_script else ""
    shots = []
    if not args.no_script:
        # The clipboard, as a person's browser would grant it to a page they use (failing that,
        # the script selects the textarea instead and says so).
        try:
            browser.send("Browser.grantPermissions",
                         {"origin": args.url.rstrip("/"), "permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"]})
        except RuntimeError:
            pass
    page.send("Page.navigate", {"url": args.url})
    page.wait_for_load()
    form = page.evaluate(RESULT)

    page.send("DOM.focus", {"nodeId": page.node("#error")})
    page.send("Input.insertText", {"text": args.error})
    files = [os.path.abspath(path) for path in args.file]
    if files:
        page.send("DOM.setFileInputFiles", {"nodeId": page.node("#files"), "files": files})
    if args.screenshot_dir:
        shots.append(page.screenshot(os.path.join(args.screenshot_dir, "serve-form" + suffix + ".png")))

    page.click("form button[type=submit]")
    page.wait_for_load()
    result = page.evaluate(RESULT)
    if args.screenshot_dir:
        shots.append(page.screenshot(os.path.join(args.screenshot_dir, "serve-result" + suffix + ".png")))
    if args.docs_shot:
        page.screenshot(args.docs_shot, clip_height=args.docs_height)
    copied = None
    if not args.no_script and result.get("buttonShown"):
        page.click("#copy-reply")
        browser.drain(0.5)
        copied = page.evaluate(RESULT).get("copied")
        if args.screenshot_dir:
            shots.append(page.screenshot(os.path.join(args.screenshot_dir, "serve-copied.png")))

    errors, csp = [], list(form.get("violations", [])) + list(result.get("violations", []))
    for event in browser.events:
        described = describe_event(event)
        if described is None:
            continue
        _, text = described
        if "Content Security Policy" in text or text.startswith("Refused to"):
            csp.append(text)
        errors.append(text)
    page.close()
    return {"formTitle": form.get("title", ""), "formScripts": form.get("scripts", 0),
            "text": result.get("text", ""), "title": result.get("title", ""),
            "reply": result.get("reply"), "replyReadOnly": result.get("replyReadOnly", False),
            "button": result.get("button", False), "buttonShown": result.get("buttonShown", False),
            "copied": copied, "scripts": result.get("scripts", 0), "images": result.get("images", 0),
            "errors": errors, "csp": csp, "screenshots": shots}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--url", required=True)
    parser.add_argument("--error", required=True)
    parser.add_argument("--file", action="append", default=[])
    parser.add_argument("--chromium", default=shutil.which("chromium") or shutil.which("chromium-browser") or "chromium")
    parser.add_argument("--screenshot-dir")
    parser.add_argument("--docs-shot")
    parser.add_argument("--docs-height", type=int, default=1500)
    parser.add_argument("--size", default="1280x1500")
    parser.add_argument("--no-script", action="store_true")
    parser.add_argument("--timeout", type=float, default=60)
    args = parser.parse_args()
    browser = Browser(args.chromium, args.timeout)
    try:
        report = run(browser, args)
    finally:
        browser.close()
    json.dump(report, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
