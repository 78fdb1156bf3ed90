/* Search over the prebuilt index (suchindex.js): progressive enhancement, the site works
   without it. Every result is a link to a page of this folder; nothing leaves the browser. */
(function () {
  "use strict";
  var box = document.getElementById("suche");
  var field = document.getElementById("suchfeld");
  var list = document.getElementById("treffer");
  var status = document.getElementById("suchstatus");
  var index = window.LOTSE_SUCHINDEX;
  if (!box || !field || !index) { return; }
  box.hidden = false;
  function fold(text) {
    return text.toLowerCase().replace(/ä/g, "ae").replace(/ö/g, "oe").replace(/ü/g, "ue")
      .replace(/ß/g, "ss");
  }
  var prepared = index.map(function (entry) {
    return { entry: entry, text: fold(entry.t + " " + entry.w) };
  });
  function show() {
    var words = fold(field.value).split(/\s+/).filter(function (w) { return w.length > 1; });
    list.textContent = "";
    if (!words.length) { status.textContent = ""; return; }
    var hits = prepared.filter(function (p) {
      return words.every(function (w) { return p.text.indexOf(w) !== -1; });
    });
    status.textContent = hits.length === 0 ? "Keine Treffer." :
      hits.length + (hits.length === 1 ? " Treffer" : " Treffer") +
      (hits.length > 50 ? ", die ersten 50:" : ":");
    hits.slice(0, 50).forEach(function (p) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = p.entry.u;
      link.textContent = p.entry.t;
      item.appendChild(link);
      list.appendChild(item);
    });
  }
  field.addEventListener("input", show);
  var query = new URLSearchParams(window.location.search).get("q");
  if (query) { field.value = query; show(); }
}());
