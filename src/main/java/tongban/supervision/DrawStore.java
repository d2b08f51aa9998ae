package tongban.supervision;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tongban.platform.Json;
import tongban.supervision.Supervision.Holder;
import tongban.supervision.Supervision.Inspector;
import tools.jackson.core.type.TypeReference;

/**
 * Draws and inspections in PostgreSQL, and the holders of a licence type as the e-certificate registry has them. Every
 * method is one statement or short transaction of its own.
 */
@Component
class DrawStore {

    record Row(UUID id, String createdBy, Instant publishedAt, String licenceType, String district, Integer sharePercent,
               Integer count, List<Holder> holders, String holdersSha256, List<Inspector> inspectors,
               String inspectorsSha256, String publicationSha256, String seedSource, String seedValue, String seedBy,
               Instant seededAt, String seed) {
    }

    record InspectionRow(UUID id, UUID drawId, int seq, UUID certificateId, String licenceNumber, String holderName,
                         List<String> inspectors, String outcome, String findings, LocalDate rectifyBy,
                         String legalBasis, String recordedBy, Instant recordedAt, UUID noticeId, String noticeNumber,
                         boolean noticeIssued, UUID orderId, String orderNumber, boolean orderIssued) {
    }

    /** A licence as the registry and the application that issued it have it: its item and its holder's identifier. */
    record Licence(String item, String holder, String issuer) {
    }

    private static final TypeReference<List<Holder>> HOLDERS = new TypeReference<>() {
    };
    private static final TypeReference<List<Inspector>> INSPECTORS = new TypeReference<>() {
    };
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    /** An inspection, and whether its reserved documents are registered (issued) yet. */
    private static final String INSPECTION = "select s.*, exists (select 1 from archive_certificate c where c.id = s.notice_id)"
            + " as notice_issued, exists (select 1 from archive_certificate c where c.id = s.order_id) as order_issued"
            + " from supervision_inspection s";

    private final JdbcClient jdbc;
    private final org.springframework.transaction.support.TransactionTemplate transaction;

    DrawStore(JdbcClient jdbc, org.springframework.transaction.PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.transaction = new org.springframework.transaction.support.TransactionTemplate(transactions);
    }

    /**
     * The VALID, unexpired licences of a type that an application issued (a document no application claims is no
     * licence anyone holds), with the business's name: the {@code businessName} of the registration that issued the
     * licence or, for a licence that follows a registration (a food licence), of the holder's valid business licence.
     */
    List<Holder> validHolders(String licenceType) {
        return jdbc.sql("""
                        select c.id, c.number, coalesce(own.request -> 'form' ->> 'businessName',
                            (select r.request -> 'form' ->> 'businessName' from application r
                               join archive_certificate b on b.id = r.certificate_id
                              where b.holder = c.holder and b.type = 'business-licence' and b.status = 'VALID'
                                and r.request -> 'form' ->> 'businessName' is not null
                              order by r.created_at desc limit 1)) as name
                          from archive_certificate c join application own on own.certificate_id = c.id
                         where c.type = ? and c.status = 'VALID' and (c.valid_until is null or c.valid_until > now())""")
                .param(licenceType)
                .query((rs, n) -> new Holder(rs.getString("number"), rs.getString("name"), (UUID) rs.getObject("id")))
                .list();
    }

    void insert(Row draw) {
        jdbc.sql("insert into supervision_draw (id, created_by, published_at, licence_type, district, share_percent,"
                        + " selection_count, holders, holders_sha256, inspectors, inspectors_sha256, publication_sha256)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?::jsonb, ?, ?)")
                .params(draw.id(), draw.createdBy(), Timestamp.from(draw.publishedAt()), draw.licenceType(), draw.district(),
                        draw.sharePercent(), draw.count(), Json.write(draw.holders()), draw.holdersSha256(),
                        Json.write(draw.inspectors()), draw.inspectorsSha256(), draw.publicationSha256())
                .update();
    }

    Optional<Row> find(UUID id) {
        return jdbc.sql("select * from supervision_draw where id = ?").param(id).query(DrawStore::row).optional();
    }

    /** The newest draws first. */
    List<Row> list(int limit) {
        return jdbc.sql("select * from supervision_draw order by published_at desc limit ?").param(limit)
                .query(DrawStore::row).list();
    }

    /**
     * Fixes the seed and creates the inspections in one transaction, only if no seed is fixed yet; false if another
     * request fixed it first.
     */
    boolean seed(UUID id, String source, String value, String by, Instant at, String seed, List<InspectionRow> inspections) {
        return Boolean.TRUE.equals(transaction.execute(status -> {
            int updated = jdbc.sql("update supervision_draw set seed_source = ?, seed_value = ?, seed_by = ?, seeded_at = ?,"
                            + " seed = ? where id = ? and seed is null")
                    .params(source, value, by, Timestamp.from(at), seed, id).update();
            if (updated == 0) {
                return false;
            }
            for (InspectionRow i : inspections) {
                jdbc.sql("insert into supervision_inspection (id, draw_id, seq, certificate_id, licence_number,"
                                + " holder_name, inspectors) values (?, ?, ?, ?, ?, ?, ?::jsonb)")
                        .params(i.id(), i.drawId(), i.seq(), i.certificateId(), i.licenceNumber(), i.holderName(),
                                Json.write(i.inspectors()))
                        .update();
            }
            return true;
        }));
    }

    List<InspectionRow> inspections(UUID drawId) {
        return jdbc.sql(INSPECTION + " where draw_id = ? order by seq").param(drawId)
                .query(DrawStore::inspection).list();
    }

    Optional<InspectionRow> inspection(UUID id) {
        return jdbc.sql(INSPECTION + " where id = ?").param(id).query(DrawStore::inspection)
                .optional();
    }

    /** The item that issued a licence and its holder; empty for a document no application issued. */
    Optional<Licence> licence(UUID certificateId) {
        return jdbc.sql("select a.item, c.holder, c.issuer from archive_certificate c "
                        + "join application a on a.certificate_id = c.id where c.id = ?")
                .param(certificateId).query((rs, n) -> new Licence(rs.getString(1), rs.getString(2), rs.getString(3)))
                .optional();
    }

    /**
     * Reserves (commits) the id and number of an inspection's notice or order unless one is reserved already, and
     * returns the inspection as it is now: the reservation that stands.
     */
    InspectionRow reserve(UUID inspectionId, InspectionDocuments.Document document, UUID id, String number) {
        String column = document.column();
        jdbc.sql("update supervision_inspection set " + column + "_id = ?, " + column + "_number = ? where id = ? and "
                        + column + "_id is null")
                .params(id, number, inspectionId).update();
        return inspection(inspectionId).orElseThrow();
    }

    /** Records a result once; false if one was recorded first. */
    boolean record(UUID id, String outcome, String findings, LocalDate rectifyBy, String legalBasis, String by, Instant at) {
        return jdbc.sql("update supervision_inspection set outcome = ?, findings = ?, rectify_by = ?, legal_basis = ?,"
                        + " recorded_by = ?, recorded_at = ? where id = ? and outcome is null")
                .params(outcome, findings, rectifyBy, legalBasis, by, Timestamp.from(at), id).update() == 1;
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        return new Row((UUID) rs.getObject("id"), rs.getString("created_by"), instant(rs, "published_at"),
                rs.getString("licence_type"), rs.getString("district"), (Integer) rs.getObject("share_percent"),
                (Integer) rs.getObject("selection_count"), Json.MAPPER.readValue(rs.getString("holders"), HOLDERS),
                rs.getString("holders_sha256"), Json.MAPPER.readValue(rs.getString("inspectors"), INSPECTORS),
                rs.getString("inspectors_sha256"), rs.getString("publication_sha256"), rs.getString("seed_source"),
                rs.getString("seed_value"), rs.getString("seed_by"), instant(rs, "seeded_at"), rs.getString("seed"));
    }

    private static InspectionRow inspection(ResultSet rs, int n) throws SQLException {
        java.sql.Date rectify = rs.getDate("rectify_by");
        return new InspectionRow((UUID) rs.getObject("id"), (UUID) rs.getObject("draw_id"), rs.getInt("seq"),
                (UUID) rs.getObject("certificate_id"), rs.getString("licence_number"), rs.getString("holder_name"),
                Json.MAPPER.readValue(rs.getString("inspectors"), STRINGS), rs.getString("outcome"),
                rs.getString("findings"), rectify == null ? null : rectify.toLocalDate(), rs.getString("legal_basis"),
                rs.getString("recorded_by"), instant(rs, "recorded_at"), (UUID) rs.getObject("notice_id"),
                rs.getString("notice_number"), rs.getBoolean("notice_issued"), (UUID) rs.getObject("order_id"),
                rs.getString("order_number"), rs.getBoolean("order_issued"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
