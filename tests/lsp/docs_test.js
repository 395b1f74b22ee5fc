// The editor settings have two homes, editors/README.md (beside the files) and docs/ide.md
// (the user's page): every fenced block of the first must appear, verbatim, in the second.
// usage: node docs_test.js <source root>
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const root = process.argv[2];
const readme = fs.readFileSync(path.join(root, 'editors', 'README.md'), 'utf8');
const page = fs.readFileSync(path.join(root, 'docs', 'ide.md'), 'utf8');
const blocks = [...readme.matchAll(/^```[^\n]*\n([\s\S]*?)^```$/gm)].map((m) => m[1]);
const missing = blocks.filter((b) => !page.includes(b));
for (const b of missing)
  console.error('docs/ide.md lacks this block of editors/README.md:\n' + b);
if (blocks.length === 0 || missing.length) process.exit(1);
console.log(`ok: the ${blocks.length} settings blocks of editors/README.md are in docs/ide.md`);
