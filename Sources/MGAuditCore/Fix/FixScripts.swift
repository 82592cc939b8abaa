import Foundation

/// The scripts `mgaudit fix` prints (never runs), all from one `FixPlan`: az, Microsoft Graph
/// PowerShell, and Graph REST through `az rest`. Each block is one fix: a comment naming its
/// findings, then each tool's lines. Lists are always complete (these tools replace them), JSON
/// bodies go to files (PowerShell strips quotes from inline JSON), and no secret value is ever in them.
public struct FixScripts: Sendable {
    public enum Tool: String, Sendable, CaseIterable {
        case az, powershell, graph
    }

    /// One fix as each tool writes it.
    public struct Block: Sendable, Hashable {
        /// The rule ids of the findings it fixes, sorted.
        public var rules: [String]
        public var comment: String
        public var lines: [Tool: [String]]
    }

    public var plan: FixPlan
    public var texts: FixTexts
    public var language: Language
    /// Names the body files: `fix-<tenant>-<step>.json`.
    public var tenant: String

    static let graphRoot = "https://graph.microsoft.com/v1.0"

    public init(plan: FixPlan, texts: FixTexts, language: Language, tenant: String) {
        self.plan = plan
        self.texts = texts
        self.language = language
        self.tenant = Self.fileNamePart(tenant)
    }

    /// The tenant's name as it goes into body file names: ASCII letters, digits, `-` and `_` kept,
    /// every other scalar a `-`; "tenant" for an empty name.
    static func fileNamePart(_ tenant: String) -> String {
        var safe = String.UnicodeScalarView()
        for scalar in tenant.unicodeScalars {
            switch scalar {
            case "a"..."z", "A"..."Z", "0"..."9", "-", "_": safe.append(scalar)
            default: safe.append("-")
            }
        }
        return safe.isEmpty ? "tenant" : String(safe)
    }

    private var appId: String { plan.appId ?? "APPID" }
    private var objectId: String { plan.objectId ?? "OBJECTID" }
    private var applicationURI: String { "\(Self.graphRoot)/applications/\(objectId)" }

    /// The whole script for `tool`.
    public func script(_ tool: Tool) -> String {
        var lines: [String]
        let steps = blocks()
        switch tool {
        case .az:
            lines = ["#!/bin/sh", "# " + texts.scriptHeader.text(language)]
        case .graph:
            lines = ["#!/bin/sh", "# " + texts.scriptHeader.text(language), "# " + texts.graphHeader.text(language)]
        case .powershell:
            lines = ["#Requires -Modules @{ ModuleName = 'Microsoft.Graph.Applications'; ModuleVersion = '2.26.1' }"]
            // New-MgOauth2PermissionGrant is in another module of Microsoft Graph PowerShell.
            if steps.contains(where: { ($0.lines[.powershell] ?? []).contains { $0.hasPrefix("New-MgOauth2PermissionGrant") } }) {
                lines.append("#Requires -Modules @{ ModuleName = 'Microsoft.Graph.Identity.SignIns'; ModuleVersion = '2.26.1' }")
            }
            lines += ["# " + texts.powershellHeader.text(language), "# " + texts.scriptHeader.text(language),
                      "Connect-MgGraph -Scopes " + powershellScopes.map(Self.powershellQuoted).joined(separator: ", ")]
        }
        for block in steps {
            lines.append("")
            lines.append("# " + block.comment)
            lines += block.lines[tool] ?? []
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The Graph scopes the PowerShell script signs in with: only what its steps need.
    var powershellScopes: [String] {
        var scopes = ["Application.ReadWrite.All"]
        for step in plan.steps {
            guard case .consent(_, let permissions, _) = step.change else { continue }
            if permissions.contains(where: { $0.type == .application }), !scopes.contains("AppRoleAssignment.ReadWrite.All") {
                scopes.append("AppRoleAssignment.ReadWrite.All")
            }
            if permissions.contains(where: { $0.type == .delegated }), !scopes.contains("DelegatedPermissionGrant.ReadWrite.All") {
                scopes.append("DelegatedPermissionGrant.ReadWrite.All")
            }
        }
        return scopes
    }

    /// Every fix, in the order to run them: redirect URIs (spa and web in one request), the other
    /// settings, permissions then consent, and the new secret last.
    public func blocks() -> [Block] {
        var blocks: [Block] = []
        var web: FixPlan.Step?
        var spa: FixPlan.Step?
        for step in plan.steps {
            if case .redirectURIs(.web, _, _) = step.change { web = step }
            if case .redirectURIs(.spa, _, _) = step.change { spa = step }
        }
        if web != nil || spa != nil { blocks.append(redirectBlock(web: web, spa: spa)) }
        for step in plan.steps {
            let rules = step.rules
            let names = rules.joined(separator: ", ")
            switch step.change {
            case .redirectURIs:
                continue
            case .signInAudience(let to):
                blocks.append(Block(rules: rules, comment: FixTexts.fill(texts.signInAudience, language, ["rules": names]), lines: [
                    .az: ["az ad app update --id \(sh(appId)) --sign-in-audience \(sh(to))"],
                    .powershell: ["Update-MgApplication -ApplicationId \(ps(objectId)) -SignInAudience \(ps(to))"],
                    .graph: patch("sign-in-audience", .object([member("signInAudience", .string(to))])),
                ]))
            case .implicitAccessToken(let to), .implicitIdToken(let to):
                let access = { if case .implicitAccessToken = step.change { true } else { false } }()
                let text = access ? texts.implicitAccessToken : texts.implicitIdToken
                let flag = access ? "access-token-issuance" : "id-token-issuance"
                let key = access ? "enableAccessTokenIssuance" : "enableIdTokenIssuance"
                let body = OrderedJSON.object([member("web", .object([member("implicitGrantSettings", .object([member(key, .bool(to))]))]))])
                blocks.append(Block(rules: rules, comment: FixTexts.fill(text, language, ["rules": names]), lines: [
                    .az: ["az ad app update --id \(sh(appId)) --enable-\(flag) \(to)"],
                    .powershell: ["Update-MgApplication -ApplicationId \(ps(objectId)) -Web @{ ImplicitGrantSettings = @{ "
                        + key.prefix(1).uppercased() + key.dropFirst() + " = \(to ? "$true" : "$false") } }"],
                    .graph: patch(access ? "implicit-access-token" : "implicit-id-token", body),
                ]))
            case .permissions(let to, let add, let remove):
                blocks.append(permissionBlock(rules: rules, to: to, add: add, remove: remove))
            case .consent(let resource, let permissions, let scopes):
                blocks.append(consentBlock(rules: rules, resource: resource, permissions: permissions, scopes: scopes))
            }
        }
        if let secret = plan.credentials { blocks += secretBlocks(secret) }
        return blocks
    }

    // MARK: - Blocks

    private func redirectBlock(web: FixPlan.Step?, spa: FixPlan.Step?) -> Block {
        let rules = Array(Set((web?.rules ?? []) + (spa?.rules ?? []))).sorted()
        let names = rules.joined(separator: ", ")
        var webList: [String] = []
        if case .redirectURIs(_, _, let to)? = web?.change { webList = to }
        guard case .redirectURIs(_, _, let spaList)? = spa?.change else {
            let body = OrderedJSON.object([member("web", .object([member("redirectUris", strings(webList))]))])
            return Block(rules: rules, comment: FixTexts.fill(texts.webRedirectURIs, language, ["rules": names, "count": String(webList.count)]), lines: [
                .az: ["az ad app update --id \(sh(appId)) --web-redirect-uris " + webList.map(sh).joined(separator: " ")],
                .powershell: ["Update-MgApplication -ApplicationId \(ps(objectId)) -Web @{ RedirectUris = \(psList(webList)) }"],
                .graph: patch("redirect-uris", body),
            ])
        }
        if web == nil {
            // Only spa changes: the web list stays as registered, and is not sent.
            webList = plan.webRedirectURIs
        }
        var members = [member("spa", .object([member("redirectUris", strings(spaList))]))]
        if web != nil { members.append(member("web", .object([member("redirectUris", strings(webList))]))) }
        let body = OrderedJSON.object(members)
        let comment = FixTexts.fill(texts.spaRedirectURIs, language, ["rules": names, "count": String(webList.count),
                                                                      "spaCount": String(spaList.count)])
        let webPart = web == nil ? "" : " -Web @{ RedirectUris = \(psList(webList)) }"
        return Block(rules: rules, comment: comment, lines: [
            .az: patch("redirect-uris", body),
            .powershell: ["Update-MgApplication -ApplicationId \(ps(objectId)) -Spa @{ RedirectUris = \(psList(spaList)) }" + webPart],
            .graph: patch("redirect-uris", body),
        ])
    }

    private func permissionBlock(rules: [String], to: [RequestedPermission], add: [RequestedPermission], remove: [RequestedPermission]) -> Block {
        let comment = FixTexts.fill(texts.permissions, language, ["rules": rules.joined(separator: ", "), "count": String(add.count)])
        var az = ["# " + texts.permissionsAz.text(language)]
        for resource in Self.resources(remove) {
            let ids = remove.filter { $0.resourceAppId == resource }.map { sh($0.id) }
            az.append("az ad app permission delete --id \(sh(appId)) --api \(sh(resource)) --api-permissions " + ids.joined(separator: " "))
        }
        for resource in Self.resources(add) {
            let entries = add.filter { $0.resourceAppId == resource }.map { sh($0.id + "=" + Self.manifestType($0.type)) }
            az.append("az ad app permission add --id \(sh(appId)) --api \(sh(resource)) --api-permissions " + entries.joined(separator: " "))
        }
        let list = "# " + texts.permissionsList.text(language)
        var powershell = [list, "Update-MgApplication -ApplicationId \(ps(objectId)) -RequiredResourceAccess @("]
        let groups = Self.resources(to)
        for (index, resource) in groups.enumerated() {
            let access = to.filter { $0.resourceAppId == resource }
                .map { "@{ Id = \(ps($0.id)); Type = \(ps(Self.manifestType($0.type))) }" }.joined(separator: ", ")
            powershell.append("    @{ ResourceAppId = \(ps(resource)); ResourceAccess = @(\(access)) }" + (index < groups.count - 1 ? "," : ""))
        }
        powershell.append(")")
        let body = OrderedJSON.array(groups.map { resource in
            .object([member("resourceAppId", .string(resource)),
                     member("resourceAccess", .array(to.filter { $0.resourceAppId == resource }.map {
                         .object([member("id", .string($0.id)), member("type", .string(Self.manifestType($0.type)))])
                     }))])
        })
        return Block(rules: rules, comment: comment, lines: [
            .az: az, .powershell: powershell, .graph: [list] + patch("required-resource-access", .object([member("requiredResourceAccess", body)])),
        ])
    }

    private func consentBlock(rules: [String], resource: String, permissions: [FixPlan.Permission], scopes: [String]) -> Block {
        let names = permissions.map { "\($0.name) (\($0.type == .application ? "Role" : "Scope"))" }.joined(separator: ", ")
        let comment = FixTexts.fill(texts.consent, language, ["rules": rules.joined(separator: ", "), "permissions": names])
        let url = "https://login.microsoftonline.com/<tenant-id>/adminconsent?client_id=\(appId)"
        let head = ["# " + FixTexts.fill(texts.adminConsentURL, language, ["url": url]),
                    "# " + FixTexts.fill(texts.servicePrincipal, language, ["appId": appId])]
        let roles = permissions.filter { $0.type == .application }
        let delegated = permissions.contains { $0.type == .delegated }
        let scope = (scopes.isEmpty ? permissions.filter { $0.type == .delegated }.map(\.name) : scopes).joined(separator: " ")
        var az = head + ["clientSp=$(az ad sp show --id \(sh(appId)) --query id -o tsv)",
                         "resourceSp=$(az ad sp show --id \(sh(resource)) --query id -o tsv)"]
        var graph = head + ["clientSp=$(az rest --method GET --uri \(sh("\(Self.graphRoot)/servicePrincipals(appId='\(appId)')")) --query id -o tsv)",
                            "resourceSp=$(az rest --method GET --uri \(sh("\(Self.graphRoot)/servicePrincipals(appId='\(resource)')")) --query id -o tsv)"]
        var powershell = head.prefix(1) + [
            // The ids go through quoted variables: nothing read from the manifest is expanded.
            "$appId = \(ps(appId))",
            "$resourceAppId = \(ps(resource))",
            "$clientSp = (Get-MgServicePrincipal -Filter \"appId eq '$appId'\").Id",
            "$resourceSp = (Get-MgServicePrincipal -Filter \"appId eq '$resourceAppId'\").Id",
        ]
        for role in roles {
            let body = OrderedJSON.object([member("principalId", .string("${clientSp}")), member("resourceId", .string("${resourceSp}")),
                                           member("appRoleId", .string(role.id))])
            let lines = post("consent-" + Self.fileSafe(role.name), "\"\(Self.graphRoot)/servicePrincipals/${resourceSp}/appRoleAssignedTo\"", body, expand: true)
            az += lines
            graph += lines
            powershell.append("New-MgServicePrincipalAppRoleAssignedTo -ServicePrincipalId $resourceSp -BodyParameter @{ PrincipalId = $clientSp; "
                + "ResourceId = $resourceSp; AppRoleId = \(ps(role.id)) }")
        }
        if delegated {
            let body = OrderedJSON.object([member("clientId", .string("${clientSp}")), member("consentType", .string("AllPrincipals")),
                                           member("resourceId", .string("${resourceSp}")), member("scope", .string(scope))])
            let lines = ["# " + texts.grantExists.text(language)] + post("delegated-grant", sh("\(Self.graphRoot)/oauth2PermissionGrants"), body, expand: true)
            az += lines
            graph += lines
            powershell += ["# " + texts.grantExists.text(language),
                           "New-MgOauth2PermissionGrant -BodyParameter @{ ClientId = $clientSp; ConsentType = 'AllPrincipals'; "
                           + "ResourceId = $resourceSp; Scope = \(ps(scope)) }"]
        }
        return Block(rules: rules, comment: comment, lines: [.az: az, .powershell: Array(powershell), .graph: graph])
    }

    private func secretBlocks(_ secret: FixPlan.NewSecret) -> [Block] {
        let names = secret.rules.joined(separator: ", ")
        let end = EntraDate.day(secret.end) + "T00:00:00Z"
        let paste = "# " + texts.pasteSecret.text(language)
        let body = OrderedJSON.object([member("passwordCredential", .object([member("displayName", .string(secret.displayName)),
                                                                             member("endDateTime", .string(end))]))])
        var blocks = [Block(rules: secret.rules, comment: FixTexts.fill(texts.credentialReset, language, ["rules": names]), lines: [
            .az: ["az ad app credential reset --id \(sh(appId)) --append --display-name \(sh(secret.displayName)) --years 2", paste],
            .powershell: ["Add-MgApplicationPassword -ApplicationId \(ps(objectId)) -PasswordCredential @{ DisplayName = \(ps(secret.displayName)); "
                + "EndDateTime = (Get-Date).ToUniversalTime().AddMonths(24) }", paste],
            .graph: post("add-password", sh("\(applicationURI)/addPassword"), body, expand: false) + [paste],
        ])]
        guard !secret.expiredKeyIds.isEmpty else { return blocks }
        var graph: [String] = []
        for (index, keyId) in secret.expiredKeyIds.enumerated() {
            graph += post("remove-password-\(index + 1)", sh("\(applicationURI)/removePassword"), .object([member("keyId", .string(keyId))]), expand: false)
        }
        blocks.append(Block(rules: secret.rules, comment: FixTexts.fill(texts.deleteExpired, language, ["count": String(secret.expiredKeyIds.count)]), lines: [
            .az: secret.expiredKeyIds.map { "az ad app credential delete --id \(sh(appId)) --key-id \(sh($0))" },
            .powershell: secret.expiredKeyIds.map { "Remove-MgApplicationPassword -ApplicationId \(ps(objectId)) -KeyId \(ps($0))" },
            .graph: graph,
        ]))
        return blocks
    }

    // MARK: - Helpers

    /// A PATCH of the application with `body` written to its file first.
    private func patch(_ step: String, _ body: OrderedJSON) -> [String] {
        let file = bodyFile(step)
        return writeFile(file, body, expand: false)
            + ["az rest --method PATCH --uri \(sh(applicationURI)) --headers 'Content-Type=application/json' --body @\(file)"]
    }

    /// A POST to `uri` (already quoted) with `body` written to its file first; `expand` lets the
    /// shell fill `${clientSp}` / `${resourceSp}` (the body then holds only ids and names).
    private func post(_ step: String, _ uri: String, _ body: OrderedJSON, expand: Bool) -> [String] {
        let file = bodyFile(step)
        return writeFile(file, body, expand: expand)
            + ["az rest --method POST --uri \(uri) --headers 'Content-Type=application/json' --body @\(file)"]
    }

    private func bodyFile(_ step: String) -> String { "fix-\(tenant)-\(step).json" }

    /// `# file: NAME` then a here-document writing the body to it.
    private func writeFile(_ file: String, _ body: OrderedJSON, expand: Bool) -> [String] {
        let json = body.written(style: OrderedJSON.Style(indent: "  ", newline: "\n"))
        var lines = ["# file: \(file)", "cat > \(file) <<" + (expand ? "JSON" : "'JSON'")]
        lines += TextDecoding.lines(json, omittingEmpty: true).map(String.init)
        lines.append("JSON")
        return lines
    }

    private func member(_ key: String, _ value: OrderedJSON) -> OrderedJSON.Member { OrderedJSON.Member(key: key, value: value) }
    private func strings(_ values: [String]) -> OrderedJSON { .array(values.map { .string($0) }) }
    private func sh(_ text: String) -> String { FixOutput.shellQuoted(text) }
    private func ps(_ text: String) -> String { Self.powershellQuoted(text) }
    private func psList(_ values: [String]) -> String { "@(" + values.map(ps).joined(separator: ", ") + ")" }

    /// PowerShell single quoting: a quote is doubled.
    static func powershellQuoted(_ text: String) -> String {
        FixOutput.singleQuoted(text, quote: "''")
    }

    static func manifestType(_ type: PermissionType) -> String { type == .application ? "Role" : "Scope" }

    static func resources(_ permissions: [RequestedPermission]) -> [String] {
        var seen: [String] = []
        for permission in permissions where !seen.contains(permission.resourceAppId) { seen.append(permission.resourceAppId) }
        return seen
    }

    static func fileSafe(_ name: String) -> String {
        String(name.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "-" })
    }
}
