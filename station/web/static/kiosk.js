/*
 * A tap whose answer never came back (the station restarting, the network cut, no answer in time)
 * must not look as if it was done: the reason goes where the tap's answer would have gone, with
 * the error tone. Answers that did come back carry their own notice (layout.tsx swaps every one).
 */
(function () {
  function notice(event, text) {
    var target = event.detail && event.detail.target;
    if (!target) return;
    var box = document.createElement("div");
    box.className = "kiosk-notice";
    box.setAttribute("role", "alert");
    box.setAttribute("data-notice", "failed");
    box.textContent = text;
    var tone = document.createElement("audio");
    tone.src = "/static/error.wav";
    tone.autoplay = true;
    box.appendChild(tone);
    target.replaceChildren(box);
  }
  document.addEventListener("htmx:sendError", function (e) {
    notice(e, "Not sent: the station did not answer. Check the screen, then tap again.");
  });
  document.addEventListener("htmx:timeout", function (e) {
    notice(e, "No answer from the station in time: check the screen before you tap again.");
  });
})();
