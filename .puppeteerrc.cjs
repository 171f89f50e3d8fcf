// whatsapp-web.js drives the user's own Chrome (found at run time), so puppeteer must never
// download a browser of its own: that download cannot work offline and is not needed.
module.exports = { skipDownload: true };
