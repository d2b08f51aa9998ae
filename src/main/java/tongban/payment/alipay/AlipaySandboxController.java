package tongban.payment.alipay;

import java.util.Map;
import org.springframework.context.annotation.Conditional;
import org.springframework.http.MediaType;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tongban.platform.ApiProblem;

/**
 * The sandbox's HTTP face, only while it plays Alipay (no merchant configured, not the prod profile; otherwise these
 * paths answer 404): Alipay's gateway, the payer's "scan and pay" (POST the {@code qr_code}) and the bill downloads.
 */
@RestController
@Conditional(AlipayConfiguration.SandboxMode.class)
class AlipaySandboxController {

    private final AlipaySandbox sandbox;

    AlipaySandboxController(AlipaySandbox sandbox) {
        this.sandbox = sandbox;
    }

    /** Alipay's open platform gateway: the SDK's protocol parameters in the query, {@code biz_content} in the form. */
    @PostMapping(AlipaySandbox.GATEWAY)
    ResponseEntity<String> gateway(@RequestParam MultiValueMap<String, String> parameters) {
        // JSON whatever the SDK accepts (it asks for text/plain, text/xml, text/javascript or text/html), as Alipay does
        return ResponseEntity.ok().contentType(JSON_UTF8).body(sandbox.call(parameters));
    }

    private static final MediaType JSON_UTF8 = MediaType.parseMediaType("application/json;charset=UTF-8");

    /** The payer scanned the code and pays: the trade is paid and its notification goes out. */
    @PostMapping(path = AlipaySandbox.PAY + "{tradeNo}", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, String> pay(@PathVariable String tradeNo) {
        Map<String, String> paid = sandbox.pay(tradeNo);
        if (paid == null) {
            throw ApiProblem.notFound("SANDBOX_TRADE_NOT_FOUND", "the Alipay sandbox has no such trade");
        }
        if (!paid.get("paid").equals("true")) {
            throw new ApiProblem(HttpStatus.CONFLICT, "SANDBOX_TRADE_NOT_PAYABLE",
                    "the Alipay sandbox's trade is " + paid.get("trade_status") + ", not waiting for payment");
        }
        return paid;
    }

    @GetMapping(path = AlipaySandbox.BILLS + "{token}.zip", produces = "application/zip")
    byte[] bill(@PathVariable String token) {
        byte[] zip = sandbox.bill(token);
        if (zip == null) {
            throw ApiProblem.notFound("SANDBOX_BILL_NOT_FOUND", "the Alipay sandbox gave no such bill link");
        }
        return zip;
    }
}
