/* The incident map: outlines that ship with harmwatch, optional tiles, clustered markers
   coloured by grade. Text from the data goes in with textContent, never as HTML. */
(function () {
  "use strict";
  var GRADE_COLOURS = {
    Confirmed: "#b42318", Fair: "#dc6803", Weak: "#b8930b", Contested: "#7a3fb0", Discounted: "#7d8794",
    confirmed: "#b42318", fair: "#dc6803", weak: "#b8930b", contested: "#7a3fb0", discounted: "#7d8794"
  };
  var element = document.getElementById("map");
  if (!element || !window.L) { return; }

  var map = L.map(element, { zoomSnap: 0.5, minZoom: 3, maxZoom: 18 }).setView([35.0, 40.0], 6);
  map.attributionControl.setPrefix("Leaflet · outlines: Natural Earth");
  if (element.dataset.tiles) {
    L.tileLayer(element.dataset.tiles, { attribution: element.dataset.attribution || "", maxZoom: 18 }).addTo(map);
  }

  function getJSON(url) {
    return fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) { throw new Error(url + " answered " + response.status); }
        return response.json();
      });
  }

  var COUNTRY_STYLE = { color: "#6b7a8c", weight: 1.2, fillColor: "#f4f1ea", fillOpacity: 1 };
  var PROVINCE_STYLE = { color: "#9aa5b1", weight: 0.8, dashArray: "3 3", fill: false };

  function drawLayer(url, style) {
    if (!url) { return Promise.resolve(); }
    return getJSON(url).then(function (shapes) {
      L.geoJSON(shapes, { style: style, interactive: false }).addTo(map);
    });
  }

  // Countries first, provinces over them, so the province lines stay visible.
  function drawOutlines() {
    return drawLayer(element.dataset.outlines, COUNTRY_STYLE).then(function () {
      return drawLayer(element.dataset.provinces, PROVINCE_STYLE);
    });
  }

  function marker(lat, lon, grade) {
    var colour = GRADE_COLOURS[grade] || GRADE_COLOURS.Weak;
    return L.circleMarker([lat, lon], {
      radius: 7, color: "#ffffff", weight: 1.5, fillColor: colour, fillOpacity: 0.9
    });
  }

  function label(properties) {
    var box = document.createElement("div");
    var title = document.createElement("strong");
    title.textContent = (properties.place || "unnamed place") + " · " + (properties.date || "undated");
    var detail = document.createElement("div");
    detail.textContent = properties.method.replace(/_/g, " ") + " · " + properties.grade +
      " · fatalities " + properties.fatalities;
    box.appendChild(title);
    box.appendChild(detail);
    return box;
  }

  function say(text) {
    var count = document.getElementById("map-count");
    if (count) { count.textContent = text; }
  }

  function drawIncidents() {
    return getJSON(element.dataset.points).then(function (collection) {
      var cluster = L.markerClusterGroup({ maxClusterRadius: 40, showCoverageOnHover: false });
      var points = collection.features.map(function (feature) {
        var c = feature.geometry.coordinates;
        var point = marker(c[1], c[0], feature.properties.grade);
        point.bindTooltip(label(feature.properties));
        point.on("click", function () { window.location.href = feature.properties.url; });
        return point;
      });
      map.addLayer(cluster);
      cluster.addLayers(points);  // in one batch: fast for thousands of incidents
      var shown = cluster.getLayers().length;
      element.dataset.markers = String(shown);
      say(collection.total + " incident" + (collection.total === 1 ? "" : "s") + " · " + shown +
          " on the map" + (collection.unlocated ? " · " + collection.unlocated + " without coordinates" : ""));
      if (shown) { map.fitBounds(cluster.getBounds(), { padding: [40, 40], maxZoom: 7 }); }
    });
  }

  var outlines = drawOutlines();
  if (element.dataset.single) {
    var lat = parseFloat(element.dataset.lat), lon = parseFloat(element.dataset.lon);
    outlines.then(function () {
      marker(lat, lon, element.dataset.grade).addTo(map);
      map.setView([lat, lon], 7);
      element.dataset.markers = "1";
    });
  } else {
    outlines.then(drawIncidents).catch(function (error) {
      say("cannot load the map data: " + error);
      if (window.console) { console.error(error); }
    });
  }
})();
