/**
 * The report's stylesheet. Text colours keep at least 4.5:1 contrast on their
 * backgrounds; rating badges are white on the scale's colours (the config
 * schema asks for 4.5:1 there too) and always carry the rating's name.
 */
export function reportStyle(ratings: readonly { id: string; color: string }[]): string {
  const badges = ratings.map((r) => `.r-${r.id}{background:${r.color}}.bar-${r.id}{fill:${r.color}}`).join('');
  return `:root{--ink:#1f2328;--muted:#57606a;--line:#d0d7de;--paper:#fff;--page:#f6f8fa;--accent:#0a58ca;--mark:#fff1a8}
*{box-sizing:border-box}
body{margin:0;background:var(--page);color:var(--ink);font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
a{color:var(--accent)}
a:focus,button:focus,select:focus,input:focus,.card:focus{outline:3px solid #0a58ca;outline-offset:2px}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:var(--paper);padding:.5rem;z-index:2}
header.page,footer.page{background:#24292f;color:#fff;padding:1rem 1.5rem}
header.page h1{margin:0;font-size:1.5rem}header.page p,footer.page p{margin:.25rem 0 0;color:#eaeef2}
footer.page a{color:#cfe3ff}
main{max-width:70rem;margin:0 auto;padding:1rem 1.5rem 3rem}
nav.filters{position:sticky;top:0;z-index:1;background:var(--paper);border-bottom:1px solid var(--line);padding:.75rem 1.5rem}
nav.filters form{display:flex;flex-wrap:wrap;gap:.75rem 1rem;align-items:end;max-width:70rem;margin:0 auto}
nav.filters label{display:flex;flex-direction:column;font-size:.875rem;color:var(--muted)}
nav.filters select,nav.filters input{font:inherit;color:var(--ink);padding:.3rem .4rem;border:1px solid #6e7781;border-radius:4px;background:var(--paper);min-width:10rem}
nav.filters button{font:inherit;padding:.35rem .8rem;border:1px solid #6e7781;border-radius:4px;background:var(--page);color:var(--ink);cursor:pointer}
#shown{margin:0;color:var(--muted);font-size:.875rem}
h2{font-size:1.25rem;margin:2rem 0 .75rem}
section.summary{display:grid;gap:1rem;grid-template-columns:repeat(auto-fit,minmax(20rem,1fr))}
.panel{background:var(--paper);border:1px solid var(--line);border-radius:6px;padding:1rem}
.panel h3{margin:0 0 .5rem;font-size:1rem}
.panel ul{margin:0;padding-left:1.2rem}.panel li{margin:.25rem 0}
svg.chart{width:100%;max-width:360px;height:auto;display:block}svg.chart text{font:14px system-ui,sans-serif;fill:#1f2328}
.card{background:var(--paper);border:1px solid var(--line);border-radius:6px;padding:1rem 1.25rem;margin:0 0 1rem;scroll-margin-top:8rem}
.card.target{border-color:#0a58ca;box-shadow:0 0 0 3px #b6d4fe}
.badge{display:inline-block;margin:0 0 .5rem;padding:.3rem .9rem;border-radius:999px;color:#fff;font-weight:700;font-size:1.25rem;white-space:nowrap}
${badges}
blockquote{margin:.75rem 0;padding:.25rem 0 .25rem 1rem;border-left:4px solid var(--line)}
.card h3.claim-text{margin:.25rem 0;font-size:1.2rem;font-weight:600;line-height:1.4}
.meta,.source,.rule,.tags{color:var(--muted);font-size:.9rem;margin:.25rem 0}
dl.framing{margin:.75rem 0;display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}
dl.framing dt{font-weight:600}dl.framing dd{margin:0}
.ruling{margin:.75rem 0;font-size:1.05rem}
.sources ul{margin:.25rem 0;padding-left:1.2rem;font-size:.95rem}
details.trail{margin-top:.75rem;border-top:1px solid var(--line);padding-top:.5rem}
details.trail>summary,details.panel>summary{cursor:pointer;color:var(--accent)}
details.panel>summary h3{display:inline;font-size:1rem;margin:0;color:var(--ink)}
.card h4{font-size:.95rem;margin:1rem 0 .4rem}
.why-not ul{margin:.25rem 0;padding-left:1.2rem}
ol.citations{margin:0;padding-left:1.4rem}
ol.citations li{margin:0 0 .75rem}
.role{margin:0;font-size:.9rem}
.role strong{text-transform:uppercase;font-size:.75rem;letter-spacing:.04em}
.quote{font-size:.95rem;border-left-color:#8c959f}
.ctx{color:var(--muted)}
mark{background:var(--mark);color:var(--ink);padding:0 .1rem}
.flag{display:inline-block;border:1px solid #6e7781;border-radius:4px;padding:0 .35rem;font-size:.8rem;color:var(--ink);margin-left:.25rem}
.why-not p{margin:.25rem 0;font-size:.95rem}
@media (max-width:40rem){
  main{padding:.75rem .75rem 2rem}nav.filters{padding:.5rem .75rem;position:static}
  nav.filters select,nav.filters input{min-width:0;width:100%}nav.filters label{flex:1 1 45%}
  header.page{padding:.75rem}.card{padding:.75rem}
  section.summary{grid-template-columns:1fr}
  dl.framing{grid-template-columns:1fr}
}
code{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:.875em;background:var(--page);padding:0 .2rem;border-radius:3px}
.unsafe-url{font-family:ui-monospace,monospace;color:var(--muted)}
[hidden]{display:none!important}
@media print{
  nav.filters,.skip{display:none}
  body{background:#fff;font-size:11pt}
  header.page,footer.page{background:#fff;color:#000;border-bottom:1px solid #000}
  header.page p,footer.page p{color:#000}
  main{max-width:none;padding:0}
  .card,.panel{break-inside:avoid;page-break-inside:avoid;border-color:#000}
  details.trail>*:not(summary){display:none}
  a{color:#000}
  a[href^="http"]::after{content:" <" attr(href) ">";font-size:.8em}
  .badge{border:1px solid #000;-webkit-print-color-adjust:exact;print-color-adjust:exact}
}`;
}
