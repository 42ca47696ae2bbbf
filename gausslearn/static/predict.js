/*
 * gausslearn predict-first prompts on a static page (the course website, an exported notebook).
 *
 * gausslearn.widgets.predict() stores, in the notebook, an HTML fallback that shows the question and the
 * options only. The verdicts, the reasons and the explanation travel in its data-gl-predict attribute as
 * base64 of UTF-8 JSON (gausslearn.widgets.verdict_data). This script turns each such fallback into a prompt:
 * every option becomes a real <button> (keyboard operable, aria-pressed), and a click reveals, in an
 * aria-live region, the verdict, why the chosen option is tempting (or right), the explanation and why the
 * other options are tempting. The choice locks the options, as in JupyterLab.
 *
 * Plain JavaScript, no dependency, no network, nothing stored: the choice lives in the page only.
 * Include it once per page (a script element with src="predict.js"; inline works too). The sentences shown are
 * written by Python (verdict_data) and shown as they are; Prediction.choose() lays them out the same way.
 */
(function () {
  "use strict";

  function decode(text) {
    var binary = window.atob(text);
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i += 1) {
      bytes[i] = binary.charCodeAt(i);
    }
    return JSON.parse(new TextDecoder("utf-8").decode(bytes));
  }

  function paragraph(className, text, bold) {
    var p = document.createElement("p");
    p.className = className;
    if (bold) {
      var b = document.createElement("b");
      b.textContent = text;
      p.appendChild(b);
    } else {
      p.textContent = text;
    }
    return p;
  }

  function reveal(region, data, chosen) {
    var correct = data.options[chosen] === data.answer;
    region.textContent = "";
    region.appendChild(paragraph("gl-predict-verdict", data.verdicts[chosen], true));
    if (data.reasons.length) {
      region.appendChild(paragraph("gl-predict-why", data.reasons[chosen], false));
    }
    region.appendChild(paragraph("gl-predict-explanation", data.explanation, false));
    if (data.reasons.length > 1) {
      var list = document.createElement("ul");
      list.className = "gl-predict-others";
      for (var i = 0; i < data.reasons.length; i += 1) {
        if (i !== chosen) {
          var item = document.createElement("li");
          item.textContent = data.reasons[i];
          list.appendChild(item);
        }
      }
      region.appendChild(list);
    }
    region.classList.add("gl-predict-reveal", correct ? "gl-predict-correct" : "gl-predict-wrong");
    region.hidden = false;
  }

  function enhance(container) {
    if (container.getAttribute("data-gl-predict-ready") === "true") {
      return;
    }
    var data;
    try {
      data = decode(container.getAttribute("data-gl-predict"));
    } catch (error) {
      return; // leave the static question and options as they are
    }
    var list = container.querySelector(".gl-predict-static-options");
    if (!list) {
      return;
    }
    var items = list.querySelectorAll("li");
    if (items.length !== data.options.length) {
      return;
    }
    var region = document.createElement("div");
    region.className = "gl-predict-static-reveal";
    region.setAttribute("role", "status");
    region.setAttribute("aria-live", "polite");
    region.tabIndex = -1;
    region.hidden = true;
    var buttons = [];
    var hint = container.querySelector(".gl-predict-hint");
    items.forEach(function (item, index) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "gl-predict-option";
      button.textContent = data.options[index];
      button.setAttribute("aria-pressed", "false");
      button.addEventListener("click", function () {
        if (container.getAttribute("data-gl-predict-chosen") !== null) {
          return;
        }
        container.setAttribute("data-gl-predict-chosen", String(index));
        buttons.forEach(function (other) {
          other.disabled = other !== button; // the others lock; the choice stays readable, marked as pressed
        });
        button.setAttribute("aria-pressed", "true");
        button.setAttribute("aria-disabled", "true");
        if (hint) {
          hint.hidden = true;
        }
        reveal(region, data, index);
        region.focus();
      });
      item.textContent = "";
      item.appendChild(button);
      buttons.push(button);
    });
    list.classList.add("gl-predict-options");
    if (hint) {
      hint.textContent = "Choose an option to see the answer.";
    }
    list.parentNode.insertBefore(region, list.nextSibling);
    container.classList.add("gl-predict");
    container.setAttribute("data-gl-predict-ready", "true");
  }

  function enhanceAll(root) {
    (root || document).querySelectorAll(".gl-predict-static[data-gl-predict]").forEach(enhance);
  }

  window.glPredict = { enhanceAll: enhanceAll, decode: decode };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () {
      enhanceAll(document);
    });
  } else {
    enhanceAll(document);
  }
})();
