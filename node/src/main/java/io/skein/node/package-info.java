/** Skein node. */
package io.skein.node;
