// Draws the dashboard's charts from /console/dashboard/data (same range as the page) with ECharts,
// served from its webjar. The headline numbers are on the page already; this only adds the series.
(function () {
  "use strict";

  var STATE_COLOURS = { done: "#067647", sent: "#067647", pending: "#b7791f", in_flight: "#2b6cb0", dead: "#b42318" };

  function chart(id) {
    var element = document.getElementById(id);
    return element ? echarts.init(element, null, { renderer: "canvas" }) : null;
  }

  function messages(data) {
    var c = chart("chart-messages");
    if (!c) return c;
    c.setOption({
      grid: { left: 40, right: 10, top: 30, bottom: 30 },
      legend: { top: 0 },
      tooltip: { trigger: "axis" },
      xAxis: { type: "category", data: data.messagesPerDay.map(function (d) { return d.day.slice(5); }) },
      yAxis: { type: "value", minInterval: 1 },
      series: [
        { name: "from customers", type: "bar", stack: "m", data: data.messagesPerDay.map(function (d) { return d.fromCustomers; }) },
        { name: "from the business", type: "bar", stack: "m", data: data.messagesPerDay.map(function (d) { return d.fromBusiness; }) }
      ]
    });
    return c;
  }

  function records(data) {
    var c = chart("chart-records");
    if (!c) return c;
    var types = Object.keys(data.recordsPerType);
    c.setOption({
      grid: { left: 90, right: 20, top: 10, bottom: 30 },
      tooltip: {},
      xAxis: { type: "value", minInterval: 1 },
      yAxis: { type: "category", data: types },
      series: [{ name: "records", type: "bar", data: types.map(function (t) { return data.recordsPerType[t]; }) }]
    });
    return c;
  }

  function deliveries(data) {
    var c = chart("chart-deliveries");
    if (!c) return c;
    var sinks = Object.keys(data.deliveriesPerConnector);
    var states = [];
    sinks.forEach(function (s) {
      Object.keys(data.deliveriesPerConnector[s]).forEach(function (state) {
        if (states.indexOf(state) < 0) states.push(state);
      });
    });
    c.setOption({
      grid: { left: 70, right: 20, top: 30, bottom: 30 },
      legend: { top: 0 },
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      xAxis: { type: "value", minInterval: 1 },
      yAxis: { type: "category", data: sinks },
      series: states.map(function (state) {
        return {
          name: state, type: "bar", stack: "d", color: STATE_COLOURS[state],
          data: sinks.map(function (s) { return data.deliveriesPerConnector[s][state] || 0; })
        };
      })
    });
    return c;
  }

  function draw() {
    var page = document.getElementById("dashboard");
    if (!page || typeof echarts === "undefined") return;
    fetch(page.getAttribute("data-url"), { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      })
      .then(function (data) {
        var charts = [messages(data), records(data), deliveries(data)].filter(Boolean);
        window.addEventListener("resize", function () { charts.forEach(function (c) { c.resize(); }); });
        page.setAttribute("data-drawn", "true");
      })
      .catch(function (error) {
        var note = document.createElement("p");
        note.className = "error-text";
        note.textContent = "The charts could not be loaded (" + error.message + "); the numbers above are current.";
        page.appendChild(note);
      });
  }

  document.addEventListener("DOMContentLoaded", draw);
})();
