package org.lodestone.scenario;

/**
 * One number of a scenario with its provenance, as written.
 *
 * @param path       dotted path of the field ({@code producers.lynas.capacity.2024})
 * @param value      the value as written, with its unit
 * @param source     source id, or "" when none (then confidence is E or D, or it is a user input)
 * @param confidence H, M, L, D or E; "" for an uncited user input
 * @param method     how a D or E figure was made, or ""
 * @param file       file it was written in
 * @param line       line in that file
 */
public record Figure(String path, String value, String source, String confidence, String method,
    String file, int line) {
}
