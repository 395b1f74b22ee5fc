// Renders the simulator's pictures as a user sees them and checks them: the SVG through
// rsvg-convert, the HTML page through headless Chromium, both to PNG. Each legend must lie
// inside the canvas (its box within the viewBox; in the page, within the window, with its
// labels inside its box) and the PNG's pixels there must not be background.
//
// usage: node check-pictures.mjs <retrylint_sim_cli_driver> <work dir>
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const [driver, workDir] = process.argv.slice(2);
let failures = 0;
const fail = (message) => { console.error(`FAIL: ${message}`); failures++; };
const check = (ok, message) => { if (!ok) fail(message); return ok; };

function which(tool) {
  try {
    return execFileSync('sh', ['-c', `command -v ${tool}`]).toString().trim();
  } catch {
    return '';
  }
}
const rsvg = which('rsvg-convert');
const chromium = which('chromium') || which('chromium-browser') || which('google-chrome');
if (!rsvg || !chromium) {
  console.error('render checks need rsvg-convert (librsvg2-bin) and chromium: run scripts/setup.sh');
  process.exit(1);
}
fs.rmSync(workDir, { recursive: true, force: true });
fs.mkdirSync(workDir, { recursive: true });
const work = (name) => path.join(workDir, name);

/// Decodes an 8-bit RGB or RGBA PNG (what rsvg-convert and Chromium write) to RGBA pixels.
function decodePng(file) {
  const data = fs.readFileSync(file);
  if (data.readUInt32BE(0) !== 0x89504e47) throw new Error(`${file} is not a PNG`);
  let offset = 8, width = 0, height = 0, colourType = 0;
  const idat = [];
  while (offset < data.length) {
    const length = data.readUInt32BE(offset);
    const type = data.toString('latin1', offset + 4, offset + 8);
    const body = data.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      if (body[8] !== 8 || body[12] !== 0) throw new Error(`${file}: not 8-bit non-interlaced`);
      colourType = body[9];
    } else if (type === 'IDAT') {
      idat.push(body);
    }
    offset += 12 + length;
  }
  const channels = { 2: 3, 6: 4 }[colourType];
  if (!channels) throw new Error(`${file}: colour type ${colourType}`);
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const pixels = Buffer.alloc(width * height * 4);
  const previous = Buffer.alloc(stride), current = Buffer.alloc(stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? current[i - channels] : 0, b = previous[i];
      const c = i >= channels ? previous[i - channels] : 0;
      let predictor = 0;
      if (filter === 1) predictor = a;
      else if (filter === 2) predictor = b;
      else if (filter === 3) predictor = (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c, pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
        predictor = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      current[i] = (line[i] + predictor) & 0xff;
    }
    for (let x = 0; x < width; x++) {
      const target = (y * width + x) * 4;
      for (let k = 0; k < 3; k++) pixels[target + k] = current[x * channels + k];
      pixels[target + 3] = channels === 4 ? current[x * channels + 3] : 255;
    }
    current.copy(previous);
  }
  return { width, height, pixels };
}

/// The share of pixels in the rectangle that differ from `background` (an [r, g, b] triple).
function inkShare(png, rect, background) {
  let ink = 0, total = 0;
  for (let y = Math.ceil(rect.y); y < Math.floor(rect.y + rect.height); y++)
    for (let x = Math.ceil(rect.x); x < Math.floor(rect.x + rect.width); x++) {
      if (x < 0 || y < 0 || x >= png.width || y >= png.height) continue;
      const i = (y * png.width + x) * 4;
      total++;
      if (png.pixels[i + 3] > 0 && background.some((v, k) => Math.abs(png.pixels[i + k] - v) > 24)) ink++;
    }
  return total ? ink / total : 0;
}

const attribute = (tag, name) => Number((tag.match(new RegExp(`\\s${name}="([^"]*)"`)) || [])[1]);

/// Checks one SVG file and its rsvg-convert rendering; `series` labels must be in its legends.
function checkSvg(name, svgFile, series) {
  const svg = fs.readFileSync(svgFile, 'utf8');
  const root = svg.match(/<svg[^>]*>/)[0];
  const [vx, vy, vw, vh] = root.match(/viewBox="([^"]*)"/)[1].split(' ').map(Number);
  const boxes = [...svg.matchAll(/<rect class="legend-box"[^>]*>/g)].map((m) => ({
    x: attribute(m[0], 'x'), y: attribute(m[0], 'y'),
    width: attribute(m[0], 'width'), height: attribute(m[0], 'height') }));
  check(boxes.length >= 2, `${name}: expected a legend per panel, found ${boxes.length}`);
  for (const box of boxes)
    check(box.x >= vx && box.y >= vy && box.x + box.width <= vx + vw && box.y + box.height <= vy + vh,
          `${name}: legend box ${JSON.stringify(box)} outside the viewBox ${vw}x${vh}`);
  for (const label of series)
    check(svg.includes(`>${label}`), `${name}: no legend entry '${label}'`);
  check(/stroke-dasharray="9 4"/.test(svg), `${name}: the second series has no dash pattern`);

  const png = work(`${name}.svg.png`);
  execFileSync(rsvg, ['-o', png, svgFile]);
  const image = decodePng(png);
  check(image.width === vw && image.height === vh,
        `${name}: rsvg-convert gave ${image.width}x${image.height}, the viewBox is ${vw}x${vh}`);
  for (const box of boxes) {
    const inner = { x: box.x + 2, y: box.y + 2, width: box.width - 4, height: box.height - 4 };
    const share = inkShare(image, inner, [255, 255, 255]);
    check(share > 0.02, `${name}: legend at ${JSON.stringify(box)} is blank in the PNG (${share})`);
    // Labels that overflowed their box would ink the panel background to its right.
    const right = { x: box.x + box.width + 2, y: box.y + 2, width: vw - box.x - box.width - 4, height: box.height - 4 };
    if (right.width > 2)
      check(inkShare(image, right, [250, 250, 250]) === 0, `${name}: a legend label spills out of its box`);
  }
  console.log(`ok: ${name}.svg ${image.width}x${image.height}, ${boxes.length} legends inside the canvas`);
}

const chromiumFlags = (profile) => [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-dev-shm-usage', '--hide-scrollbars', '--force-device-scale-factor=1',
  `--user-data-dir=${profile}`];

/// Measures the page in Chromium (a copy with a probe script), then screenshots it.
function checkHtml(name, htmlFile, windowWidth) {
  const probe = `<script>
    const rect = (r) => ({x: r.x + scrollX, y: r.y + scrollY, width: r.width, height: r.height});
    const legends = [...document.querySelectorAll('g.legend')].map((g) => ({
      box: rect(g.querySelector('rect.legend-box').getBoundingClientRect()),
      texts: [...g.querySelectorAll('text')].map((t) => rect(t.getBoundingClientRect()))}));
    const svg = document.querySelector('svg').getBoundingClientRect();
    const allTexts = [...document.querySelectorAll('svg text')].map((t) => ({
      text: t.textContent, ...rect(t.getBoundingClientRect())}));
    const out = document.createElement('pre');
    out.id = 'probe';
    out.textContent = JSON.stringify({legends, allTexts, svg: rect(svg), page: {
      width: document.documentElement.scrollWidth, height: document.documentElement.scrollHeight}});
    document.body.appendChild(out);
  </script>`;
  const probed = work(`${name}.probe.html`);
  fs.writeFileSync(probed, fs.readFileSync(htmlFile, 'utf8').replace('</body>', `${probe}</body>`));
  const dom = execFileSync(chromium, [...chromiumFlags(fs.mkdtempSync(work('profile-'))),
                                      `--window-size=${windowWidth},1200`, '--dump-dom',
                                      `file://${probed}`], { stdio: ['ignore', 'pipe', 'ignore'] }).toString();
  const measured = JSON.parse(dom.match(/<pre id="probe">([^<]*)<\/pre>/)[1].replace(/&quot;/g, '"'));
  check(measured.svg.x >= 0 && measured.svg.x + measured.svg.width <= windowWidth + 0.5,
        `${name}: the chart (${measured.svg.x}+${measured.svg.width}) is wider than the ${windowWidth}px window`);
  check(measured.legends.length >= 2, `${name}: expected a legend per panel`);
  for (const { box, texts } of measured.legends) {
    check(box.x >= 0 && box.x + box.width <= windowWidth, `${name}: legend outside the window`);
    for (const text of texts)
      check(text.x >= box.x - 0.5 && text.x + text.width <= box.x + box.width + 0.5 &&
            text.y >= box.y - 0.5 && text.y + text.height <= box.y + box.height + 0.5,
            `${name}: a legend label ${JSON.stringify(text)} is not inside its box ${JSON.stringify(box)}`);
  }
  // Every label (titles, ticks, axis labels) inside the chart: nothing cut off at its edge.
  for (const text of measured.allTexts)
    check(text.x >= measured.svg.x - 0.5 && text.x + text.width <= measured.svg.x + measured.svg.width + 0.5 &&
          text.y >= measured.svg.y - 0.5 && text.y + text.height <= measured.svg.y + measured.svg.height + 0.5,
          `${name}: '${text.text}' at ${JSON.stringify(text)} is cut off by the chart's edge`);
  const height = Math.ceil(measured.page.height);
  const png = work(`${name}.html.png`);
  execFileSync(chromium, [...chromiumFlags(fs.mkdtempSync(work('profile-'))),
                          `--window-size=${windowWidth},${height}`, `--screenshot=${png}`,
                          `file://${path.resolve(htmlFile)}`], { stdio: 'ignore' });
  const image = decodePng(png);
  check(image.width === windowWidth && image.height === height,
        `${name}: the screenshot is ${image.width}x${image.height}, expected ${windowWidth}x${height}`);
  for (const { box } of measured.legends) {
    const inner = { x: box.x + 2, y: box.y + 2, width: box.width - 4, height: box.height - 4 };
    const share = inkShare(image, inner, [255, 255, 255]);
    check(share > 0.02, `${name}: legend at ${JSON.stringify(box)} is blank in the screenshot (${share})`);
  }
  console.log(`ok: ${name}.html at ${windowWidth}px: ${image.width}x${image.height}, legends inside`);
}

function simulate(name, args) {
  execFileSync(driver, ['simulate', ...args, '--svg', work(`${name}.svg`), '--html', work(`${name}.html`)],
               { stdio: ['ignore', 'ignore', 'inherit'] });
}

// Incident 1 against each fix, with a long name for the fixed policy: the legend must wrap.
fs.writeFileSync(work('fixed.json'), JSON.stringify({
  name: 'inventory::CallWithRetry, as fixed in code (full jitter, capped budget)', attempts: 5,
  jitter: 'full', budget: { ratio: 0.1, max_tokens: 10 } }));
simulate('outage', ['--compare', '--fixed-policy', work('fixed.json'), '--clients', '2000',
                    '--outage', '5s', '--after', '3s']);
const outageSeries = ['as written', 'jitter only', 'budget only', 'all fixes',
                      'inventory::CallWithRetry, as fixed in code (full jitter, capped budget)'];
checkSvg('outage', work('outage.svg'), outageSeries);
const outageSvg = fs.readFileSync(work('outage.svg'), 'utf8');
check(outageSvg.includes('(log scale)'), 'outage: 105x spikes next to a 1.1x line need a log axis');
check(/Peak load \d+× → \d+(\.\d)?×/.test(outageSvg), 'outage: the title does not state the peak before and after');
check(outageSvg.includes('(s)') && outageSvg.includes('calls per 10ms'), 'outage: axis labels lack units');

simulate('breaker', ['--scenario=breaker', '--compare', '--clients', '200', '--outage', '6s',
                     '--ramp', '6s', '--after', '12s']);
checkSvg('breaker', work('breaker.svg'), ['as written', 'single probe', 'capacity of the dependency']);

simulate('contention', ['--scenario=contention', '--sweep', '10:70:20', '--runs', '3']);
checkSvg('contention', work('contention.svg'), ['no-backoff', 'exponential', 'full-jitter',
                                                'equal-jitter', 'decorrelated']);
const contentionSvg = fs.readFileSync(work('contention.svg'), 'utf8');
check(/<polygon/.test(contentionSvg) && /<circle/.test(contentionSvg),
      'contention: few-point series should carry markers so overlapping lines stay apart');

// A window narrower than the 960px chart: the page must scale it, legend included.
checkHtml('outage', work('outage.html'), 720);
checkHtml('breaker', work('breaker.html'), 1024);
checkHtml('contention', work('contention.html'), 1024);

if (failures) {
  console.error(`${failures} picture check(s) failed; the pictures are in ${workDir}`);
  process.exit(1);
}
