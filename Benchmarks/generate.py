#!/usr/bin/env python3
"""Generate N synthetic tenant bundles (manifest + notification sheet + MailGates settings) with a
fixed seed, so that benchmark runs are comparable. About a third of the tenants carry one of the
documented pitfalls; the rest are clean.

usage: Benchmarks/generate.py OUT_DIR [N] [--seed S]
"""
import argparse
import json
import os
import random
import uuid

GRAPH = "00000003-0000-0000-c000-000000000000"
REQUIRED = [("e1fe6dd8-ba31-4d61-89e7-88639da4683d", "Scope"),
            ("5b567255-7703-4780-807c-7be8301ae99b", "Role"),
            ("df021288-bdef-4463-88db-98f22de89214", "Role")]
PITFALLS = ["missing-hyphen", "trailing-space", "fullwidth", "spa", "implicit-off", "delegated",
            "expired", "expiring", "missing-uri2", "multi-tenant"]


def guid(rng):
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def tenant(rng, index):
    host = f"t{index:05d}-mgf.cybermail.jp"
    domains = [f"example{index}.co.jp"] + [f"group{index}-{k}.jp" for k in range(rng.randint(0, 2))]
    uri1 = f"https://{host}/mg-cgi/mg_oauth"
    uri2 = [(d, f"https://{host}/mg-cgi/mg_login" + ("" if k == 0 else f"?domain={d}")) for k, d in enumerate(domains)]
    web = [uri1] + [u for _, u in uri2]
    spa, perms, audience = [], list(REQUIRED), "AzureADMyOrg"
    implicit = {"enableAccessTokenIssuance": True, "enableIdTokenIssuance": True}
    start, end = "2026-10-01T00:00:00Z", "2028-10-01T00:00:00Z"
    pitfall = rng.choice(PITFALLS) if rng.random() < 0.35 else None
    if pitfall == "missing-hyphen":
        web[0] = web[0].replace("-mgf", "mgf")
    elif pitfall == "trailing-space":
        web[-1] += " "
    elif pitfall == "fullwidth":
        web[0] = web[0].replace("mg_oauth", "mg_oａuth")
    elif pitfall == "spa":
        spa = [web.pop(0)]
    elif pitfall == "implicit-off":
        implicit["enableIdTokenIssuance"] = False
    elif pitfall == "delegated":
        perms[2] = ("a154be20-db9c-4678-8ab7-66f6cc099a59", "Scope")
    elif pitfall == "expired":
        start, end = "2024-03-01T00:00:00Z", "2026-03-01T00:00:00Z"
    elif pitfall == "expiring":
        start, end = "2025-01-10T00:00:00Z", "2027-01-10T00:00:00Z"
    elif pitfall == "missing-uri2" and len(web) > 2:
        web.pop()
    elif pitfall == "multi-tenant":
        audience = "AzureADMultipleOrgs"
    hint = "".join(rng.choice("ABCDEFGHabcdefgh0123456789") for _ in range(3))
    manifest = {
        "id": guid(rng), "appId": guid(rng), "displayName": "MAILGATES Σ", "signInAudience": audience,
        "passwordCredentials": [{"customKeyIdentifier": None, "displayName": "MAILGATES Σ", "endDateTime": end,
                                 "hint": hint, "keyId": guid(rng), "secretText": None, "startDateTime": start}],
        "publicClient": {"redirectUris": []},
        "requiredResourceAccess": [{"resourceAppId": GRAPH, "resourceAccess": [{"id": i, "type": t} for i, t in perms]}],
        "spa": {"redirectUris": spa},
        "web": {"homePageUrl": None, "logoutUrl": None, "redirectUris": web, "implicitGrantSettings": implicit},
    }
    sheet = {"kind": "mailgates-notification-sheet", "customer": f"テナント{index}", "accessUrl": f"https://{host}/",
             "domains": domains, "uri1": uri1, "uri2": [{"domain": d, "uri": u} for d, u in uri2]}
    settings = {"applicationId": manifest["appId"], "clientSecret": hint + "8Q~" + "x" * 37}
    return manifest, sheet, settings


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("count", nargs="?", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=20261127)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    for index in range(args.count):
        folder = os.path.join(args.out, f"tenant-{index:05d}")
        os.makedirs(folder, exist_ok=True)
        manifest, sheet, settings = tenant(rng, index)
        with open(os.path.join(folder, "manifest.json"), "w", encoding="utf-8") as f:
            json.dump(manifest, f, ensure_ascii=False, indent=2)
        with open(os.path.join(folder, "sheet.json"), "w", encoding="utf-8") as f:
            json.dump(sheet, f, ensure_ascii=False, indent=2)
        with open(os.path.join(folder, "mailgates-settings.json"), "w", encoding="utf-8") as f:
            json.dump(settings, f)


if __name__ == "__main__":
    main()
