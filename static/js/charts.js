// Draw every chart whose figure data the page embeds as JSON. Loaded with plotly.js from our own server.
// On a narrow screen labels are shortened and margins tightened so a chart stays readable; every chart
// also has its data table on the page, so nothing depends on the picture.
(function () {
  "use strict";
  var NARROW = 560;

  function shorten(label, length) {
    label = String(label);
    return label.length > length ? label.slice(0, length - 1) + "\u2026" : label;
  }

  function forNarrow(figure) {
    var layout = Object.assign({}, figure.layout);
    layout.margin = { l: 8, r: 8, t: 24, b: 36 };
    layout.font = Object.assign({}, layout.font, { size: 11 });
    var data = figure.data.map(function (trace) {
      var copy = Object.assign({}, trace);
      if (trace.type === "scatterpolar" && trace.theta) {
        // section ids only ("8 Operation" -> "8"): the table below names them. Kept a category axis, or
        // plotly would read "4"..."10" as degrees and draw every point in a sliver
        copy.theta = trace.theta.map(function (label) { return String(label).split(" ")[0]; });
        layout.margin = { l: 44, r: 44, t: 30, b: 30 };
        var polar = Object.assign({}, layout.polar);
        polar.angularaxis = Object.assign({}, polar.angularaxis, { type: "category" });
        layout.polar = polar;
      } else if (trace.orientation === "h" && trace.y) {
        copy.y = trace.y.map(function (label) { return shorten(label, 16); });
      }
      return copy;
    });
    ["xaxis", "yaxis"].forEach(function (name) {
      // tick labels such as "100%" need their room, whatever the tightened margins
      if (layout[name]) { layout[name] = Object.assign({}, layout[name], { automargin: true }); }
    });
    if (layout.legend && data.length > 1) {
      // the legend goes under the chart, in rows of about two entries, and the chart grows to hold them
      layout.legend = Object.assign({}, layout.legend, {
        orientation: "h", x: 0, xanchor: "left", yref: "container", y: 0, yanchor: "bottom"
      });
      layout.height = (layout.height || 400) + 24 * Math.ceil(data.length / 2);
    }
    return { data: data, layout: layout };
  }

  function draw() {
    if (!window.Plotly) { return; }
    document.querySelectorAll('script[type="application/json"][data-chart]').forEach(function (node) {
      var target = document.getElementById(node.getAttribute("data-chart"));
      if (!target) { return; }
      var figure = JSON.parse(node.textContent);
      if (target.clientWidth && target.clientWidth < NARROW) { figure = forNarrow(figure); }
      window.Plotly.newPlot(target, figure.data, figure.layout, { displaylogo: false, displayModeBar: false, responsive: true });
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
