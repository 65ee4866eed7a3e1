/**
 * Readers for the plain-text files a site or a researcher already has: endorsement edge lists and
 * seed lists, plain or gzip-compressed.
 *
 * <p>Start with {@link dev.wuffie.io.EdgeListReader}: it reads an edge list into a graph, or into
 * {@link dev.wuffie.io.EdgeRecord}s for a caller that turns them into events. The grammar itself,
 * the five columns by name, the separators, the header and the time forms, lives in {@link
 * dev.wuffie.io.EdgeListFormat}, which the command line, wuffie-spark and SQL inputs share; {@link
 * dev.wuffie.io.Gzip} recognises compressed input. Every reader reports a malformed record as an
 * {@link dev.wuffie.io.InputFormatException} naming the file and line.
 */
package dev.wuffie.io;
