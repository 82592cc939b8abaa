/// The dashboard's fixed parts: its stylesheet, its one small script and the Content-Security-Policy
/// that allows exactly these two and nothing else.
///
/// A report is opened from mail attachments and file shares, so the page must not be able to load,
/// send or run anything but what we wrote: the policy names the SHA-256 of the stylesheet and of
/// the script (`default-src 'none'`), which also blocks any inline handler or injected element
/// should escaping ever fail. There is no SHA-256 in Foundation on Linux (no CryptoKit), so the
/// hashes are constants here; `ReportHTMLTests` recomputes them with `sha256sum` and fails, naming
/// the right value, the moment either text changes without its hash.
enum HTMLDashboard {
    /// `HTMLReportStyle.css` (shared with the triage page) plus the dashboard's own rules.
    static let css = HTMLReportStyle.css + "\n" + dashboardCSS

    /// base64 of SHA-256 over the UTF-8 of `css`.
    static let cssHash = "sha256-bmEgPDYy/hQnoLjf1OP1WDLPJKROynFhDJ4F/ECtApc="

    /// base64 of SHA-256 over the UTF-8 of `script`.
    static let scriptHash = "sha256-y51EGzsSFnbE685NPUsggwLfqXUtBvcWAlGxAErRzK8="

    /// The policy of every dashboard page; `img-src data:` is for a browser's own favicon request only.
    static var contentSecurityPolicy: String {
        "default-src 'none'; style-src '\(cssHash)'; script-src '\(scriptHash)'; img-src data:; "
            + "base-uri 'none'; form-action 'none'"
    }

    /// Sorting and filtering of the table of every tenant (`#tenants`). The page is complete
    /// without it: the controls are `hidden` until the script shows them. It reads only the table's
    /// cells (numbers in cells of class `n`, a row of class `clean` has no findings), so it stays
    /// the same whatever the report holds and its hash stays valid. Listeners are attached here,
    /// never as attributes, which the policy forbids. Sorting 10,000 rows computes each key once.
    static let script = """
    (function () {
      "use strict";
      var table = document.getElementById("tenants");
      var controls = document.getElementById("tenant-controls");
      if (!table || !controls || !table.tHead || !table.tBodies.length) { return; }
      var body = table.tBodies[0];
      var heads = table.tHead.rows[0].cells;
      var filter = document.getElementById("tenant-filter");
      var only = document.getElementById("tenant-only-findings");
      var count = document.getElementById("tenant-shown");
      var sorted = { column: -1, descending: false };

      function cellKey(row, column) {
        var cell = row.cells[column];
        if (!cell) { return ""; }
        var text = cell.textContent || "";
        return cell.classList.contains("n") ? Number(text) || 0 : text.toLowerCase();
      }

      function sortBy(column) {
        var numeric = heads[column].classList.contains("n");
        sorted.descending = sorted.column === column ? !sorted.descending : numeric && column > 0;
        sorted.column = column;
        var sign = sorted.descending ? -1 : 1;
        var keyed = Array.prototype.map.call(body.rows, function (row) {
          return { row: row, key: cellKey(row, column), order: cellKey(row, 0) };
        });
        keyed.sort(function (a, b) {
          if (a.key < b.key) { return -sign; }
          if (a.key > b.key) { return sign; }
          return a.order - b.order;
        });
        var fragment = document.createDocumentFragment();
        keyed.forEach(function (item) { fragment.appendChild(item.row); });
        body.appendChild(fragment);
        for (var index = 0; index < heads.length; index += 1) {
          heads[index].setAttribute("aria-sort", index === column ? (sorted.descending ? "descending" : "ascending") : "none");
        }
      }

      function applyFilter() {
        var words = (filter ? filter.value : "").trim().toLowerCase();
        var onlyFindings = only ? only.checked : false;
        var shown = 0;
        Array.prototype.forEach.call(body.rows, function (row) {
          var name = row.cells.length > 1 ? (row.cells[1].textContent || "").toLowerCase() : "";
          var hide = (words !== "" && name.indexOf(words) < 0) || (onlyFindings && row.classList.contains("clean"));
          row.hidden = hide;
          if (!hide) { shown += 1; }
        });
        if (count) { count.textContent = shown + " / " + body.rows.length; }
      }

      Array.prototype.forEach.call(heads, function (head, column) {
        var button = document.createElement("button");
        button.type = "button";
        while (head.firstChild) { button.appendChild(head.firstChild); }
        head.appendChild(button);
        head.setAttribute("aria-sort", "none");
        button.addEventListener("click", function () { sortBy(column); });
      });
      if (filter) { filter.addEventListener("input", applyFilter); }
      if (only) { only.addEventListener("change", applyFilter); }
      controls.hidden = false;
      table.classList.add("sortable");
      applyFilter();
    })();
    """

    /// Summary cards, panels, the tenant table (sticky header on screen only), badges, greyed
    /// suppressed findings. No `>` or `&` here: the text is written into `<style>` as it is.
    static let dashboardCSS = """
    body{max-width:80rem}
    .cards{display:flex;flex-wrap:wrap;gap:.6rem;margin:.6rem 0}
    .card{border:1px solid var(--line);border-top:4px solid var(--muted);border-radius:4px;padding:.3rem .9rem;min-width:7rem}
    .card.error{border-top-color:var(--error)}.card.warning{border-top-color:var(--warning)}.card.info{border-top-color:var(--info)}
    .card.new{border-top-color:#8250df}.card.fixed{border-top-color:#1a7f37}
    .card .num{display:block;font-size:1.6rem;font-weight:bold;font-variant-numeric:tabular-nums}
    .card .what{color:var(--muted);font-size:.9rem}
    .panels{display:grid;grid-template-columns:repeat(auto-fit,minmax(30rem,1fr));gap:0 1.5rem}
    .panel{min-width:0;overflow-x:auto}
    .panel h3{margin-top:1rem}
    .panel ol{margin:.3rem 0;padding-left:2.4rem}
    .panel table{width:100%;font-size:.9rem}
    .panel th,.panel td.error,.panel td.warning,.panel td.info,.panel td.date,.panel td code{white-space:nowrap}
    .panel td.secret code{white-space:normal;color:var(--muted)}
    .index{width:100%}
    .index thead th{position:sticky;top:0;z-index:1}
    .index th button{all:unset;cursor:pointer}
    .index th button:focus-visible{outline:2px solid var(--info)}
    .index th[aria-sort=ascending] button::after{content:" \\25B2"}
    .index th[aria-sort=descending] button::after{content:" \\25BC"}
    .index tr.clean td{color:var(--muted)}
    .controls{margin:.4rem 0;display:flex;flex-wrap:wrap;gap:.4rem 1.2rem;align-items:center}
    .controls[hidden]{display:none}
    .controls input[type=search]{font:inherit;padding:.1rem .4rem}
    .badge{display:inline-block;font-size:.75rem;font-weight:bold;border-radius:3px;padding:0 .35rem;margin-left:.3rem;vertical-align:middle}
    .badge.new{background:#8250df;color:#fff}
    .badge.ended{background:var(--error);color:#fff}
    .finding.suppressed{opacity:.6;border-style:dashed;background:#f6f8fa}
    .finding.suppressed .sev{background:var(--muted)}
    .fixed-list code{margin-right:.5rem}
    .top{font-size:.85rem}
    @media print{.index thead th{position:static}.controls,.top{display:none}\
    .overview{break-after:page}tr,.card,.panel li{break-inside:avoid}\
    h3,h4{break-after:avoid}thead{display:table-header-group}\
    .finding.suppressed{opacity:1;color:#57606a}a{color:inherit;text-decoration:none}}
    """
}
