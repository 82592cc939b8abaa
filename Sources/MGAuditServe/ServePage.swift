import Foundation
import MGAuditCore
import Plot

/// Every fixed word of the desk, one language, from `rules/serve.yaml`.
public struct ServeLabels: Sendable, Decodable {
    public var title: String
    public var intro: String
    public var errorLabel: String
    public var filesLabel: String
    public var submit: String
    public var forbiddenHost: String
    public var forbiddenOrigin: String
    public var tooLarge: String
    public var badMultipart: String
    public var replyHeading: String
    public var replyHint: String
    public var copyReply: String
    public var copied: String

    struct File: Decodable {
        var ja: ServeLabels
        var en: ServeLabels
    }

    public static func load(directory: URL, language: MGAuditCore.Language) throws -> ServeLabels {
        let file = try YAMLFile.decode(File.self, from: directory.appendingPathComponent("serve.yaml"), limits: .otherFile)
        return language == .ja ? file.ja : file.en
    }
}

/// `GET /`: the form, self-contained, working without scripting; every string escaped by Plot.
/// `POST /triage`: the triage HTML report with the customer reply under the diagnosis.
enum ServePage {
    static func form(_ labels: ServeLabels, language: MGAuditCore.Language) -> String {
        HTML(
            .lang(language == .ja ? .japanese : .english),
            .head(
                .meta(.charset(.utf8)),
                .meta(.name("viewport"), .content("width=device-width, initial-scale=1")),
                .title(labels.title),
                .style(css)
            ),
            .body(.main(
                .class("desk-page"),
                .h1(.text(labels.title)),
                .p(.text(labels.intro)),
                .form(
                    .class("desk"),
                    .method(.post),
                    .action("/triage"),
                    .enctype(.multipartData),
                    .label(.for("error"), .text(labels.errorLabel)),
                    .textarea(.id("error"), .name("error"), .rows(8)),
                    .label(.for("files"), .text(labels.filesLabel)),
                    .input(.id("files"), .name("files"), .type(.file), .multiple(true)),
                    .button(.type(.submit), .text(labels.submit))
                )
            ))
        ).render()
    }

    /// The triage report `html` with, before its footer, the plain-text `reply` in a read-only
    /// textarea (selectable without scripting) and the "copy reply" button, hidden until `script`
    /// shows and wires it. nil `reply` (a catalog without `reply.yaml`): the report alone.
    static func result(_ html: String, reply: String?, labels: ServeLabels) -> String {
        guard let reply else { return html }
        let section: Node<HTML.BodyContext> = .section(
            .class("reply"),
            .h2(.text(labels.replyHeading)),
            .p(.label(.for("reply"), .text(labels.replyHint))),
            .textarea(.id("reply"), .readonly(true), .rows(18), .text(reply)),
            .button(.id("copy-reply"), .type(.button), .hidden(true), .attribute(named: "data-done", value: labels.copied),
                    .text(labels.copyReply))
        )
        let added = "<style>" + css + "</style>\n" + section.render() + "\n<script>" + script + "</script>\n"
        let anchor = html.range(of: "<footer", options: .backwards) ?? html.range(of: "</body>", options: .backwards)
        guard let anchor else { return html + added }
        return html.replacingCharacters(in: anchor.lowerBound..<anchor.lowerBound, with: added)
    }

    /// The desk's own stylesheet (the form, the reply); the triage report brings its own.
    static let css = """
    .desk-page{font-family:system-ui,sans-serif;line-height:1.5;margin:2rem auto;max-width:60rem;padding:0 1rem;color:#1f2328}
    .desk,.reply{font-family:system-ui,sans-serif;max-width:60rem}
    .desk{display:grid;gap:.4rem;margin:1rem 0}
    .desk input[type=file]{border:2px dashed #d0d7de;border-radius:4px;padding:1.2rem;background:#f6f8fa}
    .desk label,.reply label{font-weight:600}
    .desk textarea,.reply textarea{width:100%;box-sizing:border-box;font-family:ui-monospace,monospace;font-size:.9rem}
    .desk button,.reply button{justify-self:start;padding:.3rem 1.2rem;font-size:1rem;margin-top:.4rem}
    .reply{margin:2rem auto}
    """

    /// Wires "copy reply": the clipboard when the browser allows it, otherwise the textarea is
    /// selected for the user's own copy. Sets `data-copied` ("clipboard" or "selected") on the
    /// button. Constant, so its hash in the policy stays valid; no handler attributes.
    static let script = """
    (function () {
      "use strict";
      var button = document.getElementById("copy-reply");
      var box = document.getElementById("reply");
      if (!button || !box) { return; }
      button.hidden = false;
      function done(how) {
        button.setAttribute("data-copied", how);
        button.textContent = button.getAttribute("data-done") || button.textContent;
      }
      function select() { box.focus(); box.select(); done("selected"); }
      button.addEventListener("click", function () {
        if (navigator.clipboard && navigator.clipboard.writeText) {
          navigator.clipboard.writeText(box.value).then(function () { done("clipboard"); }, select);
        } else {
          select();
        }
      });
    }());
    """

    /// base64 of SHA-256 over the UTF-8 of `script` (`ServeTests` recomputes it with `sha256sum`).
    static let scriptHash = "sha256-lOfU5OwAHyfDaljPBIo6m7QaDm9PzyeXtYpKC/VZ2fI="
    /// base64 of SHA-256 over the UTF-8 of `css`.
    static let cssHash = "sha256-S1GQ54sE/N+yOFTWnOIc/ZpL40p2sF2Xqd0O588/0IU="
    /// base64 of SHA-256 over the triage report's `<style>` (`HTMLReportStyle.css` and the triage
    /// page's rules, in MGAuditCore): a change there needs a new value here (`ServeTests` names it).
    static let reportCSSHash = "sha256-dGQYXXPbAIfR21he1BrwFUsTcmzV3v3OnUrhUH9kkig="

    /// Every page's policy: nothing loads, only these inline texts run or apply, forms post here.
    static var contentSecurityPolicy: String {
        "default-src 'none'; script-src '\(scriptHash)'; style-src '\(reportCSSHash)' '\(cssHash)'; "
            + "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
    }
}
