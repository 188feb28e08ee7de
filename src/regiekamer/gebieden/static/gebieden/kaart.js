/* The map page: a choropleth of signals per buurt or wijk, and (for roles that may see addresses) clustered
 * points per address. All data comes from the JSON data island #kaartdata; nothing is built with inline styles:
 * colours are CSS classes (kaart.css). */
(function () {
  "use strict";

  var KLASSEN = 5;

  function leesData() {
    var element = document.getElementById("kaartdata");
    return element ? JSON.parse(element.textContent) : null;
  }

  function tekst(tag, inhoud, klasse) {
    var element = document.createElement(tag);
    if (inhoud !== undefined && inhoud !== null) { element.textContent = String(inhoud); }
    if (klasse) { element.className = klasse; }
    return element;
  }

  function getal(waarde) {
    return typeof waarde === "number" ? waarde.toLocaleString("nl-NL") : String(waarde);
  }

  /* Class boundaries: five equal steps up to the maximum (which always falls in the darkest class), whole numbers
   * for counts and one decimal for rates, rounded up. */
  function grenzen(waarden, geheel) {
    var max = Math.max.apply(null, waarden.concat([0]));
    if (max <= 0) { return []; }
    var result = [];
    for (var i = 1; i <= KLASSEN; i++) {
      var grens = geheel ? Math.ceil(max * i / KLASSEN) : Math.ceil(max * i / KLASSEN * 10) / 10;
      if (!result.length || grens > result[result.length - 1]) { result.push(grens); }
    }
    result[result.length - 1] = Math.max(result[result.length - 1], max);
    return result;
  }

  function maatVan(feature, maat) {
    var p = feature.properties;
    return maat === "per1000" ? p.signalen_per_1000 : p.signalen;
  }

  function klasseVan(waarde, bovengrenzen) {
    if (waarde === null || waarde === undefined) { return "onbekend"; }
    if (typeof waarde === "string") { return "onderdrukt"; }
    if (waarde === 0) { return "nul"; }
    var verschuiving = KLASSEN - bovengrenzen.length;
    for (var i = 0; i < bovengrenzen.length; i++) {
      if (waarde <= bovengrenzen[i]) { return String(i + verschuiving); }
    }
    return String(KLASSEN - 1);
  }

  function init() {
    var data = leesData();
    var container = document.getElementById("kaart");
    if (!data || !container || typeof L === "undefined") { return; }
    var map = L.map(container, { zoomSnap: 0.5, maxZoom: 19 });
    map.attributionControl.setPrefix(false);
    if (data.tegels && data.tegels.url) {
      L.tileLayer(data.tegels.url, { maxZoom: 19, attribution: data.tegels.attributie }).addTo(map);
    }
    if (data.gebieden.bronvermelding) { map.attributionControl.addAttribution(data.gebieden.bronvermelding); }

    var features = data.gebieden.features.filter(function (f) { return f.geometry; });
    var maat = "absoluut";
    var bovengrenzen = [];
    var legenda = L.control({ position: "bottomright" });
    legenda.onAdd = function () {
      this._div = L.DomUtil.create("div", "rk-legenda");
      return this._div;
    };

    function tekenLegenda() {
      var div = legenda._div;
      while (div.firstChild) { div.removeChild(div.firstChild); }
      div.appendChild(tekst("h2", maat === "per1000" ? "Signalen per 1.000 inwoners" : "Aantal signalen"));
      var lijst = tekst("ul");
      function regel(klasse, label) {
        var item = tekst("li");
        item.appendChild(tekst("span", null, "rk-legenda__vak rk-klasse-" + klasse));
        item.appendChild(document.createTextNode(label));
        lijst.appendChild(item);
      }
      regel("nul", "0");
      var onder = 0;
      var verschuiving = KLASSEN - bovengrenzen.length;
      bovengrenzen.forEach(function (grens, i) {
        regel(String(i + verschuiving), (i === 0 ? "> 0" : "> " + getal(onder)) + " t/m " + getal(grens));
        onder = grens;
      });
      if (data.onderdrukt) { regel("onderdrukt", "1 tot en met 4 (" + data.onderdrukt + ")"); }
      if (maat === "per1000") { regel("onbekend", "inwoners onbekend"); }
      div.appendChild(lijst);
    }

    var laag = L.geoJSON(features, {
      style: function () { return { color: "#555", weight: 1, fillOpacity: 0.7 }; },
      onEachFeature: function (feature, layer) {
        var p = feature.properties;
        var inhoud = tekst("div");
        inhoud.appendChild(tekst("strong", p.naam + " (" + p.code + ")"));
        inhoud.appendChild(tekst("div", "Signalen: " + getal(p.signalen)));
        if (p.signalen_per_1000 !== null && p.signalen_per_1000 !== undefined) {
          inhoud.appendChild(tekst("div", "Per 1.000 inwoners: " + getal(p.signalen_per_1000)));
        }
        layer.bindPopup(inhoud);
        layer.bindTooltip(p.naam + ": " + getal(p.signalen), { sticky: true });
      }
    }).addTo(map);

    function kleur() {
      var waarden = features.map(function (f) { return maatVan(f, maat); })
        .filter(function (w) { return typeof w === "number"; });
      bovengrenzen = grenzen(waarden, maat !== "per1000");
      laag.eachLayer(function (layer) {
        var klasse = "rk-klasse-" + klasseVan(maatVan(layer.feature, maat), bovengrenzen);
        var pad = layer.getElement ? layer.getElement() : layer._path;
        if (pad) {
          pad.setAttribute("class", pad.getAttribute("class").replace(/\s*rk-klasse-\S+/g, "") + " " + klasse);
          pad.setAttribute("data-klasse", klasse);
        }
      });
      tekenLegenda();
    }

    legenda.addTo(map);
    if (features.length) {
      map.fitBounds(laag.getBounds(), { padding: [10, 10] });
    } else {
      map.setView([52.1, 5.3], 7);
    }
    kleur();

    document.querySelectorAll("input[name=maat]").forEach(function (input) {
      input.addEventListener("change", function () {
        if (input.checked) { maat = input.value; kleur(); }
      });
    });

    if (Array.isArray(data.punten)) {
      var cluster = L.markerClusterGroup({
        showCoverageOnHover: false,
        maxClusterRadius: 45,
        iconCreateFunction: function (groep) {
          var som = groep.getAllChildMarkers().reduce(function (t, m) { return t + m.options.aantal; }, 0);
          var grootte = som < 10 ? "small" : som < 100 ? "medium" : "large";
          return L.divIcon({
            html: "<div><span>" + som + "</span></div>",
            className: "marker-cluster marker-cluster-" + grootte,
            iconSize: L.point(40, 40)
          });
        }
      });
      data.punten.forEach(function (punt) {
        var icoon = L.divIcon({ className: "rk-kaart-punt", html: String(Number(punt.aantal)), iconSize: L.point(24, 24) });
        var marker = L.marker([punt.lat, punt.lon], { icon: icoon, aantal: punt.aantal, title: punt.adres, keyboard: true });
        var inhoud = tekst("div");
        inhoud.appendChild(tekst("strong", punt.adres));
        inhoud.appendChild(tekst("div", "Signalen: " + getal(punt.aantal)));
        marker.bindPopup(inhoud);
        cluster.addLayer(marker);
      });
      map.addLayer(cluster);
      var schakelaar = document.querySelector("input[name=punten]");
      if (schakelaar) {
        schakelaar.addEventListener("change", function () {
          if (schakelaar.checked) { map.addLayer(cluster); } else { map.removeLayer(cluster); }
        });
      }
    }
    container.setAttribute("data-geladen", "ja");
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
