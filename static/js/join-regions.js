// Progressive enhancement for the join form: show only the chosen region's PCNs and
// CCGs. Without this file the lists are grouped by region (one <optgroup> each) and
// the server checks that the PCN or CCG is in the region chosen.
const region = document.querySelector('select[name="region"]');
const lists = ["pcn", "ccg"]
  .map((name) => document.querySelector(`select[name="${name}"]`))
  .filter(Boolean);

function narrow() {
  const chosen = region.selectedIndex > 0 ? region.options[region.selectedIndex].text : null;
  for (const list of lists) {
    const selected = list.selectedOptions[0] || null;
    for (const group of list.querySelectorAll("optgroup")) {
      const shown = chosen === null || group.label === chosen;
      group.hidden = !shown;
      group.disabled = !shown;
      if (!shown && selected && group.contains(selected)) {
        list.value = "";
      }
    }
  }
}

if (region && lists.length) {
  region.addEventListener("change", narrow);
  narrow();
}
