/**
 * For tests, loaded into a `clientela` process with `--import`: on SIGUSR2 a promise is rejected
 * with nobody to catch it, as a library's unawaited handler does (whatsapp-web.js re-injecting
 * itself into a browser that was closed).
 */
process.on('SIGUSR2', () => {
  void Promise.reject(new Error('stray rejection from a channel library'));
});
