import Foundation

/// CSV for spreadsheets and scripts (RFC 4180; docs/formats.md): a header row, then one row per
/// active finding, tenants in report order, findings in the order every format sorts them.
/// Suppressed findings are not rows (the JSON and SARIF reports carry them with their reasons):
/// a row is something to fix.
///
/// - Column names are English and fixed (`columns`), whatever the report language, so scripts and
///   pivot tables keep working; cells (message, guide step) are in the report language, severity
///   and change are the JSON values (`error`, `new`) so a filter works in either language.
/// - UTF-8 with a byte order mark by default: Excel in Japan reads a CSV without one as Shift_JIS.
/// - Rows end with CRLF; a cell holding `,`, `"`, CR or LF is quoted, its quotes doubled.
/// - Spreadsheet formulas are neutralised: a cell starting with `=`, `+`, `-`, `@`, tab or CR gets
///   a leading `'`, so a hostile subject cannot run as a formula when the file is opened.
/// - Input strings show invisible characters as `⟨U+3000⟩`, as every human-facing format does;
///   the fingerprint column joins rows with the JSON report exactly.
public struct CSVReport: ReportRenderer {
    public var byteOrderMark: Bool
    public init(byteOrderMark: Bool = true) { self.byteOrderMark = byteOrderMark }

    /// The header row: stable, machine-friendly names (docs/formats.md).
    public static let columns = ["tenant", "severity", "rule", "subject", "message", "guideStep", "fingerprint", "change"]

    public func begin(_ run: ReportRun) -> String {
        (byteOrderMark ? "\u{FEFF}" : "") + Self.row(Self.columns)
    }

    public func tenant(_ tenant: TenantResult, position: Int, run: ReportRun) -> String {
        let name = VisibleText.escape(tenant.name)
        return ReportSupport.sorted(tenant.findings).map { finding in
            Self.row([
                name,
                finding.severity.rawValue,
                VisibleText.escape(finding.rule),
                VisibleText.escape(finding.subject),
                ReportSupport.prose(finding.message.text(run.language)),
                ReportSupport.prose(finding.guideStep.text(run.language)),
                finding.fingerprint,
                finding.change?.rawValue ?? "",
            ])
        }.joined()
    }

    public func end(_ totals: ReportTotals, run: ReportRun) -> String { "" }

    /// One record, CRLF-terminated.
    static func row(_ cells: [String]) -> String {
        cells.map(cell).joined(separator: ",") + "\r\n"
    }

    /// One field: formula-neutralised, then quoted when RFC 4180 needs it.
    static func cell(_ value: String) -> String {
        var text = value
        if let first = text.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) {
            text = "'" + text
        }
        let utf8 = text.utf8
        guard utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == 0x22 || $0 == 0x0D || $0 == 0x0A }) else { return text }
        guard utf8.contains(0x22) else { return "\"" + text + "\"" }
        var quoted: [UInt8] = [0x22]
        for byte in utf8 {
            quoted.append(byte)
            if byte == 0x22 { quoted.append(0x22) }
        }
        quoted.append(0x22)
        return String(decoding: quoted, as: UTF8.self)
    }
}
