package tongban.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data-sharing policy file is checked when read: nothing on the negative list is ever granted. */
class DataSharingPolicyTests {

    @TempDir
    Path dir;

    @Test
    void theShippedPolicyIsValidAndGrantsEachItemOnlyWhatItNeeds() {
        DataSharingPolicy policy = DataSharingPolicy.read(Path.of("rules/data-sharing.yaml"));
        assertThat(policy.negativeList()).contains("ethnicity", "address");
        assertThat(policy.grantOf("residence-permit").records()).contains("residenceRegistrationMonths", "photoOnFile");
        assertThat(policy.grantOf("individual-business-registration").records()).isEmpty();
        assertThat(policy.grantOf("food-business-licence").certificates()).contains("business-licence");
        assertThat(policy.grantOf("no-such-item").applicant()).isEmpty();
    }

    @Test
    void grantingANegativelyListedFieldMakesThePolicyInvalid() throws Exception {
        Path file = write("""
                negativeList: [ethnicity]
                items:
                  residence-permit:
                    basis: 《居住证暂行条例》第八条
                    source: 国务院令第663号
                    applicant: [name, ethnicity]
                """);
        assertThatThrownBy(() -> DataSharingPolicy.read(file)).hasMessageContaining("'ethnicity' is on the negative list");
    }

    @Test
    void anUnknownFieldOrAGrantWithoutBasisMakesThePolicyInvalid() throws Exception {
        Path file = write("""
                negativeList: []
                items:
                  residence-permit:
                    applicant: [name, shoeSize]
                """);
        assertThatThrownBy(() -> DataSharingPolicy.read(file))
                .hasMessageContaining("unknown field 'shoeSize'").hasMessageContaining("legal basis");
    }

    @Test
    void anUnknownKeyIsReportedAtItsLine() throws Exception {
        Path file = write("""
                negativeList: []
                items:
                  residence-permit:
                    basis: 《居住证暂行条例》第九条
                    source: 国务院令第663号
                    recrods: [stableResidence]
                """);
        assertThatThrownBy(() -> DataSharingPolicy.read(file))
                .hasMessageContaining(file + ":6:5: items.residence-permit: unknown key 'recrods'");
    }

    @Test
    void aGrantWithoutSourceOrArticleIsRefused() throws Exception {
        Path file = write("""
                negativeList: []
                items:
                  residence-permit:
                    basis: 《居住证暂行条例》
                    applicant: [name]
                """);
        assertThatThrownBy(() -> DataSharingPolicy.read(file))
                .hasMessageContaining("a law and its article").hasMessageContaining("where its basis was read");
    }

    @Test
    void theShippedGrantsCiteAnArticleAndASource() {
        DataSharingPolicy policy = DataSharingPolicy.read(Path.of("rules/data-sharing.yaml"));
        assertThat(policy.items().values()).allSatisfy(g -> assertThat(g.basis()).matches("《.+》.*第.+条.*"));
    }

    private Path write(String yaml) throws Exception {
        Path file = dir.resolve("data-sharing.yaml");
        Files.writeString(file, yaml);
        return file;
    }
}
