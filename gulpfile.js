// Copies what tsc does not emit into dist/: the icons (icons/, one copy for every node and
// credential) and the codex files next to the compiled nodes.
const { rm } = require('fs/promises');
const { src, dest } = require('gulp');

function buildIcons() {
	return src(['icons/*.{png,svg}', 'nodes/**/*.node.json'], {
		base: '.',
		encoding: false,
	}).pipe(dest('dist'));
}

// A build starts from an empty dist/, so nothing moved or deleted since is packed.
async function clean() {
	await rm('dist', { recursive: true, force: true });
}

exports.clean = clean;
exports['build:icons'] = buildIcons;
