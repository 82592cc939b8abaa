/// Setup-guide steps quoted by triage findings.
enum TriageGuide {
    static func oauth(_ steps: String, en: String? = nil) -> LocalizedText {
        LocalizedText(ja: "OAuth クライアントID作成手順 \(steps)", en: "OAuth client ID setup, \(en ?? "step \(steps)")")
    }
    static func importStep(_ step: String) -> LocalizedText {
        LocalizedText(ja: "Microsoft 365のユーザリストをMAILGATES Σへインポート \(step)",
                      en: "Importing the Microsoft 365 user list into MAILGATES Σ, step \(step)")
    }
    static let singleTenant = oauth("3")
    static let platformWeb = oauth("5")
    static let uri1 = oauth("6")
    static let implicit = oauth("7")
    static let uri2 = oauth("8")
    static let clientId = oauth("10")
    static let newSecret = oauth("11〜13", en: "steps 11–13")
    static let secretValue = oauth("13")
    static let permissions = oauth("14〜17", en: "steps 14–17")
    static let adminConsent = oauth("18, 19", en: "steps 18 and 19")
    static let enterInMailGates = importStep("4")
}

/// The Microsoft Graph permissions the guide requires (steps 14–17).
struct RequiredGraphPermission: Sendable {
    static let graphAppId = "00000003-0000-0000-c000-000000000000"
    var name: String
    var id: String
    var type: PermissionType
    /// The id of the same permission with the other type, to spot a delegated/application slip.
    var otherTypeId: String?

    static let all: [RequiredGraphPermission] = [
        .init(name: "User.Read", id: "e1fe6dd8-ba31-4d61-89e7-88639da4683d", type: .delegated, otherTypeId: nil),
        .init(name: "Group.Read.All", id: "5b567255-7703-4780-807c-7be8301ae99b", type: .application,
              otherTypeId: "5f8c59db-677d-491f-a6b8-5f174b11ec1d"),
        .init(name: "User.Read.All", id: "df021288-bdef-4463-88db-98f22de89214", type: .application,
              otherTypeId: "a154be20-db9c-4678-8ab7-66f6cc099a59"),
    ]
}
