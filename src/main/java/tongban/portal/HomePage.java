package tongban.portal;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tongban.rules.RulePacks;
import tongban.rules.ServiceItem;
import tongban.web.Lang;
import tongban.web.PageController;

/**
 * The one door (一个总门户): the catalogue searched by name (either language, or the item's code), department and
 * theme, one page of results at a time, grouped by theme and department; beside it every theme and department with
 * its number of items, to browse by. A GET form: every search is a link.
 */
@PageController
class HomePage {

    static final int PAGE_SIZE = 20;

    private final RulePacks packs;

    HomePage(RulePacks packs) {
        this.packs = packs;
    }

    /** An item as a result line. */
    record Entry(String code, String name, String department, String theme) {
    }

    /** One theme's results on this page, by department. */
    record Group(String theme, Map<String, List<Entry>> departments) {
    }

    /** A theme or department to browse by, with how many items it holds. */
    record Facet(String code, String name, long count) {
    }

    @GetMapping("/")
    String home(@RequestParam(defaultValue = "") String q, @RequestParam(defaultValue = "") String department,
                @RequestParam(defaultValue = "") String theme, @RequestParam(defaultValue = "1") String page,
                HttpServletRequest request, Model model) {
        Lang lang = PageTexts.lang(request);
        List<ServiceItem> all = packs.items();
        String query = q.strip().toLowerCase(Locale.ROOT);
        List<Entry> found = all.stream()
                .filter(i -> department.isEmpty() || i.department().id().equals(department))
                .filter(i -> theme.isEmpty() || themeCode(i).equals(theme))
                .filter(i -> query.isEmpty() || matches(i, query))
                .map(i -> new Entry(i.code(), PageTexts.of(i.name(), lang), PageTexts.of(i.department().name(), lang),
                        i.theme() == null ? null : PageTexts.of(i.theme().name(), lang)))
                .sorted(Comparator.comparing((Entry e) -> e.theme() == null ? "\uffff" : e.theme())
                        .thenComparing(Entry::department).thenComparing(Entry::name))
                .toList();
        int pages = Math.max(1, (found.size() + PAGE_SIZE - 1) / PAGE_SIZE);
        int current = Math.min(pages, Math.max(1, parse(page)));
        List<Entry> shown = found.subList((current - 1) * PAGE_SIZE, Math.min(found.size(), current * PAGE_SIZE));
        Map<String, Group> groups = new LinkedHashMap<>();
        for (Entry e : shown) {
            String key = e.theme() == null ? "" : e.theme();
            groups.computeIfAbsent(key, k -> new Group(k, new LinkedHashMap<>()))
                    .departments().computeIfAbsent(e.department(), d -> new ArrayList<>()).add(e);
        }
        model.addAttribute("q", q);
        model.addAttribute("department", department);
        model.addAttribute("theme", theme);
        model.addAttribute("total", found.size());
        model.addAttribute("groups", groups.values());
        model.addAttribute("page", current);
        model.addAttribute("pages", pages);
        model.addAttribute("themes", facets(all, HomePage::themeCode, i -> i.theme() == null ? null
                : PageTexts.of(i.theme().name(), lang)));
        model.addAttribute("departments", facets(all, i -> i.department().id(),
                i -> PageTexts.of(i.department().name(), lang)));
        return "portal/home";
    }

    private static String themeCode(ServiceItem item) {
        return item.theme() == null ? "" : item.theme().code();
    }

    private static boolean matches(ServiceItem item, String query) {
        return contains(item.name().zh(), query) || contains(item.name().en(), query) || contains(item.code(), query)
                || contains(item.itemCode(), query) || contains(item.department().name().zh(), query)
                || contains(item.department().name().en(), query)
                || item.theme() != null && (contains(item.theme().name().zh(), query) || contains(item.theme().name().en(), query));
    }

    private static boolean contains(String text, String query) {
        return text != null && text.toLowerCase(Locale.ROOT).contains(query);
    }

    private static int parse(String page) {
        try {
            return Integer.parseInt(page.strip());
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private static List<Facet> facets(List<ServiceItem> items, java.util.function.Function<ServiceItem, String> code,
                                      java.util.function.Function<ServiceItem, String> name) {
        Map<String, String> names = new TreeMap<>();
        Map<String, Long> counts = new TreeMap<>();
        for (ServiceItem i : items) {
            String c = code.apply(i);
            if (!c.isEmpty()) {
                names.putIfAbsent(c, name.apply(i));
                counts.merge(c, 1L, Long::sum);
            }
        }
        return names.entrySet().stream().map(e -> new Facet(e.getKey(), e.getValue(), counts.get(e.getKey())))
                .sorted(Comparator.comparing(Facet::name)).toList();
    }
}
