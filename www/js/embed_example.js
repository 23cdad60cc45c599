// embed-example.html: the slider changes the first widget's `a` attribute, to show that a
// widget redraws when an attribute changes.

const widget = document.getElementById('example-retention');
const slider = document.getElementById('example-a');
const shown = document.getElementById('example-a-value');

slider.addEventListener('input', () => {
  widget.setAttribute('a', slider.value);
  shown.textContent = slider.value;
});
