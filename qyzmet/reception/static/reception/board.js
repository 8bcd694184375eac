/* CRC 14: the queue board polls the hall's state every second and announces each new call by
 * voice in the ticket's language (Web Speech API with a kk-KZ / ru-RU voice where the browser
 * has one; a WebAudio chime otherwise). Plain JS, no dependencies. */
(function () {
  "use strict";
  var board = document.getElementById("board");
  if (!board) { return; }
  var url = board.getAttribute("data-state-url");
  var announce = document.getElementById("board-announce");
  var soundButton = document.getElementById("board-sound");
  var seen = {};
  var initial = JSON.parse(document.getElementById("board-initial").textContent || "[]");
  initial.forEach(function (c) { seen[c.call_id] = true; });
  var audio = null;

  var TEXT = {
    kk: function (c) { return c.ticket.replace("-", " ") + " талон, " + c.desk + " үстелге өтіңіз"; },
    ru: function (c) { return "Талон " + c.ticket.replace("-", " ") + ", пройдите к окну " + c.desk; }
  };

  function chime() {
    try {
      audio = audio || new (window.AudioContext || window.webkitAudioContext)();
      [660, 880].forEach(function (freq, i) {
        var osc = audio.createOscillator();
        var gain = audio.createGain();
        osc.frequency.value = freq;
        gain.gain.value = 0.2;
        osc.connect(gain); gain.connect(audio.destination);
        osc.start(audio.currentTime + i * 0.35);
        osc.stop(audio.currentTime + i * 0.35 + 0.3);
      });
    } catch (e) { /* no audio on this device */ }
  }

  function voiceFor(lang) {
    if (!("speechSynthesis" in window)) { return null; }
    var wanted = lang === "kk" ? "kk" : "ru";
    var voices = window.speechSynthesis.getVoices() || [];
    for (var i = 0; i < voices.length; i++) {
      if ((voices[i].lang || "").toLowerCase().indexOf(wanted) === 0) { return voices[i]; }
    }
    return null;
  }

  function speak(call) {
    var lang = call.language === "kk" ? "kk" : "ru";
    var text = TEXT[lang](call);
    announce.textContent = text;
    announce.setAttribute("lang", lang);
    var voice = voiceFor(lang);
    if (voice) {
      var u = new SpeechSynthesisUtterance(text);
      u.voice = voice;
      u.lang = lang === "kk" ? "kk-KZ" : "ru-RU";
      window.speechSynthesis.speak(u);
    } else {
      chime();
    }
  }

  function render(state) {
    state.zones.forEach(function (zone) {
      var section = board.querySelector('[data-zone="' + zone.kind + '"]');
      if (!section) { return; }
      var body = section.querySelector(".board-called");
      var rows = zone.called.map(function (c) {
        var tr = document.createElement("tr");
        tr.setAttribute("data-call", c.call_id);
        if (!seen[c.call_id]) { tr.className = "fresh"; }
        var t = document.createElement("td"); t.className = "board-ticket"; t.textContent = c.ticket;
        var d = document.createElement("td"); d.className = "board-desk"; d.textContent = c.desk;
        tr.appendChild(t); tr.appendChild(d);
        return tr;
      });
      body.replaceChildren.apply(body, rows);
      section.querySelector(".board-waiting-count").textContent = zone.waiting;
    });
    state.calls.slice().reverse().forEach(function (c) {
      if (!seen[c.call_id]) { seen[c.call_id] = true; speak(c); }
    });
  }

  function poll() {
    fetch(url, { cache: "no-store", headers: { "Accept": "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (state) { if (state) { render(state); } })
      .catch(function () { /* keep polling */ })
      .finally(function () { window.setTimeout(poll, 1000); });
  }

  if (soundButton) {
    soundButton.addEventListener("click", function () {
      chime();  // browsers allow audio only after a user gesture
      soundButton.hidden = true;
    });
  }
  window.setTimeout(poll, 1000);
}());
