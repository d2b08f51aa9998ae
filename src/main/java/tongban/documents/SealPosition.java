package tongban.documents;

/**
 * The rectangle a template reserves for the visible seal (电子印章), in PDF points (1/72 inch) from the
 * lower-left corner of the page, as a PDF signature appearance expects it.
 *
 * @param page   1-based page number
 * @param x      left edge
 * @param y      bottom edge
 * @param width  width
 * @param height height
 */
public record SealPosition(int page, float x, float y, float width, float height) {
}
