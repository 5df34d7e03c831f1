// The self-assessment page (checker/self-assessment.md): a form built from the catalog data the
// page carries, the levels computed as mlops_standards.assess computes them, the answers kept in
// localStorage, and exports of a .mlops-standards.toml and a Markdown summary. Nothing is fetched.
(function () {
  "use strict";

  // ---- The rules, as in mlops_standards/assess.py (a browser test compares the two). ----

  // Statuses that count as met on the checklist, and those that show the practice.
  const MET = new Set(["passed", "attested", "waived", "not-applicable"]);
  const SHOWN = new Set(["passed", "attested"]);
  const KINDS = { batch: ["batch"], "real-time": ["real-time"], both: ["batch", "real-time"] };

  // Whether a requirement counts on `today` (YYYY-MM-DD): not retired, and not a preview any more.
  function counts(requirement, today) {
    return !requirement.retired && (!requirement.counts_from || requirement.counts_from <= today);
  }

  // The highest level whose capability rule the shown, counted requirements meet.
  function capabilityLevel(data, statuses, today) {
    const counted = new Set(data.requirements.filter((r) => counts(r, today)).map((r) => r.id));
    const shown = new Set([...counted].filter((id) => SHOWN.has(statuses[id])));
    let level = 0;
    for (const entry of data.levels.slice(1)) {
      const all = entry.all.filter((id) => counted.has(id));
      const any = entry.any.filter((id) => counted.has(id));
      if (all.every((id) => shown.has(id)) && (any.length === 0 || any.some((id) => shown.has(id)))) {
        level = entry.level;
      }
    }
    return level;
  }

  // The highest level L such that every counted requirement of level <= L is met.
  function certifiedLevel(data, statuses, today) {
    let level = 0;
    for (const candidate of [1, 2, 3, 4]) {
      const due = data.requirements.filter((r) => r.level <= candidate && counts(r, today));
      if (due.every((r) => MET.has(statuses[r.id]))) level = candidate;
      else break;
    }
    return level;
  }

  // ---- Answers -> statuses: what the checker would report if the answers were its findings. ----

  function applies(requirement, profile) {
    return requirement.applies_to === "all" || (KINDS[profile] || []).includes(requirement.applies_to);
  }

  function statusOf(requirement, answer, profile) {
    if (requirement.retired) return "retired";
    if (!applies(requirement, profile)) return "not-applicable";
    if (answer && answer.state === "waived") return "waived";
    if (answer && answer.state === "met") return requirement.method === "manual" ? "attested" : "passed";
    return requirement.method === "manual" ? "to-confirm" : "failed";
  }

  function statuses(data, state) {
    const found = {};
    for (const r of data.requirements) found[r.id] = statusOf(r, state.answers[r.id], state.profile);
    return found;
  }

  function localToday() {
    const now = new Date();
    const pad = (n) => String(n).padStart(2, "0");
    return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  }

  // ---- Exports ----

  function tomlString(text) {
    // A JSON string is a valid TOML basic string for everything JSON.stringify escapes.
    return JSON.stringify(text);
  }

  // The configuration the checker reads: manual requirements attested with their evidence,
  // waivers with their reason. Automated requirements are the checker's to decide.
  function exportToml(data, state, today) {
    const attest = [], waive = [];
    for (const r of data.requirements) {
      const answer = state.answers[r.id];
      if (r.retired || !answer || !applies(r, state.profile)) continue;
      const text = (answer.evidence || "").trim();
      if (answer.state === "waived" && text) waive.push(`${r.id} = ${tomlString(text)}`);
      if (answer.state === "met" && r.method === "manual" && text) attest.push(`${r.id} = ${tomlString(text)}`);
    }
    const lines = [`# .mlops-standards.toml, exported from the self-assessment on ${today}.`];
    if (state.product.trim()) lines.push(`product = ${tomlString(state.product.trim())}`);
    lines.push(`profile = ${tomlString(state.profile)}`);
    if (attest.length) lines.push("", "[attest] # a repository path that exists, or a URL", ...attest);
    if (waive.length) lines.push("", "[waive] # every report shows the reason", ...waive);
    return lines.join("\n") + "\n";
  }

  function exportMarkdown(data, state, today) {
    const found = statuses(data, state);
    const level = capabilityLevel(data, found, today);
    const certified = certifiedLevel(data, found, today);
    const name = state.product.trim() || "the product";
    const words = { passed: "met", attested: "met", waived: "waived", "not-applicable": "not applicable",
                    failed: "not yet", "to-confirm": "not yet" };
    const cell = (text) => String(text).replace(/\|/g, "\\|").replace(/\n/g, " ");
    const lines = [
      `# Self-assessment of ${name}`,
      "",
      `On ${today}, against the MLOps standards v${data.version}` +
        (data.tailored_by ? ` tailored by ${data.tailored_by}` : "") + ` (profile: ${state.profile}):`,
      "",
      `- **Level ${level} · ${data.levels[level].name}**: ${data.levels[level].summary}`,
      `- **Certified level ${certified}**: every requirement up to it met or waived.`,
      "",
      "| ID | Requirement | Level | Answer | Evidence or reason |",
      "|---|---|---|---|---|",
    ];
    for (const r of data.requirements) {
      if (found[r.id] === "retired") continue;
      const answer = state.answers[r.id] || {};
      lines.push(`| ${r.id} | ${cell(r.title)} | ${r.level} | ${words[found[r.id]]} | ${cell(answer.evidence || "")} |`);
    }
    return lines.join("\n") + "\n";
  }

  function download(name, text, type) {
    const link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([text], { type }));
    link.download = name;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  }

  // ---- The form ----

  function element(tag, attributes = {}, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attributes)) {
      if (key === "text") node.textContent = value;
      else node.setAttribute(key, value);
    }
    node.append(...children);
    return node;
  }

  function load(key) {
    try {
      const saved = JSON.parse(localStorage.getItem(key) || "{}");
      return { profile: saved.profile || "batch", product: saved.product || "", answers: saved.answers || {} };
    } catch (error) {
      return { profile: "batch", product: "", answers: {} };
    }
  }

  function build(root, data) {
    const key = root.dataset.storageKey;
    const state = load(key);
    const today = localToday();
    const save = () => localStorage.setItem(key, JSON.stringify(state));

    const level = element("output", { class: "mlops-sa-level", "aria-live": "polite" });
    const next = element("p", { class: "mlops-sa-next" });
    const product = element("input", { type: "text", id: "mlops-sa-product", placeholder: "demand-forecast",
                                       autocomplete: "off" });
    product.value = state.product;
    product.addEventListener("input", () => { state.product = product.value; save(); });
    const profile = element("select", { id: "mlops-sa-profile" });
    for (const [value, text] of [["batch", "Batch"], ["real-time", "Real-time"], ["both", "Batch and real-time"]]) {
      profile.append(element("option", { value, text }));
    }
    profile.value = state.profile;
    const toml = element("button", { type: "button", class: "md-button md-button--primary", id: "mlops-sa-toml",
                                     text: "Export .mlops-standards.toml" });
    const markdown = element("button", { type: "button", class: "md-button", id: "mlops-sa-markdown",
                                         text: "Export a Markdown summary" });
    const reset = element("button", { type: "button", class: "md-button", id: "mlops-sa-reset", text: "Start again" });
    toml.addEventListener("click", () => download(".mlops-standards.toml", exportToml(data, state, today), "application/toml"));
    markdown.addEventListener("click", () => download("self-assessment.md", exportMarkdown(data, state, today), "text/markdown"));
    // The level stays in sight while the list scrolls; the fields and exports stay here.
    const bar = element("div", { class: "mlops-sa-panel" }, level, next);
    const controls = element("div", { class: "mlops-sa-controls" },
      element("div", { class: "mlops-sa-fields" },
        element("label", { for: "mlops-sa-product", text: "Product " }), product,
        element("label", { for: "mlops-sa-profile", text: " Profile " }), profile),
      element("div", { class: "mlops-sa-actions" }, toml, markdown, reset));
    root.replaceChildren(controls, bar);

    const rows = {};
    for (const area of data.areas) {
      const list = element("ol", { class: "mlops-sa-list" });
      for (const r of data.requirements.filter((x) => x.area === area.prefix && !x.retired)) {
        rows[r.id] = row(r, list);
      }
      root.append(element("h2", { id: `self-assessment-${area.prefix.toLowerCase()}`, text: area.name }), list);
    }

    function row(r, list) {
      const answer = state.answers[r.id] || { state: "open", evidence: "" };
      const item = element("li", { class: "mlops-sa-item", id: `sa-${r.id.toLowerCase()}`, "data-id": r.id });
      const choices = element("span", { class: "mlops-sa-choices", role: "radiogroup", "aria-label": `${r.id} answer` });
      for (const [value, text] of [["open", "Not yet"], ["met", "Met"], ["waived", "Waived"]]) {
        const input = element("input", { type: "radio", name: `sa-${r.id}`, value, id: `sa-${r.id}-${value}` });
        input.checked = answer.state === value;
        input.addEventListener("change", () => {
          state.answers[r.id] = { ...(state.answers[r.id] || { evidence: "" }), state: value };
          save(); update();
        });
        choices.append(input, element("label", { for: `sa-${r.id}-${value}`, text }));
      }
      const evidence = element("input", { type: "text", class: "mlops-sa-evidence", id: `sa-${r.id}-evidence`,
                                          "aria-label": `${r.id} evidence or reason`, autocomplete: "off" });
      evidence.value = answer.evidence || "";
      evidence.addEventListener("input", () => {
        state.answers[r.id] = { ...(state.answers[r.id] || { state: "open" }), evidence: evidence.value };
        save(); update();
      });
      const note = element("span", { class: "mlops-sa-note" });
      const title = element("a", { href: r.standard }, element("b", { text: r.id }), ` ${r.title}`);
      const meta = element("span", { class: "mlops-sa-meta", text: `level ${r.level} · ${r.method}` +
        (r.applies_to === "all" ? "" : ` · ${r.applies_to} only`) +
        (r.counts_from ? ` · preview, counts from ${r.counts_from}` : "") });
      item.append(element("div", { class: "mlops-sa-title" }, title, meta),
                  element("div", { class: "mlops-sa-answer" }, choices, evidence, note));
      list.append(item);
      return { item, evidence, note };
    }

    function update() {
      const found = statuses(data, state);
      const at = capabilityLevel(data, found, today);
      const certified = certifiedLevel(data, found, today);
      level.replaceChildren(
        element("span", { class: `mlops-sa-chip mlops-sa-chip--${at}`, text: String(at) }),
        element("span", { "data-level": String(at), text: ` Level ${at} · ${data.levels[at].name}` }),
        element("span", { class: "mlops-sa-certified", "data-certified": String(certified),
                          text: ` · certified level ${certified}` }));
      const following = data.levels[at + 1];
      if (following) {
        const all = following.all.filter((id) => !SHOWN.has(found[id]));
        const any = following.any.some((id) => SHOWN.has(found[id])) ? [] : following.any;
        const needs = [...all, ...(any.length ? [`one of ${any.join(" or ")}`] : [])];
        next.textContent = `Next, level ${following.level} · ${following.name}: ` +
          (needs.length ? `show ${needs.join(", ")}.` : "its capability is shown; meet the rest of its checklist.");
      } else next.textContent = "This is the top level.";
      for (const r of data.requirements) {
        if (!rows[r.id]) continue;
        const { item, evidence, note } = rows[r.id];
        const answer = state.answers[r.id] || {};
        item.dataset.status = found[r.id];
        const waived = answer.state === "waived";
        evidence.placeholder = waived ? "the reason (required)" : r.method === "manual"
          ? "a path in the repository or an https:// URL" : "where it is (optional: the checker finds it)";
        note.textContent = found[r.id] === "not-applicable" ? `not for ${state.profile} products`
          : waived && !(answer.evidence || "").trim() ? "a waiver needs a reason to be exported"
          : answer.state === "met" && r.method === "manual" && !(answer.evidence || "").trim()
            ? "add the evidence to export it as an attestation" : "";
      }
    }

    profile.addEventListener("change", () => { state.profile = profile.value; save(); update(); });
    reset.addEventListener("click", () => {
      localStorage.removeItem(key);
      build(root, data);
    });
    update();
  }

  function start() {
    const root = document.querySelector(".mlops-self-assessment");
    const source = document.getElementById("mlops-self-assessment-data");
    if (root && source) build(root, JSON.parse(source.textContent));
  }

  window.MlopsSelfAssessment = { capabilityLevel, certifiedLevel, statusOf, exportToml, exportMarkdown };
  // Material's instant navigation swaps pages without reloading: start again on each one.
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(start);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
