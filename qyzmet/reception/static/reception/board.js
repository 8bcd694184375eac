/* CRC 14: the queue board of a hall. It polls the hall's state every second, redraws the zones
 * and announces each new call by voice in the ticket's language with the WAV the server
 * assembles for it (ADR 0030): a board computer without speech voices speaks too. Where the
 * audio cannot be had, the browser's own voice for that language is used if it has one, else a
 * chime. A browser that blocks sound shows a one-time "enable sound" overlay, unless the hall's
 * board is configured as a kiosk (Chromium with --autoplay-policy=no-user-gesture-required),
 * where nobody is there to click. Plain JS, no dependencies. */
(function () {
  "use strict";
  var board = document.getElementById("board");
  if (!board) { return; }
  var url = board.getAttribute("data-state-url");
  var kiosk = board.getAttribute("data-autoplay") === "1";
  var announce = document.getElementById("board-announce");
  var clock = document.getElementById("board-clock");
  var player = document.getElementById("board-audio");
  var unmute = document.getElementById("board-unmute");
  var unmuteButton = document.getElementById("board-unmute-button");
  var initial = JSON.parse(document.getElementById("board-initial").textContent || "{}");
  var seen = {};
  (initial.calls || []).forEach(function (c) { seen[c.call_id] = true; });

  /* --- the clock: the server's time (the board computer's own clock may be wrong) ---------- */
  var skew = 0;
  var utcOffsetMin = 0;
  function syncClock(iso) {
    var t = Date.parse(iso);
    if (isNaN(t)) { return; }
    skew = t - Date.now();
    var m = /([+-])(\d\d):(\d\d)$/.exec(iso);
    utcOffsetMin = m ? (m[1] === "-" ? -1 : 1) * (parseInt(m[2], 10) * 60 + parseInt(m[3], 10)) : 0;
  }
  function two(n) { return (n < 10 ? "0" : "") + n; }
  function tick() {
    var d = new Date(Date.now() + skew + utcOffsetMin * 60000);
    clock.textContent = two(d.getUTCHours()) + ":" + two(d.getUTCMinutes());
  }
  if (initial.now) { syncClock(initial.now); }
  tick();
  window.setInterval(tick, 1000);

  /* --- sound --------------------------------------------------------------------------------- */
  var queue = [];
  var busy = false;
  var blocked = false;
  var attempt = 0;
  var chimeContext = null;

  function chime() {
    try {
      chimeContext = chimeContext || new (window.AudioContext || window.webkitAudioContext)();
      [659, 523].forEach(function (freq, i) {
        var osc = chimeContext.createOscillator();
        var gain = chimeContext.createGain();
        osc.frequency.value = freq;
        gain.gain.value = 0.2;
        osc.connect(gain); gain.connect(chimeContext.destination);
        osc.start(chimeContext.currentTime + i * 0.35);
        osc.stop(chimeContext.currentTime + i * 0.35 + 0.3);
      });
    } catch (e) { /* no audio on this device */ }
  }

  function voiceFor(lang) {
    if (!("speechSynthesis" in window)) { return null; }
    var voices = window.speechSynthesis.getVoices() || [];
    for (var i = 0; i < voices.length; i++) {
      if ((voices[i].lang || "").toLowerCase().indexOf(lang) === 0) { return voices[i]; }
    }
    return null;
  }

  function fallback(call) {
    /* only where the browser has a voice for the ticket's language */
    var voice = voiceFor(call.language);
    if (voice && window.SpeechSynthesisUtterance) {
      var u = new SpeechSynthesisUtterance(call.text);
      u.voice = voice;
      u.lang = call.language === "kk" ? "kk-KZ" : "ru-RU";
      window.speechSynthesis.speak(u);
    } else {
      chime();
    }
  }

  function played(call) {
    var list = (player.getAttribute("data-played") || "").split(" ").filter(Boolean);
    list.push(call.call_id);
    player.setAttribute("data-played", list.slice(-20).join(" "));
  }

  function done(id, ok) {
    if (id !== attempt || !busy) { return; }
    var call = queue.shift();
    busy = false;
    if (call) { if (ok) { played(call); } else { fallback(call); } }
    next();
  }

  function next() {
    if (busy || blocked || !queue.length) { return; }
    var call = queue[0];
    busy = true;
    attempt += 1;
    var id = attempt;
    player.setAttribute("data-call", call.call_id);
    player.setAttribute("data-lang", call.language);
    player.src = call.audio;
    var started = player.play();
    if (started && typeof started.then === "function") {
      started.catch(function (err) {
        if (id !== attempt) { return; }
        if (err && err.name === "NotAllowedError") {
          busy = false;
          if (kiosk) {
            /* a kiosk nobody touches: say it on the console, try again at the next call */
            if (window.console) { window.console.warn("board: sound blocked; start Chromium with --autoplay-policy=no-user-gesture-required"); }
            queue.shift();
            next();
          } else {
            blocked = true;
            unmute.hidden = false;
          }
          return;
        }
        done(id, false);
      });
    }
    player.onended = function () { done(id, true); };
    player.onerror = function () { done(id, false); };
  }

  if (unmuteButton) {
    unmuteButton.addEventListener("click", function () {
      unmute.hidden = true;  /* once: after this gesture the page may play sound */
      blocked = false;
      next();
    });
  }

  /* --- drawing ------------------------------------------------------------------------------- */
  function el(tag, cls, text, lang) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = text; }
    if (lang) { e.setAttribute("lang", lang); }
    return e;
  }

  function minutes(n) {
    return n ? " · ≈ " + n + " мин" : "";
  }

  function bodyName(kk, ru) {
    var span = el("span", "board-line-name");
    span.appendChild(el("span", null, kk, "kk"));
    if (ru && ru !== kk) {
      span.appendChild(document.createTextNode(" / "));
      span.appendChild(el("span", null, ru, "ru"));
    }
    return span;
  }

  function showLatest(call) {
    announce.replaceChildren(
      el("span", "board-latest-ticket", call.ticket),
      el("span", "board-latest-arrow", "→"),
      el("span", "board-latest-desk", String(call.desk)),
      el("span", "board-latest-text", call.text, call.language)
    );
  }

  function render(state) {
    if (state.now) { syncClock(state.now); }
    state.zones.forEach(function (zone) {
      var section = board.querySelector('[data-zone="' + zone.kind + '"]');
      if (!section) { return; }
      var rows = zone.called.map(function (c) {
        var tr = el("tr", seen[c.call_id] ? "" : "fresh");
        tr.setAttribute("data-call", c.call_id);
        tr.appendChild(el("td", "board-ticket", c.ticket));
        tr.appendChild(el("td", "board-desk", String(c.desk)));
        return tr;
      });
      section.querySelector(".board-called").replaceChildren.apply(section.querySelector(".board-called"), rows);
      section.querySelector(".board-waiting-count").textContent = zone.waiting;
      section.querySelector(".board-waiting .board-minutes").textContent = minutes(zone.minutes);
      var lines = zone.lines.map(function (line) {
        var li = el("li");
        li.setAttribute("data-body", line.body);
        li.appendChild(bodyName(line.body_kk, line.body_ru));
        li.appendChild(document.createTextNode(" "));
        li.appendChild(el("strong", "board-line-count", String(line.waiting)));
        li.appendChild(el("span", "board-minutes", minutes(line.minutes)));
        return li;
      });
      var list = section.querySelector(".board-lines");
      list.replaceChildren.apply(list, lines);
    });
    state.calls.slice().reverse().forEach(function (c) {
      if (!seen[c.call_id]) {
        seen[c.call_id] = true;
        showLatest(c);
        queue.push(c);
      }
    });
    next();
  }

  function poll() {
    fetch(url, { cache: "no-store", headers: { "Accept": "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (state) { if (state) { render(state); } })
      .catch(function () { /* keep polling */ })
      .finally(function () { window.setTimeout(poll, 1000); });
  }

  if (initial.calls && initial.calls.length) { showLatest(initial.calls[0]); }  /* shown, not said again */
  window.setTimeout(poll, 1000);
}());
