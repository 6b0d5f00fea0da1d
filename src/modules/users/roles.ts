// Roles live in common/auth so dealers can use them without importing users (no users ⇄ dealers cycle).
export * from '../../common/auth/roles.js';
