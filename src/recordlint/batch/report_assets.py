"""The HTML report's inline style sheet and its one small script (the table sorter)."""

from __future__ import annotations

CSS = """
:root { --ink: #1d2433; --muted: #5b6475; --line: #d9dde5; --panel: #f5f7fa; --accent: #1F3B73; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
  color: var(--ink); background: #fff; }
header { background: var(--accent); color: #fff; padding: 24px 40px 18px; }
header h1 { margin: 0 0 4px; font-size: 26px; overflow-wrap: anywhere; }
header p { margin: 2px 0; color: #dfe6f5; }
.badge { display: inline-block; background: #ffd166; color: #1d2433; border-radius: 4px;
  padding: 1px 8px; font-weight: 600; margin-top: 6px; }
nav { padding: 8px 40px; border-bottom: 1px solid var(--line); background: var(--panel);
  font-size: 14px; }
nav a { color: var(--accent); margin-right: 14px; text-decoration: none; }
main { padding: 8px 40px 40px; max-width: 1200px; }
section { margin-top: 28px; }
h2 { font-size: 20px; border-bottom: 2px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 16px; margin: 18px 0 6px; }
.cards { display: flex; flex-wrap: wrap; gap: 12px; }
.card { background: var(--panel); border: 1px solid var(--line); border-radius: 8px;
  padding: 10px 16px; min-width: 150px; }
.card .value { font-size: 26px; font-weight: 700; color: var(--accent); }
.card .label { font-size: 13px; color: var(--muted); }
table { border-collapse: collapse; width: 100%; margin: 8px 0 4px; font-size: 14px; }
th, td { padding: 5px 8px; border-bottom: 1px solid var(--line); text-align: left;
  vertical-align: top; }
th { background: var(--panel); font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.scorebar { display: inline-block; height: 9px; background: #9fb3d9; margin-right: 6px;
  border-radius: 2px; vertical-align: middle; }
.ssc { display: grid; grid-template-columns: repeat(3, 1fr); gap: 14px; }
.ssc > div { border-radius: 8px; padding: 10px 16px; border: 1px solid var(--line); }
.ssc h3 { margin-top: 4px; }
.ssc .stop { background: #fdecea; } .ssc .start { background: #fff6e0; }
.ssc .continue { background: #e8f6ee; }
.ssc li { margin-bottom: 8px; }
.note { border: 1px solid var(--line); border-radius: 8px; margin: 14px 0; overflow: hidden; }
.note .head { background: var(--panel); padding: 8px 14px; display: flex; flex-wrap: wrap;
  gap: 6px 18px; align-items: baseline; }
.note .head .score { font-weight: 700; font-size: 18px; color: var(--accent); }
.note .text { white-space: pre-wrap; padding: 10px 14px; margin: 0; font-size: 14px;
  line-height: 1.6; }
.note ol { margin: 0 0 10px; padding: 0 14px 0 40px; font-size: 13px; color: var(--muted); }
mark { background: #fff3b0; border-bottom: 2px solid #b58900; padding: 0 1px; color: inherit; }
.muted { color: var(--muted); }
.legend span { display: inline-block; margin-right: 16px; font-size: 13px; }
.legend i { display: inline-block; width: 14px; height: 4px; vertical-align: middle;
  margin-right: 5px; }
svg text { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; }
details summary { cursor: pointer; color: var(--accent); }
.wide { overflow-x: auto; max-width: 100%; }
svg.chart, main svg { max-width: 100%; height: auto; }
.note .text, td { overflow-wrap: anywhere; }
table.sortable th { cursor: default; }
table.sortable th button { all: inherit; cursor: pointer; }
table.sortable th button::after { content: " \2195"; color: var(--muted); font-size: 11px; }
.flag { color: #b3261e; font-weight: 700; }
.unranked td { color: var(--muted); }
.why { margin: 0; padding: 6px 14px 10px 32px; font-size: 13px; }
.findings h4 { margin: 8px 14px 2px; font-size: 13px; }
@media (max-width: 700px) {
  header, nav, main { padding-left: 14px; padding-right: 14px; }
  .ssc { grid-template-columns: 1fr; }
  .card { min-width: 0; flex: 1 1 140px; }
}
@media print {
  nav, .sorthint { display: none; }
  h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
  .note, tr, .card, .ssc > div { break-inside: avoid; }
  .wide { overflow: visible; }
}
"""

#: Sorts a table by the clicked heading (numbers by their data-v or leading number);
#: opens every collapsed section before printing. No data is in the script.
SCRIPT = """
(function () {
  function value(cell) {
    var v = cell.getAttribute('data-v');
    if (v !== null) { return v === '' ? NaN : parseFloat(v); }
    var m = cell.textContent.replace(/,/g, '').match(/^\\s*(-?\\d+(?:\\.\\d+)?)/);
    return m ? parseFloat(m[1]) : cell.textContent.trim().toLowerCase();
  }
  function sortBy(table, index, button) {
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows, table.tHead ? 0 : 1);
    var up = button.getAttribute('data-dir') !== 'asc';
    rows.sort(function (a, b) {
      var x = value(a.cells[index]), y = value(b.cells[index]);
      var xn = typeof x === 'number' && !isNaN(x), yn = typeof y === 'number' && !isNaN(y);
      if (xn !== yn) { return xn ? -1 : 1; }
      if (x === y) { return 0; }
      return (x < y ? -1 : 1) * (up ? 1 : -1);
    });
    button.setAttribute('data-dir', up ? 'asc' : 'desc');
    rows.forEach(function (row) { body.appendChild(row); });
  }
  Array.prototype.forEach.call(document.querySelectorAll('table.sortable'), function (table) {
    Array.prototype.forEach.call(table.rows[0].cells, function (th, index) {
      var button = document.createElement('button');
      button.type = 'button';
      button.textContent = th.textContent;
      button.title = 'Sort by ' + th.textContent;
      th.textContent = '';
      th.appendChild(button);
      button.addEventListener('click', function () { sortBy(table, index, button); });
    });
  });
  Array.prototype.forEach.call(document.querySelectorAll('.sorthint'), function (p) {
    p.hidden = false;
  });
  window.addEventListener('beforeprint', function () {
    Array.prototype.forEach.call(document.querySelectorAll('details'), function (d) {
      d.open = true;
    });
  });
})();
"""
