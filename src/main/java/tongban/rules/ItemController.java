package tongban.rules;

import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tongban.platform.ApiProblem;
import tools.jackson.databind.JsonNode;

/** The public service catalogue, each item's guide, and the what-if evaluation (looks nothing up, stores nothing). */
@RestController
@RequestMapping("/api/v1/items")
class ItemController {

    private static final int MAX_QUERY = 100;
    private static final int MAX_LIMIT = 1000;

    private final RulePacks packs;

    ItemController(RulePacks packs) {
        this.packs = packs;
    }

    /**
     * The catalogue, or the part of it whose code, item code or name holds {@code q} (any case), from {@code offset},
     * at most {@code limit} items: a city's thousands of items are searched and paged, not sent whole to a phone.
     */
    @GetMapping
    List<ServiceItem> catalogue(@RequestParam(required = false) String q, @RequestParam(required = false) Integer limit,
                                @RequestParam(defaultValue = "0") int offset) {
        if (q != null && q.length() > MAX_QUERY) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "INVALID_QUERY", "q is at most " + MAX_QUERY + " characters",
                    "q", List.of());
        }
        if (limit != null && (limit < 1 || limit > MAX_LIMIT)) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "INVALID_QUERY", "limit is 1 to " + MAX_LIMIT, "limit", List.of());
        }
        if (offset < 0) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "INVALID_QUERY", "offset is 0 or more", "offset", List.of());
        }
        String needle = q == null ? "" : q.strip().toLowerCase(Locale.ROOT);
        return packs.items().stream().filter(item -> needle.isEmpty() || matches(item, needle)).skip(offset)
                .limit(limit == null ? Long.MAX_VALUE : limit).toList();
    }

    private static boolean matches(ServiceItem item, String needle) {
        return item.code().contains(needle) || (item.itemCode() != null && item.itemCode().contains(needle))
                || item.name().zh().contains(needle)
                || (item.name().en() != null && item.name().en().toLowerCase(Locale.ROOT).contains(needle));
    }

    @GetMapping("/{item}")
    ServiceGuide guide(@PathVariable String item) {
        return packs.guide(item);
    }

    @PostMapping(path = "/{item}/evaluate", consumes = "application/json")
    Decision evaluate(@PathVariable String item, @RequestBody JsonNode facts) {
        return packs.evaluate(item, facts);
    }
}
