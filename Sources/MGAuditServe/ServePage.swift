import Foundation
import MGAuditCore
import Plot

/// Every fixed word of the desk, one language, from `rules/serve.yaml`.
public struct ServeLabels: Sendable, Decodable {
    public var title: String
    public var intro: String
    public var errorLabel: String
    public var filesLabel: String
    public var submit: String
    public var forbiddenHost: String
    public var forbiddenOrigin: String
    public var tooLarge: String
    public var badMultipart: String

    struct File: Decodable {
        var ja: ServeLabels
        var en: ServeLabels
    }

    public static func load(directory: URL, language: MGAuditCore.Language) throws -> ServeLabels {
        let file = try YAMLFile.decode(File.self, from: directory.appendingPathComponent("serve.yaml"), limits: .otherFile)
        return language == .ja ? file.ja : file.en
    }
}

/// `GET /`: the form, self-contained, working without scripting; every string escaped by Plot.
enum ServePage {
    static func form(_ labels: ServeLabels, language: MGAuditCore.Language) -> String {
        HTML(
            .lang(language == .ja ? .japanese : .english),
            .head(.title(labels.title)),
            .body(
                .h1(.text(labels.title)),
                .p(.text(labels.intro)),
                .form(
                    .method(.post),
                    .action("/triage"),
                    .enctype(.multipartData),
                    .label(.for("error"), .text(labels.errorLabel)),
                    .textarea(.id("error"), .name("error")),
                    .label(.for("files"), .text(labels.filesLabel)),
                    .input(.id("files"), .name("files"), .type(.file), .multiple(true)),
                    .button(.type(.submit), .text(labels.submit))
                )
            )
        ).render()
    }
}
