/**
 * SHA-256 of a string's UTF-8 bytes, synchronous, so the pane, the command line and the worker
 * compute a template's fingerprint (fingerprint.ts) identically inside the synchronous check
 * (Web Crypto's digest is async only). @noble/hashes: audited, dependency-free, runs in every host.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

export function sha256Hex(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text)));
}
