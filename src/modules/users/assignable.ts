/**
 * Who may take a ticket: an active user of the ticket's dealer, or one who serves every
 * dealer. One rule for the ticket's assignment, the bulk assignment and the lists that offer them.
 */
export function mayTake(user: { active: boolean; dealerId: string | null }, dealerId: string): boolean {
  return user.active && (user.dealerId === null || user.dealerId === dealerId);
}

/** The users who may take every one of these tickets (by their dealers): the bulk-assign list. */
export function mayTakeAll<U extends { active: boolean; dealerId: string | null }>(users: readonly U[], dealerIds: Iterable<string>): U[] {
  const dealers = [...new Set(dealerIds)];
  return users.filter((u) => dealers.every((d) => mayTake(u, d)) && u.active);
}
