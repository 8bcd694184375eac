/* CRC 21: the escort's page polls today's visitors (names, tickets, attendance) and redraws the
 * lists without a reload. Plain JS, no dependencies; text only through textContent. */
(function () {
  "use strict";
  var root = document.getElementById("escort");
  if (!root) { return; }
  var url = root.getAttribute("data-state-url");
  var every = parseInt(root.getAttribute("data-refresh-ms"), 10) || 5000;
  var lang = root.getAttribute("data-lang");
  var updated = document.getElementById("escort-updated");

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined) { e.textContent = text; }
    return e;
  }

  function attended(v) {
    if (v.attended === null) { return "—"; }
    return v.attended ? root.getAttribute("data-came") : root.getAttribute("data-not-came");
  }

  function draw(state) {
    var frag = document.createDocumentFragment();
    if (!state.receptions.length) { frag.appendChild(el("p", "", root.getAttribute("data-none"))); }
    state.receptions.forEach(function (r) {
      var sec = el("section", "escort-reception");
      sec.setAttribute("data-reception", r.id);
      var who = lang === "kk" ? r.official_kk + " (" + r.body_kk + ")" : r.official_ru + " (" + r.body_ru + ")";
      sec.appendChild(el("h2", "", r.from + "–" + r.until + " · " + who));
      var table = el("table", "govuk-table table");
      var head = el("thead", "govuk-table__head");
      var hr = el("tr", "govuk-table__row");
      ["№", root.getAttribute("data-h-visitor"), root.getAttribute("data-h-ticket"), root.getAttribute("data-h-attended")].forEach(function (h) {
        var th = el("th", "govuk-table__header", h);
        th.scope = "col";
        hr.appendChild(th);
      });
      head.appendChild(hr);
      table.appendChild(head);
      var body = el("tbody", "govuk-table__body");
      if (!r.visitors.length) {
        var tr0 = el("tr", "govuk-table__row");
        var td0 = el("td", "govuk-table__cell", root.getAttribute("data-nobody"));
        td0.colSpan = 4; tr0.appendChild(td0); body.appendChild(tr0);
      }
      r.visitors.forEach(function (v) {
        var tr = el("tr", "govuk-table__row");
        tr.appendChild(el("td", "govuk-table__cell", String(v.n)));
        tr.appendChild(el("td", "govuk-table__cell escort-name", v.name));
        var ticket = v.ticket ? v.ticket + " — " + v.ticket_status_label + (v.desk ? ", " + root.getAttribute("data-desk") + " " + v.desk : "") : "—";
        tr.appendChild(el("td", "govuk-table__cell escort-ticket", ticket));
        tr.appendChild(el("td", "govuk-table__cell", attended(v)));
        body.appendChild(tr);
      });
      table.appendChild(body);
      sec.appendChild(table);
      frag.appendChild(sec);
    });
    root.textContent = "";
    root.appendChild(frag);
    if (updated) { updated.textContent = new Date().toLocaleTimeString(); }
  }

  function poll() {
    fetch(url, { credentials: "same-origin", cache: "no-store" })
      .then(function (resp) { return resp.ok ? resp.json() : null; })
      .then(function (state) { if (state) { draw(state); } })
      .catch(function () { /* offline: try again next time */ })
      .then(function () { window.setTimeout(poll, every); });
  }
  window.setTimeout(poll, every);
}());
