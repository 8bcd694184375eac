// Site-wide behaviour without inline handlers (the Content-Security-Policy allows only our files).
document.addEventListener("click", (event) => {
  const button = event.target instanceof Element ? event.target.closest("[data-print]") : null;
  if (button) {
    window.print();
  }
});

// On a phone every table stacks into rows (qyzmet.scss) and each cell shows its column's name
// from data-label; cells written without one get it here from the table's header row.
function labelTableCells(root) {
  for (const table of root.querySelectorAll("table")) {
    const headerRow = table.tHead ? table.tHead.rows[table.tHead.rows.length - 1] : null;
    if (!headerRow) {
      continue;
    }
    const names = [];
    for (const th of headerRow.cells) {
      const name = th.textContent.replace(/\s+/g, " ").trim();
      for (let i = 0; i < (th.colSpan || 1); i += 1) {
        names.push(name);
      }
    }
    for (const body of table.tBodies) {
      for (const row of body.rows) {
        let column = 0;
        for (const cell of row.cells) {
          if (cell.tagName === "TD" && !cell.hasAttribute("data-label") && names[column] !== undefined) {
            cell.setAttribute("data-label", names[column]);
          }
          column += cell.colSpan || 1;
        }
      }
    }
  }
}

labelTableCells(document);

// A table wider than the page scrolls inside its own region, never the page; the region takes
// the keyboard focus only when it does scroll, so it can be scrolled without a mouse (WCAG 2.1.1).
function scrollWideTables(root) {
  const regions = [];
  for (const table of root.querySelectorAll("main table")) {
    let region = table.parentElement;
    if (!region.classList.contains("table-scroll")) {
      region = document.createElement("div");
      region.className = "table-scroll";
      table.parentNode.insertBefore(region, table);
      region.appendChild(table);
    }
    const caption = table.caption ? table.caption.textContent.replace(/\s+/g, " ").trim() : "";
    if (caption && !region.hasAttribute("aria-label")) {
      region.setAttribute("aria-label", caption);
    }
    regions.push(region);
  }
  const mark = () => {
    for (const region of regions) {
      if (region.scrollWidth > region.clientWidth + 1) {
        region.setAttribute("tabindex", "0");
        region.setAttribute("role", "region");
      } else if (region.getAttribute("tabindex") === "0") {
        region.removeAttribute("tabindex");
        region.removeAttribute("role");
      }
    }
  };
  mark();
  window.addEventListener("resize", mark);
}

scrollWideTables(document);
