/**
 * What account deletion asks of the forum: remove everything a user wrote, keeping the other
 * threads' comment counts right. Takes the caller's transaction, so it commits with the rest
 * of the deletion.
 */
import type { Db } from '../../db/database';
import { recountComments } from '../content-state';
import { deleteCommentsByAuthor } from './comments.repository';
import { deletePostsByAuthor } from './posts.repository';

export async function deleteContentOf(db: Db, authorId: number): Promise<void> {
  const touchedPosts = await deleteCommentsByAuthor(db, authorId);
  await deletePostsByAuthor(db, authorId);
  await recountComments(db, touchedPosts);
}
