// Site-wide behaviour without inline handlers (the Content-Security-Policy allows only our files).
document.addEventListener("click", (event) => {
  const button = event.target instanceof Element ? event.target.closest("[data-print]") : null;
  if (button) {
    window.print();
  }
});
