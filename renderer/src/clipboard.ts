/** Copying to the clipboard from the app's pages. */

/** Copies text; without the clipboard API (plain http on the network) copies the selection. */
export async function copyText(text: string, element: HTMLElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const selection = window.getSelection();
    if (!element || !selection) return false;
    selection.selectAllChildren(element);
    return document.execCommand('copy');
  }
}
