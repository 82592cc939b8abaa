import Foundation

/// The seam between sniffing and the notification-sheet parsers (Inputs/Sheets/).
enum SheetInput {
    static func parseIfSheet(_ data: Data, path: String) throws -> NotificationSheet? {
        guard NotificationSheetParser.looksLikeSheet(data, path: path) else { return nil }
        return try NotificationSheetParser.parse(data, path: path)
    }
}
