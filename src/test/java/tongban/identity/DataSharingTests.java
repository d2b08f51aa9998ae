package tongban.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Reads of the base libraries on PostgreSQL: only what the item may read reaches it, and every read is logged. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DataSharingTests {

    @Autowired
    DataSharing sharing;
    @Autowired
    JdbcClient jdbc;

    @Test
    void anItemReadsOnlyTheFieldsItsGrantNamesAndTheReadIsLogged() {
        Subject lisi = sharing.subjectOf("lisi").orElseThrow();
        long before = logged("residence-permit");
        SharedData forPermit = sharing.read(lisi, "residence-permit", "test");
        assertThat(forPermit.records()).containsEntry("residenceRegistrationMonths", 8L)
                .containsEntry("socialInsuranceMonthsLast12", 7L).containsKey("residenceAddress");
        assertThat(logged("residence-permit")).isEqualTo(before + 1);
        String fields = jdbc.sql("select array_to_string(fields, ',') from data_access_log where item = ? order by id desc limit 1")
                .param("residence-permit").query(String.class).single();
        assertThat(fields).contains("records.residenceRegistrationMonths").doesNotContain("ethnicity", "address,");

        SharedData forBusiness = sharing.read(lisi, "individual-business-registration", "test");
        assertThat(forBusiness.records()).isEmpty();
    }

    @Test
    void staffLoginsActForNobody() {
        assertThat(sharing.subjectOf("policy")).isEmpty();
        assertThat(sharing.subjectOf("acme")).get().extracting(Subject::kind).isEqualTo(SubjectKind.ORGANISATION);
    }

    @Test
    void aSubjectPrintsMasked() {
        assertThat(sharing.subjectOf("zhangsan").orElseThrow().toString()).doesNotContain("310101199001011234")
                .contains("3101**********1234");
    }

    private long logged(String item) {
        return jdbc.sql("select count(*) from data_access_log where item = ?").param(item).query(Long.class).single();
    }
}
