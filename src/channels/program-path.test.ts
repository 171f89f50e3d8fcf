import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempCore, type TestCore } from '../testing/fixtures';
import { programInBundle, programPathProblem, programPathShapeProblem } from './program-path';

describe('a program path', () => {
  it('is refused when it names another computer, in any of the forms Windows accepts', () => {
    for (const path of [
      '\\\\fileserver\\share\\chrome.exe',
      '//fileserver/share/chrome.exe',
      '\\\\?\\UNC\\fileserver\\share\\chrome.exe',
      '\\\\.\\pipe\\x',
      '/\\fileserver\\share\\chrome.exe',
    ]) {
      expect(programPathShapeProblem(path, 'win32'), path).toBe('onNetwork');
      expect(programPathShapeProblem(path, 'linux'), path).toBe('onNetwork');
    }
  });

  it('is refused when it is not a full path: relative, or on Windows without its drive', () => {
    expect(programPathShapeProblem('chrome.exe', 'win32')).toBe('notFullPath');
    expect(programPathShapeProblem('C:chrome.exe', 'win32')).toBe('notFullPath');
    expect(programPathShapeProblem('\\Program Files\\chrome.exe', 'win32')).toBe('notFullPath');
    expect(programPathShapeProblem('./x.sh', 'linux')).toBe('notFullPath');
    expect(programPathShapeProblem('bin/chrome', 'darwin')).toBe('notFullPath');
    expect(programPathShapeProblem('file:///usr/bin/chromium', 'linux')).toBe('notFullPath');
  });

  it('is taken when it is a full path on this computer', () => {
    const chrome = 'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe';
    expect(programPathShapeProblem(chrome, 'win32')).toBeNull();
    expect(programPathShapeProblem('D:/Portable/chrome.exe', 'win32')).toBeNull();
    expect(programPathShapeProblem('/usr/bin/chromium', 'linux')).toBeNull();
  });

  it('picked as a macOS application is the program inside it', () => {
    expect(programInBundle('/Applications/Google Chrome.app', 'darwin')).toBe(
      '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    );
    expect(programInBundle('/Applications/Brave Browser.app/', 'darwin')).toBe(
      '/Applications/Brave Browser.app/Contents/MacOS/Brave Browser',
    );
    expect(programInBundle('/usr/bin/chromium', 'linux')).toBe('/usr/bin/chromium');
  });

  describe('on the disk', () => {
    let core: TestCore;
    afterEach(() => core.dispose());

    it('must be a file that is there, not a folder', () => {
      core = tempCore();
      const program = join(core.dir, 'chrome');
      writeFileSync(program, '#!/bin/sh\n');
      chmodSync(program, 0o755);
      mkdirSync(join(core.dir, 'folder'));
      expect(programPathProblem(program)).toBeNull();
      expect(programPathProblem(join(core.dir, 'folder'))).toBe('missing');
      expect(programPathProblem(join(core.dir, 'nothing'))).toBe('missing');
    });
  });
});
