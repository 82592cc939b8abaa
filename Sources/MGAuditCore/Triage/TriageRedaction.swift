/// Applies `Redaction.redact` (the one masker) to every input-derived string of a triage result:
/// `client_secret=`, `code=`, tokens, assertions and JWT-shaped values never reach a renderer.
enum TriageRedaction {
    static func redact(_ error: TriagedError) -> TriagedError {
        var e = error
        func r(_ value: String?) -> String? { value.map(Redaction.redact) }
        e.code = r(e.code)
        e.oauthError = r(e.oauthError)
        e.description = r(e.description)
        e.requestedRedirectUri = r(e.requestedRedirectUri)
        e.clientId = r(e.clientId)
        e.tenant = r(e.tenant)
        e.user = r(e.user)
        e.appName = r(e.appName)
        e.traceId = r(e.traceId)
        e.correlationId = r(e.correlationId)
        e.timestamp = r(e.timestamp)
        e.state = r(e.state)
        e.errorUri = r(e.errorUri)
        e.adminConsent = r(e.adminConsent)
        e.excerpt = Redaction.redact(e.excerpt)
        e.firstSeen = r(e.firstSeen)
        e.lastSeen = r(e.lastSeen)
        e.codeEvidence = r(e.codeEvidence)
        if var request = e.request {
            request.tenant = r(request.tenant)
            request.clientId = r(request.clientId)
            request.redirectUri = r(request.redirectUri)
            request.responseType = r(request.responseType)
            request.responseMode = r(request.responseMode)
            request.scope = r(request.scope)
            e.request = request
        }
        return e
    }

    /// A finding built from the input (the requested URI, the client id quoted in the error).
    static func redact(_ finding: Finding) -> Finding {
        var f = finding
        f.subject = Redaction.redact(f.subject)
        f.title = redact(f.title)
        f.message = redact(f.message)
        f.fix = f.fix.map(redact)
        f.evidence = f.evidence.mapValues(redact)
        return f
    }

    static func redact(_ text: LocalizedText) -> LocalizedText {
        LocalizedText(ja: Redaction.redact(text.ja), en: Redaction.redact(text.en))
    }

    static func redact(_ value: EvidenceValue) -> EvidenceValue {
        switch value {
        case .string(let text): .string(Redaction.redact(text))
        case .list(let values): .list(values.map(redact))
        case .object(let object): .object(object.mapValues(redact))
        case .int, .bool, .null: value
        }
    }
}
