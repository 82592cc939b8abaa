import Plot

/// The Plot nodes both HTML renderers (check and triage) build input into.
enum HTMLNodes {
    /// Text escaped here, in one pass over its UTF-8 bytes, and handed to Plot as raw text: `&`,
    /// `<` and `>` become entities, so every input shows exactly as written (Plot's own `.text`
    /// keeps `&name;` sequences as entities, so a literal `&lt;` in input would show as `<`, and
    /// it escapes Character by Character, building a String per character: at 10,000 tenants that
    /// was two thirds of the HTML report's time). Only text nodes are made this way; attribute
    /// values are always words the renderer chose.
    static func safe<Context>(_ text: String) -> Node<Context> {
        .raw(escape(text))
    }

    /// `&`, `<`, `>` as entities; text without them is returned as it is. Over the contiguous
    /// UTF-8 bytes: the length is counted first, then the runs between those bytes (each found by
    /// `firstSpecial`) are copied into the String's own storage (`escapeByByte` is the simple version
    /// it is tested against).
    static func escape(_ text: String) -> String {
        var text = text
        let escaped: String? = text.withUTF8 { utf8 in
            guard let first = firstSpecial(utf8, from: 0) else { return nil }
            var extra = 0
            var next: Int? = first
            while let index = next {
                extra += utf8[index] == UInt8(ascii: "&") ? 4 : 3
                next = firstSpecial(utf8, from: index + 1)
            }
            return String(unsafeUninitializedCapacity: utf8.count + extra) { out in
                var written = 0
                func copy(_ bytes: UnsafeBufferPointer<UInt8>) {
                    let room = min(bytes.count, out.count - written)
                    guard room > 0, let source = bytes.baseAddress, let target = out.baseAddress else { return }
                    (target + written).update(from: source, count: room)
                    written += room
                }
                var runStart = 0
                next = first
                while let index = next {
                    copy(UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
                    let entity: StaticString = switch utf8[index] {
                    case UInt8(ascii: "&"): "&amp;"
                    case UInt8(ascii: "<"): "&lt;"
                    default: "&gt;"
                    }
                    entity.withUTF8Buffer { copy($0) }
                    runStart = index + 1
                    next = firstSpecial(utf8, from: runStart)
                }
                copy(UnsafeBufferPointer(rebasing: utf8[runStart...]))
                return written
            }
        }
        return escaped ?? text
    }

    /// Where the first `&`, `<` or `>` from `start` is: eight bytes at a time (a word none of whose bytes is
    /// one of them is passed in a few operations), byte by byte in a word that may hold one and
    /// after the last whole word.
    static func firstSpecial(_ utf8: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        var index = TextDecoding.afterWords(in: utf8, from: start) { word in
            !TextDecoding.wordHasByte(word, 0x26) && !TextDecoding.wordHasByte(word, 0x3C) && !TextDecoding.wordHasByte(word, 0x3E)
        }
        while index < utf8.count {
            switch utf8[index] {
            case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"): return index
            default: index += 1
            }
        }
        return nil
    }

    /// The byte-by-byte escaping `escape` replaced, kept for its test.
    static func escapeByByte(_ text: String) -> String {
        let utf8 = text.utf8
        guard utf8.contains(where: { $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") }) else {
            return text
        }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count + 16)
        for byte in utf8 {
            switch byte {
            case UInt8(ascii: "&"): out += Array("&amp;".utf8)
            case UInt8(ascii: "<"): out += Array("&lt;".utf8)
            case UInt8(ascii: ">"): out += Array("&gt;".utf8)
            default: out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
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

    /// A finding's fix commands, folded: one block per tool (check, batch and triage reports).
    static func commands(_ commands: FindingCommands, labels: ReportLabels, language: Language) -> Node<HTML.BodyContext> {
        .details(.class("commands"), .summary(safe(labels.fixCommands)), .forEach(labels.commandTools) { tool in
            .group(.p(.class("k"), safe(tool.name)), .pre(.code(safe(commands[keyPath: tool.key].text(language)))))
        })
    }
}
