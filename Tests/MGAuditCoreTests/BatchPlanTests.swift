import Foundation
import Testing
@testable import MGAuditCore

/// `BatchPlan`: tenant order, paths, and the shared parent folder of `folders(of:)`.
struct BatchPlanTests {
    /// Folders in UTF-8 byte order (not String order: `B` before `a`, `é` after `z`), each
    /// tenant's path DIR's path and its name, hidden folders and files left out.
    @Test func foldersAreInByteOrderWithTheirPaths() throws {
        let names = ["b", "B", "é", "a10", "a9", "z", "e\u{301}", "テナント", "Ω"]
        let folder = try TenantLoaderTests.temporaryFolder(["file.json": Data("{}".utf8)])
        for name in names + [".hidden"] {
            try FileManager.default.createDirectory(at: folder.appendingPathComponent(name), withIntermediateDirectories: true)
        }
        for root in [folder.path, folder.path + "/"] {
            let plan = try BatchPlan.folders(of: root)
            let expected = names.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            #expect(plan.tenants.map(\.name) == expected)
            #expect(plan.tenants.map(\.path) == expected.map { folder.path + "/" + $0 })
            #expect(plan.foldersOf == folder.path + "/")
            // The same tenant given by its whole path is the same tenant (equal, same hash).
            for tenant in plan.tenants {
                let whole = BatchPlan.Tenant(name: tenant.name, path: tenant.path)
                #expect(whole == tenant)
                #expect(whole.hashValue == tenant.hashValue)
                #expect(BatchPlan.Tenant(name: tenant.name, path: tenant.path + "x") != tenant)
            }
            // A shard of it is still DIR's folders; a plan with a tenant from elsewhere is not.
            #expect(plan.shard(try #require(Shard("1/3"))).foldersOf == folder.path + "/")
            var mixed = plan
            mixed.tenants.append(BatchPlan.Tenant(name: "other", path: "/elsewhere/other"))
            #expect(mixed.foldersOf == nil)
        }
    }

    /// A `--list` plan names its folders by their whole paths: no shared parent.
    @Test func aListedPlanHasNoSharedParent() throws {
        let folder = try TenantLoaderTests.temporaryFolder(["list.txt": Data("t2\nt1\n# a comment\n".utf8)])
        let plan = try BatchPlan.listed(in: folder.appendingPathComponent("list.txt").path, root: folder.path)
        #expect(plan.tenants.map(\.name) == ["t1", "t2"])
        #expect(plan.tenants.map(\.path) == [folder.path + "/t1", folder.path + "/t2"])
        #expect(plan.foldersOf == nil)
    }
}
