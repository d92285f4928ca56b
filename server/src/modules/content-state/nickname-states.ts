/**
 * How a nickname moves from submitted to shown: published at once when the check passes, else
 * kept pending beside the current one (checking: for the recheck job; held: for a moderator)
 * and either published or dropped. The current nickname stays until then.
 */
import type { Db } from '../../db/database';
import type { UserRow } from '../../db/schema';
import * as repo from './content-state.repository';
import type { TextOutcome } from './text-states';

export type NicknameSubmission = 'published' | 'held' | 'checking';

export function submitNickname(db: Db, userId: number, nickname: string, outcome: NicknameSubmission): Promise<UserRow> {
  if (outcome === 'published') return repo.setProfileState(db, userId, { nickname, pending_nickname: null, pending_nickname_status: null });
  return repo.setProfileState(db, userId, { pending_nickname: nickname, pending_nickname_status: outcome });
}

/** The recheck job's verdict on the nickname it checked; nothing changes if the user submitted another meanwhile. */
export async function applyNicknameRecheck(db: Db, userId: number, nickname: string, outcome: TextOutcome): Promise<void> {
  if (outcome === 'held') await repo.holdCheckingNickname(db, userId, nickname);
  else await repo.settlePendingNickname(db, userId, ['checking'], outcome === 'published', nickname);
}

/** A moderator publishes or drops the nickname waiting for a decision; false when none is waiting. */
export function decidePendingNickname(db: Db, userId: number, approve: boolean): Promise<boolean> {
  return repo.settlePendingNickname(db, userId, ['held', 'checking'], approve);
}
