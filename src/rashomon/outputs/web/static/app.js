/* Rashomon: the timeline, the map and (in the report) in-page navigation and search.
   Data comes from <script type="application/json"> blocks; text is set with textContent,
   never parsed as HTML. */
(function () {
  "use strict";
  var DAY = 86400000;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }
  function link(href, text, cls) { var a = el("a", cls, text); a.href = href; return a; }
  function day(iso) {
    var t = Date.parse(iso.length === 4 ? iso + "-01-01" : iso.length === 7 ? iso + "-01" : iso);
    return isNaN(t) ? null : t;
  }

  /* ---------------------------------------------------------------- timeline */
  var MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  var UNITS = [  // [name, approximate length, step function, label]
    ["decade", 3652 * DAY, function (d) { d.setUTCFullYear(Math.floor(d.getUTCFullYear() / 10) * 10 + 10, 0, 1); },
      function (d) { return d.getUTCFullYear() + "s"; }],
    ["year", 365 * DAY, function (d) { d.setUTCFullYear(d.getUTCFullYear() + 1, 0, 1); },
      function (d) { return String(d.getUTCFullYear()); }],
    ["month", 30 * DAY, function (d) { d.setUTCMonth(d.getUTCMonth() + 1, 1); },
      function (d) { return MONTHS[d.getUTCMonth()] + " " + d.getUTCFullYear(); }],
    ["week", 7 * DAY, function (d) { d.setUTCDate(d.getUTCDate() + 7); },
      function (d) { return d.getUTCDate() + " " + MONTHS[d.getUTCMonth()]; }],
    ["day", DAY, function (d) { d.setUTCDate(d.getUTCDate() + 1); },
      function (d) { return d.getUTCDate() + " " + MONTHS[d.getUTCMonth()]; }],
    ["hour", DAY / 24, function (d) { d.setUTCHours(d.getUTCHours() + 1); },
      function (d) { return d.getUTCHours() + ":00"; }]
  ];
  function floorTo(t, unit) {
    var d = new Date(t);
    if (unit === "hour") { d.setUTCMinutes(0, 0, 0); return d; }
    d.setUTCHours(0, 0, 0, 0);
    if (unit === "day") return d;
    if (unit === "week") { d.setUTCDate(d.getUTCDate() - (d.getUTCDay() + 6) % 7); return d; }  // Mondays
    d.setUTCDate(1); if (unit === "month") return d;
    d.setUTCMonth(0); if (unit === "year") return d;
    d.setUTCFullYear(Math.floor(d.getUTCFullYear() / 10) * 10); return d;
  }

  function cluster(values, least) {
    // [first, last] of the largest group of `values` once they are split at gaps far wider than
    // the usual spacing (more than `least` and ten times the middle half's spread)
    var t = values.slice().sort(function (a, b) { return a - b; });
    if (t.length < 3) return [t[0], t[t.length - 1]];
    var spread = t[Math.floor(t.length * 3 / 4)] - t[Math.floor(t.length / 4)];
    var gap = Math.max(least, 10 * spread), best = [t[0], t[0]], bestN = 0, first = 0;
    for (var i = 1; i <= t.length; i++) {
      if (i === t.length || t[i] - t[i - 1] > gap) {
        if (i - first > bestN) { bestN = i - first; best = [t[first], t[i - 1]]; }
        first = i;
      }
    }
    return best;
  }

  function Timeline(root) {
    var data = JSON.parse(root.querySelector(".tl-data").textContent);
    var canvas = root.querySelector(".tl-canvas"), scale = root.querySelector(".tl-scale");
    var outside_ = root.querySelector(".tl-outside");
    var items = [];
    data.items.forEach(function (it) {
      var s = day(it.start), e = day(it.end || it.start);
      if (s === null) return;
      if (e === null || e < s) e = s;
      items.push({ it: it, s: s, e: e + DAY });
    });
    // conflicts drawn last, on top of what they overlap
    items.sort(function (a, b) { return (a.it.conflict ? 1 : 0) - (b.it.conflict ? 1 : 0); });
    var t0, t1, inApp = location.protocol.indexOf("http") === 0;
    function fit() {
      // to the story's dates (those aside, in page chrome or cited titles, only when there is nothing
      // else), and of those to the largest cluster: a date years away from the rest is an outlier
      // the view does not stretch for (zoom out to see it)
      if (!items.length) { var now = Date.now(); t0 = now - 365 * DAY; t1 = now; return; }
      var story = items.filter(function (x) { return !x.it.aside; });
      if (!story.length) story = items;
      var c = cluster(story.map(function (x) { return (x.s + x.e) / 2; }), 60 * DAY);
      var lo = Math.min.apply(null, story.filter(function (x) { return (x.s + x.e) / 2 >= c[0]; }).map(function (x) { return x.s; }));
      var hi = Math.max.apply(null, story.filter(function (x) { return (x.s + x.e) / 2 <= c[1]; }).map(function (x) { return x.e; }));
      var pad = Math.max((hi - lo) * 0.06, 3 * DAY);
      t0 = lo - pad; t1 = hi + pad;
    }
    function fromUrl() {  // the view a link or a reload gives (?from=...&to=...)
      if (!inApp) return false;
      var q = new URLSearchParams(location.search), a = day(q.get("from") || ""), b = day(q.get("to") || "");
      if (a === null || b === null || b <= a) return false;
      t0 = a; t1 = b; return true;
    }
    function toUrl() {
      if (!inApp) return;
      var q = new URLSearchParams(location.search);
      q.set("from", new Date(t0).toISOString().slice(0, 10)); q.set("to", new Date(t1).toISOString().slice(0, 10));
      history.replaceState(null, "", location.pathname + "?" + q.toString());
    }
    function draw() {
      canvas.textContent = "";
      var width = Math.max(200, canvas.clientWidth - 220), span = t1 - t0;
      var x = function (t) { return (t - t0) / span * width; };
      var unit = UNITS[0];  // the finest unit whose ticks stay at least 70 px apart
      for (var u = UNITS.length - 1; u >= 0; u--) { if (span / UNITS[u][1] <= width / 70) { unit = UNITS[u]; break; } }
      scale.textContent = "one tick = one " + unit[0];
      var outside = items.filter(function (x_) { return x_.e < t0 || x_.s > t1; }).length;
      if (outside_) outside_.textContent = outside ? outside + " date" + (outside === 1 ? "" : "s") + " outside this view: zoom out or drag to see " + (outside === 1 ? "it" : "them") : "";
      canvas.classList.toggle("compact", data.lanes.length > 12);
      toUrl();
      var ticks = [], d = floorTo(t0, unit[0]);
      for (var guard = 0; d.getTime() <= t1 && guard < 400; guard++) {
        if (d.getTime() >= t0) ticks.push(new Date(d.getTime()));
        unit[2](d);
      }
      var axis = el("div", "tl-axis");
      ticks.forEach(function (t) {
        var tick = el("div", "tl-tick", unit[3](t)); tick.style.left = x(t.getTime()) + "px"; axis.appendChild(tick);
      });
      canvas.appendChild(axis);
      data.lanes.forEach(function (lane) {
        var row = el("div", "tl-lane"), label = el("div", "tl-label"), track = el("div", "tl-track");
        var info = data.labels[lane] || { title: lane, meta: "" };
        label.appendChild(link(info.href, info.title)); label.appendChild(el("small", null, info.meta));
        label.title = info.title;
        ticks.forEach(function (t) { var g = el("div", "tl-grid"); g.style.left = x(t.getTime()) + "px"; track.appendChild(g); });
        items.forEach(function (x_) {
          if (x_.it.lane !== lane) return;
          var left = x(x_.s), right = x(x_.e);
          if (right < -20 || left > width + 20) return;
          var a = link(x_.it.href, "", "tl-item " + x_.it.kind);
          var w = right - left;
          if (w > 14 && x_.e - x_.s > DAY) a.classList.add("span");
          if (w < 10) { left = (left + right) / 2 - 5; w = 10; }
          a.style.left = left + "px"; a.style.width = w + "px";
          if (x_.it.conflict) a.classList.add("conflict");
          if (x_.it.aside) a.classList.add("aside");
          a.title = (x_.it.kind === "event" ? x_.it.type + ": " : "") + x_.it.text + "\n" + x_.it.start +
            (x_.it.end && x_.it.end !== x_.it.start ? " – " + x_.it.end : "") + (x_.it.conflict ? "\nin conflict with another source" : "") +
            (x_.it.aside ? "\nnot the story's date (page chrome, a byline or a cited work)" : "");
          a.dataset.findings = (x_.it.findings || []).join(" ");
          track.appendChild(a);
        });
        row.appendChild(label); row.appendChild(track); canvas.appendChild(row);
      });
    }
    function zoom(factor, at) {
      var width = Math.max(200, canvas.clientWidth - 220);
      var center = at === undefined ? (t0 + t1) / 2 : t0 + (t1 - t0) * at / width;
      var span = Math.min(Math.max((t1 - t0) * factor, DAY / 2), 400 * 365 * DAY);
      var share = (center - t0) / (t1 - t0);
      t0 = center - span * share; t1 = t0 + span; draw();
    }
    root.querySelectorAll("[data-zoom]").forEach(function (b) {
      b.addEventListener("click", function () {
        var z = b.dataset.zoom;
        if (z === "fit") { fit(); draw(); } else zoom(z === "in" ? 0.5 : 2);
      });
    });
    canvas.addEventListener("wheel", function (ev) {
      var box = canvas.getBoundingClientRect();
      var at = ev.clientX - box.left - 220;
      if (at < 0) return;
      ev.preventDefault(); zoom(ev.deltaY < 0 ? 0.8 : 1.25, at);
    }, { passive: false });
    var dragging = null;
    canvas.addEventListener("mousedown", function (ev) { dragging = { x: ev.clientX, t0: t0, t1: t1, moved: false }; });
    window.addEventListener("mouseup", function () { setTimeout(function () { dragging = null; }, 0); });
    window.addEventListener("mousemove", function (ev) {
      if (!dragging) return;
      var dx = ev.clientX - dragging.x; if (Math.abs(dx) > 3) dragging.moved = true;
      if (!dragging.moved) return;
      var per = (dragging.t1 - dragging.t0) / Math.max(200, canvas.clientWidth - 220);
      t0 = dragging.t0 - dx * per; t1 = dragging.t1 - dx * per; draw();
    });
    canvas.addEventListener("click", function (ev) { if (dragging && dragging.moved) ev.preventDefault(); }, true);
    canvas.addEventListener("mouseover", function (ev) {
      var ids = ev.target.dataset && ev.target.dataset.findings;
      canvas.querySelectorAll(".tl-item.linked").forEach(function (n) { n.classList.remove("linked"); });
      if (!ids) return;
      ids.split(" ").forEach(function (id) {
        canvas.querySelectorAll(".tl-item").forEach(function (n) {
          if ((" " + n.dataset.findings + " ").indexOf(" " + id + " ") >= 0) n.classList.add("linked");
        });
      });
    });
    if (!fromUrl()) fit();
    this.draw = draw;
    draw();
  }

  /* ---------------------------------------------------------------- map */
  function PlaceMap(root, basemap) {
    var data = JSON.parse(root.parentNode.querySelector(".map-data").textContent);
    var map = L.map(root, { worldCopyJump: true, minZoom: 1, maxZoom: 13, zoomSnap: 0.5 });
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution("Natural Earth · Leaflet");
    // the first view: where most places are (a place far from all the others is left for a zoom out)
    var lats = cluster(data.places.map(function (p) { return p.lat; }), 20);  // degrees
    var lons = cluster(data.places.map(function (p) { return p.lon; }), 20);
    var bounds = data.places.filter(function (p) {
      return p.lat >= lats[0] && p.lat <= lats[1] && p.lon >= lons[0] && p.lon <= lons[1];
    }).map(function (p) { return [p.lat, p.lon]; });
    if (!bounds.length) bounds = data.places.map(function (p) { return [p.lat, p.lon]; });
    // the view first, without animation: layers cannot be drawn on a map without one
    if (bounds.length > 1) map.fitBounds(bounds, { padding: [60, 60], maxZoom: 6, animate: false });
    else if (bounds.length === 1) map.setView(bounds[0], 6, { animate: false });
    else map.setView([25, 20], 2, { animate: false });
    L.geoJSON(basemap, { interactive: false, style: { color: "#8795a6", weight: 1, fillColor: "#f4f1e8", fillOpacity: 1 } }).addTo(map);
    data.places.forEach(function (p) {
      var m = L.circleMarker([p.lat, p.lon], { radius: 5 + 3 * Math.sqrt(p.sources), color: "#7d1d12", weight: 1.5,
        fillColor: p.events.length ? "#d9480f" : "#e8833a", fillOpacity: p.estimated ? 0.35 : 0.8,
        dashArray: p.estimated || p.radius_km ? "3 3" : null });
      var box = el("div", "popup"), h = el("h3"); h.appendChild(link(p.href, p.name)); box.appendChild(h);
      box.appendChild(el("div", "meta", (p.kind || "place") + " · named by " + p.sources + " source" + (p.sources === 1 ? "" : "s")));
      if (p.radius_km) {  // placed from its text alone: somewhere in this circle
        box.appendChild(el("div", "meta estimated", "estimated from the text, within " + Math.round(p.radius_km) + " km"));
        L.circle([p.lat, p.lon], { radius: p.radius_km * 1000, color: "#7d1d12", weight: 1, dashArray: "4 4",
          fill: false, interactive: false }).addTo(map);
      }
      var ul = el("ul");
      p.docs.forEach(function (d) { var li = el("li"); li.appendChild(link(d.href, d.title)); if (d.perspective) li.appendChild(el("span", "meta", " " + d.perspective)); ul.appendChild(li); });
      box.appendChild(ul);
      if (p.events.length) {
        box.appendChild(el("b", null, "Events here"));
        var ev = el("ul");
        p.events.forEach(function (e) { var li = el("li"); li.appendChild(link(e.href, e.type + ": " + e.text)); ev.appendChild(li); });
        box.appendChild(ev);
      }
      m.bindPopup(box); m.bindTooltip(p.name); m.addTo(map);
    });
    this.map = map;
  }

  function basemapData(done) {
    var inline = document.getElementById("basemap");
    if (inline) { done(JSON.parse(inline.textContent)); return; }
    fetch("/basemap.geojson").then(function (r) { return r.json(); }).then(done);
  }

  var timelines = new WeakMap(), maps = new WeakMap();
  function start(scope) {
    scope.querySelectorAll("[data-timeline]").forEach(function (root) {
      if (root.offsetParent === null) return;
      if (timelines.has(root)) timelines.get(root).draw(); else timelines.set(root, new Timeline(root));
    });
    scope.querySelectorAll("[data-map]").forEach(function (root) {
      if (root.offsetParent === null || typeof L === "undefined") return;
      if (maps.has(root)) { maps.get(root).map.invalidateSize(); return; }
      maps.set(root, "pending");
      basemapData(function (geo) { maps.set(root, new PlaceMap(root, geo)); root.dataset.ready = "1"; });
    });
  }

  /* ---------------------------------------------------------------- report */
  function reportSearch() {
    var form = document.querySelector("[data-report-search]");
    if (!form) return;
    var input = form.querySelector("input"), out = document.querySelector("[data-search-results]");
    var count = document.querySelector("[data-search-count]");
    function run() {
      var words = (input.value.toLowerCase().match(/[\p{L}\p{N}_]+/gu) || []);
      out.textContent = ""; count.textContent = "";
      if (!words.length) return;
      var hits = 0;
      document.querySelectorAll("section.document").forEach(function (sec) {
        var text = sec.querySelector("article.text").textContent, low = text.toLowerCase();
        if (!words.every(function (w) { return low.indexOf(w) >= 0; })) return;
        hits++;
        var at = low.indexOf(words[0]), li = el("li"), p = el("p", "snippet");
        li.appendChild(link("#" + sec.id, sec.dataset.title, "doclink"));
        var from = Math.max(0, at - 80);
        p.appendChild(document.createTextNode((from ? "… " : "") + text.slice(from, at)));
        p.appendChild(el("mark", "hit", text.slice(at, at + words[0].length)));
        p.appendChild(document.createTextNode(text.slice(at + words[0].length, at + 160) + " …"));
        li.appendChild(p); out.appendChild(li);
      });
      count.textContent = hits + " document" + (hits === 1 ? "" : "s") + " contain" + (hits === 1 ? "s" : "") + " every word.";
    }
    form.addEventListener("submit", function (ev) { ev.preventDefault(); run(); });
    input.addEventListener("input", run);
  }

  function shown() {
    var target = location.hash ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
    var section = target ? target.closest("section.page") : document.getElementById("sources");
    document.querySelectorAll("header.top nav a").forEach(function (a) {
      a.classList.toggle("active", section && a.getAttribute("href") === "#" + section.id);
    });
    if (section) start(section);
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (document.body.classList.contains("report")) {
      reportSearch();
      window.addEventListener("hashchange", shown);
      window.addEventListener("load", shown);  // a link straight to #timeline: draw once laid out
      shown();
    } else {
      start(document);
    }
  });
})();
