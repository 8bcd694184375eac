// Choice lists staff pick from (services, bodies, operators) become searchable comboboxes:
// every select[data-picker] is enhanced by alphagov's accessible-autocomplete when its vendored
// file is present; otherwise (or without JS) the plain <select> keeps working.
const VENDOR = new URL("../vendor/accessible-autocomplete/", import.meta.url);

function enhance() {
  const lib = window.accessibleAutocomplete;
  if (!lib || typeof lib.enhanceSelectElement !== "function") return;
  document.querySelectorAll("select[data-picker]:not([multiple])").forEach((select) => {
    if (select.dataset.pickerDone) return;
    select.dataset.pickerDone = "1";
    lib.enhanceSelectElement({
      selectElement: select,
      defaultValue: "",
      showAllValues: true,
      dropdownArrow: () => "",
      tNoResults: () => select.dataset.pickerNoResults || "—",
    });
  });
}

function load(src) {
  return new Promise((resolve) => {
    const script = document.createElement("script");
    script.src = src;
    script.onload = resolve;
    script.onerror = resolve; // not vendored: the plain select stays
    document.head.appendChild(script);
  });
}

function addStyles() {
  if (document.querySelector('link[href*="accessible-autocomplete"]')) return;
  const css = document.createElement("link");
  css.rel = "stylesheet";
  css.href = new URL("accessible-autocomplete.min.css", VENDOR).href;
  document.head.appendChild(css);
}

if (document.querySelector("select[data-picker]")) {
  const ready = window.accessibleAutocomplete
    ? Promise.resolve()
    : load(new URL("accessible-autocomplete.min.js", VENDOR).href);
  ready.then(() => {
    if (!window.accessibleAutocomplete) return;
    addStyles();
    enhance();
  });
}
