package tongban.platform;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * A page of a list (分页): {@code ?page=} (from 0) and {@code ?size=} (1 to {@value #MAX_SIZE}, {@value #DEFAULT_SIZE}
 * unless given). A list answers a JSON array of the page's entries with the total in {@code X-Total-Count} and the
 * neighbouring pages in a {@code Link} header (RFC 8288, {@code rel="next"}/{@code "prev"}), so a client that reads
 * only the array keeps working. Out of range: 400 {@code INVALID_PAGE} naming the parameter.
 */
public record Paging(int page, int size) {

    public static final int MAX_SIZE = 100;
    public static final int DEFAULT_SIZE = 20;

    public static Paging of(String page, String size) {
        int p = number(page, 0, "page", Integer.MAX_VALUE / MAX_SIZE);
        int s = number(size, DEFAULT_SIZE, "size", MAX_SIZE);
        if (s < 1) {
            throw invalid("size");
        }
        return new Paging(p, s);
    }

    /** A page's number from a page's query (a link, not an API): one out of range or not a number is the first. */
    public static int pageOrFirst(String page) {
        try {
            return number(page, 0, "page", Integer.MAX_VALUE / MAX_SIZE);
        } catch (ApiProblem e) {
            return 0;
        }
    }

    private static int number(String value, int fallback, String name, int max) {
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value);
            if (n < 0 || n > max) {
                throw invalid(name);
            }
            return n;
        } catch (NumberFormatException e) {
            throw invalid(name);
        }
    }

    private static ApiProblem invalid(String name) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, "INVALID_PAGE", "page is a number from 0, size from 1 to "
                + MAX_SIZE, name, List.of());
    }

    public long offset() {
        return (long) page * size;
    }

    /** The page of {@code total} entries as the response: the array, {@code X-Total-Count} and {@code Link}. */
    public <T> ResponseEntity<List<T>> response(List<T> entries, long total, UriComponentsBuilder self) {
        StringBuilder link = new StringBuilder();
        if (offset() + entries.size() < total) {
            link.append('<').append(self.cloneBuilder().replaceQueryParam("page", page + 1)
                    .replaceQueryParam("size", size).build().toUriString()).append(">; rel=\"next\"");
        }
        if (page > 0) {
            link.append(link.isEmpty() ? "" : ", ").append('<').append(self.cloneBuilder()
                    .replaceQueryParam("page", page - 1).replaceQueryParam("size", size).build().toUriString())
                    .append(">; rel=\"prev\"");
        }
        ResponseEntity.BodyBuilder answer = ResponseEntity.ok().header("X-Total-Count", Long.toString(total));
        if (!link.isEmpty()) {
            answer.header("Link", link.toString());
        }
        return answer.body(entries);
    }

    /** The entries of this page of an in-memory list. */
    public <T> List<T> of(List<T> all) {
        int from = (int) Math.min(offset(), all.size());
        return all.subList(from, Math.min(all.size(), from + size));
    }
}
