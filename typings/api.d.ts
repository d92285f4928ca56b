/**
 * The API contract as types for the mini program. The schemas live in packages/contract and are
 * the one source of truth; this file re-exports every type they declare, so a new schema needs
 * no change here.
 */
export type * from '@wx-community-starter/contract';

/**
 * A page of a list. The contract's `Page` is a schema factory (a function), so its type is
 * declared here; this local declaration takes precedence over the re-exported name.
 */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
