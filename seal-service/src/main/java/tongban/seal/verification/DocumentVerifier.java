package tongban.seal.verification;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tongban.seal.SealEntry;
import tongban.seal.VerificationReport;
import tongban.seal.VerificationReport.Checks;
import tongban.seal.VerificationReport.DocumentSummary;
import tongban.seal.VerificationReport.Etsi;
import tongban.seal.VerificationReport.IntegrityCheck;
import tongban.seal.VerificationReport.IssuerCheck;
import tongban.seal.VerificationReport.Result;
import tongban.seal.VerificationReport.SignatureSummary;
import tongban.seal.VerificationReport.StatusCheck;
import tongban.seal.VerificationReport.TimestampCheck;
import tongban.seal.VerificationReport.Verdict;
import tongban.seal.verification.PdfObjects.Dict;
import tongban.seal.verification.PdfObjects.Ref;
import tongban.seal.verification.PdfObjects.Str;
import tongban.seal.verification.PdfObjects.Stream;

/**
 * The strict verification core (验证核心): trusts bytes, not viewers. For every signature it checks the ByteRange's
 * structure and that its gap is exactly the /Contents string, the CMS digest and signature, the signature
 * timestamp, the chain to the trust anchors at the timestamp's time with revocation from the embedded DSS, and that
 * every revision appended after the signed one is an allowed change. Thread-safe.
 */
public final class DocumentVerifier {

    private static final int MAX_FIELDS = 10_000;
    private static final int MAX_EVIDENCE = 1_000;
    private static final Pattern PDFA_PART = Pattern.compile("pdfaid:part(?:=\"|>)\\s*(\\d)");
    private static final Pattern PDFA_CONFORMANCE = Pattern.compile("pdfaid:conformance(?:=\"|>)\\s*([A-Za-z])");

    private final List<X509Certificate> anchors;
    private final Map<X509Certificate, SealEntry> seals = new HashMap<>();
    private final Function<X509Certificate, List<byte[]>> currentCrls;
    private final Clock clock;

    /**
     * @param seals       every seal whose documents verify: current and retired ones
     * @param currentCrls the issuing CA's current CRLs for a certificate (its CRL distribution point), read besides
     *                    those the document embeds so a revocation after sealing is seen; empty when unavailable
     */
    public DocumentVerifier(List<X509Certificate> anchors, List<SealEntry> seals,
                            Function<X509Certificate, List<byte[]>> currentCrls, Clock clock) {
        this.anchors = List.copyOf(anchors);
        for (SealEntry seal : seals) {
            this.seals.put(seal.chain().get(0), seal);
        }
        this.currentCrls = currentCrls;
        this.clock = clock;
    }

    /** Verifies {@code pdf}; malformed input gives an INVALID or INDETERMINATE report, never an exception. */
    public VerificationReport verify(byte[] pdf) {
        String sha256 = sha256(pdf);
        PdfFile file;
        try {
            file = PdfFile.parse(pdf);
        } catch (MalformedPdfException e) {
            return unreadable(sha256, Finding.integrity("MALFORMED_PDF", e.getMessage(), "FORMAT_FAILURE"));
        }
        try {
            return new Run(file, sha256).report();
        } catch (MalformedPdfException e) {
            return unreadable(sha256, Finding.integrity("MALFORMED_PDF", e.getMessage(), "FORMAT_FAILURE"));
        } catch (RuntimeException e) {
            // whatever slipped through the parser's checks: the document cannot be confirmed, never a crash
            return unreadable(sha256, new Finding("integrity", "MALFORMED_PDF", "unreadable structure: " + e,
                    "INDETERMINATE", "FORMAT_FAILURE", false));
        }
    }

    private static VerificationReport unreadable(String sha256, Finding finding) {
        return new VerificationReport(finding.definite() ? Verdict.INVALID : Verdict.INDETERMINATE,
                new Checks(new IntegrityCheck(Result.FAILED, finding.code(), finding.detail()),
                        new IssuerCheck(Result.SKIPPED, "NOT_CHECKED", null, null, null),
                        StatusCheck.notChecked(),
                        new TimestampCheck(Result.SKIPPED, "NOT_CHECKED", null, null)),
                new Etsi(finding.indication(), finding.subIndication()), List.of(),
                new DocumentSummary(sha256, 0, null));
    }

    /** One verification: the parsed file and what was found so far. */
    private final class Run {
        private final PdfFile file;
        private final String sha256;
        private final int last;
        private final List<Finding> findings = new ArrayList<>();
        private final List<SignatureSummary> summaries = new ArrayList<>();
        private final List<long[]> gaps = new ArrayList<>();
        private final Map<Integer, List<ChangeAnalysis.Change>> changesAfter = new HashMap<>();
        private final List<X509Certificate> dssCertificates = new ArrayList<>();
        private final List<X509CRL> dssCrls = new ArrayList<>();
        private final Map<X509Certificate, List<X509CRL>> current = new HashMap<>();
        private IssuerCheck issuerPassed;
        private TimestampCheck timestampPassed;
        private boolean allCoverWholeFile = true;
        private boolean validDocumentTimestamp;

        Run(PdfFile file, String sha256) {
            this.file = file;
            this.sha256 = sha256;
            this.last = file.revisions.size() - 1;
        }

        VerificationReport report() throws MalformedPdfException {
            Dict catalog = file.dict(file.last().trailer().get("Root"), last);
            if (catalog == null) {
                throw new MalformedPdfException("no document catalog");
            }
            if (file.trailingStart < file.bytes.length) {
                findings.add(Finding.integrity("TRAILING_BYTES", (file.bytes.length - file.trailingStart)
                        + " bytes follow the last %%EOF and belong to no revision", "FORMAT_FAILURE"));
            }
            readDss(catalog);
            List<Dict> signatures = signatureDictionaries(catalog);
            List<Dict> seals = new ArrayList<>();
            int beforeTimestamps = findings.size();
            for (Dict signature : signatures) {
                if (signature.is("Type", "DocTimeStamp") || signature.is("SubFilter", "ETSI.RFC3161")) {
                    documentTimestamp(signature);
                } else {
                    seals.add(signature);
                }
            }
            // a seal's own finding names the attack better than the document timestamp it also broke: it goes first
            List<Finding> timestampFindings = new ArrayList<>(findings.subList(beforeTimestamps, findings.size()));
            findings.subList(beforeTimestamps, findings.size()).clear();
            if (seals.isEmpty()) {
                findings.add(Finding.integrity("NO_SIGNATURE", "the document carries no seal signature",
                        "FORMAT_FAILURE"));
            }
            for (Dict seal : seals) {
                seal(seal);
            }
            findings.addAll(timestampFindings);
            checkGapsApart();
            return build(catalog);
        }

        private void seal(Dict signature) throws MalformedPdfException {
            Signed signed = signedPart(signature, "signature");
            if (signed == null) {
                return;
            }
            List<String> changes = new ArrayList<>();
            for (ChangeAnalysis.Change change : changes(signed.revision)) {
                changes.add(change.text());
            }
            boolean disallowed = changes.stream().anyMatch(c -> c.startsWith("DISALLOWED"));
            if (disallowed) {
                findings.add(Finding.integrity("DISALLOWED_CHANGES_AFTER_SIGNATURE",
                        String.join("; ", changes.stream().filter(c -> c.startsWith("DISALLOWED")).toList()),
                        "FORMAT_FAILURE"));
            }
            boolean whole = signed.end == file.bytes.length;
            allCoverWholeFile &= whole;
            CmsSignature.Signer signer;
            CmsSignature.Timestamp timestamp;
            try {
                if (!signature.is("SubFilter", "ETSI.CAdES.detached")
                        && !signature.is("SubFilter", "adbe.pkcs7.detached")) {
                    throw new CmsSignature.Failure("UNSUPPORTED_SIGNATURE", "FORMAT_FAILURE",
                            "signature /SubFilter " + signature.name("SubFilter") + " is not accepted");
                }
                signer = CmsSignature.verifySignature(file.bytes, signed.byteRange,
                        CmsSignature.derPrefix(signed.contents));
            } catch (CmsSignature.Failure f) {
                findings.add(Finding.integrity(f.code, f.getMessage(), f.subIndication));
                return;
            }
            String level = "PAdES-BASELINE-B";
            Instant time = clock.instant();
            boolean unreadableTimestamp = false;
            try {
                timestamp = CmsSignature.signatureTimestamp(signer.info());
            } catch (CmsSignature.Failure f) {
                timestamp = null;
                unreadableTimestamp = true;
                findings.add(new Finding("timestamp", f.code, f.getMessage(), "TOTAL_FAILED", f.subIndication,
                        true));
            }
            if (timestamp != null) {
                time = timestamp.time();
                level = "PAdES-BASELINE-T";
                TrustEvidence.Outcome tsa = evidence().check(timestamp.tsa(), timestamp.certificates(),
                        timestamp.time(), "TSA");
                if (tsa.ok()) {
                    if (timestampPassed == null) {
                        timestampPassed = new TimestampCheck(Result.PASSED, "TIMESTAMP_VALID", time, null);
                    }
                } else {
                    findings.add(new Finding("timestamp", tsa.code(), tsa.detail(), tsa.indication(),
                            tsa.subIndication(), tsa.definite()));
                }
            } else if (!unreadableTimestamp) {
                findings.add(new Finding("timestamp", "NO_TIMESTAMP",
                        "the seal has no RFC 3161 signature timestamp, so its signing time is unproven",
                        "INDETERMINATE", "SIG_CONSTRAINTS_FAILURE", true));
            }
            TrustEvidence.Outcome chain = evidence().check(signer.certificate(), signer.certificates(), time,
                    "SEAL");
            SealEntry seal = DocumentVerifier.this.seals.get(signer.certificate());
            if (!chain.ok()) {
                findings.add(new Finding("issuer", chain.code(), chain.detail(), chain.indication(),
                        chain.subIndication(), chain.definite()));
            } else if (seal == null) {
                findings.add(new Finding("issuer", "UNKNOWN_SEAL", "the signing certificate "
                        + signer.certificate().getSubjectX500Principal().getName()
                        + " chains to a trust anchor but is no registered seal", "INDETERMINATE",
                        "CHAIN_CONSTRAINTS_FAILURE", true));
            } else {
                if (issuerPassed == null) {
                    issuerPassed = new IssuerCheck(Result.PASSED, "TRUSTED_SEAL", seal.departmentId(),
                            seal.sealId(), null);
                }
                if (timestamp != null && !dssCrls.isEmpty()) {
                    level = validDocumentTimestamp ? "PAdES-BASELINE-LTA" : "PAdES-BASELINE-LT";
                }
            }
            summaries.add(new SignatureSummary(signer.certificate().getSubjectX500Principal().getName(),
                    timestamp == null ? null : timestamp.time(), level, whole, last - signed.revision, changes));
        }

        private void documentTimestamp(Dict signature) throws MalformedPdfException {
            Signed signed = signedPart(signature, "document timestamp");
            if (signed == null) {
                return;
            }
            try {
                CmsSignature.Timestamp token = CmsSignature.documentTimestamp(file.bytes, signed.byteRange,
                        CmsSignature.derPrefix(signed.contents));
                TrustEvidence.Outcome tsa = evidence().check(token.tsa(), token.certificates(), token.time(), "TSA");
                if (!tsa.ok()) {
                    // intact but not trusted: a matter of the timestamp's issuer, not of the document's bytes
                    findings.add(new Finding("timestamp", tsa.code(), "document timestamp: " + tsa.detail(),
                            tsa.indication(), tsa.subIndication(), tsa.definite()));
                } else {
                    validDocumentTimestamp = true;
                }
            } catch (CmsSignature.Failure f) {
                findings.add(Finding.integrity("DOCUMENT_TIMESTAMP_INVALID", f.getMessage(), f.subIndication));
            }
        }

        /** The signed part of a signature, with ByteRange checks; null (and a finding) when they fail. */
        private Signed signedPart(Dict signature, String what) {
            String problem = null;
            long[] range = null;
            if (!(signature.get("ByteRange") instanceof List<?> list) || list.size() != 4
                    || !list.stream().allMatch(o -> o instanceof Long)) {
                problem = "/ByteRange is not four integers";
            } else {
                range = list.stream().mapToLong(o -> (Long) o).toArray();
                problem = byteRangeProblem(range, signature);
            }
            if (problem != null) {
                findings.add(Finding.integrity("BYTE_RANGE_INVALID", what + ": " + problem, "FORMAT_FAILURE"));
                return null;
            }
            long end = range[2] + range[3];
            for (PdfFile.Revision revision : file.revisions) {
                if (revision.end() == end || revision.eofEnd() == end) {
                    if (range[1] < revision.start()) {
                        findings.add(Finding.integrity("BYTE_RANGE_INVALID", what
                                + ": its /Contents lies in an earlier revision than the bytes it signs",
                                "FORMAT_FAILURE"));
                        return null;
                    }
                    gaps.add(new long[] {range[1], range[2]});
                    return new Signed(revision.index(), range, (int) end,
                            ((Str) signature.get("Contents")).bytes());
                }
            }
            findings.add(Finding.integrity("BYTE_RANGE_INVALID", what
                    + ": the signed bytes do not end where a revision ends", "FORMAT_FAILURE"));
            return null;
        }

        private String byteRangeProblem(long[] r, Dict signature) {
            long length = file.bytes.length;
            if (r[0] != 0) {
                return "does not start at 0";
            }
            if (!(r[1] > 0 && r[2] > r[1] && r[3] >= 0 && r[2] <= length && r[3] <= length - r[2])) {
                return "values are not ascending within the file: " + java.util.Arrays.toString(r);
            }
            if (!(signature.get("Contents") instanceof Str contents) || contents.start() < 0) {
                return "/Contents is not a string written in the file";
            }
            if (contents.start() != r[1] || contents.end() != r[2]) {
                return "the gap [" + r[1] + ", " + r[2] + ") is not exactly the /Contents string at ["
                        + contents.start() + ", " + contents.end() + ")";
            }
            byte[] bytes = file.bytes;
            if (bytes[(int) r[1]] != '<' || bytes[(int) r[2] - 1] != '>') {
                return "the gap is not a hex string";
            }
            for (int i = (int) r[1] + 1; i < r[2] - 1; i++) {
                if (Character.digit(bytes[i], 16) < 0) {
                    return "the gap holds a non-hex byte at " + i;
                }
            }
            return null;
        }

        private void checkGapsApart() {
            gaps.sort(Comparator.comparingLong(g -> g[0]));
            for (int i = 1; i < gaps.size(); i++) {
                if (gaps.get(i)[0] < gaps.get(i - 1)[1]) {
                    findings.add(Finding.integrity("BYTE_RANGE_INVALID", "two signatures share unsigned bytes",
                            "FORMAT_FAILURE"));
                    return;
                }
            }
        }

        private List<ChangeAnalysis.Change> changes(int revision) throws MalformedPdfException {
            List<ChangeAnalysis.Change> cached = changesAfter.get(revision);
            if (cached == null) {
                cached = ChangeAnalysis.after(file, revision);
                changesAfter.put(revision, cached);
            }
            return cached;
        }

        private TrustEvidence evidence() {
            return new TrustEvidence(anchors, dssCertificates, dssCrls, this::currentCrls);
        }

        private List<X509CRL> currentCrls(X509Certificate certificate) {
            return current.computeIfAbsent(certificate, c -> {
                List<X509CRL> crls = new ArrayList<>();
                try {
                    CertificateFactory factory = CertificateFactory.getInstance("X.509");
                    for (byte[] der : currentCrls.apply(c)) {
                        crls.add((X509CRL) factory.generateCRL(new ByteArrayInputStream(der)));
                    }
                } catch (CertificateException | java.security.cert.CRLException | RuntimeException e) {
                    // an unreachable or unreadable distribution point proves nothing; the embedded CRLs still count
                    return List.of();
                }
                return crls;
            });
        }

        private void readDss(Dict catalog) throws MalformedPdfException {
            Dict dss = file.dict(catalog.get("DSS"), last);
            if (dss == null) {
                return;
            }
            try {
                CertificateFactory factory = CertificateFactory.getInstance("X.509");
                for (byte[] der : streams(dss.get("Certs"))) {
                    dssCertificates.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
                }
                for (byte[] der : streams(dss.get("CRLs"))) {
                    dssCrls.add((X509CRL) factory.generateCRL(new ByteArrayInputStream(der)));
                }
            } catch (CertificateException | java.security.cert.CRLException e) {
                throw new MalformedPdfException("unreadable certificate or CRL in the DSS: " + e.getMessage());
            }
        }

        private List<byte[]> streams(Object arrayValue) throws MalformedPdfException {
            List<byte[]> result = new ArrayList<>();
            if (file.resolve(arrayValue, last) instanceof List<?> list) {
                if (list.size() > MAX_EVIDENCE) {
                    throw new MalformedPdfException("the DSS holds more than " + MAX_EVIDENCE + " entries");
                }
                for (Object item : list) {
                    if (file.resolve(item, last) instanceof Stream stream) {
                        result.add(file.decode(stream));
                    }
                }
            }
            return result;
        }

        private List<Dict> signatureDictionaries(Dict catalog) throws MalformedPdfException {
            List<Dict> result = new ArrayList<>();
            Dict form = file.dict(catalog.get("AcroForm"), last);
            if (form != null && file.resolve(form.get("Fields"), last) instanceof List<?> fields) {
                Set<Integer> seen = new HashSet<>();
                for (Object field : fields) {
                    collectSignatures(field, null, 0, seen, result);
                }
            }
            return result;
        }

        private void collectSignatures(Object node, String inheritedType, int depth, Set<Integer> seen,
                                       List<Dict> out) throws MalformedPdfException {
            if (depth > 32 || seen.size() > MAX_FIELDS || node instanceof Ref ref && !seen.add(ref.number())) {
                return;
            }
            Dict field = file.dict(node, last);
            if (field == null) {
                return;
            }
            String type = field.name("FT") != null ? field.name("FT") : inheritedType;
            if ("Sig".equals(type) && field.get("V") != null) {
                Dict value = file.dict(field.get("V"), last);
                if (value != null) {
                    out.add(value);
                }
            }
            if (file.resolve(field.get("Kids"), last) instanceof List<?> kids) {
                for (Object kid : kids) {
                    collectSignatures(kid, type, depth + 1, seen, out);
                }
            }
        }

        private VerificationReport build(Dict catalog) throws MalformedPdfException {
            Finding integrity = first("integrity");
            Finding issuer = first("issuer");
            Finding timestamp = first("timestamp");
            IntegrityCheck integrityCheck = integrity != null
                    ? new IntegrityCheck(Result.FAILED, integrity.code(), integrity.detail())
                    : new IntegrityCheck(Result.PASSED, allCoverWholeFile ? "SIGNATURE_COVERS_WHOLE_FILE"
                    : "ONLY_ALLOWED_CHANGES_AFTER_SIGNATURE", null);
            IssuerCheck issuerCheck = issuer != null
                    ? new IssuerCheck(Result.FAILED, issuer.code(), null, null, issuer.detail())
                    : issuerPassed != null ? issuerPassed
                    : new IssuerCheck(Result.SKIPPED, "NOT_CHECKED", null, null, null);
            TimestampCheck timestampCheck = timestamp != null
                    ? new TimestampCheck(Result.FAILED, timestamp.code(), null, timestamp.detail())
                    : timestampPassed != null ? timestampPassed
                    : new TimestampCheck(Result.SKIPPED, "NOT_CHECKED", null, null);
            Finding worst = findings.stream().filter(f -> f.indication().equals("TOTAL_FAILED")).findFirst()
                    .orElse(findings.isEmpty() ? null : findings.get(0));
            Etsi etsi = worst == null ? new Etsi("TOTAL_PASSED", null)
                    : new Etsi(worst.indication(), worst.subIndication());
            Verdict verdict = findings.stream().anyMatch(Finding::definite) ? Verdict.INVALID
                    : findings.isEmpty() ? Verdict.VALID : Verdict.INDETERMINATE;
            return new VerificationReport(verdict,
                    new Checks(integrityCheck, issuerCheck, StatusCheck.notChecked(), timestampCheck), etsi,
                    summaries, new DocumentSummary(sha256, pages(catalog), pdfa(catalog)));
        }

        private Finding first(String check) {
            return findings.stream().filter(f -> f.check().equals(check)).findFirst().orElse(null);
        }

        private int pages(Dict catalog) throws MalformedPdfException {
            Dict pages = file.dict(catalog.get("Pages"), last);
            return pages != null && pages.get("Count") instanceof Long count && count >= 0
                    && count < Integer.MAX_VALUE ? (int) (long) count : 0;
        }

        private String pdfa(Dict catalog) throws MalformedPdfException {
            if (!(file.resolve(catalog.get("Metadata"), last) instanceof Stream metadata)) {
                return null;
            }
            String xmp = new String(file.decode(metadata), StandardCharsets.UTF_8);
            Matcher part = PDFA_PART.matcher(xmp);
            Matcher conformance = PDFA_CONFORMANCE.matcher(xmp);
            if (!part.find()) {
                return null;
            }
            return "PDF/A-" + part.group(1) + (conformance.find() ? conformance.group(1).toUpperCase() : "");
        }
    }

    /** The signed part of one signature. */
    private record Signed(int revision, long[] byteRange, int end, byte[] contents) {
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
