import Foundation

/// `input-problem`: a file of the bundle that could not be read (`problem: unreadable`) or was not
/// recognised as any known input (`problem: unrecognised`). Reported instead of stopping the run.
public struct InputProblemCheck: Check {
    public static let kind = "input-problem"
    let problem: InputProblem.Kind

    public init(params: RuleParams, catalog: PermissionCatalog) throws {
        try params.allowOnly(["problem"])
        guard let problem = InputProblem.Kind(rawValue: try params.string("problem")) else {
            throw ParamError("problem must be 'unreadable' or 'unrecognised'")
        }
        self.problem = problem
    }

    public func evaluate(_ context: AuditContext) -> [CheckHit] {
        context.bundle.problems.filter { $0.kind == problem }.map { item in
            let path = VisibleText.escape(item.path)
            return CheckHit(subject: path,
                            evidence: ["path": .string(path), "detail": .string(item.detail)],
                            variables: ["path": .same(path), "detail": .same(item.detail)])
        }
    }
}
