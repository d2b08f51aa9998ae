package tongban.rules;

/** Evaluate bodies shared by the HTTP tests. */
public final class EvaluateApiSamples {

    /** spec/items.md example 1: an adult with a verified identity registers a retail business. */
    public static final String EXAMPLE_1 = """
            { "asOf": "2026-11-27",
              "applicant": { "kind": "PERSON", "idNumber": "310101199001011234", "name": "张三",
                             "hukouRegion": "310101", "identityVerified": true },
              "form": { "businessScope": ["retail-general"], "premisesAddress": "上海市黄浦区南京东路1号" },
              "materials": [ { "code": "premises-proof", "mediaType": "application/pdf" } ],
              "options": { "delivery": "ONLINE" } }
            """;

    private EvaluateApiSamples() {
    }
}
