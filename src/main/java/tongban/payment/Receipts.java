package tongban.payment;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import tongban.acceptance.DocumentSequences;
import tongban.acceptance.IssueDocument;
import tongban.archive.DocumentKind;
import tongban.documents.CertificateData;
import tongban.documents.CertificateDocument;
import tongban.documents.CertificateType;
import tongban.documents.RenderCertificate;
import tongban.payment.PaymentOrders.Order;
import tongban.platform.PublicBaseUrl;
import tongban.rules.RulePacks;
import tongban.rules.ServiceItem;

/**
 * The receipt (电子票据) of a paid order, issued through {@link IssueDocument} as {@link DocumentKind#RECEIPT} from the
 * template {@code templates/payment-receipt/} and sealed by the department of the item the fee was paid for; verifiable
 * like a notice. It carries the least personal data: the payer's name and masked id, the item, the amount in yuan, the
 * order and transaction numbers, the channel and the day. Its id and number are reserved (committed) on the order
 * first, so a retry after any crash takes the document stored under them and never issues a second one.
 */
@Component
class Receipts {

    static final String TYPE = "payment-receipt";
    private static final Logger log = LoggerFactory.getLogger(Receipts.class);
    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter CHINESE_DATE = DateTimeFormatter.ofPattern("yyyy年M月d日");
    /** The channels' names as a receipt prints them. */
    private static final Map<String, String> CHANNEL_NAMES = Map.of("wechatpay", "微信支付", "alipay", "支付宝");

    private final PaymentOrders orders;
    private final RenderCertificate render;
    private final IssueDocument issuing;
    private final DocumentSequences sequences;
    private final RulePacks packs;
    private final PublicBaseUrl publicBaseUrl;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final String divisionCode;

    Receipts(PaymentOrders orders, RenderCertificate render, IssueDocument issuing, DocumentSequences sequences,
             RulePacks packs, PublicBaseUrl publicBaseUrl, ApplicationEventPublisher events, Clock clock,
             @Value("${tongban.issuing.division-code:310101}") String divisionCode) {
        this.orders = orders;
        this.render = render;
        this.issuing = issuing;
        this.sequences = sequences;
        this.packs = packs;
        this.publicBaseUrl = publicBaseUrl;
        this.events = events;
        this.clock = clock;
        this.divisionCode = divisionCode;
    }

    /** Issues the receipt of a paid (or since refunded) order unless it is issued already; no connection held. */
    void issue(String number) {
        Order order = orders.find(number).orElseThrow();
        if (order.transactionId() == null) {
            return;
        }
        CertificateType type = render.type(TYPE).orElseThrow(() -> new IllegalStateException("no template " + TYPE));
        ServiceItem.Department department = packs.item(order.item()).map(ServiceItem::department).orElseThrow(() ->
                new IllegalStateException("the item " + order.item() + " of order " + number + " is no longer served"));
        LocalDate paidOn = LocalDate.ofInstant(order.paidAt(), BEIJING);
        Map<String, Object> form = new LinkedHashMap<>();
        form.put("item", order.description());
        form.put("amount", yuan(order.paidFen()));
        form.put("orderNumber", order.number());
        form.put("channel", CHANNEL_NAMES.getOrDefault(order.channel(), order.channel()));
        form.put("transactionId", order.transactionId());
        form.put("paidOn", CHINESE_DATE.format(paidOn));
        CertificateType.Values values = type.values(path -> switch (path) {
            case "applicant.name" -> order.payerName();
            case "applicant.id" -> order.subjectId();
            default -> path.startsWith("form.") ? form.get(path.substring(5)) : null;
        });
        LocalDate today = LocalDate.now(clock.withZone(BEIJING));
        Order reserved = order.receiptId() != null ? order : orders.reserveReceipt(number, UUID.randomUUID(),
                type.number(divisionCode, today, sequences.next(type.sequence()), values.fields()));
        boolean fresh = issuing.stored(TYPE, reserved.receiptNumber()).isEmpty();
        CertificateData data = new CertificateData(reserved.receiptId().toString(), TYPE, reserved.receiptNumber(),
                values.holderName(), values.holderId(), department.name().zh(), paidOn, null, values.fields(),
                publicBaseUrl.get());
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("orderNumber", number);
        record.put("application", order.application());
        record.put("amountFen", order.paidFen());
        record.put("channel", order.channel());
        record.put("transactionId", order.transactionId());
        issuing.issue(new IssueDocument.Command(reserved.receiptId(), DocumentKind.RECEIPT, TYPE,
                reserved.receiptNumber(), type.sealDepartment().orElse(department.id()), department.name().zh(),
                order.subjectId(), Optional.empty(), PaymentAudited.SYSTEM, "receipt of payment order " + number, () -> {
                    CertificateDocument pdf = render.render(data);
                    return new IssueDocument.Rendered(pdf.pdf(), pdf.seal());
                }, new IssueDocument.Filing("payment-" + number, order.item(), department.name().zh(),
                        order.paidAt(), record, List.of(), Map.of("document", TYPE), null, "payment")));
        if (fresh) {
            events.publishEvent(new PaymentAudited(PaymentAudited.SYSTEM, "RECEIPT_ISSUED", Payments.target(number),
                    Map.of("receipt", reserved.receiptId().toString(), "number", reserved.receiptNumber())));
            log.info("receipt {} issued for order {}", reserved.receiptNumber(), number);
        }
    }

    /** An amount in fen as yuan with two decimals, e.g. 2000 → "20.00元"; exact, no floating point. */
    static String yuan(long fen) {
        return BigDecimal.valueOf(fen, 2).toPlainString() + "元";
    }
}
