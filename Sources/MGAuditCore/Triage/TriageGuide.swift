/// Setup-guide steps quoted by the findings triage makes about the request itself (the rule
/// pack's findings carry their own).
enum TriageGuide {
    static func oauth(_ step: String) -> LocalizedText {
        LocalizedText(ja: "OAuth クライアントID作成手順 \(step)", en: "OAuth client ID setup, step \(step)")
    }
    static let platformWeb = oauth("5")
    static let uri1 = oauth("6")
    static let uri2 = oauth("8")
}
