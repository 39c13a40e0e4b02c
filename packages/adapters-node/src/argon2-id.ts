import type { Algorithm } from '@node-rs/argon2'

// Algorithm is an ambient const enum, unreadable under isolatedModules; 2 is its Argon2id.
export const ARGON2ID = 2 as Algorithm
