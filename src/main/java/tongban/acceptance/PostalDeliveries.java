package tongban.acceptance;

import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tongban.platform.Json;
import tools.jackson.databind.JsonNode;

/** The applications whose applicant chose to receive the paper document by post (邮寄), for the carrier's parcel. */
@Component
public class PostalDeliveries {

    /**
     * An application with delivery POST: its owner, the district whose window serves it (and holds a parcel that
     * comes back; null when none could be told) and the address given, if any.
     */
    public record PostalRequest(UUID application, String username, String item, String district, String districtName,
                                Optional<PostalAddress> address) {
    }

    private final JdbcClient jdbc;

    PostalDeliveries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The application's postal request; empty if it does not exist or chose another delivery. */
    public Optional<PostalRequest> of(UUID application) {
        return jdbc.sql("select a.username, a.item, a.request::text, a.district, d.name from application a "
                        + "left join district d on d.code = a.district where a.id = ?")
                .param(application)
                .query((rs, n) -> {
                    JsonNode request = Json.read(rs.getString(3));
                    if (!"POST".equals(request.path("options").path("delivery").asString(""))) {
                        return Optional.<PostalRequest>empty();
                    }
                    JsonNode postal = request.path("postal");
                    Optional<PostalAddress> address = postal.isObject()
                            ? Optional.of(new PostalAddress(postal.path("recipient").asString().strip(),
                            postal.path("phone").asString().strip(), postal.path("address").asString().strip()))
                            : Optional.empty();
                    return Optional.of(new PostalRequest(application, rs.getString(1), rs.getString(2),
                            rs.getString(4), rs.getString(5), address));
                })
                .optional().flatMap(o -> o);
    }
}
