/**
 * 市民主页 (a person's page) and 企业专属网页 (an organisation's): an applicant's applications with their timelines, the
 * e-certificates and notices they produced, their tickets to the 12345 hotline, what the base libraries hold about
 * them as the data-sharing policy lets items read it (my data, never the negative list), and who read their data,
 * when and for what (the data access log). {@code /me} and {@code GET /api/v1/me}, {@code /api/v1/me/data-access}.
 */
package tongban.me;
