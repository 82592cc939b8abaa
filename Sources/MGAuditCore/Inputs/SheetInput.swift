import Foundation

/// The seam between sniffing and the notification-sheet parsers.
enum SheetInput {
    static func parseIfSheet(_ data: Data, path: String) throws -> NotificationSheet? {
        nil
    }
}
