// vlkb: the lineage timeline of the graph page (vlkb/site/graph_page.py). The page holds the data as inline
// JSON (vlkb.site.lineage.lineage_data) and the controls as HTML; this script draws the chart with the
// plotly bundle the site serves itself, filters it by stream and kind, finds a paper by name (also from
// ?find=<id>, which paper pages link to) and opens a paper's page on a click. Record text reaches plotly
// escaped (plotly reads labels as HTML) and the page only as textContent. No network access.
(function () {
  "use strict";

  var ACCENT = "#e53935";
  var WINDOW_DAYS = 600;  // the span of dates shown around a paper that was found
  var WINDOW_ROWS = 8;    // rows shown above and below it

  function forPlotly(text) {
    return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;").replace(/'/g, "&#39;");
  }

  function isLocal(url) { return typeof url === "string" && !/^[a-z][a-z0-9+.-]*:/i.test(url) && url.indexOf("//") !== 0; }

  function shiftDate(iso, days) {
    return new Date(Date.parse(iso) + days * 86400000).toISOString().slice(0, 10);
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function setUp(root) {
    var source = document.getElementById(root.getAttribute("data-lineage"));
    if (!source) return;
    if (typeof Plotly === "undefined") {
      root.textContent = "The chart needs the plotly script, which did not load; the table below lists every link.";
      return;
    }
    var data = JSON.parse(source.textContent);
    var base = root.getAttribute("data-root") || "";
    var controls = document.getElementById(root.getAttribute("data-controls"));
    var papers = data.papers, count = papers.id.length;
    var find = controls.querySelector("#lineage-find");
    var status = controls.querySelector("#lineage-status");
    var linkedOnly = controls.querySelector("#lineage-linked");
    var laneBoxes = Array.prototype.slice.call(controls.querySelectorAll("input[data-lane]"));
    var kindBoxes = Array.prototype.slice.call(controls.querySelectorAll("input[data-kind]"));
    var laneIds = data.lanes.map(function (lane) { return lane.id; });
    var kindIds = data.kinds.map(function (kind) { return kind.id; });

    var parents = [], children = [];
    for (var i = 0; i < count; i += 1) { parents.push([]); children.push([]); }
    data.edges.forEach(function (edge) { parents[edge[0]].push(edge[1]); children[edge[1]].push(edge[0]); });
    var linked = parents.map(function (p, i) { return p.length + children[i].length > 0; });

    var names = controls.querySelector("#lineage-names");
    var listed = {};
    papers.name.forEach(function (name) {
      if (listed[name]) return;
      listed[name] = true;
      names.appendChild(el("option", { value: name }));
    });

    var found = -1;
    var view = { x: data.view, y: null };  // x null: the whole timeline; set by a zoom or by finding a paper
    var centre = false;
    var shown = [];                   // point index in the chart -> paper index

    function boxOn(boxes, attr, value) {
      var box = boxes.filter(function (b) { return b.getAttribute(attr) === value; })[0];
      return !box || box.checked;
    }
    function visible(i) {
      return boxOn(laneBoxes, "data-lane", laneIds[papers.lane[i]]) && boxOn(kindBoxes, "data-kind", kindIds[papers.kind[i]])
        && (!linkedOnly.checked || linked[i]);
    }
    function hover(i) {
      var streams = papers.streams[i].map(function (s) { return data.lanes[s].label; }).join(", ");
      return forPlotly(papers.name[i]) + "<br>" + papers.date[i] + " · " + forPlotly(kindIds[papers.kind[i]])
        + (streams ? " · " + forPlotly(streams) : "") + "<br>builds on " + parents[i].length + ", built upon by "
        + children[i].length;
    }
    function href(i) { return base + "papers/" + papers.id[i] + "/"; }

    function draw() {
      var laneY = {}, offset = 0, tickvals = [], ticktext = [], shapes = [];
      shown = [];
      for (var i = 0; i < count; i += 1) if (visible(i)) shown.push(i);
      var filled = {};  // a lane whose papers the filters all hide is not drawn
      shown.forEach(function (i) { filled[papers.lane[i]] = true; });
      data.lanes.forEach(function (lane, li) {
        if (!filled[li]) return;
        laneY[li] = offset;
        tickvals.push(-(offset + (lane.rows - 1) / 2));  // y grows upwards: lanes go down from 0
        ticktext.push(forPlotly(lane.label));
        shapes.push({ type: "rect", xref: "paper", x0: 0, x1: 1, y0: 0.5 - offset, y1: 0.5 - offset - lane.rows,
                      fillcolor: tickvals.length % 2 ? "rgba(63,81,181,0.06)" : "rgba(0,0,0,0)", line: { width: 0 },
                      layer: "below" });
        offset += lane.rows + 1;
      });
      var y = function (i) { return -(laneY[papers.lane[i]] + papers.row[i]); };
      var on = {};
      shown.forEach(function (i) { on[i] = true; });
      var edgeX = [], edgeY = [], markX = [], markY = [];
      data.edges.forEach(function (edge) {
        if (!on[edge[0]] || !on[edge[1]]) return;
        var mark = edge[0] === found || edge[1] === found;
        (mark ? markX : edgeX).push(papers.date[edge[1]], papers.date[edge[0]], null);
        (mark ? markY : edgeY).push(y(edge[1]), y(edge[0]), null);
      });
      var nodes = {
        type: "scatter", mode: "markers+text", name: "papers", cliponaxis: false,
        x: shown.map(function (i) { return papers.date[i]; }), y: shown.map(y),
        text: shown.map(function (i) { return children[i].length >= data.hub && i !== found ? forPlotly(papers.name[i]) : ""; }),
        textposition: "top center", textfont: { size: 10 },
        hovertext: shown.map(hover), hovertemplate: "%{hovertext}<extra></extra>",
        customdata: shown.map(href),
        marker: { color: shown.map(function (i) { return data.kinds[papers.kind[i]].colour; }),
                  size: shown.map(function (i) { return linked[i] ? 8 : 5; }),
                  opacity: shown.map(function (i) { return linked[i] ? 0.95 : 0.55; }) }
      };
      var target = found >= 0 && on[found];
      var highlight = {
        type: "scatter", mode: "markers+text", name: "found", cliponaxis: false,
        x: target ? [papers.date[found]] : [], y: target ? [y(found)] : [],
        text: target ? ["<b>" + forPlotly(papers.name[found]) + "</b>"] : [], textposition: "top center",
        customdata: target ? [href(found)] : [], hovertext: target ? [hover(found)] : [],
        hovertemplate: "%{hovertext}<extra></extra>",
        marker: { symbol: "circle-open", size: 20, color: ACCENT, line: { width: 3 } }
      };
      if (target && centre) {  // the paper in the middle, the window kept inside the lanes shown
        var top = Math.min(y(found) + WINDOW_ROWS, 1.5), bottom = Math.max(top - 2 * WINDOW_ROWS, 0.5 - offset);
        view.x = [shiftDate(papers.date[found], -WINDOW_DAYS / 2), shiftDate(papers.date[found], WINDOW_DAYS / 2)];
        view.y = [bottom, Math.min(bottom + 2 * WINDOW_ROWS, 1.5)];
      }
      centre = false;
      var layout = {
        height: 720, margin: { l: 120, r: 10, t: 20, b: 40 }, showlegend: false, hovermode: "closest",
        dragmode: "zoom", shapes: shapes,
        xaxis: view.x ? { type: "date", range: view.x } : { type: "date", autorange: true },
        yaxis: { tickvals: tickvals, ticktext: ticktext, zeroline: false, showgrid: false,
                 range: view.y || [-Math.max(offset - 1.5, 0.5), 1.5] }
      };
      var traces = [
        { type: "scatter", mode: "lines", name: "builds on", x: edgeX, y: edgeY, hoverinfo: "skip",
          line: { width: 1, color: "rgba(97,97,97,0.45)" } },
        { type: "scatter", mode: "lines", name: "builds on (found)", x: markX, y: markY, hoverinfo: "skip",
          line: { width: 2.5, color: ACCENT } },
        nodes, highlight];
      return Plotly.react(root, traces, layout, { displaylogo: false, responsive: true, doubleClick: "autosize",
                                                  modeBarButtonsToRemove: ["toImage", "select2d", "lasso2d"] });
    }

    function say(i, note) {
      status.textContent = "";
      if (i < 0) { status.textContent = note || ""; return; }
      status.appendChild(el("strong", {}, papers.name[i]));
      status.appendChild(document.createTextNode(", " + papers.date[i] + ", " + kindIds[papers.kind[i]] + ", "
        + data.lanes[papers.lane[i]].label + ": builds on " + parents[i].length + ", built upon by "
        + children[i].length + ". "));
      status.appendChild(el("a", { href: href(i), id: "lineage-open" }, "Open its page"));
      if (note) status.appendChild(document.createTextNode(" " + note));
    }

    function remember() {
      var params = new URLSearchParams(location.search);
      if (found >= 0) params.set("find", papers.id[found]); else params.delete("find");
      var query = params.toString();
      history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + location.hash);
    }

    function lookup(text, loose) {
      var query = text.trim().toLowerCase();
      if (!query) return -1;
      for (var i = 0; i < count; i += 1) {
        if (papers.name[i].toLowerCase() === query || papers.id[i] === query) return i;
      }
      if (!loose) return -1;
      var best = null;  // a name that starts with the query, else one or an id that holds it; shorter first
      for (i = 0; i < count; i += 1) {
        var name = papers.name[i].toLowerCase(), at = name.indexOf(query);
        var rank = at === 0 ? 0 : at > 0 || papers.id[i].indexOf(query) >= 0 ? 1 : -1;
        if (rank < 0) continue;
        if (!best || rank < best.rank || (rank === best.rank && name.length < best.length)) {
          best = { index: i, rank: rank, length: name.length };
        }
      }
      return best ? best.index : -1;
    }

    function select(i) {
      var opened = [];
      laneBoxes.concat(kindBoxes).forEach(function (box) {
        var mine = box.getAttribute("data-lane") === laneIds[papers.lane[i]] || box.getAttribute("data-kind") === kindIds[papers.kind[i]];
        if (mine && !box.checked) { box.checked = true; opened.push(box.parentNode.textContent.replace(/\s*\(\d+\)\s*$/, "").trim()); }
      });
      if (linkedOnly.checked && !linked[i]) { linkedOnly.checked = false; opened.push("papers without lineage links"); }
      found = i;
      centre = true;
      say(i, opened.length ? "(shown again: " + opened.join(", ") + ")" : "");
      remember();
      draw();
    }

    function search(loose) {
      var i = lookup(find.value, loose);
      if (i >= 0 && i !== found) select(i);
      else if (i < 0 && loose && find.value.trim()) say(-1, "No paper is named like “" + find.value.trim() + "”.");
    }

    find.addEventListener("input", function () { search(false); });
    find.addEventListener("change", function () { search(true); });
    find.addEventListener("keydown", function (event) { if (event.key === "Enter") { event.preventDefault(); search(true); } });
    laneBoxes.concat(kindBoxes).forEach(function (box) {
      box.addEventListener("change", function () {
        if (box.hasAttribute("data-lane")) view.y = null;  // lanes move when one is hidden or shown
        if (found >= 0 && !visible(found)) say(found, "(hidden by the filters)");
        draw();
      });
    });
    linkedOnly.addEventListener("change", function () { draw(); });
    controls.querySelector("#lineage-reset").addEventListener("click", function () {
      found = -1;
      view = { x: data.view, y: null };
      find.value = "";
      say(-1, "");
      remember();
      draw();
    });

    draw().then(function () {
      root.setAttribute("data-rendered", "true");
      root.on("plotly_click", function (event) {
        var point = event.points && event.points[0];
        if (point && isLocal(point.customdata)) window.location.href = point.customdata;
      });
      root.on("plotly_relayout", function (change) {  // keep the reader's zoom when a filter redraws the chart
        if ("xaxis.range[0]" in change) view.x = [change["xaxis.range[0]"], change["xaxis.range[1]"]];
        if ("yaxis.range[0]" in change) view.y = [change["yaxis.range[0]"], change["yaxis.range[1]"]];
        if (change["xaxis.autorange"]) view.x = null;
        if (change["yaxis.autorange"]) view.y = null;
      });
      var wanted = new URLSearchParams(location.search).get("find");
      var start = wanted ? lookup(wanted, true) : -1;
      if (start >= 0) { find.value = papers.name[start]; select(start); }
    });
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll(".vlkb-lineage[data-lineage]"), setUp);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
