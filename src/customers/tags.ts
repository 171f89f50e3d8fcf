import type { WritableDB } from '../db/access';
import type { Rows } from '../db/rows';
import type { TagCount } from '../api/types';

/** When two tag names are one tag: SQLite's NOCASE, which folds the letters A to Z only. */
export const tagKey = (name: string) => name.replace(/[A-Z]+/g, (letters) => letters.toLowerCase());

/**
 * The one module that writes the `tags` and `customer_tags` tables. Tags are shared names; a
 * customer's set is replaced as a whole.
 */
export function createTagStore(db: WritableDB) {
  const findTag = db.prepare<[string], Pick<Rows['tags'], 'id'>>(
    'SELECT id FROM tags WHERE name = ? COLLATE NOCASE',
  );
  const insertTag = db.prepare<[string]>('INSERT INTO tags (name) VALUES (?)');
  const clear = db.prepare<[number]>('DELETE FROM customer_tags WHERE customer_id = ?');
  const link = db.prepare<[number, number]>(
    'INSERT OR IGNORE INTO customer_tags (customer_id, tag_id) VALUES (?, ?)',
  );
  const copyAll = db.prepare<[number, number]>(
    `INSERT OR IGNORE INTO customer_tags (customer_id, tag_id)
     SELECT ?, tag_id FROM customer_tags WHERE customer_id = ?`,
  );
  const tagsOf = db.prepare<[number], { tagId: number }>(
    'SELECT tag_id AS tagId FROM customer_tags WHERE customer_id = ?',
  );
  const removeIfUnused = db.prepare<[number, number]>(
    'DELETE FROM tags WHERE id = ? AND NOT EXISTS (SELECT 1 FROM customer_tags WHERE tag_id = ?)',
  );
  const counts = db.prepare<[], TagCount>(
    `SELECT t.name, count(ct.customer_id) AS customers FROM tags t
     LEFT JOIN customer_tags ct ON ct.tag_id = t.id GROUP BY t.id HAVING customers > 0
     ORDER BY t.name COLLATE NOCASE`,
  );

  function tagId(name: string): number {
    return findTag.get(name)?.id ?? Number(insertTag.run(name).lastInsertRowid);
  }

  return {
    /** Replaces the customer's tags (call inside a transaction). */
    set(customerId: number, names: string[]): void {
      clear.run(customerId);
      for (const name of names) link.run(customerId, tagId(name.trim()));
    },
    /** Adds tags, keeping the ones the customer has. */
    add(customerId: number, names: string[]): void {
      for (const name of names) link.run(customerId, tagId(name.trim()));
    },
    /** Gives `targetId` every tag of `sourceId` too (a merge). */
    copyAll(targetId: number, sourceId: number): void {
      copyAll.run(targetId, sourceId);
    },
    /**
     * Takes every tag off the customer (an erasure), and deletes the tags nobody else carries:
     * a name given to one person alone may say something about them.
     */
    removeCustomer(customerId: number): void {
      const ids = tagsOf.all(customerId);
      clear.run(customerId);
      for (const { tagId } of ids) removeIfUnused.run(tagId, tagId);
    },
    /** Every tag in use, with how many customers carry it. */
    list: (): TagCount[] => counts.all(),
  };
}
