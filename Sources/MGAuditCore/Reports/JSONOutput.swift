import Foundation

/// The JSON writing both JSON renderers share: one finding shape, one encoder.
enum JSONOutput {
    /// Pretty-printed, keys sorted, `/` unescaped, a trailing newline. Invisible characters inside
    /// strings are written as `\uXXXX` escapes: the parsed value is exactly the input, and a person
    /// reading the file still sees the stray U+3000.
    static func encode(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return escapingInvisibles(String(decoding: try encoder.encode(value), as: UTF8.self)) + "\n"
    }

    /// Outside strings JSON holds only ASCII, so every invisible non-ASCII scalar is inside one.
    /// Works on UTF-8 bytes: ASCII runs are copied as they are, only non-ASCII scalars are looked at.
    static func escapingInvisibles(_ json: String) -> String {
        let utf8 = json.utf8
        guard utf8.contains(where: { $0 >= 0x80 }) else { return json }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count + 64)
        for scalar in json.unicodeScalars {
            if scalar.isASCII {
                out.append(UInt8(truncatingIfNeeded: scalar.value))
            } else if VisibleText.isInvisible(scalar) {
                for unit in String(scalar).utf16 {
                    let hex = String(unit, radix: 16)
                    out.append(contentsOf: ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8)
                }
            } else {
                UTF8.encode(scalar) { out.append($0) }
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// A finding as `check --format json` and `triage --format json` both write it.
    struct Finding: Encodable {
        var rule: String
        var severity: Severity
        var subject: String
        var title: String
        var message: String
        var evidence: [String: EvidenceValue]
        var guideStep: String
        /// Additive: what to do, quoting the portal's labels; absent when the rule says nothing.
        var fix: String?
        /// Additive: rules that saw the same problem, folded into this finding; absent when none.
        var related: [String]?

        init(_ finding: MGAuditCore.Finding, language: Language) {
            rule = finding.rule
            severity = finding.severity
            subject = finding.subject
            title = finding.title.text(language)
            message = finding.message.text(language)
            evidence = finding.evidence
            guideStep = finding.guideStep.text(language)
            fix = finding.fix?.text(language)
            related = finding.related.isEmpty ? nil : finding.related
        }
    }
}
