/** Path of better-sqlite3 built for this Electron version, building it the first time. */
export function electronSqliteBinding(electronVersion: string): string;
