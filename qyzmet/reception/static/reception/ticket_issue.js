/* CRC 14, 19: the competent body of a Consultation ticket is picked from a list of names in the
 * visitor's language: the input's <datalist> follows the language chosen for the ticket. */
(function () {
  "use strict";
  var language = document.getElementById("id_language");
  var body = document.getElementById("id_competent_body");
  if (!language || !body) { return; }
  function follow() {
    var lang = language.value === "ru" ? "ru" : "kk";
    body.setAttribute("list", "bodies-" + lang);
    body.setAttribute("lang", lang);
  }
  language.addEventListener("change", follow);
  follow();
}());
