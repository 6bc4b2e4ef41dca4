/** Skein testnet. */
package io.skein.testnet;
