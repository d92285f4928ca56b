/** SQL for boards: few rows, read whole. */
import type { Db } from '../../db/database';

export function listBoards(db: Db) {
  return db.selectFrom('boards').selectAll().orderBy('sort_order').orderBy('id').execute();
}

export function findBoard(db: Db, id: number) {
  return db.selectFrom('boards').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findBoardBySlug(db: Db, slug: string) {
  return db.selectFrom('boards').selectAll().where('slug', '=', slug).executeTakeFirst();
}

export async function insertBoard(
  db: Db,
  values: { slug: string; name: string; description: string; sortOrder: number; staffOnly?: boolean },
): Promise<number> {
  const row = await db
    .insertInto('boards')
    .values({
      slug: values.slug,
      name: values.name,
      description: values.description,
      sort_order: values.sortOrder,
      staff_only: values.staffOnly ? 1 : 0,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
