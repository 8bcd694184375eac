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
