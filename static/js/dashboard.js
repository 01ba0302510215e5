// Dashboard trend chart: data comes from the page through json_script (no inline script).
(function () {
  "use strict";
  function drawTrend() {
    var source = document.getElementById("trend-data");
    var canvas = document.getElementById("trend-chart");
    if (!source || !canvas || typeof Chart === "undefined") return;
    var data = JSON.parse(source.textContent);
    var threshold = function (value, n) {
      var line = [];
      for (var i = 0; i < n; i++) line.push(value);
      return line;
    };
    new Chart(canvas, {
      type: "line",
      data: {
        labels: data.labels,
        datasets: [
          { label: "Tỷ lệ hài lòng (%)", data: data.satisfaction, borderColor: "#0d6efd", spanGaps: true },
          { label: "Tỷ lệ đúng hạn (%)", data: data.ontime, borderColor: "#198754", spanGaps: true },
          { label: "Ngưỡng hài lòng", data: threshold(data.sat_threshold, data.labels.length),
            borderColor: "#0d6efd", borderDash: [4, 4], pointRadius: 0 },
          { label: "Ngưỡng đúng hạn", data: threshold(data.ontime_threshold, data.labels.length),
            borderColor: "#198754", borderDash: [4, 4], pointRadius: 0 }
        ]
      },
      options: { animation: false, scales: { y: { suggestedMin: 80, suggestedMax: 100 } } }
    });
  }
  document.addEventListener("DOMContentLoaded", drawTrend);
})();
