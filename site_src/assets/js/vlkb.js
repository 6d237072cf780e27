// vlkb: sortable and filterable tables, plotly charts from inline JSON data, copy buttons.
// No dependencies except plotly (loaded by the theme only on pages with charts); no network access.
(function () {
  "use strict";

  function cellKey(cell) {
    var marked = cell.querySelector("[data-sort]");
    var text = marked ? marked.getAttribute("data-sort") : cell.textContent.trim();
    var number = Number(text);
    return text !== "" && !isNaN(number) ? { n: number } : { s: text.toLowerCase() };
  }

  function compare(a, b) {
    if ("n" in a && "n" in b) return a.n - b.n;
    if ("n" in a) return -1;
    if ("n" in b) return 1;
    return a.s < b.s ? -1 : a.s > b.s ? 1 : 0;
  }

  function sortTable(table, column, button) {
    var body = table.tBodies[0];
    var header = button.parentNode;
    var ascending = header.getAttribute("aria-sort") !== "ascending";
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) { th.removeAttribute("aria-sort"); });
    header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (r1, r2) {
      var order = compare(cellKey(r1.cells[column]), cellKey(r2.cells[column]));
      return ascending ? order : -order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
  }

  // "2 of 53 papers": a caption that starts with its row count says how many rows the filters leave
  function showCount(table, shown) {
    var total = table.tBodies[0].rows.length;
    var caption = table.caption;
    var counted = caption && caption.getAttribute("data-caption");
    if (counted) caption.textContent = shown === total ? counted : shown + " of " + counted;
    var status = table.parentNode.querySelector(".vlkb-shown");
    if (status) status.textContent = shown === total ? total + " rows" : shown + " of " + total + " rows";
  }

  function applyFilters(table, box, selects) {
    var query = box.value.trim().toLowerCase();
    var shown = 0;
    Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
      var show = !query || row.textContent.toLowerCase().indexOf(query) >= 0;
      selects.forEach(function (select) {
        if (!show || !select.value) return;
        var text = row.cells[Number(select.getAttribute("data-column"))].textContent.trim();
        show = select.getAttribute("data-match") === "contains"
          ? text.split(", ").indexOf(select.value) >= 0 : text === select.value;
      });
      row.hidden = !show;
      if (show) shown += 1;
    });
    showCount(table, shown);
  }

  function setUpTable(table) {
    var wrapper = table.parentNode;
    var selects = Array.prototype.slice.call(wrapper.querySelectorAll("select.vlkb-filter"));
    var label = document.createElement("label");
    label.className = "vlkb-search";
    label.textContent = "Filter rows ";
    var box = document.createElement("input");
    box.type = "search";
    box.className = "vlkb-filter-text";
    label.appendChild(box);
    wrapper.insertBefore(label, wrapper.firstChild);
    var status = document.createElement("span");
    status.className = "vlkb-shown";
    status.setAttribute("aria-live", "polite");
    wrapper.insertBefore(status, label.nextSibling);
    if (table.caption && /^\d+ /.test(table.caption.textContent)) {
      table.caption.setAttribute("data-caption", table.caption.textContent);
    }
    showCount(table, table.tBodies[0].rows.length);
    box.addEventListener("input", function () { applyFilters(table, box, selects); });
    selects.forEach(function (s) { s.addEventListener("change", function () { applyFilters(table, box, selects); }); });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, column) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "vlkb-sort";
      button.title = "Sort by " + th.textContent.trim();
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      button.addEventListener("click", function () { sortTable(table, column, button); });
    });
  }

  function isLocal(url) { return typeof url === "string" && !/^[a-z][a-z0-9+.-]*:/i.test(url) && url.indexOf("//") !== 0; }

  function drawChart(element) {
    if (typeof Plotly === "undefined") return;
    var data = document.getElementById(element.getAttribute("data-figure"));
    if (!data) return;
    var figure = JSON.parse(data.textContent);
    var options = figure.vlkb || {};
    delete figure.vlkb;
    Plotly.newPlot(element, figure.data, figure.layout,
      { displaylogo: false, responsive: true, modeBarButtonsToRemove: ["toImage"] }).then(function () {
      element.setAttribute("data-rendered", "true");
    });
    if (options.click === "customdata") {
      var open = function (event) {
        var point = event.points && event.points[0];
        if (point && isLocal(point.customdata)) window.location.href = point.customdata;
        return false;
      };
      element.on("plotly_sunburstclick", open);
      element.on("plotly_click", open);
    }
  }

  function setUpCopy(button) {
    button.addEventListener("click", function () {
      var source = document.getElementById(button.getAttribute("data-copy"));
      if (!source || !navigator.clipboard) return;
      navigator.clipboard.writeText(source.textContent).then(function () { button.textContent = "Copied"; });
    });
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("table.vlkb-sortable"), setUpTable);
    Array.prototype.forEach.call(document.querySelectorAll(".vlkb-chart"), drawChart);
    Array.prototype.forEach.call(document.querySelectorAll("button.vlkb-copy"), setUpCopy);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
