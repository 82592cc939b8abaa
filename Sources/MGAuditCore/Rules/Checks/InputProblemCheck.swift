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
        guard let foldAfter, problems.count > foldAfter + 1 else { return problems.map { hit($0, context.sharedPhrases.phrases.input) } }
        var hits = problems.prefix(foldAfter).map { hit($0, context.sharedPhrases.phrases.input) }
        var folded = hit(problems[foldAfter], context.sharedPhrases.phrases.input)
        let more = problems.count - foldAfter - 1
        let shown = "\(folded.subject) (+\(more))"
        folded.subject = shown
        folded.evidence["folded"] = .int(more + 1)
        folded.variables["path"] = .same(shown)
        hits.append(folded)
        return hits
    }

    func hit(_ item: InputProblem, _ names: CheckPhrases.InputPhrases) -> CheckHit {
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
                variables["expected"] = names.expected(fieldProblem.expected)
                variables["found"] = names.found(fieldProblem.found, value: fieldProblem.value)
            } else {
                variables["expected"] = names.readableValue
                variables["found"] = .same(item.detail)
            }
        case .folderOfTenants:
            let hint = VisibleText.escape(TenantLoader.eachFolderCommand(item.path))
            evidence["hint"] = .string(hint)
            variables["hint"] = .same(hint)
        case .explicitUnusable:
            evidence["givenAs"] = item.givenAs.map { .string($0.rawValue) } ?? .null
            evidence["found"] = item.found.map { .string($0.rawValue) } ?? .null
            variables["givenAs"] = item.givenAs.map(names.role) ?? names.anInput
            variables["found"] = names.kind(item.found)
        case .unreadable, .unrecognised, .noManifest, .nothingRecognised, .emptyFolder:
            break
        }
        return CheckHit(subject: subject, evidence: evidence, variables: variables)
    }
}
