// Run first thing in <body>, before the page paints (GOV.UK Frontend's page template does this
// inline; our Content-Security-Policy allows only our own files, so it is a file of its own).
document.body.className +=
  " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
