// Choice lists staff pick from (services, bodies, operators) become searchable comboboxes:
// every select[data-picker] is enhanced by alphagov's accessible-autocomplete (vendored under
// /static/vendor/ by tools/vendor-frontend.sh); without it (or without JS) the plain <select>
// keeps working. The combobox's words come from the page (core/_picker_texts.html), in the
// page's language.
const VENDOR = new URL("../vendor/", import.meta.url);

function texts() {
  const node = document.getElementById("qz-picker-texts");
  try {
    return node ? JSON.parse(node.textContent) : {};
  } catch {
    return {};
  }
}

function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, (all, name) => (name in values ? String(values[name]) : all));
}

// The select's hint and error message stay tied to the combobox that replaces it (the library
// rewrites aria-describedby for its own hint as the user types).
function keepDescribed(input, ids, invalid) {
  if (!input || input.tagName !== "INPUT") return;
  if (invalid) input.setAttribute("aria-invalid", "true");
  if (!ids.length) return;
  const add = () => {
    const own = (input.getAttribute("aria-describedby") || "").split(/\s+/).filter(Boolean);
    const missing = ids.filter((i) => !own.includes(i));
    if (missing.length) input.setAttribute("aria-describedby", [...own, ...missing].join(" "));
  };
  add();
  new MutationObserver(add).observe(input, { attributes: true, attributeFilter: ["aria-describedby"] });
}

// The combobox lists a select's options flat: the <optgroup> labels (the body a worker belongs
// to) would be lost, and two workers of the same name in two bodies would look alike (the first
// always taken). An option of a group is named "<option> — <group>" in the combobox, so the
// group shows, can be searched for, and each label is the one option's. The hidden select keeps
// its values; without JS the plain select shows its groups itself.
function nameGroups(select) {
  select.querySelectorAll("optgroup > option").forEach((option) => {
    const group = option.parentElement.label;
    if (group) option.textContent = `${option.textContent} — ${group}`;
  });
}

function enhance() {
  const lib = window.accessibleAutocomplete;
  if (!lib || typeof lib.enhanceSelectElement !== "function") return;
  const t = texts();
  document.querySelectorAll("select[data-picker]:not([multiple])").forEach((select) => {
    if (select.dataset.pickerDone) return;
    select.dataset.pickerDone = "1";
    nameGroups(select);
    const id = select.id; // the combobox's input takes it (the select becomes "<id>-select")
    const describedBy = (select.getAttribute("aria-describedby") || "").split(/\s+/).filter(Boolean);
    const invalid = select.getAttribute("aria-invalid") === "true" || select.classList.contains("govuk-select--error");
    lib.enhanceSelectElement({
      selectElement: select,
      defaultValue: "",
      showAllValues: true,
      // The empty choice ("—", "all") is in the list, first: a box emptied and left goes back to
      // it (otherwise the library would take the first name of the list on leaving).
      preserveNullOptions: true,
      dropdownArrow: () => "",
      onConfirm: (label) => {
        const option = [...select.options].find((o) => (o.textContent || o.innerText) === label);
        if (option) option.selected = true;
      },
      tNoResults: () => select.dataset.pickerNoResults || t.noResults || "—",
      tStatusNoResults: t.statusNoResults ? () => t.statusNoResults : undefined,
      tStatusResults: t.statusResults ? (count) => fill(t.statusResults, { count }) : undefined,
      tStatusSelectedOption: t.statusHighlighted
        ? (option, count, index) => fill(t.statusHighlighted, { option, count, position: index + 1 })
        : undefined,
      tAssistiveHint: t.assistiveHint ? () => t.assistiveHint : undefined,
      inputClasses: invalid ? "govuk-input--error" : null,
    });
    const input = id ? document.getElementById(id) : null;
    keepDescribed(input, describedBy, invalid);
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
