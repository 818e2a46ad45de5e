package org.lodestone.scenario;

/**
 * A citable source of dataset figures.
 *
 * @param id        identifier used by {@code source:} fields
 * @param title     title of the publication or page
 * @param publisher publisher or author
 * @param year      publication year, 0 when unknown
 * @param url       address, or ""
 * @param via       how it was reached (e.g. "as reported by secondary source"), or ""
 */
public record Source(String id, String title, String publisher, int year, String url, String via) {
}
