/// The shared inline stylesheet of the HTML pages (the triage page; the dashboard adds
/// `HTMLDashboard.dashboardCSS`): readable on screen, clean on paper, no web fonts. The dashboard's
/// Content-Security-Policy names the hash of its stylesheet, so a change here needs a new
/// `HTMLDashboard.cssHash` (`ReportDashboardTests` names it).
enum HTMLReportStyle {
    static let css = """
    :root{--error:#b3261e;--warning:#8a5a00;--info:#1d5f8a;--line:#d0d7de;--muted:#57606a}
    body{font-family:system-ui,-apple-system,"Segoe UI","Hiragino Sans","Yu Gothic","Meiryo",sans-serif;\
    line-height:1.5;margin:2rem auto;max-width:60rem;padding:0 1rem;color:#1f2328}
    h1{font-size:1.6rem;margin-bottom:.2rem}
    h2{border-bottom:2px solid var(--line);padding-bottom:.2rem;margin-top:2rem}
    h3{font-size:1.05rem;margin:1.2rem 0 .4rem}
    h4{font-size:1rem;margin:0 0 .4rem}
    code{font-family:ui-monospace,"SFMono-Regular",Menlo,Consolas,monospace;font-size:.9em;\
    overflow-wrap:anywhere}
    table{border-collapse:collapse;margin:.5rem 0}
    th,td{border:1px solid var(--line);padding:.25rem .7rem;text-align:left}
    td.n{text-align:right;font-variant-numeric:tabular-nums}
    thead th,tfoot th{background:#f6f8fa}
    td.error{color:var(--error)}td.warning{color:var(--warning)}td.info{color:var(--info)}
    .as-of,.counts,footer{color:var(--muted)}
    .finding{border:1px solid var(--line);border-left:6px solid var(--muted);border-radius:4px;\
    padding:.6rem .9rem;margin:.8rem 0;break-inside:avoid}
    .finding.error{border-left-color:var(--error)}
    .finding.warning{border-left-color:var(--warning)}
    .finding.info{border-left-color:var(--info)}
    .sev{display:inline-block;font-size:.8rem;font-weight:bold;color:#fff;border-radius:3px;\
    padding:0 .4rem;margin-right:.2rem}
    .error .sev{background:var(--error)}.warning .sev{background:var(--warning)}.info .sev{background:var(--info)}
    .finding p{margin:.3rem 0}
    .message{white-space:pre-line}
    .k{font-weight:bold}
    .diff{background:#f6f8fa;border-radius:4px;padding:.4rem .7rem;margin:.4rem 0;display:grid;grid-template-columns:max-content 1fr;column-gap:1rem}
    .diff .line{display:contents}
    .diff .label{color:var(--muted)}
    .diff code{white-space:pre-wrap}
    del{background:#ffd7d5;color:#82071e;text-decoration:line-through}
    ins{background:#ccffd8;color:#055d20;text-decoration:underline}
    .gap::before{content:"^";color:var(--error);font-weight:bold}
    .evidence dl{display:grid;grid-template-columns:max-content 1fr;gap:.1rem .8rem;margin:.2rem 0}
    .evidence dt{font-family:ui-monospace,Menlo,Consolas,monospace;color:var(--muted)}
    .evidence dd{margin:0;overflow-wrap:anywhere}
    .fix{border-top:1px dashed var(--line);padding-top:.3rem}
    @media print{body{margin:0;max-width:none;font-size:10pt}\
    .finding,table{break-inside:avoid}h2{break-before:auto;break-after:avoid}\
    .sev{border:1px solid #000;color:#000;background:none!important}\
    del,ins{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
    """
}
