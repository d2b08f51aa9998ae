package tongban.seal;

/**
 * Where the visible seal goes: a rectangle on a page, in PDF points (1/72 inch) from the page's lower-left corner.
 *
 * @param page   1-based page number
 * @param x      left edge
 * @param y      bottom edge
 * @param width  width, &gt; 0
 * @param height height, &gt; 0
 */
public record SealPosition(int page, float x, float y, float width, float height) {

    public SealPosition {
        if (page < 1 || !(width > 0) || !(height > 0) || !Float.isFinite(x) || !Float.isFinite(y)
                || !Float.isFinite(width) || !Float.isFinite(height)) {
            throw new InvalidSealRequestException("seal position must be on page >= 1 with a positive size");
        }
    }
}
