// Everything cut off on the screen that the page can tell (issue 10): run in the browser with
// page.evaluate(); returns a list of plain-text findings, empty when nothing is cut off.
// Used by tests/e2e/test_layout_e2e.py (which fails on any finding) and scripts/screenshots.py
// (which prints them beside each shot).
() => {
  const findings = [];
  const viewport = document.documentElement.clientWidth;
  const say = (kind, el, detail) => {
    const text = (el.innerText || el.textContent || "").trim().replace(/\s+/g, " ").slice(0, 60);
    const id = el.getAttribute && (el.getAttribute("data-testid") || el.className.baseVal || el.className);
    findings.push(`${kind}: ${detail} [${String(id || el.tagName).slice(0, 50)}] “${text}”`);
  };
  const visible = (el) => {
    const r = el.getBoundingClientRect();
    const s = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && s.visibility !== "hidden" && s.display !== "none";
  };

  // Deliberate scrollers and clippers, each with its reason: elements that may be wider inside
  // than outside without anything being lost.
  const DELIBERATE = [
    // Streamlit's own page scroller and sidebar: they scroll the page up and down.
    ["[data-testid=stMain]", "the page itself scrolls"],
    ["[data-testid=stSidebarContent]", "the sidebar scrolls itself"],
    ["[data-testid=stSidebarUserContent]", "the sidebar scrolls itself"],
    ["[data-testid=stAppViewContainer]", "the app frame"],
    ["[data-testid=stSidebar]", "the sidebar frame, its collapse animation"],
    // Data grids are canvas-drawn: checked below by their columns and cells, not by their box.
    ["[data-testid=stDataFrame]", "checked as a grid below"],
    // Tabs bar: Streamlit scrolls the tab names sideways when they do not fit (checked: the
    // screens' tab names fit at 1366 px, see the tab-list rule below).
    ["[data-baseweb=tab-list]", "checked by the tab rule"],
    ["[data-baseweb=tab-border]", "the tabs' underline"],
    ["[data-baseweb=tab-highlight]", "the tabs' underline"],
    // Plotly draws into fixed-size layers and clips by design: checked as charts below.
    [".js-plotly-plot", "checked as a chart below"],
    // Code and text areas scroll what the user typed or what a file holds.
    ["textarea", "the user's own text"],
    ["input", "the user's own text, scrolled inside the field"],
    ["[data-testid=stCode]", "code blocks scroll by design"],
    // The toast and the status widget slide in from outside the window.
    ["[data-testid=stToastContainer]", "toasts slide in"],
    ["[data-testid=stStatusWidget]", "running indicator"],
    ["[data-testid=stDecoration]", "the coloured top bar"],
    // Visually hidden labels for screen readers (1 px boxes by design).
    ["[data-testid=stWidgetLabel][aria-hidden=true]", "hidden label"],
  ];
  const deliberate = (el) => DELIBERATE.some(([sel]) => el.closest(sel));

  const root = document.querySelector("[data-testid=stApp]") || document.body;
  for (const el of root.querySelectorAll("*")) {
    if (!(el instanceof HTMLElement) || !visible(el)) continue;
    const s = getComputedStyle(el);
    // 1. Text shortened with "…": the browser ellipsis, on a box narrower than its text.
    if (s.textOverflow === "ellipsis" && el.scrollWidth > el.clientWidth + 1) {
      say("ellipsis", el, `${el.scrollWidth}px of text in ${el.clientWidth}px`);
      continue;
    }
    if (deliberate(el)) continue;
    // 2. A box wider inside than outside: clipped (hidden) or a sideways scrollbar (auto).
    if (el.scrollWidth > el.clientWidth + 1 && s.overflowX !== "visible") {
      say("sideways", el, `${el.scrollWidth}px in ${el.clientWidth}px (overflow-x ${s.overflowX})`);
      continue;
    }
    // 3. Past the window's right edge.
    const r = el.getBoundingClientRect();
    if (r.right > viewport + 1 && el.children.length === 0 && (el.textContent || "").trim()) {
      say("past the window", el, `right edge ${Math.round(r.right)} > ${viewport}`);
    }
  }

  // 4. The tab names: Streamlit hides the ones that do not fit behind a sideways scroll.
  for (const bar of root.querySelectorAll("[data-baseweb=tab-list]")) {
    if (visible(bar) && bar.scrollWidth > bar.clientWidth + 1) {
      say("tabs", bar, `${bar.scrollWidth}px of tabs in ${bar.clientWidth}px`);
    }
  }

  // 5. Data grids (st.dataframe, glide-data-grid): cells are painted on a canvas, so the DOM
  // cannot show a cut word. React's props of the grid hold its columns with their drawn widths
  // and the function that gives each cell's text: a column wider than the box means columns
  // behind a sideways scrollbar; a text wider than its column is cut at the column's edge.
  const PADDING = 8.5 * 2; // glide's cell padding, left and right
  const canvasText = document.createElement("canvas").getContext("2d");
  for (const frame of root.querySelectorAll("[data-testid=stDataFrame]")) {
    const canvas = frame.querySelector("canvas");
    if (!canvas || !visible(frame)) continue;
    const fiberKey = Object.keys(canvas).find((k) => k.startsWith("__reactFiber"));
    let props = null;
    for (let f = canvas[fiberKey], i = 0; f && i < 40; f = f.return, i++) {
      const p = f.memoizedProps || {};
      if (Array.isArray(p.columns) && p.columns.length && typeof p.columns[0].width === "number"
          && typeof p.getCellContent === "function") { props = p; break; }
    }
    if (!props) { say("grid", frame, "columns not readable"); continue; }
    const box = frame.querySelector(".dvn-scroller") || canvas;
    const used = props.columns.reduce((sum, c) => sum + c.width, 0);
    if (used > box.clientWidth + 1) {
      const hidden = [];
      let x = 0;
      for (const c of props.columns) { x += c.width; if (x > box.clientWidth + 1) hidden.push(c.title); }
      say("grid columns", frame, `${Math.round(used)}px of columns in ${box.clientWidth}px, behind the scrollbar: ${hidden.join(", ")}`);
    }
    const theme = props.theme || {};
    canvasText.font = `${theme.baseFontStyle || "14px"} ${theme.fontFamily || "sans-serif"}`;
    const rows = Math.min(props.rows || 0, 200);
    const cut = new Set();
    props.columns.forEach((c, col) => {
      for (let row = 0; row < rows; row++) {
        const cell = props.getCellContent([col, row]);
        const text = String(cell.displayData ?? cell.data ?? "");
        if (!text || cell.allowWrapping) continue;
        if (canvasText.measureText(text).width + PADDING > c.width + 1) {
          cut.add(`${c.title}: “${text.slice(0, 50)}”`);
          break;
        }
      }
    });
    for (const c of cut) say("grid cell cut", frame, c);
  }

  // 6. Charts (Plotly SVG): no text over the title or an axis title, none outside the chart.
  const overlap = (a, b) =>
    a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;
  for (const plot of root.querySelectorAll(".js-plotly-plot")) {
    if (!visible(plot)) continue;
    const area = plot.getBoundingClientRect();
    const titles = [...plot.querySelectorAll(".gtitle, .g-xtitle text, .g-ytitle text, .xtitle, .ytitle")]
      .filter((t) => t.textContent.trim());
    const texts = [...plot.querySelectorAll("text")].filter(
      (t) => t.textContent.trim() && !t.closest(".hoverlayer") && t.getBBox().width > 0);
    const legend = plot.querySelector(".legend .bg");
    const name = (plot.querySelector(".gtitle") || {}).textContent || "chart";
    for (const t of texts) {
      const r = t.getBoundingClientRect();
      if (r.left < area.left - 1 || r.right > area.right + 1 || r.top < area.top - 1 || r.bottom > area.bottom + 1) {
        say("chart text outside", t, `in “${name.slice(0, 40)}”`);
      }
      for (const title of titles) {
        if (title === t || title.contains(t) || t.contains(title)) continue;
        if (overlap(r, title.getBoundingClientRect())) {
          say("chart text over a title", t, `over “${title.textContent.slice(0, 40)}” in “${name.slice(0, 40)}”`);
        }
      }
    }
    if (legend) {
      // The legend keeps GAP px from every title: "pressed against the x-axis title" counts.
      const GAP = 4;
      const r = legend.getBoundingClientRect();
      const box = { left: r.left - GAP, right: r.right + GAP, top: r.top - GAP, bottom: r.bottom + GAP };
      for (const title of titles) {
        if (!legend.closest(".legend").contains(title) && overlap(box, title.getBoundingClientRect())) {
          say("chart legend against a title", title, `in “${name.slice(0, 40)}”`);
        }
      }
    }
  }
  return findings;
}
