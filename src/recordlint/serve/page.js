// recordlint serve: checks the note as it is typed, underlines findings in place and
// applies safe fixes. Talks only to the server that sent it (relative addresses under the
// per-run token); stores nothing in the browser.
"use strict";

(function () {
  const DEBOUNCE_MS = 250;
  const SEVERITY_RANK = { error: 3, warning: 2, info: 1 };
  const $ = (id) => document.getElementById(id);
  const note = $("note");
  const backdrop = $("backdrop");
  const tip = $("tip");
  const atCaret = $("at-caret");
  const list = $("findings");
  const status = $("status");
  const applyAll = $("apply-all");
  let timer = 0;
  let sequence = 0;
  let controller = null;
  let last = { text: null, findings: [], fixes: [] };
  let tipOwner = null;  // "hover" or "focus": what showed the tip, and may hide it

  function request(path, text) {
    if (controller) controller.abort();
    controller = new AbortController();
    const body = JSON.stringify({ text: text, child: $("child").value, type: $("note-type").value });
    return fetch(path, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: body,
      cache: "no-store",
      credentials: "omit",
      signal: controller.signal,
    }).then((response) =>
      response.json().then((data) => {
        if (!response.ok) throw new Error(data.error || response.statusText);
        return data;
      })
    );
  }

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(check, DEBOUNCE_MS);
  }

  function check() {
    clearTimeout(timer);
    const text = note.value;
    const mine = ++sequence;
    if (!text.trim()) {
      show(text, { findings: [], fixes: [], score: null, grade: null, words: 0 });
      return Promise.resolve();
    }
    status.textContent = "Checking…";
    return request("api/check", text)
      .then((data) => {
        if (mine !== sequence || note.value !== text) return;
        status.textContent = "";
        show(text, data);
      })
      .catch((error) => {
        if (error.name === "AbortError") return;
        status.textContent = "Could not check: " + error.message;
      });
  }

  // -- showing the results ---------------------------------------------------------------

  function fixFor(finding, fixes) {
    return fixes.find((f) => f.rule === finding.rule && f.start <= finding.start && finding.end <= f.end);
  }

  function show(text, data) {
    last = { text: text, findings: data.findings, fixes: data.fixes };
    data.findings.forEach((f, i) => { f.index = i; f.fix = fixFor(f, data.fixes); });
    renderMarks(text, data.findings);
    renderList(data.findings);
    $("score").textContent = data.score === null || data.score === undefined ? "–" : data.score + "/100";
    $("grade").textContent = data.grade === null || data.grade === undefined
      ? (data.words ? "– (from " + (data.grade_min_words || 50) + " words)" : "–")
      : data.grade.toFixed(1);
    $("words").textContent = String(data.words || 0);
    applyAll.disabled = data.fixes.length === 0;
    applyAll.textContent = data.fixes.length
      ? "Apply all safe fixes (" + data.fixes.length + ")"
      : "Apply all safe fixes";
    hideTip();
    describeCaret();
  }

  function renderMarks(text, findings) {
    const cuts = new Set([0, text.length]);
    findings.forEach((f) => { cuts.add(f.start); cuts.add(Math.max(f.end, f.start + 1)); });
    const points = Array.from(cuts).filter((p) => p <= text.length).sort((a, b) => a - b);
    const fragment = document.createDocumentFragment();
    for (let k = 0; k + 1 < points.length; k++) {
      const from = points[k];
      const to = points[k + 1];
      const piece = text.slice(from, to);
      const covering = findings.filter((f) => f.start <= from && to <= Math.max(f.end, f.start + 1));
      if (!covering.length) {
        fragment.appendChild(document.createTextNode(piece));
        continue;
      }
      const mark = document.createElement("mark");
      const worst = covering.reduce((a, b) => (SEVERITY_RANK[b.severity] > SEVERITY_RANK[a.severity] ? b : a));
      mark.className = worst.severity;
      mark.dataset.findings = covering.map((f) => f.index).join(" ");
      mark.textContent = piece;
      fragment.appendChild(mark);
    }
    fragment.appendChild(document.createTextNode("\u200b"));  // keeps a final line break's height
    backdrop.replaceChildren(fragment);
    fitHeight();
  }

  function renderList(findings) {
    $("count").textContent = findings.length === 0
      ? (note.value.trim() ? "No problems found" : "No findings yet")
      : findings.length + (findings.length === 1 ? " finding" : " findings");
    const items = findings.map((f) => {
      const item = document.createElement("li");
      item.className = "finding " + f.severity;
      item.tabIndex = 0;
      item.dataset.index = String(f.index);
      const excerpt = document.createElement("span");
      excerpt.className = "excerpt";
      excerpt.textContent = "“" + last.text.slice(f.start, f.end) + "” ";
      const message = document.createElement("span");
      message.textContent = f.message;
      const hint = document.createElement("span");
      hint.className = "hint";
      hint.textContent = f.hint;
      const meta = document.createElement("span");
      meta.className = "meta";
      meta.textContent = " " + f.severity + " · " + f.category + " · " + f.rule + " " + f.name;
      item.append(excerpt, message, meta, hint);
      if (f.fix) {
        const button = document.createElement("button");
        button.type = "button";
        button.className = "secondary apply";
        button.textContent = "Apply: “" + f.fix.new + "”";
        button.setAttribute("aria-label", "Apply the safe fix: " + f.fix.old + " becomes " + f.fix.new);
        button.addEventListener("click", (event) => { event.stopPropagation(); applyOne(f.fix); });
        item.appendChild(button);
      }
      item.addEventListener("focus", () => focusFinding(f, item));
      item.addEventListener("blur", () => { hideTip(); highlight([]); });
      item.addEventListener("mouseenter", () => highlight([f.index]));
      item.addEventListener("mouseleave", () => highlight([]));
      item.addEventListener("click", () => selectFinding(f));
      return item;
    });
    list.replaceChildren(...items);
  }

  function fitHeight() {
    note.style.height = "auto";
    note.style.height = Math.max(note.scrollHeight, backdrop.scrollHeight) + "px";
  }

  // -- hints on hover and on keyboard focus -----------------------------------------------

  function marksOf(indexes) {
    return Array.from(backdrop.querySelectorAll("mark")).filter((m) =>
      m.dataset.findings.split(" ").some((i) => indexes.includes(Number(i)))
    );
  }

  function highlight(indexes) {
    backdrop.querySelectorAll("mark.current").forEach((m) => m.classList.remove("current"));
    marksOf(indexes).forEach((m) => m.classList.add("current"));
  }

  function showTip(findings, rect, owner) {
    tipOwner = owner;
    tip.replaceChildren();
    findings.forEach((f) => {
      const block = document.createElement("div");
      const message = document.createElement("span");
      message.className = "message";
      message.textContent = f.message;
      const hint = document.createElement("span");
      hint.className = "hint";
      hint.textContent = "Hint: " + f.hint;
      block.append(message, hint);
      tip.appendChild(block);
    });
    tip.hidden = false;
    const width = tip.offsetWidth;
    const left = Math.max(4, Math.min(rect.left, window.innerWidth - width - 4));
    const below = rect.bottom + 6;
    const top = below + tip.offsetHeight > window.innerHeight ? Math.max(4, rect.top - tip.offsetHeight - 6) : below;
    tip.style.left = left + "px";
    tip.style.top = top + "px";
  }

  function hideTip(owner) {
    if (owner && tipOwner !== owner) return;
    tip.hidden = true;
    tipOwner = null;
  }

  function findingsAtPoint(x, y) {
    for (const mark of backdrop.querySelectorAll("mark")) {
      for (const rect of mark.getClientRects()) {
        if (x >= rect.left && x <= rect.right && y >= rect.top && y <= rect.bottom) {
          return { mark: mark, rect: rect };
        }
      }
    }
    return null;
  }

  function indexesOf(mark) {
    return mark.dataset.findings.split(" ").map(Number);
  }

  note.addEventListener("mousemove", (event) => {
    if (note.value !== last.text) return;
    const hit = findingsAtPoint(event.clientX, event.clientY);
    if (!hit) { if (tipOwner === "hover") { hideTip(); highlight([]); } return; }
    const indexes = indexesOf(hit.mark);
    highlight(indexes);
    showTip(indexes.map((i) => last.findings[i]), hit.rect, "hover");
  });
  note.addEventListener("mouseleave", () => { if (tipOwner === "hover") { hideTip(); highlight([]); } });
  window.addEventListener("scroll", () => hideTip("hover"), { passive: true });

  function describeCaret() {
    if (note.value !== last.text || document.activeElement !== note) {
      atCaret.textContent = "";
      return;
    }
    const at = note.selectionStart;
    const here = last.findings.filter((f) => f.start <= at && at <= f.end);
    if (!here.length) {
      atCaret.textContent = "";
      hideTip();
      highlight([]);
      return;
    }
    atCaret.textContent = here.map((f) => f.message + " Hint: " + f.hint).join(" ");
    highlight(here.map((f) => f.index));
    const marks = marksOf(here.map((f) => f.index));
    if (marks.length) showTip(here, marks[0].getClientRects()[0] || marks[0].getBoundingClientRect(), "focus");
  }

  document.addEventListener("selectionchange", () => {
    if (document.activeElement === note) describeCaret();
  });
  note.addEventListener("blur", () => { atCaret.textContent = ""; hideTip(); highlight([]); });

  function focusFinding(finding, item) {
    highlight([finding.index]);
    const marks = marksOf([finding.index]);
    const rect = marks.length ? marks[0].getClientRects()[0] || marks[0].getBoundingClientRect() : item.getBoundingClientRect();
    showTip([finding], marks.length ? rect : item.getBoundingClientRect(), "focus");
  }

  function selectFinding(finding) {
    note.focus();
    note.setSelectionRange(finding.start, finding.end);
  }

  // -- changing the text -------------------------------------------------------------------

  function replaceRange(start, end, text) {
    note.focus();
    note.setSelectionRange(start, end);
    // insertText keeps the browser's undo history (Ctrl+Z undoes the fix)
    if (!document.execCommand || !document.execCommand("insertText", false, text)) {
      note.setRangeText(text, start, end, "end");
    }
  }

  function applyOne(fix) {
    if (note.value !== last.text) { check(); return; }
    replaceRange(fix.start, fix.end, fix.new);
    status.textContent = "Applied: “" + fix.old + "” → “" + fix.new + "”";
    check();
  }

  applyAll.addEventListener("click", () => {
    const text = note.value;
    applyAll.disabled = true;
    request("api/fix", text)
      .then((data) => {
        if (note.value !== text) return;
        if (data.text !== text) replaceRange(0, text.length, data.text);
        status.textContent = data.applied === 1 ? "Applied 1 safe fix" : "Applied " + data.applied + " safe fixes";
        return check();
      })
      .catch((error) => {
        if (error.name !== "AbortError") status.textContent = "Could not fix: " + error.message;
      });
  });

  $("copy").addEventListener("click", () => {
    const done = () => { status.textContent = "Copied the note"; };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(note.value).then(done, () => copyBySelection(done));
    } else {
      copyBySelection(done);
    }
  });

  function copyBySelection(done) {
    note.focus();
    note.select();
    if (document.execCommand("copy")) done();
    else status.textContent = "Select the text and copy it (Ctrl+C)";
  }

  // Until the new check arrives, keep the underlines on their words: those before the edit
  // stay, those after it move with the text, those it touched are dropped.
  function shifted(before, after, findings) {
    let head = 0;
    const shortest = Math.min(before.length, after.length);
    while (head < shortest && before[head] === after[head]) head++;
    let tail = 0;
    while (tail < shortest - head && before[before.length - 1 - tail] === after[after.length - 1 - tail]) tail++;
    const changedEnd = before.length - tail;
    const delta = after.length - before.length;
    const kept = [];
    findings.forEach((f) => {
      if (f.end <= head) kept.push(f);
      else if (f.start >= changedEnd) kept.push(Object.assign({}, f, { start: f.start + delta, end: f.end + delta }));
    });
    return kept;
  }

  note.addEventListener("input", () => {
    fitHeight();
    if (last.text !== null && note.value !== last.text) {
      renderMarks(note.value, shifted(last.text, note.value, last.findings));
      hideTip();
    }
    schedule();
  });
  $("child").addEventListener("input", schedule);
  $("note-type").addEventListener("change", check);
  window.addEventListener("resize", fitHeight);
  fitHeight();
})();
