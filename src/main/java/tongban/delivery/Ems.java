package tongban.delivery;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tongban.platform.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * EMS (中国邮政速递物流) through its order API for contract customers: a form post of {@code logistics_interface}
 * (the order as JSON, {@code logisticsOrderNo} our shipment's id), {@code data_digest} =
 * Base64(MD5(logistics_interface + secret key)), {@code msg_type} {@code ORDERCREATE} and {@code ecCompanyId}; the
 * answer's {@code success} and {@code waybillNo}. Track pushes ({@code traces[]}) report each step by {@code opCode}.
 */
final class Ems implements Carrier {

    static final String ID = "ems";
    static final String CREATE_ORDER = "ORDERCREATE";
    /** The mail-trace codes the platform follows (收寄, 经转, 投递, 妥投, 未妥投); others are not steps of ours. */
    static final Map<String, ShipmentStatus> OP_CODES = Map.of("203", ShipmentStatus.COLLECTED,
            "306", ShipmentStatus.IN_TRANSIT, "702", ShipmentStatus.OUT_FOR_DELIVERY, "704", ShipmentStatus.DELIVERED,
            "705", ShipmentStatus.RETURNED_TO_WINDOW);

    private final CarrierAccount account;

    Ems(CarrierAccount account) {
        this.account = account;
    }

    @Override
    public String id() {
        return ID;
    }

    /** EMS's request signature. */
    static String digest(String logisticsInterface, String secret) {
        return CarrierFormat.md5Base64(logisticsInterface + secret);
    }

    @Override
    public String place(Parcel parcel) {
        ObjectNode order = Json.MAPPER.createObjectNode();
        order.put("ecCompanyId", account.partnerId());
        order.put("logisticsOrderNo", parcel.order().toString());
        order.put("createdTime", CarrierFormat.time(Instant.now()));
        order.put("bizProductNo", "1");
        order.putObject("sender").put("name", parcel.sender().name()).put("mobile", parcel.sender().phone())
                .put("address", parcel.sender().address());
        order.putObject("receiver").put("name", parcel.recipient()).put("mobile", parcel.phone())
                .put("address", parcel.address());
        order.putArray("cargos").addObject().put("cargoName", "证照纸质件").put("cargoQuantity", 1);
        order.put("remarks", "document " + parcel.documentId());
        String logisticsInterface = Json.write(order);
        Map<String, String> form = new LinkedHashMap<>();
        form.put("logistics_interface", logisticsInterface);
        form.put("data_digest", digest(logisticsInterface, account.apiSecret()));
        form.put("msg_type", CREATE_ORDER);
        form.put("ecCompanyId", account.partnerId());
        JsonNode answer = CarrierFormat.json(CarrierFormat.postForm(account.endpoint().get(), form),
                m -> new Unavailable("EMS answered " + m));
        if (!"true".equals(answer.path("success").asString(""))) {
            String code = answer.path("errorCode").asString("");
            // S-codes are the carrier's own faults (system busy); anything else is about the order
            if (code.startsWith("S")) {
                throw new Unavailable("EMS answered " + code);
            }
            throw new Refused("EMS refused the order: " + code);
        }
        String waybill = answer.path("waybillNo").asString("");
        if (waybill.isBlank()) {
            throw new Unavailable("EMS accepted the order without a waybill number");
        }
        return waybill;
    }

    @Override
    public List<TrackingEvent> events(byte[] body) {
        return CarrierFormat.events(body, new String[] {"traces"}, (trace, path) -> {
            ShipmentStatus status = OP_CODES.get(CarrierFormat.text(trace, "opCode", path, 8));
            if (status == null) {
                return null;
            }
            return new TrackingEvent(CarrierFormat.text(trace, "traceId", path, 64),
                    CarrierFormat.text(trace, "waybillNo", path, 40),
                    CarrierFormat.optionalText(trace, "logisticsOrderNo", path, 64), status,
                    CarrierFormat.time(trace, "opTime", path), CarrierFormat.optionalText(trace, "opOrgCity", path, 100),
                    CarrierFormat.optionalText(trace, "failReason", path, 40));
        });
    }

    @Override
    public byte[] push(TrackingEvent event) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        ObjectNode trace = body.putArray("traces").addObject();
        trace.put("traceId", event.eventId());
        trace.put("waybillNo", event.trackingNumber());
        trace.put("logisticsOrderNo", event.order());
        trace.put("opTime", CarrierFormat.time(event.at()));
        trace.put("opCode", CarrierFormat.opCode(OP_CODES, event.status()));
        trace.put("opOrgCity", event.location());
        if (event.reason() != null) {
            trace.put("failReason", event.reason());
        }
        return Json.write(body).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public String acknowledgement() {
        return "{\"success\":\"true\",\"errorCode\":\"\",\"errorMsg\":\"\"}";
    }
}
