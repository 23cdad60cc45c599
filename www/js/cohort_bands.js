// The bands of the Simulate view's cohort chart, painted pixel by pixel.
//
// A simulation of 180 periods has 181 cohorts. As canvas paths (one filled polygon per band)
// they cost 7 ms of raster per slider step in Chromium's software canvas, and antialiased
// neighbouring fills leave pale seams that need a stroke each to hide. Here each column of
// the plot is cut into the bands at that point of the timeline and written into an ImageData:
// every pixel once, about 1 ms at 181 cohorts, with no seams.

/** Stops of the cohort ramp, oldest cohort first; style.css draws the same ramp as a key. */
const COHORT_RAMP = [
  { hue: 224, saturation: 64, lightness: 24 },
  { hue: 200, saturation: 70, lightness: 48 },
  { hue: 176, saturation: 60, lightness: 78 },
];

/** [red, green, blue] in 0..255 of a colour given as hue in degrees, saturation, lightness. */
function hslToRgb(hue, saturation, lightness) {
  const s = saturation / 100;
  const l = lightness / 100;
  const chroma = s * Math.min(l, 1 - l);
  const channel = (offset) => {
    const k = (offset + hue / 30) % 12;
    return Math.round(255 * (l - chroma * Math.max(-1, Math.min(k - 3, 9 - k, 1))));
  };
  return [channel(0), channel(8), channel(4)];
}

/**
 * Colours of `count` cohorts on a ramp from dark (oldest) to light (newest): `css` for the
 * tooltip and the key, `pixel` an opaque RGBA value for a Uint32Array over ImageData bytes.
 */
export function cohortPalette(count) {
  // ImageData bytes are R, G, B, A; read as one 32-bit number they are in the machine's order.
  const littleEndian = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
  return Array.from({ length: count }, (_, index) => {
    const position = count > 1 ? index / (count - 1) : 0;
    const segment = Math.min(Math.floor(position * 2), 1);
    const local = position * 2 - segment;
    const from = COHORT_RAMP[segment];
    const to = COHORT_RAMP[segment + 1];
    const mix = (key) => from[key] + (to[key] - from[key]) * local;
    const [red, green, blue] = hslToRgb(mix('hue'), mix('saturation'), mix('lightness'));
    const pixel = littleEndian
      ? ((255 << 24) | (blue << 16) | (green << 8) | red) >>> 0
      : ((red << 24) | (green << 16) | (blue << 8) | 255) >>> 0;
    return { css: `rgb(${red} ${green} ${blue})`, pixel };
  });
}

/**
 * Users of cohorts 0..cohort in `period`, from the running totals of a simulation: cohort k
 * in period p has the users of age p - k, so cohorts 0..k have those of ages p - k..p.
 */
export function stackTop(activeUsers, cohort, period) {
  if (cohort < 0) return 0;
  if (cohort >= period) return activeUsers[period];
  return activeUsers[period] - activeUsers[period - cohort - 1];
}

/**
 * A painter of stacked cohort bands into a chart's plot area, below its datasets. Between
 * two periods each band's edges are straight lines, as a line chart draws them.
 */
export function createBandPainter() {
  const buffer = document.createElement('canvas');
  const bufferContext = buffer.getContext('2d');
  let image = null;

  return function paint(chart, activeUsers, palette) {
    const { ctx, chartArea: area, scales } = chart;
    const size = activeUsers.length;
    const ratio = chart.currentDevicePixelRatio;
    const width = Math.round(area.width * ratio);
    const height = Math.round(area.height * ratio);
    if (size < 2 || width <= 0 || height <= 0) return;
    if (!image || image.width !== width || image.height !== height) {
      image = new ImageData(width, height);
      buffer.width = width;
      buffer.height = height;
    }
    const pixels = new Uint32Array(image.data.buffer);
    pixels.fill(0);

    // Both axes are linear: a period or a number of users maps to a pixel by an offset and a
    // factor. Rows count down from the top of the plot area.
    const x0 = scales.x.getPixelForValue(0);
    const periodsPerPixel = 1 / (ratio * (scales.x.getPixelForValue(1) - x0));
    const rowOfZero = (scales.y.getPixelForValue(0) - area.top) * ratio;
    const span = scales.y.max - scales.y.min;
    const rowsPerUser = span > 0
      ? (scales.y.getPixelForValue(scales.y.max) - scales.y.getPixelForValue(scales.y.min))
        * ratio / span
      : 0;
    const rowOf = (users) => Math.min(Math.max(Math.round(rowOfZero + rowsPerUser * users), 0),
      height);

    for (let column = 0; column < width; column += 1) {
      // The period at the middle of this column of pixels.
      const at = (area.left + (column + 0.5) / ratio - x0) * periodsPerPixel * ratio;
      if (at < 0 || at > size - 1) continue;
      const before = Math.min(Math.floor(at), size - 2);
      const weight = at - before;
      let bottom = rowOf(0);

      // Cohorts started after `before + 1` have no users yet.
      for (let cohort = 0; cohort <= before + 1; cohort += 1) {
        const users = (1 - weight) * stackTop(activeUsers, cohort, before)
          + weight * stackTop(activeUsers, cohort, before + 1);
        const top = rowOf(users);
        const colour = palette[cohort].pixel;
        for (let row = top; row < bottom; row += 1) pixels[row * width + column] = colour;
        bottom = Math.min(bottom, top);
      }
    }

    // Through a canvas and drawImage rather than putImageData, which would also replace the
    // grid lines under the plot where no band is.
    bufferContext.putImageData(image, 0, 0);
    ctx.drawImage(buffer, area.left, area.top, area.width, area.height);
  };
}
