import Plot

/// The Plot nodes both HTML renderers (check and triage) build input into.
enum HTMLNodes {
    /// Plot escapes `<` and `>` but keeps `&name;` sequences as entities, so a literal `&lt;` in
    /// input would show as `<`. Escaping `&` first makes every input show exactly as written.
    /// Most texts have no `&` (numbers, labels, names): a scan of the UTF-8 bytes skips the
    /// Foundation replacement for them, which matters at 10,000 tenants of text nodes.
    static func safe<Context>(_ text: String) -> Node<Context> {
        .text(text.utf8.contains(UInt8(ascii: "&")) ? text.replacingOccurrences(of: "&", with: "&amp;") : text)
    }

    /// Rule-written prose, with control characters shown as code points.
    static func prose<Context>(_ text: String) -> Node<Context> {
        safe(ReportSupport.prose(text))
    }

    /// An input string, with invisible characters shown as `⟨U+3000⟩`.
    static func visible<Context>(_ text: String) -> Node<Context> {
        safe(VisibleText.escape(text))
    }

    /// One line of a diff: missing text is `<del>` (an empty piece is a gap mark), extra text `<ins>`.
    static func diffLine(_ label: String, _ pieces: [VisiblePiece]) -> Node<HTML.BodyContext> {
        .div(
            .class("line"),
            .span(.class("label"), safe(label)),
            .code(.forEach(pieces) { piece in
                switch piece.op {
                case .equal: safe(piece.text)
                case .missing: piece.text.isEmpty ? .span(.class("gap")) : .del(safe(piece.text))
                case .extra: .ins(safe(piece.text))
                }
            })
        )
    }
}
