// Starts GOV.UK Frontend's components (menu toggle, error summary focus, notification banners,
// skip link...) from our own file: the Content-Security-Policy allows no inline script.
import { initAll } from "../vendor/govuk-frontend.min.js";

initAll();
