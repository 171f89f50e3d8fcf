/**
 * The desktop app's secret store: the core's file store, its contents encrypted with the
 * operating system's keychain through safeStorage (DPAPI on Windows, the Keychain on macOS,
 * libsecret or KWallet on Linux), in the user-data folder.
 */
import { safeStorage } from 'electron';
import { join } from 'node:path';
import { createFileSecretStore, type SecretStore } from '../src/channels/secrets';
import type { Logger } from './logger';

/** Opens the secret store; call after the app is ready (safeStorage needs it on Linux). */
export function createDesktopSecretStore(userData: string, log: Logger): SecretStore {
  if (!safeStorage.isEncryptionAvailable()) {
    // Without a keychain the secrets stay usable, in a file only this user can read.
    log.error(
      'no keychain available: channel secrets are kept in a file readable by this user only',
    );
    return createFileSecretStore(join(userData, 'secrets.json'));
  }
  if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text')
    log.info(
      'no desktop keyring: channel secrets are encrypted with a built-in key, file mode 0600',
    );
  return createFileSecretStore(join(userData, 'secrets.bin'), {
    encode: (text) => safeStorage.encryptString(text),
    decode: (bytes) => safeStorage.decryptString(bytes),
  });
}
