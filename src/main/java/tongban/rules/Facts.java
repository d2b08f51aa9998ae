package tongban.rules;

import java.time.LocalDate;
import java.util.List;
import tongban.rules.vocabulary.Applicant;
import tongban.rules.vocabulary.ECertificate;
import tongban.rules.vocabulary.Form;
import tongban.rules.vocabulary.Options;
import tongban.rules.vocabulary.Records;
import tongban.rules.vocabulary.Upload;

/** Everything one evaluation knows, already checked against the item (see {@link FactsReader}). */
public record Facts(
        LocalDate asOf,
        Applicant applicant,
        Form form,
        Records records,
        Options options,
        List<Upload> materials,
        List<ECertificate> certificates) {

    public Facts {
        materials = List.copyOf(materials);
        certificates = List.copyOf(certificates);
    }
}
