/**
 * Skein's cryptography: Ed25519 keys (BouncyCastle's low-level RFC 8032 code), {@link
 * io.skein.crypto.NodeId} = SHA-256(public key), domain-separated signing through {@link
 * io.skein.crypto.Signer} and {@link io.skein.crypto.Verifier}, key files and signed {@link
 * io.skein.crypto.PeerRecord}s.
 */
package io.skein.crypto;
