// Final staff actions: a submit button with data-confirm="what will happen" asks first.
// A <dialog> with Confirm/Cancel (GOV.UK buttons), or window.confirm where <dialog> is missing.
// On Confirm the form is sent with confirmed=1, so the server does not ask again; without this
// script the server shows its own confirmation page (qyzmet.core.confirmation).
function markConfirmed(form) {
  let input = form.querySelector('input[name="confirmed"]');
  if (!input) {
    input = document.createElement("input");
    input.type = "hidden";
    input.name = "confirmed";
    form.appendChild(input);
  }
  input.value = "1";
}

function ask(button) {
  const message = button.dataset.confirm;
  if (typeof HTMLDialogElement !== "function") {
    return Promise.resolve(window.confirm(message));
  }
  return new Promise((resolve) => {
    const dialog = document.createElement("dialog");
    dialog.className = "qyzmet-confirm";
    dialog.setAttribute("aria-labelledby", "qyzmet-confirm-text");
    const text = document.createElement("p");
    text.className = "govuk-body";
    text.id = "qyzmet-confirm-text";
    text.textContent = message;
    const group = document.createElement("div");
    group.className = "govuk-button-group";
    const ok = document.createElement("button");
    ok.type = "button";
    ok.className = "govuk-button govuk-button--warning";
    ok.textContent = button.dataset.confirmOk || "OK";
    const cancel = document.createElement("button");
    cancel.type = "button";
    cancel.className = "govuk-button govuk-button--secondary";
    cancel.textContent = button.dataset.confirmCancel || "Cancel";
    group.append(ok, cancel);
    dialog.append(text, group);
    document.body.appendChild(dialog);
    const close = (answer) => {
      dialog.close();
      dialog.remove();
      resolve(answer);
    };
    ok.addEventListener("click", () => close(true));
    cancel.addEventListener("click", () => close(false));
    dialog.addEventListener("cancel", (event) => {
      event.preventDefault();
      close(false);
    });
    dialog.showModal();
    cancel.focus();
  });
}

document.addEventListener("submit", (event) => {
  const form = event.target;
  const button = event.submitter;
  if (!(form instanceof HTMLFormElement) || !button || !button.dataset.confirm) return;
  if (form.dataset.confirmedBy === button.dataset.confirm) return; // asked already
  event.preventDefault();
  ask(button).then((yes) => {
    if (!yes) return;
    markConfirmed(form);
    form.dataset.confirmedBy = button.dataset.confirm;
    form.requestSubmit(button);
  });
});
