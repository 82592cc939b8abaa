@testable import MGAuditCore

/// A hand-made report exercising every renderer path: two tenants with findings of each
/// severity, near-misses with diff evidence (a missing hyphen; a full-width letter), a plain
/// expected/actual pair, a U+3000 in evidence, a subject carrying `<script>` and `"><img`,
/// an input name with `&lt;`, and a third tenant with nothing to report.
enum ReportFixture {
    static let guideStep7 = LocalizedText(ja: "OAuth クライアントID作成手順 7", en: "OAuth client ID setup, step 7")
    static let guideStep10 = LocalizedText(ja: "OAuth クライアントID作成手順 10", en: "OAuth client ID setup, step 10")
    static let guideStep14 = LocalizedText(ja: "OAuth クライアントID作成手順 14", en: "OAuth client ID setup, step 14")
    static let guideStep2 = LocalizedText(ja: "OAuth クライアントID作成手順 2", en: "OAuth client ID setup, step 2")

    static let nearMiss = NearMissDiff(segments: [
        .init(.equal, "https://abc"), .init(.missing, "-"), .init(.equal, "mgf.cybermail.jp/mg-cgi/mg_login"),
    ])

    static let fullWidth = NearMissDiff(segments: [
        .init(.equal, "https://xyz-mgf.cybermail.jp/"), .init(.missing, "m"), .init(.extra, "ｍ"),
        .init(.equal, "g-cgi/mg_login"),
    ])

    static let contoso = TenantResult(
        name: "contoso",
        inputs: [
            InputFile(path: "contoso/manifest.json", kind: .manifestMicrosoftGraph),
            InputFile(path: "contoso/開通通知書.txt", kind: .notificationSheet),
        ],
        findings: [
            Finding(
                rule: "secret-expiring", severity: .warning, subject: "6f1c2a9e-0d3b-4c55-9a61-2b7e8d4f1a30",
                title: LocalizedText(ja: "クライアント シークレットの期限が近い", en: "Client secret expires soon"),
                message: LocalizedText(
                    ja: "最新のクライアント シークレットは 2025-05-01 に期限が切れます（残り 30 日）。\n期限が切れるとユーザがログインできなくなります。",
                    en: "The newest client secret expires on 2025-05-01 (30 days left).\nOnce it expires, nobody can log in."),
                evidence: ["endDateTime": .string("2025-05-01T00:00:00Z"), "daysLeft": .int(30), "hint": .string("abC")],
                guideStep: guideStep14),
            Finding(
                rule: "display-name-differs", severity: .info, subject: "MAILGATES Σ test",
                title: LocalizedText(ja: "アプリ名がガイドと違う", en: "App name differs from the guide"),
                message: LocalizedText(ja: "アプリ名は「MAILGATES Σ」を推奨します。動作には影響しません。",
                                       en: "The guide names the app \"MAILGATES Σ\". This does not affect sign-in."),
                evidence: ["expected": .string("MAILGATES Σ"), "actual": .string("MAILGATES Σ test")],
                guideStep: guideStep2),
            Finding(
                rule: "uri-near-miss", severity: .error, subject: nearMiss.actual,
                title: LocalizedText(ja: "リダイレクト URI が URI1 と一致しない", en: "Redirect URI does not match URI1"),
                message: LocalizedText(
                    ja: "登録されたリダイレクト URI は、開通通知書の URI1 とハイフン 1 文字が違います。",
                    en: "The registered redirect URI differs from URI1 of the notification sheet by one hyphen."),
                evidence: nearMiss.evidence.merging(["platform": .string("web"), "sheetLabel": .string("URI1")]) { $1 },
                guideStep: guideStep7),
            Finding(
                rule: "implicit-id-token-disabled", severity: .error, subject: "web.implicitGrantSettings.enableIdTokenIssuance",
                title: LocalizedText(ja: "「ID トークン」が無効", en: "\"ID tokens\" is off"),
                message: LocalizedText(
                    ja: "「暗黙的な許可およびハイブリッド フロー」の「ID トークン」にチェックが入っていません（AADSTS700054 の原因）。",
                    en: "\"ID tokens\" under implicit grant and hybrid flows is not checked (the cause of AADSTS700054)."),
                evidence: ["enableIdTokenIssuance": .bool(false), "enableAccessTokenIssuance": .bool(true)],
                guideStep: guideStep10,
                fix: LocalizedText(ja: "「暗黙的な許可およびハイブリッド フロー」で「ID トークン」にチェックを入れて「保存」をクリックしてください。",
                                   en: "Under Implicit grant and hybrid flows, tick ID tokens and click Save.")),
        ]
    )

    static let hostile = "https://evil.example/\"><img src=x onerror=alert(1)><script>alert(1)</script>"

    static let fabrikam = TenantResult(
        name: "fabrikam",
        inputs: [InputFile(path: "fabrikam/app &lt;2&gt;.json", kind: .manifestAADGraph)],
        findings: [
            Finding(
                rule: "uri-unexpected-host", severity: .warning, subject: hostile,
                title: LocalizedText(ja: "想定外のホストのリダイレクト URI", en: "Redirect URI with an unexpected host"),
                message: LocalizedText(ja: "MAILGATES Σ のホストではない URI が登録されています。不要なら削除してください。",
                                       en: "A URI on a host that is not MAILGATES Σ is registered. Remove it if it is not needed."),
                evidence: ["host": .string("evil.example"), "registered": .list([.string(hostile), .int(2)])],
                guideStep: guideStep7),
            Finding(
                rule: "uri-whitespace", severity: .error, subject: "https://xyz-mgf.cybermail.jp/mg-cgi/mg_login\u{3000}",
                title: LocalizedText(ja: "リダイレクト URI に空白文字", en: "Whitespace in a redirect URI"),
                message: LocalizedText(ja: "URI の末尾に全角スペースがあります。", en: "The URI ends with a full-width space."),
                evidence: ["character": .string("\u{3000}"), "position": .int(45), "detail": .object(["where": .string("end")])],
                guideStep: guideStep7),
            Finding(
                rule: "uri-near-miss", severity: .error, subject: fullWidth.actual,
                title: LocalizedText(ja: "リダイレクト URI が URI2 と一致しない", en: "Redirect URI does not match URI2"),
                message: LocalizedText(ja: "半角の「m」が全角の「ｍ」になっています。",
                                       en: "The ASCII \"m\" is a full-width \"ｍ\"."),
                evidence: fullWidth.evidence,
                guideStep: guideStep7),
        ]
    )

    static let quiet = TenantResult(name: "northwind", inputs: [], findings: [])

    static let report = AuditReport(asOf: "2025-04-01", tenants: [contoso, fabrikam, quiet])
}

extension ReportFixture {
    /// A rule list for the formats that list the pack's rules (SARIF descriptors, JUnit test
    /// cases): one per rule the fixture's findings name, in a fixed order, plus one that no
    /// finding names (a passing test case, a descriptor without results). Kept here rather than
    /// read from rules/ so the golden files do not change whenever the shipped pack does.
    static let rules: [Rule] = {
        var seen: Set<String> = []
        var rules: [Rule] = []
        for finding in report.tenants.flatMap(\.findings) where seen.insert(finding.rule).inserted {
            rules.append(rule(finding.rule, severity: finding.severity, title: finding.title, message: finding.message,
                              fix: finding.fix ?? LocalizedText(ja: "設定を開通通知書のとおりに直してください。",
                                                                en: "Set it as the notification sheet says."),
                              guideStep: finding.guideStep))
        }
        rules.append(rule("sign-in-audience", severity: .warning,
                          title: LocalizedText(ja: "サポートされているアカウントの種類が違う", en: "Supported account types differ"),
                          message: LocalizedText(ja: "signInAudience が {actual} です。", en: "signInAudience is {actual}."),
                          fix: LocalizedText(ja: "「この組織ディレクトリのみ」を選んでください。",
                                             en: "Choose \"Accounts in this organizational directory only\"."),
                          guideStep: guideStep2))
        return rules
    }()

    static func rule(_ id: String, severity: Severity, title: LocalizedText, message: LocalizedText, fix: LocalizedText,
                     guideStep: LocalizedText) -> Rule {
        Rule(id: id, severity: severity, check: "fixture", params: RuleParams(), title: title, message: message, fix: fix,
             guideStep: guideStep,
             description: LocalizedText(ja: "「\(title.ja)」を検出します。", en: "Detects: \(title.en)."),
             examples: RuleExamples())
    }

    /// The report as a run against a baseline sees it: locations (one with a line), new and
    /// unchanged findings, a finding a baseline had that is gone, a suppressed finding with a
    /// hostile reason, and a secret. Exercises SARIF regions and suppressions, JUnit skips, the
    /// CSV change column and the Markdown new/fixed line.
    static let withBaseline: AuditReport = {
        var contoso = ReportFixture.contoso
        for index in contoso.findings.indices {
            contoso.findings[index].fingerprint = Fingerprint.of(tenant: contoso.name, rule: contoso.findings[index].rule,
                                                                 subject: contoso.findings[index].subject)
            contoso.findings[index].change = index == 0 ? .unchanged : .new
            contoso.findings[index].location = SourceLocation(path: "contoso/manifest.json", line: index == 2 ? 12 : nil)
        }
        contoso.fixed = [FixedFinding(rule: "uri-whitespace", subject: "https://abc-mgf.cybermail.jp/mg-cgi/mg_login ",
                                      severity: .error, fingerprint: "00000000000000aa")]
        contoso.secrets = [SecretEnd(keyId: "6f1c2a9e-0d3b-4c55-9a61-2b7e8d4f1a30", hint: "abC", displayName: "mailgates|2024",
                                     ends: "2025-05-01")]
        var fabrikam = ReportFixture.fabrikam
        let held = fabrikam.findings.removeFirst()
        for index in fabrikam.findings.indices {
            fabrikam.findings[index].fingerprint = Fingerprint.of(tenant: fabrikam.name, rule: fabrikam.findings[index].rule,
                                                                  subject: fabrikam.findings[index].subject)
            fabrikam.findings[index].change = .new
        }
        var suppressed = held
        suppressed.fingerprint = Fingerprint.of(tenant: fabrikam.name, rule: held.rule, subject: held.subject)
        fabrikam.suppressed = [SuppressedFinding(finding: suppressed, reason: "検証用 <test> & \"staging\", =1+1",
                                                 source: "mgaudit.yml:3", until: "2025-12-31")]
        return AuditReport(asOf: report.asOf, tenants: [contoso, fabrikam, quiet])
    }()
}
