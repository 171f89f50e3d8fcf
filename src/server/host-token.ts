/**
 * Host mode's access token, kept in the secret store: the address the agents saved keeps working
 * after a restart, until the owner replaces the token (Settings in the desktop app, `clientela
 * token rotate` on the command line). Replacing it is done on the computer itself, never over
 * host mode: no API method reaches it.
 */
import type { SecretStore } from '../channels/secrets';
import { newToken, tokenProblem } from './auth';

const KEY = 'host-mode';

/** The stored token, or null before host mode first ran. */
export async function storedHostToken(secrets: SecretStore): Promise<string | null> {
  return (await secrets.get(KEY))?.token ?? null;
}

/** The stored token; the first time, a fresh one is made and stored. */
export async function hostToken(secrets: SecretStore): Promise<string> {
  return (await storedHostToken(secrets)) ?? (await replaceHostToken(secrets));
}

/**
 * Stores a fresh random token, or `chosen` (`serve --token`), in place of the old one and
 * returns it; a chosen token too short to be safe is refused.
 */
export async function replaceHostToken(secrets: SecretStore, chosen?: string): Promise<string> {
  const token = chosen ?? newToken();
  const problem = tokenProblem(token);
  if (problem) throw new Error(problem);
  await secrets.set(KEY, { token });
  return token;
}
