// plotly.js core plus the two trace types charts.py draws: plotly's documented way to make a partial bundle.
'use strict';

var Plotly = require('plotly.js/lib/core');

Plotly.register([require('plotly.js/lib/bar'), require('plotly.js/lib/scatterpolar')]);

module.exports = Plotly;
