#!/usr/bin/env python3
"""Generate N synthetic tenant folders with a fixed seed, so that benchmark runs are comparable.

Each tenant folder holds what support gets from a customer, in the shapes of Samples/:

- an app manifest, in the Microsoft Graph format (`web.redirectUris`, `spa.redirectUris`,
  `implicitGrantSettings`, `passwordCredentials[].endDateTime`) or in the legacy AAD Graph format
  (`replyUrlsWithType`, `oauth2AllowImplicitFlow`, `passwordCredentials[].endDate`);
- a notification sheet (開通通知書) as UTF-8 text, Shift_JIS text, an HTML table, an HTML <dl>,
  YAML or JSON (docs/sheet-formats.md);
- often the consent exports (appRoleAssignments.json, oauth2PermissionGrants.json);
- often the MailGates settings (mailgates-settings.yaml / .json);
- some files in UTF-16LE with a BOM (Windows PowerShell `>` redirection).

About 40% of the tenants carry one of the documented pitfalls (PITFALLS); the rest are clean. The
file `OUT.expected.tsv` beside OUT (not inside: the batch reads every folder in OUT) names, per tenant, the pitfall and the finding it should produce.

usage: Benchmarks/generate.py OUT N [--seed S]
"""
import argparse
import json
import os
import random
import uuid

GRAPH = "00000003-0000-0000-c000-000000000000"
USER_READ = ("e1fe6dd8-ba31-4d61-89e7-88639da4683d", "Scope")
MAIL_SEND = ("b633e1c5-b582-4048-a93e-9f11b44c7e96", "Role")
USER_READ_ALL = ("df021288-bdef-4463-88db-98f22de89214", "Role")
MAIL_RW_APP = ("e2a3a72e-5f79-4c64-b1b1-878b674786c9", "Role")
REQUIRED = [USER_READ, ("5b567255-7703-4780-807c-7be8301ae99b", "Role"), USER_READ_ALL]
DELEGATED_USER_READ_ALL = ("a154be20-db9c-4678-8ab7-66f6cc099a59", "Scope")
GRAPH_SP = "d7e11b1b-7aa6-440d-8800-7596a28f5b37"

# pitfall -> the finding id it should raise (checked by verify in run.sh / by hand)
PITFALLS = {
    "missing-hyphen": "uri-near-miss",
    "trailing-space": "uri-whitespace",
    "fullwidth": "uri-nonascii",
    "spa": "uri-wrong-platform",
    "implicit-off": "implicit-id-token-disabled",
    "delegated": "permission-wrong-type",
    "expired": "secret-expired",
    "expiring": "secret-expiring",
    "missing-uri2": "uri2-missing-for-domain",
    "multi-tenant": "not-single-tenant",
    "consent-missing": "permission-not-consented",
    "secret-id-pasted": "secret-id-pasted",
}
SHEET_FORMATS = ["text-utf8", "text-sjis", "html-table", "html-dl", "yaml", "json"]
CUSTOMERS = ["株式会社サンプル商事", "有限会社テスト工業", "サンプル物産株式会社", "合同会社エグザンプル", "Example Trading K.K."]


def guid(rng):
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def stamp(rng, year, month):
    return f"{year:04d}-{month:02d}-{rng.randint(1, 28):02d}T{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:" \
           f"{rng.randint(0, 59):02d}.{rng.randint(0, 9999999):07d}Z"


def graph_manifest(rng, app, web, spa, implicit, audience, perms, secret):
    start, end, hint, key = secret
    return {
        "id": guid(rng), "deletedDateTime": None, "appId": app, "applicationTemplateId": None,
        "disabledByMicrosoftStatus": None, "createdDateTime": start, "displayName": "MAILGATES Σ",
        "description": None, "groupMembershipClaims": None, "identifierUris": [], "isDeviceOnlyAuthSupported": None,
        "isFallbackPublicClient": None, "notes": None, "publisherDomain": "example.co.jp",
        "serviceManagementReference": None, "signInAudience": audience, "tags": [], "tokenEncryptionKeyId": None,
        "samlMetadataUrl": None, "defaultRedirectUri": None, "certification": None, "optionalClaims": None,
        "requestSignatureVerification": None, "addIns": [],
        "api": {"acceptMappedClaims": None, "knownClientApplications": [], "requestedAccessTokenVersion": None,
                "oauth2PermissionScopes": [], "preAuthorizedApplications": []},
        "appRoles": [],
        "info": {"logoUrl": None, "marketingUrl": None, "privacyStatementUrl": None, "supportUrl": None,
                 "termsOfServiceUrl": None},
        "keyCredentials": [],
        "parentalControlSettings": {"countriesBlockedForMinors": [], "legalAgeGroupRule": "Allow"},
        "passwordCredentials": [{"customKeyIdentifier": None, "displayName": "MAILGATES Σ", "endDateTime": end,
                                 "hint": hint, "keyId": key, "secretText": None, "startDateTime": start}],
        "publicClient": {"redirectUris": []},
        "requiredResourceAccess": [{"resourceAppId": GRAPH,
                                    "resourceAccess": [{"id": i, "type": t} for i, t in perms]}],
        "verifiedPublisher": {"displayName": None, "verifiedPublisherId": None, "addedDateTime": None},
        "web": {"homePageUrl": None, "logoutUrl": None, "redirectUris": web,
                "implicitGrantSettings": {"enableAccessTokenIssuance": implicit[0], "enableIdTokenIssuance": implicit[1]},
                "redirectUriSettings": [{"uri": u, "index": None} for u in web]},
        "spa": {"redirectUris": spa},
    }


def aad_manifest(rng, app, web, spa, implicit, audience, perms, secret):
    start, end, hint, key = secret
    return {
        "id": guid(rng), "acceptMappedClaims": None, "accessTokenAcceptedVersion": None, "addIns": [],
        "allowPublicClient": None, "appId": app, "appRoles": [], "oauth2AllowUrlPathMatching": False,
        "createdDateTime": start, "description": None, "certification": None, "disabledByMicrosoftStatus": None,
        "groupMembershipClaims": None, "identifierUris": [],
        "informationalUrls": {"termsOfService": None, "support": None, "privacy": None, "marketing": None},
        "keyCredentials": [], "knownClientApplications": [], "logoUrl": None, "logoutUrl": None,
        "name": "MAILGATES Σ", "notes": None,
        "oauth2AllowIdTokenImplicitFlow": implicit[1], "oauth2AllowImplicitFlow": implicit[0],
        "oauth2Permissions": [], "oauth2RequirePostResponse": False, "optionalClaims": None, "orgRestrictions": [],
        "parentalControlSettings": {"countriesBlockedForMinors": [], "legalAgeGroupRule": "Allow"},
        "passwordCredentials": [{"customKeyIdentifier": None, "endDate": end, "keyId": key, "startDate": start,
                                 "value": None, "createdOn": start, "hint": hint, "displayName": "MAILGATES Σ"}],
        "preAuthorizedApplications": [], "publisherDomain": "example.co.jp",
        "replyUrlsWithType": [{"url": u, "type": "Web"} for u in web] + [{"url": u, "type": "Spa"} for u in spa],
        "requiredResourceAccess": [{"resourceAppId": GRAPH,
                                    "resourceAccess": [{"id": i, "type": t} for i, t in perms]}],
        "samlMetadataUrl": None, "signInUrl": None, "signInAudience": audience, "tags": [],
        "tokenEncryptionKeyId": None,
    }


def sheet_text(customer, host, domains, uri1, uri2):
    lines = ["━" * 30, "MAILGATES Σ 開通通知書", "━" * 30, f"お客様名：{customer}",
             f"契約ドメイン：{'、'.join(domains)}", f"アクセスURL：https://{host}/", "", "【Microsoft 365 連携】",
             f"Microsoft 365_リダイレクトURI1：{uri1}"]
    lines += [f"Microsoft 365_リダイレクトURI2（{d}）：{u}" for d, u in uri2]
    lines += ["", "※複数ドメインご契約の場合、「Microsoft 365_リダイレクトURI2」をドメイン数分ご登録ください。", ""]
    return "\n".join(lines)


def sheet_table(customer, host, domains, uri1, uri2):
    rows = [f'<tr><th rowspan="{len(uri2)}">Microsoft 365_リダイレクトURI2</th><td>{uri2[0][0]}</td><td>{uri2[0][1]}</td></tr>']
    rows += [f"<tr><td>{d}</td><td>{u}</td></tr>" for d, u in uri2[1:]]
    return f"""<!DOCTYPE html>
<html lang="ja">
<head>
<meta charset="UTF-8">
<title>【MAILGATES Σ】開通のお知らせ</title>
</head>
<body>
<p>{customer} ご担当者様</p>
<p>この度は MAILGATES Σ をお申し込みいただき、誠にありがとうございます。<br>
下記の通り開通いたしましたので、お知らせいたします。</p>
<table border="1" cellpadding="4">
  <tr><th>お客様名</th><td>{customer}</td></tr>
  <tr><th>契約ドメイン</th><td>{'<br>'.join(domains)}</td></tr>
  <tr><th>アクセスURL</th><td><a href="https://{host}/">https://{host}/</a></td></tr>
  <tr><th>Microsoft 365_リダイレクトURI1</th><td colspan="2">{uri1}</td></tr>
  {chr(10).join(rows)}
</table>
<p>※複数ドメインご契約の場合、「Microsoft 365_リダイレクトURI2」をドメイン数分ご登録ください。</p>
</body>
</html>
"""


def sheet_dl(customer, host, domains, uri1, uri2):
    items = "\n".join(f"  <dt>Microsoft365 リダイレクト URI 2 [{d}]</dt><dd>{u}</dd>" for d, u in uri2)
    return f"""<html>
<head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><title>開通通知書</title></head>
<body>
<h2>MAILGATES Σ 開通通知書 &mdash; Microsoft 365 連携情報</h2>
<dl>
  <dt>お客様名</dt><dd>{customer}</dd>
  <dt>アクセスURL</dt><dd>https://{host}/</dd>
  <dt>Microsoft365 リダイレクト URI 1</dt><dd>{uri1}</dd>
{items}
</dl>
</body>
</html>
"""


def sheet_yaml(customer, host, domains, uri1, uri2):
    entries = "\n".join(f'  - {{domain: {d}, uri: "{u}"}}' for d, u in uri2)
    return f"""# Machine-made notification sheet (docs/sheet-formats.md)
kind: mailgates-notification-sheet
customer: {customer}
accessUrl: https://{host}/
domains: [{', '.join(domains)}]
uri1: {uri1}
uri2:
{entries}
"""


def sheet_json(customer, host, domains, uri1, uri2):
    return json.dumps({"kind": "mailgates-notification-sheet", "customer": customer, "accessUrl": f"https://{host}/",
                       "domains": domains, "uri1": uri1, "uri2": [{"domain": d, "uri": u} for d, u in uri2]},
                      ensure_ascii=False, indent=2) + "\n"


def consent_files(rng, perms):
    principal = guid(rng)
    roles = [{"id": "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")
                            for _ in range(43)),
              "deletedDateTime": None, "appRoleId": i, "createdDateTime": stamp(rng, 2026, 10),
              "principalDisplayName": "MAILGATES Σ", "principalId": principal, "principalType": "ServicePrincipal",
              "resourceDisplayName": "Microsoft Graph", "resourceId": GRAPH_SP} for i, t in perms if t == "Role"]
    assignments = {"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#servicePrincipals"
                                     f"('{principal}')/appRoleAssignments", "value": roles}
    grants = {"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#oauth2PermissionGrants",
              "value": [{"clientId": principal, "consentType": "AllPrincipals", "id": guid(rng).replace("-", "")[:43],
                         "principalId": None, "resourceId": GRAPH_SP, "scope": "User.Read"}]}
    return assignments, grants


def tenant(rng, index):
    """Returns ({file name: (text, encoding)}, pitfall or None)."""
    host = f"t{index:05d}-mgf.cybermail.jp"
    domains = [f"example{index}.co.jp"] + [f"group{index}-{k}.jp" for k in range(rng.choice([0, 0, 0, 1, 1, 2]))]
    uri1 = f"https://{host}/mg-cgi/mg_oauth"
    uri2 = [(d, f"https://{host}/mg-cgi/mg_login" + ("" if k == 0 else f"?domain={d}")) for k, d in enumerate(domains)]
    web = [uri1] + [u for _, u in uri2]
    spa, perms, audience = [], list(REQUIRED), "AzureADMyOrg"
    implicit = [True, True]
    start, end = stamp(rng, 2026, 10), stamp(rng, 2028, 9)
    hint = "".join(rng.choice("ABCDEFGHabcdefgh0123456789") for _ in range(3))
    key = guid(rng)
    secret_value = hint + rng.choice("0123456789") + "8Q~" + "".join(rng.choice("abcdefghijkmnopqrstuvwxyzABCDEFGH0123456789._-")
                                                                    for _ in range(36))
    pitfall = rng.choice(list(PITFALLS)) if rng.random() < 0.40 else None
    consent = rng.random() < 0.5
    settings = rng.random() < 0.6
    if pitfall == "missing-hyphen":
        web[0] = web[0].replace("-mgf", "mgf")
    elif pitfall == "trailing-space":
        web[-1] += " "
    elif pitfall == "fullwidth":
        web[0] = web[0].replace("mg_oauth", "mg_oａuth")
    elif pitfall == "spa":
        spa = [web.pop(0)]
    elif pitfall == "implicit-off":
        implicit[1] = False
    elif pitfall == "delegated":
        perms[2] = DELEGATED_USER_READ_ALL
    elif pitfall == "expired":
        start, end = stamp(rng, 2024, 3), stamp(rng, 2026, 3)
    elif pitfall == "expiring":
        start, end = stamp(rng, 2025, 1), "2026-12-20T00:00:00Z"
    elif pitfall == "missing-uri2":
        web.pop()
    elif pitfall == "multi-tenant":
        audience = "AzureADMultipleOrgs"
    elif pitfall == "consent-missing":
        consent = True
    elif pitfall == "secret-id-pasted":
        settings, secret_value = True, key
    app = guid(rng)
    aad = rng.random() < 0.3
    make = aad_manifest if aad else graph_manifest
    if aad:
        end = end[:19] + "Z" if rng.random() < 0.5 else end
    manifest = make(rng, app, web, spa, implicit, audience, perms, (start, end, hint, key))
    files = {}
    utf16 = rng.random() < 0.08
    files["manifest.json"] = (json.dumps(manifest, ensure_ascii=False, indent=4) + "\n", "utf-16" if utf16 else "utf-8")

    customer = rng.choice(CUSTOMERS)
    form = rng.choice(SHEET_FORMATS)
    args = (customer, host, domains, uri1, uri2)
    if form == "text-utf8":
        files["開通通知書.txt"] = (sheet_text(*args), "utf-8")
    elif form == "text-sjis":
        files["kaitsu-tsuchisho.txt"] = (sheet_text(*args), "shift_jis")
    elif form == "html-table":
        files["notification.html"] = (sheet_table(*args), "utf-8")
    elif form == "html-dl":
        files["kaitsu.html"] = (sheet_dl(*args), "utf-8")
    elif form == "yaml":
        files["sheet.yaml"] = (sheet_yaml(*args), "utf-16" if rng.random() < 0.1 else "utf-8")
    else:
        files["sheet.json"] = (sheet_json(*args), "utf-8")

    if consent:
        granted = [p for p in perms if not (pitfall == "consent-missing" and p == REQUIRED[2])]
        assignments, grants = consent_files(rng, granted)
        files["appRoleAssignments.json"] = (json.dumps(assignments, ensure_ascii=False, indent=2) + "\n",
                                            "utf-16" if rng.random() < 0.1 else "utf-8")
        files["oauth2PermissionGrants.json"] = (json.dumps(grants, ensure_ascii=False, indent=2) + "\n", "utf-8")
    if settings:
        if rng.random() < 0.7:
            files["mailgates-settings.yaml"] = (
                "# MailGates Σ 管理者モード > 管理 > ユーザ・グループ設定 > OAuth 認証設定 に入力した値\n"
                f"applicationId: {app}\nclientSecret: {secret_value}\n", "utf-8")
        else:
            files["mailgates-settings.json"] = (json.dumps({"applicationId": app, "clientSecret": secret_value}) + "\n",
                                                "utf-8")
    return files, pitfall, form, aad


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out")
    parser.add_argument("count", type=int)
    parser.add_argument("--seed", type=int, default=20261127)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    os.makedirs(args.out, exist_ok=True)
    expected = ["tenant\tpitfall\tfinding\tsheet\tmanifest"]
    for index in range(args.count):
        name = f"tenant-{index:05d}"
        folder = os.path.join(args.out, name)
        os.makedirs(folder, exist_ok=True)
        files, pitfall, form, aad = tenant(rng, index)
        for file_name, (text, encoding) in files.items():
            # "utf-16" in Python writes a BOM in the machine's order (little-endian here), like PowerShell.
            with open(os.path.join(folder, file_name), "wb") as f:
                f.write(text.encode(encoding))
        expected.append(f"{name}\t{pitfall or '-'}\t{PITFALLS.get(pitfall, '-')}\t{form}\t{'aad' if aad else 'graph'}")
    with open(os.path.join(args.out, "..", os.path.basename(os.path.normpath(args.out)) + ".expected.tsv"), "w") as f:
        f.write("\n".join(expected) + "\n")


if __name__ == "__main__":
    main()
