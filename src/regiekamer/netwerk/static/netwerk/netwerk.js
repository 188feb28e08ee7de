/* The network graph: draws the JSON data island "netwerk-data" with Cytoscape.js on a canvas.
 *
 * Everything drawn is also in the tables of the page (the graph is an extra view, not the only one). No inline
 * script or style: Cytoscape styles its canvas through the DOM (allowed under the CSP), and the page provides
 * the container stylesheet Cytoscape would otherwise inject (see netwerk.html). Text from the data is only ever
 * put into the page with textContent.
 */
(function () {
  "use strict";

  // Cluster colours, the same order as .rk-cluster--N in netwerk.css.
  var KLEUREN = ["#4e79a7", "#f28e2b", "#59a14f", "#b07aa1", "#76b7b2", "#edc948", "#9c755f", "#bab0ac"];

  function ready(fn) {
    if (document.readyState !== "loading") {
      fn();
    } else {
      document.addEventListener("DOMContentLoaded", fn);
    }
  }

  function elementsOf(data) {
    var elements = [];
    data.nodes.forEach(function (node) {
      var classes = [node.soort, "kleur-" + node.kleur];
      if (node.start) { classes.push("start"); }
      if (node.verbinder) { classes.push("verbinder"); }
      if (node.gedeeld) { classes.push("gedeeld"); }
      elements.push({ group: "nodes", data: node, classes: classes.join(" ") });
    });
    data.edges.forEach(function (edge) {
      var soort = edge.soort === "signaal" || edge.soort === "casus" ? edge.soort : "relatie";
      elements.push({
        group: "edges",
        data: { id: edge.id, source: edge.bron, target: edge.doel, soort: edge.soort, reden: edge.reden },
        classes: soort
      });
    });
    return elements;
  }

  function stylesheet() {
    var style = [
      {
        selector: "node",
        style: {
          "label": "data(label)",
          "font-size": 12,
          "color": "#1a1a1a",
          "text-valign": "bottom",
          "text-margin-y": 4,
          "text-wrap": "ellipsis",
          "text-max-width": "140px",
          "text-background-color": "#ffffff",
          "text-background-opacity": 0.8,
          "text-background-padding": "1px",
          "width": 26,
          "height": 26,
          "border-width": 1,
          "border-color": "#4c4c4c"
        }
      },
      { selector: "node.persoon", style: { "shape": "ellipse" } },
      { selector: "node.adres", style: { "shape": "round-rectangle" } },
      { selector: "node.rechtspersoon", style: { "shape": "diamond", "width": 30, "height": 30 } },
      { selector: "node.voertuig", style: { "shape": "triangle" } },
      { selector: "node.start", style: { "width": 40, "height": 40, "font-weight": "bold", "font-size": 14 } },
      { selector: "node.verbinder", style: { "border-width": 4, "border-color": "#cc0000" } },
      { selector: "node.gedeeld", style: { "border-width": 6, "border-style": "double", "border-color": "#1a1a1a" } },
      {
        selector: "node.verbinder.gedeeld",
        style: { "border-width": 6, "border-style": "double", "border-color": "#cc0000" }
      },
      {
        selector: "edge",
        style: { "width": 2, "line-color": "#8c8c8c", "curve-style": "bezier", "opacity": 0.9 }
      },
      {
        selector: "edge.relatie",
        style: { "line-color": "#4c4c4c", "target-arrow-shape": "triangle", "target-arrow-color": "#4c4c4c" }
      },
      { selector: "edge.signaal", style: { "line-style": "dashed" } },
      { selector: "edge.casus", style: { "line-style": "dotted", "width": 3, "line-color": "#24578f" } },
      { selector: ".gedimd", style: { "opacity": 0.12 } },
      { selector: "node:selected", style: { "overlay-color": "#24578f", "overlay-opacity": 0.25, "overlay-padding": 6 } }
    ];
    KLEUREN.forEach(function (kleur, index) {
      style.push({ selector: "node.kleur-" + index, style: { "background-color": kleur } });
    });
    return style;
  }

  function concentric(cy) {
    return cy.layout({
      name: "concentric",
      animate: false,
      concentric: function (node) { return 10 - node.data("afstand"); },
      levelWidth: function () { return 1; },
      minNodeSpacing: 24
    });
  }

  function cose(cy) {
    // Starts from the current positions (randomize: false), so the same network is always drawn the same way.
    return cy.layout({
      name: "cose",
      animate: false,
      randomize: false,
      nodeDimensionsIncludeLabels: true,
      idealEdgeLength: function () { return 70; },
      nodeRepulsion: function () { return 9000; },
      numIter: 1500
    });
  }

  function describe(panel, node, edges) {
    var data = node.data();
    panel.replaceChildren();
    var title = document.createElement("p");
    title.className = "utrecht-paragraph";
    var strong = document.createElement("strong");
    strong.textContent = data.label;
    title.appendChild(strong);
    var facts = [data.soortLabel, "cluster " + data.cluster];
    if (data.verbinder) { facts.push("verbinder"); }
    if (data.gedeeld) { facts.push("gedeeld"); }
    title.appendChild(document.createTextNode(" (" + facts.join(", ") + ")"));
    panel.appendChild(title);
    if (edges.length) {
      var list = document.createElement("ul");
      list.className = "utrecht-unordered-list";
      edges.forEach(function (edge) {
        var other = edge.source().id() === node.id() ? edge.target() : edge.source();
        var item = document.createElement("li");
        item.className = "utrecht-unordered-list__item";
        item.textContent = other.data("label") + ": " + edge.data("reden");
        list.appendChild(item);
      });
      panel.appendChild(list);
    }
    var links = document.createElement("p");
    links.className = "utrecht-paragraph rk-actions";
    [[data.profiel, "Profiel"], [data.start ? "" : data.netwerk, "Netwerk vanaf hier"]].forEach(function (pair) {
      if (!pair[0]) { return; }
      var link = document.createElement("a");
      link.className = "utrecht-link utrecht-link--html-a";
      link.href = pair[0];
      link.textContent = pair[1];
      links.appendChild(link);
    });
    if (links.childNodes.length) { panel.appendChild(links); }
    panel.hidden = false;
  }

  ready(function () {
    var container = document.getElementById("netwerk-graaf");
    var island = document.getElementById("netwerk-data");
    if (!container || !island || typeof window.cytoscape !== "function") { return; }
    var data = JSON.parse(island.textContent);
    var panel = document.getElementById("netwerk-keuze");
    var cy = window.cytoscape({
      container: container,
      elements: elementsOf(data),
      style: stylesheet(),
      layout: { name: "preset" },
      minZoom: 0.2,
      maxZoom: 3
    });
    concentric(cy).run();
    if (data.nodes.length > 2) { cose(cy).run(); }
    cy.fit(undefined, 30);

    function focus(node) {
      var buurt = node.closedNeighborhood();
      cy.elements().addClass("gedimd");
      buurt.removeClass("gedimd");
      cy.elements().unselect();
      node.select();
      describe(panel, node, node.connectedEdges().toArray());
    }

    function reset() {
      cy.elements().removeClass("gedimd");
      cy.elements().unselect();
      panel.hidden = true;
    }

    cy.on("tap", "node", function (event) { focus(event.target); });
    cy.on("tap", function (event) { if (event.target === cy) { reset(); } });

    document.querySelectorAll("[data-netwerk-knoop]").forEach(function (button) {
      button.disabled = false;
      button.addEventListener("click", function () {
        var node = cy.getElementById(button.getAttribute("data-netwerk-knoop"));
        if (node.empty()) { return; }
        focus(node);
        cy.animate({ center: { eles: node }, duration: 200 });
        container.scrollIntoView({ block: "nearest" });
      });
    });
    var buttons = {
      "netwerk-passend": function () { cy.fit(undefined, 30); },
      "netwerk-ringen": function () { concentric(cy).run(); cy.fit(undefined, 30); },
      "netwerk-krachten": function () { cose(cy).run(); cy.fit(undefined, 30); }
    };
    Object.keys(buttons).forEach(function (id) {
      var button = document.getElementById(id);
      if (button) {
        button.disabled = false;
        button.addEventListener("click", buttons[id]);
      }
    });
    container.setAttribute("data-getekend", String(cy.nodes().length));
  });
})();
