/* Draws the charts of the dashboards with Chart.js (static/vendor/chartjs). Each <canvas data-grafiek="ID"> gets its
 * data from the JSON data island <script type="application/json" id="ID"> that the page renders with json_script:
 * {soort: "bar"|"line", labels: [...], reeksen: [{label, data}], gestapeld, liggend, lijn: [index of a series drawn
 * as a line]}. A value left out of the chart (a suppressed number) is null. The table under each chart holds the
 * same numbers and is the source of truth. */
(function () {
  "use strict";

  // Colours with at least 3:1 contrast against white.
  var PALET = ["#24578f", "#c05600", "#4d6336", "#8a3b9a", "#8c6d00", "#2e7d7d", "#a4343a", "#5c5c5c",
    "#1f6f43", "#6b4fa0", "#7a5230", "#00607a"];

  function teken(canvas) {
    var eiland = document.getElementById(canvas.getAttribute("data-grafiek"));
    if (!eiland || typeof window.Chart === "undefined") {
      return;
    }
    var data = JSON.parse(eiland.textContent);
    var lijnen = data.lijn || [];
    var gestapeld = Boolean(data.gestapeld);
    var datasets = data.reeksen.map(function (reeks, index) {
      var kleur = PALET[index % PALET.length];
      var set = {label: reeks.label, data: reeks.data, backgroundColor: kleur, borderColor: kleur};
      if (data.soort === "line") {
        set.fill = false;
        set.tension = 0;
        set.pointRadius = 3;
      } else if (lijnen.indexOf(index) !== -1) {
        // A norm (such as the term of a step): a short horizontal mark on each bar group.
        set.type = "line";
        set.showLine = false;
        set.pointStyle = "line";
        set.pointRadius = 24;
        set.pointHoverRadius = 24;
        set.pointBorderWidth = 4;
      }
      return set;
    });
    var valueAxis = data.liggend ? "x" : "y";
    var scales = {x: {stacked: gestapeld}, y: {stacked: gestapeld}};
    scales[valueAxis].beginAtZero = true;
    scales[valueAxis].ticks = {precision: 0};
    canvas.setAttribute("data-getekend", "ja");
    return new window.Chart(canvas, {
      type: data.soort === "line" ? "line" : "bar",
      data: {labels: data.labels, datasets: datasets},
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        indexAxis: data.liggend ? "y" : "x",
        scales: scales,
        plugins: {legend: {position: "bottom"}}
      }
    });
  }

  function tekenAlles() {
    var canvases = document.querySelectorAll("canvas[data-grafiek]");
    for (var i = 0; i < canvases.length; i += 1) {
      teken(canvases[i]);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", tekenAlles);
  } else {
    tekenAlles();
  }
})();
