package tongban.documents;

/**
 * A rendered, unsealed notice (告知文书).
 *
 * @param kind  which notice it is
 * @param title its title as printed, such as 补正材料一次性告知书
 * @param pdf   the PDF/A-3b file
 * @param pages its number of pages (the seal is on the last one)
 * @param seal  where the template wants the department's visible seal
 */
public record NoticeDocument(NoticeKind kind, String title, byte[] pdf, int pages, SealPosition seal) {

    public NoticeDocument {
        pdf = pdf.clone();
    }

    @Override
    public byte[] pdf() {
        return pdf.clone();
    }
}
