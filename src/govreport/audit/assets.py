"""The audit pages' inline style and script: nothing is loaded from anywhere.

The pages read well with scripts off (everything is in the markup; tooltips, jumps, the
highlight of a jumped-to element and the hide-removed switch are CSS) and when printed.
"""

from __future__ import annotations

CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"
"""The pages' Content-Security-Policy: no request of any kind leaves the page."""

FONTS = ('"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", '
         '"WenQuanYi Micro Hei", "Noto Sans CJK TC", "Microsoft JhengHei", system-ui, sans-serif')

BASE_CSS = """
:root{--ink:#1f2430;--muted:#6b7280;--faint:#9aa1ad;--line:#e3e6ec;--paper:#fff;--bg:#f4f5f8;
--accent:#2f5bd3;--l1:#2f5bd3;--l2:#7a3fc9;--l3:#0f7f74;--l4:#b4561a;--l5:#b8336a;
--metric:#e3f6e8;--metric-edge:#2e9d55;--date:#fff1cc;--date-edge:#c98a00;--warn:#c2410c;--warn-bg:#fff4e5;
--ref:#1e4fb8;--sig:#eef1f6;--font:FONTS}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--ink);font:15px/1.6 var(--font)}
a{color:var(--accent);text-decoration:none}
a:hover,a:focus-visible{text-decoration:underline}
code{font-family:ui-monospace,"DejaVu Sans Mono",monospace;font-size:.86em}
.n{display:inline-block;min-width:1.6em;padding:0 .45em;border-radius:1em;background:#e8ebf1;color:#4b5260;
font-size:.78em;font-weight:600;text-align:center;line-height:1.55}
.n.hot{background:#ffe3cc;color:var(--warn)}
""".replace("FONTS", FONTS)

PAGE_CSS = BASE_CSS + """
.layout{display:grid;grid-template-columns:minmax(17rem,25rem) minmax(0,1fr);min-height:100vh}
.side{position:sticky;top:0;height:100vh;overflow:auto;background:var(--paper);border-right:1px solid var(--line);
padding:1rem 1rem 2rem;font-size:13.5px}
.brand{display:flex;align-items:center;gap:.5em;margin:0 0 .8rem;color:var(--muted);font-size:12px;
letter-spacing:.04em;text-transform:uppercase}
.brand b{color:var(--ink)}
.box{margin:0 0 .9rem;border:1px solid var(--line);border-radius:10px;background:#fbfbfd}
.box>summary{cursor:pointer;padding:.5rem .75rem;font-weight:650;list-style:none;display:flex;gap:.5em;
align-items:center}
.box>summary::-webkit-details-marker{display:none}
.box>summary::before{content:"\\25B8";color:var(--faint);font-size:.8em;transition:transform .15s}
.box[open]>summary::before{transform:rotate(90deg)}
.box>summary .n{margin-left:auto}
.box>:not(summary){margin:0;padding:0 .75rem .7rem}
.tree,.tree ol{list-style:none;margin:0;padding:0}
.tree ol{margin-left:.55rem;padding-left:.6rem;border-left:1px solid var(--line)}
.tree li{margin:1px 0}
.tree a{display:flex;gap:.35em;align-items:baseline;padding:.12rem .35rem;border-radius:6px;color:var(--ink);
line-height:1.45}
.tree a:hover,.tree a.on{background:#eaf0ff;text-decoration:none}
.tree a.on{box-shadow:inset 2px 0 0 var(--accent)}
.tree .t{flex:1;min-width:0;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.tree .n{font-weight:500}
.tmk{font-weight:700;color:var(--c,var(--l1));white-space:nowrap}
.tree .inf .tmk{font-style:italic;color:var(--warn)}
.tree .item>a{font-size:.95em;color:#3b4250}
dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:.25rem .75rem}
dl.meta dt{color:var(--muted)}
dl.meta dd{margin:0;overflow-wrap:anywhere}
.tag{display:inline-block;padding:0 .4em;border-radius:4px;font-size:.8em;font-weight:600;vertical-align:1px}
.tag.fix{background:#ffe3cc;color:var(--warn)}
.warns,.rms,.refs{list-style:none;padding-left:.75rem}
.warns li,.rms li,.refs li{padding:.35rem 0;border-top:1px solid var(--line)}
.warns li:first-child,.rms li:first-child,.refs li:first-child{border-top:0}
.warns code{color:var(--warn);font-weight:600}
.at{color:var(--faint);font-size:.85em;white-space:nowrap}
.rms .what{color:var(--muted);overflow-wrap:anywhere}
.legend{display:flex;flex-wrap:wrap;gap:.35rem .5rem;padding:.2rem .1rem;font-size:12.5px;color:var(--muted)}
.legend span{white-space:nowrap}
.page{padding:1.5rem clamp(1rem,4vw,3.5rem) 4rem;min-width:0}
.head{max-width:52rem;margin:0 auto 1rem}
.head h1{margin:0 0 .35rem;font-size:1.45rem;line-height:1.35;letter-spacing:.01em}
.head .sub{color:var(--muted);font-size:13px;overflow-wrap:anywhere}
.counts{display:flex;flex-wrap:wrap;gap:.4rem;margin:.7rem 0 0;padding:0;list-style:none;font-size:13px}
.counts li{background:var(--paper);border:1px solid var(--line);border-radius:8px;padding:.15rem .55rem}
.counts b{font-variant-numeric:tabular-nums}
.opts{margin:.7rem 0 0;font-size:13px;color:var(--muted);display:flex;gap:1.2rem;flex-wrap:wrap}
.opts label{cursor:pointer;display:inline-flex;gap:.35em;align-items:center}
.sheet{max-width:52rem;margin:0 auto;background:var(--paper);border:1px solid var(--line);border-radius:12px;
box-shadow:0 1px 2px rgba(20,30,60,.05),0 8px 24px rgba(20,30,60,.05);padding:1.6rem 2rem}
.src{white-space:pre-wrap;overflow-wrap:anywhere;font-size:16px;line-height:2;letter-spacing:.02em}
.gap{display:block;height:.9em;overflow:hidden}
.src .node{border-radius:3px;transition:background .15s}
.src .node:target,.src .node.hl{background:#eef3ff;box-shadow:0 0 0 3px #eef3ff}
.hd{font-weight:700;color:#141821}
.hd.l1{font-size:1.18em}
.hd.l2{font-size:1.07em}
.it{font-weight:650;color:#2c3240}
.mk{color:var(--c,var(--l1));font-weight:800}
.l1{--c:var(--l1)}.l2{--c:var(--l2)}.l3{--c:var(--l3)}.l4{--c:var(--l4)}.l5,.l6,.l7,.l8,.l9{--c:var(--l5)}
.inf[data-shown]::before{content:attr(data-shown);color:var(--warn);font-style:italic;font-weight:800;
margin-right:.2em}
.hd.inf,.it.inf{text-decoration:underline dashed var(--warn) 1.5px;text-underline-offset:6px}
.met{background:var(--metric);border-bottom:2px solid var(--metric-edge);border-radius:3px;padding:0 1px}
.ref{color:var(--ref);text-decoration:underline dotted #7f9be0 1.5px;text-underline-offset:4px}
.date{background:var(--date);border-bottom:2px solid var(--date-edge);border-radius:3px;padding:0 1px}
.date.fix{border-bottom-style:dashed;border-bottom-color:var(--warn);background:var(--warn-bg)}
.date.fix::after{content:"repaired";font-size:.62em;font-weight:700;color:var(--warn);vertical-align:super;
margin-left:.15em}
.sig{background:var(--sig);border-radius:4px;box-shadow:-6px 0 0 var(--sig),6px 0 0 var(--sig);
-webkit-box-decoration-break:clone;box-decoration-break:clone}
.sig[data-kind]::before{content:"signature";display:inline-block;font-size:11px;font-weight:700;color:#5b6474;
background:#dde2eb;border-radius:4px;padding:0 .4em;margin-right:.4em;letter-spacing:.02em;line-height:1.6;
vertical-align:2px}
.rm{color:var(--faint);text-decoration:line-through #c5cad3 1px}
.rm[data-kind]::before{content:attr(data-label);display:inline-block;font-size:11px;font-weight:600;
color:#7b8290;background:#eef0f3;border-radius:4px;padding:0 .4em;margin-right:.4em;line-height:1.6;
vertical-align:2px;text-decoration:none;letter-spacing:.01em}
.wm[id]::before{content:"\\26A0\\FE0E\\00A0" attr(data-code);display:inline-block;font-size:11px;font-weight:700;
color:var(--warn);background:var(--warn-bg);border:1px solid #f6c79a;border-radius:4px;padding:0 .35em;
margin-right:.3em;line-height:1.5;vertical-align:2px;text-decoration:none;font-style:normal}
.wm:target{background:var(--warn-bg);box-shadow:0 0 0 3px var(--warn-bg)}
[data-kind]:target{outline:2px solid var(--accent);outline-offset:2px}
[data-tip]{position:relative;cursor:help}
[data-tip]:focus{outline:2px solid var(--accent);outline-offset:1px}
[data-tip]:hover::after,[data-tip]:focus::after,[data-tip]:target::after{content:attr(data-tip);position:absolute;
left:0;top:calc(100% + 6px);z-index:5;width:max-content;max-width:24rem;white-space:pre-line;background:#1f2430;
color:#fff;font:600 12.5px/1.5 var(--font);letter-spacing:0;padding:.4rem .6rem;border-radius:7px;
box-shadow:0 6px 20px rgba(0,0,0,.2);
text-decoration:none;pointer-events:none}
body:has(#hide-removed:checked) .src .rm{display:none}
.foot{max-width:52rem;margin:1rem auto 0;color:var(--faint);font-size:12px}
@media (max-width:900px){.layout{grid-template-columns:1fr}.side{position:static;height:auto;border-right:0;
border-bottom:1px solid var(--line)}}
@media print{body{background:#fff;font-size:10.5pt}.layout{display:block}.side{position:static;height:auto;
overflow:visible;border:0;padding:0}.opts,.brand{display:none}.sheet{border:0;box-shadow:none;padding:0;max-width:none}
.page{padding:0}.src{font-size:11pt;line-height:1.8}[data-tip]:hover::after,[data-tip]:focus::after,[data-tip]:target::after{display:none}
.tree a{white-space:normal}.tree .t{white-space:normal}.box{break-inside:avoid-page}a{color:inherit}}
"""

PAGE_JS = """
(function(){
  document.documentElement.classList.add('js');
  var links = {}, tree = document.querySelectorAll('.tree a[href^="#n"]');
  for (var i = 0; i < tree.length; i++) links[tree[i].getAttribute('href').slice(1)] = tree[i];
  var on = null;
  function mark(id){
    var a = links[id]; if (!a || a === on) return;
    if (on) on.classList.remove('on');
    on = a; a.classList.add('on');
    var side = document.querySelector('.side'), r = a.getBoundingClientRect(), s = side.getBoundingClientRect();
    if (r.top < s.top || r.bottom > s.bottom) side.scrollTop += r.top - s.top - s.height / 3;
  }
  var heads = document.querySelectorAll('.src .node[id]');
  if ('IntersectionObserver' in window && heads.length) {
    var io = new IntersectionObserver(function(entries){
      for (var j = 0; j < entries.length; j++) if (entries[j].isIntersecting) mark(entries[j].target.id);
    }, {rootMargin: '0px 0px -80% 0px'});
    for (var k = 0; k < heads.length; k++) io.observe(heads[k].querySelector('.hd,.it') || heads[k]);
  }
  function hl(e, add){
    var a = e.target.closest && e.target.closest('.tree a[href^="#n"]');
    var node = a && document.getElementById(a.getAttribute('href').slice(1));
    if (node) node.classList.toggle('hl', add);
  }
  document.addEventListener('mouseover', function(e){ hl(e, true); });
  document.addEventListener('mouseout', function(e){ hl(e, false); });
})();
"""

INDEX_CSS = BASE_CSS + """
.wrap{max-width:84rem;margin:0 auto;padding:1.5rem clamp(1rem,3vw,2.5rem) 3rem}
h1{font-size:1.4rem;margin:0 0 .3rem}
.sub{color:var(--muted);font-size:13px;margin:0 0 1rem}
.totals{display:flex;flex-wrap:wrap;gap:.4rem;margin:0 0 1rem;padding:0;list-style:none;font-size:13px}
.totals li{background:var(--paper);border:1px solid var(--line);border-radius:8px;padding:.15rem .55rem}
.sheet{background:var(--paper);border:1px solid var(--line);border-radius:12px;overflow:auto;
box-shadow:0 1px 2px rgba(20,30,60,.05),0 8px 24px rgba(20,30,60,.05)}
table{border-collapse:collapse;width:100%;font-size:13.5px}
th,td{padding:.45rem .65rem;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
th{position:sticky;top:0;background:#f7f8fb;font-weight:650;white-space:nowrap;z-index:1}
th a{color:var(--ink)}
th[aria-sort=ascending] a::after{content:" \\25B2";font-size:.75em;color:var(--accent)}
th[aria-sort=descending] a::after{content:" \\25BC";font-size:.75em;color:var(--accent)}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
tr:hover td{background:#f6f8ff}
td.doc a{font-weight:600;overflow-wrap:anywhere}
td.doc .p{display:block;color:var(--faint);font-size:12px;overflow-wrap:anywhere}
td.warn code{display:inline-block;margin:0 .3em .15em 0;padding:0 .35em;border-radius:4px;background:var(--warn-bg);
color:var(--warn);white-space:nowrap}
tr.err td{background:#fff6f6}
td.error{color:#b42318}
td.error code{font-weight:700}
@media print{body{background:#fff}.sheet{box-shadow:none;border:0}th{position:static}}
"""

INDEX_JS = """
(function(){
  var table = document.getElementById('docs'), body = table.tBodies[0];
  var heads = table.tHead.rows[0].cells;
  function key(row, col, num){
    var v = row.cells[col].getAttribute('data-v');
    if (v === null) v = row.cells[col].textContent;
    return num ? parseFloat(v) || 0 : v;
  }
  function sort(name, desc){
    var col = -1;
    for (var i = 0; i < heads.length; i++) {
      heads[i].removeAttribute('aria-sort');
      if (heads[i].getAttribute('data-col') === name) col = i;
    }
    if (col < 0) return;
    var num = heads[col].classList.contains('num');
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function(a, b){
      var x = key(a, col, num), y = key(b, col, num);
      var c = num ? x - y : String(x).localeCompare(String(y), 'zh');
      if (desc) c = -c;
      return c || key(a, 0, true) - key(b, 0, true);
    });
    for (var j = 0; j < rows.length; j++) body.appendChild(rows[j]);
    heads[col].setAttribute('aria-sort', desc ? 'descending' : 'ascending');
  }
  function fromHash(){
    var m = /^#sort=(-?)([a-z]+)$/.exec(location.hash);
    if (m) sort(m[2], m[1] === '-');
  }
  for (var i = 0; i < heads.length; i++) {
    var a = heads[i].querySelector('a');
    if (a) a.addEventListener('click', function(e){
      var th = e.currentTarget.parentNode, name = th.getAttribute('data-col');
      var desc = th.getAttribute('aria-sort') === 'ascending';
      e.preventDefault();
      history.replaceState(null, '', '#sort=' + (desc ? '-' : '') + name);
      sort(name, desc);
    });
  }
  window.addEventListener('hashchange', fromHash);
  fromHash();
})();
"""
