/* Frontier Incident Map: the incident layer, drawn in the browser (Leaflet 1.9).
 *
 * fimIncidentLayer(D, opts) returns a Leaflet feature group of circle markers built from the
 * packed payload D of geo.mappayload.pack_payload. Every string of D.s is HTML-escaped on the
 * server; this file only puts them between its own tags. Above opts.clustered the markers are
 * clustered with Supercluster (only the clusters in view are drawn, after every move); popups
 * and tooltips are built when a marker is clicked or hovered.
 *
 * opts: {alphabet: digits of the packed rows, unknown: fill colour without an actor 1,
 *        unidentified: the word shown for a blank actor 1, clustered: boolean}
 */
/* exported fimIncidentLayer */
/* global L, Supercluster */
function fimIncidentLayer(D, opts) {
  "use strict";
  (function unpack() { // the packed rows -> one typed array per column
    var A = opts.alphabet, V = new Int8Array(128), R = D.rows, W = D.row, n = D.n;
    for (var a = 0; a < A.length; a++) { V[A.charCodeAt(a)] = a; }
    D.cols.forEach(function (c) {
      var name = c[0], off = c[1], w = c[2], base = c[3], out = new Int32Array(n);
      for (var i = 0, p = off; i < n; i++, p += W) {
        var v = 0;
        for (var j = 0; j < w; j++) { v = v * 64 + V[R.charCodeAt(p + j)]; }
        out[i] = v + base;
      }
      D[name] = out;
    });
    var lat = new Float64Array(n), lon = new Float64Array(n);
    for (var i = 0; i < n; i++) {
      lat[i] = D.lat0 + D.lat[i] / D.scale; lon[i] = D.lon0 + D.lon[i] / D.scale; D.fat[i] -= 1;
    }
    D.lat = lat; D.lon = lon; D.rows = null;
  })();
  var S = D.s, n = D.n, markers = new Array(n);
  function radius(f) { return f > 0 ? Math.min(5 + 2.2 * Math.sqrt(f), 24) : 5; }
  function marker(i) { // made when first drawn: a view shows a few hundred of 100,000
    var m = markers[i];
    if (!m) {
      m = markers[i] = L.circleMarker([D.lat[i], D.lon[i]], {
        radius: radius(D.fat[i]), color: "#222222", weight: 1, fill: true,
        fillColor: D.colour[D.a1[i]] || opts.unknown, fillOpacity: 0.85,
        className: "fim-incident", fimIdx: i
      });
    }
    return m;
  }
  function actor1(i) { return S[D.a1[i]] || opts.unidentified; }
  function line(label, value) { return value ? "<b>" + label + ":</b> " + value + "<br>" : ""; }
  function popup(i) {
    var actors = [actor1(i), S[D.a2[i]]].filter(Boolean).join(" vs ");
    var place = [S[D.loc[i]], S[D.adm[i]]].filter(Boolean).join(", ");
    var src = S[D.src[i]], url = S[D.url[i]];
    if (url) {
      src = '<a href="' + url + '" target="_blank" rel="noopener noreferrer">' + (src || url) + "</a>";
    }
    return '<div class="fim-popup" style="min-width:260px;max-width:380px;font:13px/1.35 sans-serif">' +
      "<b>" + S[D.date[i]] + "</b> &middot; " + S[D.se[i]] + " <small>(" + S[D.et[i]] + ")</small><br>" +
      line("Actors", actors) +
      "<b>Place:</b> " + place + " <small>(geo_precision " + (D.gp[i] || "") + ")</small><br>" +
      "<b>Fatalities:</b> " + (D.fat[i] >= 0 ? D.fat[i] : "unknown") + "<br>" +
      '<blockquote style="margin:6px 0;padding-left:6px;border-left:3px solid #bbb">' +
      S[D.ev[i]] + "</blockquote>" + line("Source", src) + "<small>" + S[D.id[i]] + "</small></div>";
  }
  function tooltip(i) {
    return [S[D.date[i]], S[D.se[i]], actor1(i), S[D.loc[i]]].filter(Boolean).join(" | ");
  }
  var group = L.featureGroup();
  group.fim = {data: D, marker: marker, popup: popup, tooltip: tooltip, shown: n, clustered: opts.clustered};
  if (opts.clustered) {
    // Supercluster: a k-d tree per zoom level, built in a fraction of a second for 100,000 points;
    // only the clusters and markers inside the view are drawn, after every move
    var index = null;
    var load = function (idx) {
      var m = idx === null ? n : idx.length, pts = new Array(m);
      for (var k = 0; k < m; k++) {
        var i = idx === null ? k : idx[k];
        pts[k] = {type: "Feature", properties: {i: i},
                  geometry: {type: "Point", coordinates: [D.lon[i], D.lat[i]]}};
      }
      index = new Supercluster({radius: 60, maxZoom: 15, minPoints: 3}).load(pts);
    };
    var clusterIcon = function (count) {
      var size = count < 100 ? "small" : count < 1000 ? "medium" : "large";
      return L.divIcon({html: "<div><span>" + count.toLocaleString("en") + "</span></div>",
                        className: "marker-cluster marker-cluster-" + size, iconSize: L.point(40, 40)});
    };
    var zoomIn = function (e) {
      var z = Math.min(index.getClusterExpansionZoom(e.target.fimCluster), 18);
      group._map.setView(e.target.getLatLng(), z);
    };
    var update = function () {
      var map = group._map;
      if (!map || !index) { return; }
      var b = map.getBounds().pad(0.2), z = Math.round(map.getZoom());
      var items = index.getClusters([b.getWest(), b.getSouth(), b.getEast(), b.getNorth()], z);
      group.clearLayers();
      for (var k = 0; k < items.length; k++) {
        var f = items[k], c = f.geometry.coordinates;
        if (f.properties.cluster) {
          var cm = L.marker([c[1], c[0]], {icon: clusterIcon(f.properties.point_count)});
          cm.fimCluster = f.properties.cluster_id;
          cm.on("click", zoomIn);
          group.addLayer(cm);
        } else {
          group.addLayer(marker(f.properties.i));
        }
      }
    };
    var onMap = null;
    group.on("add", function () { onMap = group._map; onMap.on("moveend", update); update(); });
    group.on("remove", function () { if (onMap) { onMap.off("moveend", update); onMap = null; } });
    group.fim.show = function (idx) {
      load(idx);
      group.fim.shown = idx === null ? n : idx.length;
      update();
    };
  } else {
    group.fim.show = function (idx) {
      group.clearLayers();
      var m = idx === null ? n : idx.length;
      for (var k = 0; k < m; k++) { group.addLayer(marker(idx === null ? k : idx[k])); }
      group.fim.shown = m;
    };
  }
  group.fim.show(null);
  function target(e) {
    var l = e.propagatedFrom || e.layer;
    return l && l.options && l.options.fimIdx !== undefined ? l : null;
  }
  group.fim.open = function (i) {
    var map = group._map;
    if (!map) { return; }
    L.popup({maxWidth: 400}).setLatLng([D.lat[i], D.lon[i]]).setContent(popup(i)).openOn(map);
  };
  group.on("click", function (e) {
    var l = target(e);
    if (l) { group.fim.open(l.options.fimIdx); }
  });
  group.on("mouseover", function (e) {
    var l = target(e);
    if (l && !l.getTooltip()) { l.bindTooltip(tooltip(l.options.fimIdx)).openTooltip(); }
  });
  return group;
}
