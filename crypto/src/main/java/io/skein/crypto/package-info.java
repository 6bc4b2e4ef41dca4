/**
 * Skein's cryptography: Ed25519 keys (BouncyCastle's low-level RFC 8032 code), {@link
 * io.skein.crypto.NodeId} = SHA-256(public key), domain-separated signing through {@link
 * io.skein.crypto.Signer} and {@link io.skein.crypto.Verifier}, {@link io.skein.crypto.KeyFile key
 * files}, signed {@link io.skein.crypto.PeerRecord}s and the optional S/Kademlia {@link
 * io.skein.crypto.StaticPuzzle}.
 */
package io.skein.crypto;
