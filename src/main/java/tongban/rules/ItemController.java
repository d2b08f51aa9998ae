package tongban.rules;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** The public service catalogue, each item's guide, and the what-if evaluation (looks nothing up, stores nothing). */
@RestController
@RequestMapping("/api/v1/items")
class ItemController {

    private final RulePacks packs;

    ItemController(RulePacks packs) {
        this.packs = packs;
    }

    @GetMapping
    List<ServiceItem> catalogue() {
        return packs.items();
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
