/// WORK IN PROGRESS (issue 8): being written in its own branch; not yet a real format.
public struct SARIFReport: ReportRenderer {
    public init() {}
    public func begin(_ run: ReportRun) -> String { "" }
    public func tenant(_ tenant: TenantResult, position: Int, run: ReportRun) -> String { "" }
    public func end(_ totals: ReportTotals, run: ReportRun) -> String { "" }
}
