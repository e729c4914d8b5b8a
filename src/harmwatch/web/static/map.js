/* The incident map: outlines that ship with harmwatch, place names from the embedded
   gazetteer (more of them as you zoom in), optional tiles, markers and clusters coloured by
   grade, fitted to the country most incidents are in. Text from the data goes in with
   textContent, never as HTML. */
(function () {
  "use strict";
  // The grade colours of the stylesheet (WCAG AA with white text).
  var GRADE_COLOURS = {
    confirmed: "#b42318", fair: "#b54708", weak: "#8a6100", contested: "#7a3fb0", discounted: "#5d6673"
  };
  var GRADE_ORDER = ["confirmed", "fair", "weak", "contested", "discounted"];
  // Smallest population labelled at each zoom (below the first: none).
  var LABEL_POPULATION = [[6, 150000], [7, 50000], [8, 20000], [9, 5000], [10, 0]];
  var element = document.getElementById("map");
  if (!element || !window.L) { return; }

  var map = L.map(element, { zoomSnap: 0.5, minZoom: 3, maxZoom: 18 }).setView([35.0, 40.0], 6);
  map.attributionControl.setPrefix("Leaflet · outlines: Natural Earth · places: GeoNames");
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

  function gradeKey(grade) { return String(grade || "weak").toLowerCase(); }

  function marker(lat, lon, grade) {
    return L.circleMarker([lat, lon], {
      radius: 7, color: "#ffffff", weight: 1.5, fillColor: GRADE_COLOURS[gradeKey(grade)] || GRADE_COLOURS.weak,
      fillOpacity: 0.95, grade: gradeKey(grade)
    });
  }

  function line(text, strong) {
    var row = document.createElement(strong ? "strong" : "div");
    row.textContent = text;
    return row;
  }

  function label(p) {
    var box = document.createElement("div");
    var civilians = p.civilians ? (p.civilians[0] === p.civilians[1] ? p.civilians[0] : p.civilians[0] + "–" + p.civilians[1]) : "none reported";
    box.appendChild(line((p.place || "unnamed place") + " · " + (p.date || "undated"), true));
    box.appendChild(line(p.method + " by " + p.attacker));
    box.appendChild(line("civilians killed: " + civilians + " · " + p.grade));
    return box;
  }

  // A cluster takes the colour of the grade most of its incidents have.
  function clusterIcon(cluster) {
    var counts = {};
    cluster.getAllChildMarkers().forEach(function (m) {
      counts[m.options.grade] = (counts[m.options.grade] || 0) + 1;
    });
    var grade = GRADE_ORDER.reduce(function (best, g) { return (counts[g] || 0) > (counts[best] || 0) ? g : best; }, "weak");
    var inner = document.createElement("div");
    var number = document.createElement("span");
    number.textContent = String(cluster.getChildCount());
    inner.appendChild(number);
    return L.divIcon({ html: inner, className: "marker-cluster grade-cluster cluster-" + grade, iconSize: L.point(40, 40) });
  }

  var placeLayer = L.layerGroup().addTo(map);
  var places = [];

  function showPlaces() {
    placeLayer.clearLayers();
    var zoom = map.getZoom(), floor = null;
    LABEL_POPULATION.forEach(function (step) { if (zoom >= step[0]) { floor = step[1]; } });
    if (floor === null) { return; }
    var bounds = map.getBounds().pad(0.1);
    places.forEach(function (place) {
      if (place.population < floor || !bounds.contains(place.latlng)) { return; }
      var text = document.createElement("span");
      text.textContent = place.name;
      L.marker(place.latlng, { icon: L.divIcon({ html: text, className: "place-label", iconSize: null }),
                               interactive: false, keyboard: false }).addTo(placeLayer);
    });
    element.dataset.labels = String(placeLayer.getLayers().length);
  }

  function loadPlaces(country) {
    if (!element.dataset.places || !country) { return Promise.resolve(); }
    return getJSON(element.dataset.places + "?country=" + encodeURIComponent(country)).then(function (collection) {
      places = collection.features.map(function (f) {
        return { name: f.properties.name, population: f.properties.population,
                 latlng: L.latLng(f.geometry.coordinates[1], f.geometry.coordinates[0]) };
      });
      map.on("zoomend moveend", showPlaces);
      showPlaces();
    });
  }

  function say(text) {
    var count = document.getElementById("map-count");
    if (count) { count.textContent = text; }
  }

  function dominantCountry(features) {
    if (element.dataset.country) { return element.dataset.country; }
    var counts = {};
    features.forEach(function (f) { var c = f.properties.country; if (c) { counts[c] = (counts[c] || 0) + 1; } });
    return Object.keys(counts).sort(function (a, b) { return counts[b] - counts[a]; })[0] || "";
  }

  function drawIncidents() {
    return getJSON(element.dataset.points).then(function (collection) {
      var cluster = L.markerClusterGroup({ maxClusterRadius: 40, showCoverageOnHover: false, iconCreateFunction: clusterIcon });
      var country = dominantCountry(collection.features);
      var home = [];
      var points = collection.features.map(function (feature) {
        var c = feature.geometry.coordinates;
        var point = marker(c[1], c[0], feature.properties.grade);
        point.bindTooltip(label(feature.properties));
        point.on("click", function () { window.location.href = feature.properties.url; });
        if (!country || feature.properties.country === country) { home.push(point.getLatLng()); }
        return point;
      });
      map.addLayer(cluster);
      cluster.addLayers(points);  // in one batch: fast for thousands of incidents
      var shown = cluster.getLayers().length;
      element.dataset.markers = String(shown);
      element.dataset.fitted = country;
      say(collection.total + " incident" + (collection.total === 1 ? "" : "s") + " · " + shown +
          " on the map" + (collection.unlocated ? " · " + collection.unlocated + " without coordinates" : "") +
          (country && home.length < shown ? " · fitted to " + country + " (" + (shown - home.length) + " elsewhere)" : ""));
      // Fit the country most incidents are in: a few strays abroad must not shrink it.
      if (home.length) { map.fitBounds(L.latLngBounds(home), { padding: [40, 40], maxZoom: 8 }); }
      return loadPlaces(country);
    });
  }

  var outlines = drawOutlines();
  if (element.dataset.single) {
    var lat = parseFloat(element.dataset.lat), lon = parseFloat(element.dataset.lon);
    outlines.then(function () {
      marker(lat, lon, element.dataset.grade).addTo(map);
      map.setView([lat, lon], 8);
      element.dataset.markers = "1";
      return loadPlaces(element.dataset.country);
    });
  } else {
    outlines.then(drawIncidents).catch(function (error) {
      say("cannot load the map data: " + error);
      if (window.console) { console.error(error); }
    });
  }
})();
