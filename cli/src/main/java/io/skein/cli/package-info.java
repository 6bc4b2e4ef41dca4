/** Skein cli. */
package io.skein.cli;
