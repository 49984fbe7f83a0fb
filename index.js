// n8n loads the nodes and credentials listed in package.json's "n8n" section;
// this entry only makes the package requireable.
module.exports = {};
