import Foundation

/// `input-problem`: the bundle's input problems of one kind (`problem:` any `InputProblem.Kind`:
/// `unreadable`, `unrecognised`, `invalid-field`, `no-manifest`, `nothing-recognised`,
/// `empty-folder`, `folder-of-tenants`, `explicit-unusable`). Reported instead of stopping the run.
/// `foldAfter: N` (optional): past N problems of the kind in one tenant, the rest are one hit (its
/// path shown with `(+count)`, `evidence.folded` the count), so 100,000 stray files are 21
/// findings, not 100,000.
public struct InputProblemCheck: Check {
    public static let kind = "input-problem"
    public static let placeholders: Set<String> = ["path", "detail", "field", "expected", "found", "hint", "givenAs"]
    let problem: InputProblem.Kind
    let foldAfter: Int?

    public init(params: RuleParams, catalog: PermissionCatalog) throws {
        try params.allowOnly(["problem", "foldAfter"])
        let fold = try params.int("foldAfter", default: 0)
        guard fold >= 0 else { throw ParamError("foldAfter must be 1 or more (0: never fold), not \(fold)") }
        foldAfter = fold > 0 ? fold : nil
        let name = try params.string("problem")
        guard let problem = InputProblem.Kind(rawValue: name) else {
            throw ParamError("problem must be one of \(InputProblem.Kind.allCases.map(\.rawValue).joined(separator: ", ")), not '\(name)'")
        }
        self.problem = problem
    }

    public func evaluate(_ context: AuditContext) -> [CheckHit] {
        let problems = context.bundle.problems.filter { $0.kind == problem }
        guard let foldAfter, problems.count > foldAfter + 1 else { return problems.map(hit) }
        var hits = problems.prefix(foldAfter).map(hit)
        var folded = hit(problems[foldAfter])
        let more = problems.count - foldAfter - 1
        let shown = "\(folded.subject) (+\(more))"
        folded.subject = shown
        folded.evidence["folded"] = .int(more + 1)
        folded.variables["path"] = .same(shown)
        hits.append(folded)
        return hits
    }

    func hit(_ item: InputProblem) -> CheckHit {
        let path = VisibleText.escape(item.path)
        var evidence: [String: EvidenceValue] = ["path": .string(path), "detail": .string(item.detail)]
        var variables: [String: LocalizedText] = ["path": .same(path), "detail": .same(item.detail)]
        var subject = path
        switch item.kind {
        case .invalidField:
            // Examples and hand-made bundles may carry only the detail.
            let field = item.fieldProblem.map { VisibleText.escape($0.field) } ?? ""
            subject = field.isEmpty ? path : "\(path): \(field)"
            evidence["field"] = .string(field)
            variables["field"] = .same(field)
            if let fieldProblem = item.fieldProblem {
                evidence["expected"] = .string(fieldProblem.expected.rawValue)
                evidence["found"] = .string(fieldProblem.found.rawValue)
                evidence["value"] = fieldProblem.value.map(EvidenceValue.string) ?? .null
                variables["expected"] = InputLabel.expected(fieldProblem.expected)
                variables["found"] = InputLabel.found(fieldProblem.found, value: fieldProblem.value)
            } else {
                variables["expected"] = LocalizedText(ja: "読み取れる値", en: "a readable value")
                variables["found"] = .same(item.detail)
            }
        case .folderOfTenants:
            let hint = VisibleText.escape(TenantLoader.eachFolderCommand(item.path))
            evidence["hint"] = .string(hint)
            variables["hint"] = .same(hint)
        case .explicitUnusable:
            evidence["givenAs"] = item.givenAs.map { .string($0.rawValue) } ?? .null
            evidence["found"] = item.found.map { .string($0.rawValue) } ?? .null
            variables["givenAs"] = item.givenAs.map(InputLabel.role) ?? LocalizedText(ja: "入力", en: "an input")
            variables["found"] = InputLabel.kind(item.found)
        case .unreadable, .unrecognised, .noManifest, .nothingRecognised, .emptyFolder:
            break
        }
        return CheckHit(subject: subject, evidence: evidence, variables: variables)
    }
}

/// Names of JSON types and input kinds as the input rules' messages quote them.
enum InputLabel {
    static func expected(_ expected: ManifestFieldProblem.Expected) -> LocalizedText {
        switch expected {
        case .string: LocalizedText(ja: "文字列", en: "a string")
        case .bool: LocalizedText(ja: "true または false", en: "true or false")
        case .object: LocalizedText(ja: "オブジェクト", en: "an object")
        case .list: LocalizedText(ja: "配列（[ … ]）", en: "a list ([ … ])")
        case .stringList: LocalizedText(ja: "文字列の配列（[\"…\"]）", en: "a list of strings ([\"…\"])")
        case .objectList: LocalizedText(ja: "オブジェクトの配列", en: "a list of objects")
        case .dateTime: LocalizedText(ja: "日時（ISO 8601、例 2026-03-05T08:00:00Z）",
                                      en: "an ISO 8601 date and time such as 2026-03-05T08:00:00Z")
        case .permissionType: LocalizedText(ja: "「Scope」または「Role」", en: "\"Scope\" or \"Role\"")
        }
    }

    static func found(_ type: ManifestFieldProblem.JSONType, value: String?) -> LocalizedText {
        let quoted = value.map { " '\($0)'" } ?? ""
        return switch type {
        case .string: LocalizedText(ja: "文字列\(quoted)", en: "the string\(quoted)")
        case .number: LocalizedText(ja: "数値\(value.map { " \($0)" } ?? "")", en: "the number\(value.map { " \($0)" } ?? "")")
        case .bool: LocalizedText(ja: "真偽値\(value.map { " \($0)" } ?? "")", en: "\(value ?? "a boolean")")
        case .object: LocalizedText(ja: "オブジェクト", en: "an object")
        case .list: LocalizedText(ja: "配列", en: "a list")
        case .null: LocalizedText(ja: "値なし", en: "no value")
        }
    }

    static func role(_ role: InputRole) -> LocalizedText {
        switch role {
        case .notificationSheet: LocalizedText(ja: "開通通知書", en: "the notification sheet")
        case .manifest: LocalizedText(ja: "アプリのマニフェスト", en: "the app manifest")
        case .gatewaySettings: LocalizedText(ja: "MailGates の設定", en: "the MailGates settings")
        case .consent: LocalizedText(ja: "同意のエクスポート", en: "a consent export")
        }
    }

    static func kind(_ kind: InputKind?) -> LocalizedText {
        switch kind {
        case .manifestAADGraph: LocalizedText(ja: "アプリのマニフェスト（Azure AD Graph 形式）", en: "an app manifest (Azure AD Graph format)")
        case .manifestMicrosoftGraph: LocalizedText(ja: "アプリのマニフェスト（Microsoft Graph 形式）", en: "an app manifest (Microsoft Graph format)")
        case .manifestGraphPowerShell: LocalizedText(ja: "Graph PowerShell で出力したアプリのマニフェスト",
                                                     en: "an app manifest written by Graph PowerShell")
        case .notificationSheet: LocalizedText(ja: "開通通知書", en: "a notification sheet")
        case .consentAppRoleAssignments: LocalizedText(ja: "同意のエクスポート（appRoleAssignments）", en: "a consent export (appRoleAssignments)")
        case .consentPermissionGrants: LocalizedText(ja: "同意のエクスポート（oauth2PermissionGrants）", en: "a consent export (oauth2PermissionGrants)")
        case .servicePrincipal: LocalizedText(ja: "サービス プリンシパル", en: "a service principal")
        case .gatewaySettings: LocalizedText(ja: "MailGates の設定", en: "MailGates settings")
        case .errorText: LocalizedText(ja: "OAuth のエラー（URL・エラー画面）", en: "an OAuth error (URL or error page)")
        case .suppressions: LocalizedText(ja: "抑止の設定（mgaudit.yml）", en: "suppressions (mgaudit.yml)")
        case .unreadable: LocalizedText(ja: "読み込めないファイル", en: "a file that cannot be read")
        case .unrecognised, nil: LocalizedText(ja: "どの入力形式とも判別できないファイル", en: "a file of no known input format")
        }
    }
}
