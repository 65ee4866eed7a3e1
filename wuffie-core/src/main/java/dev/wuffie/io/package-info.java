/**
 * Readers for the plain-text files a site or a researcher already has: endorsement edge lists and
 * seed lists, plain or gzip-compressed.
 *
 * <p>Start with {@link dev.wuffie.io.EdgeListReader}. Every reader reports a malformed record as an
 * {@link dev.wuffie.io.InputFormatException} naming the file and line.
 */
package dev.wuffie.io;
