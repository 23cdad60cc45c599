// Selecting an engine default in a <select> whose options are written in the page.

/**
 * Selects `value`, adding it as an option when the page does not list it, so a default
 * changed in the engine is shown as it is rather than silently replaced by another choice.
 * @param {HTMLSelectElement} select
 * @param {number} value
 * @param {(value: number) => string} label How to show an added option.
 */
export function selectValue(select, value, label) {
  const text = String(value);
  if (![...select.options].some((option) => option.value === text)) {
    const option = new Option(label(value), text);
    const after = [...select.options].find((existing) => Number(existing.value) > value);
    select.add(option, after ?? null);
  }
  select.value = text;
}
