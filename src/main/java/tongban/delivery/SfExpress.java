package tongban.delivery;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tongban.platform.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * SF Express (顺丰速运) through its open platform (丰桥, {@code /std/service}): a form post of {@code partnerID},
 * {@code requestID}, {@code serviceCode} ({@code EXP_RECE_CREATE_ORDER}), {@code timestamp}, {@code msgData} (the
 * order as JSON, {@code orderId} our shipment's id) and {@code msgDigest} = Base64(MD5(urlencode(msgData + timestamp +
 * checkword))); the answer's {@code apiResultCode} {@code A1000} carries {@code apiResultData} with the waybill number.
 * Route pushes ({@code Body.WaybillRoute[]}) report each step by {@code opCode}.
 */
final class SfExpress implements Carrier {

    static final String ID = "sf";
    static final String CREATE_ORDER = "EXP_RECE_CREATE_ORDER";
    /** The route codes the platform follows; other codes (sorting, loading…) are not steps of ours. */
    static final Map<String, ShipmentStatus> OP_CODES = Map.of("50", ShipmentStatus.COLLECTED,
            "30", ShipmentStatus.IN_TRANSIT, "44", ShipmentStatus.OUT_FOR_DELIVERY, "80", ShipmentStatus.DELIVERED,
            "70", ShipmentStatus.RETURNED_TO_WINDOW);

    private final CarrierAccount account;

    SfExpress(CarrierAccount account) {
        this.account = account;
    }

    @Override
    public String id() {
        return ID;
    }

    /** SF's request signature. */
    static String digest(String msgData, String timestamp, String checkword) {
        return CarrierFormat.md5Base64(CarrierFormat.encode(msgData + timestamp + checkword));
    }

    @Override
    public String place(Parcel parcel) {
        ObjectNode order = Json.MAPPER.createObjectNode();
        order.put("language", "zh-CN");
        order.put("orderId", parcel.order().toString());
        order.put("expressTypeId", 1);
        order.put("payMethod", 1);
        order.put("parcelQty", 1);
        order.putArray("cargoDetails").addObject().put("name", "证照纸质件").put("count", 1);
        ArrayNode contacts = order.putArray("contactInfoList");
        contacts.addObject().put("contactType", 1).put("contact", parcel.sender().name())
                .put("tel", parcel.sender().phone()).put("address", parcel.sender().address());
        contacts.addObject().put("contactType", 2).put("contact", parcel.recipient())
                .put("mobile", parcel.phone()).put("address", parcel.address());
        order.put("remark", "document " + parcel.documentId());
        String msgData = Json.write(order);
        String timestamp = Long.toString(System.currentTimeMillis());
        Map<String, String> form = new LinkedHashMap<>();
        form.put("partnerID", account.partnerId());
        form.put("requestID", UUID.randomUUID().toString());
        form.put("serviceCode", CREATE_ORDER);
        form.put("timestamp", timestamp);
        form.put("msgDigest", digest(msgData, timestamp, account.apiSecret()));
        form.put("msgData", msgData);
        JsonNode answer = CarrierFormat.json(CarrierFormat.postForm(account.endpoint().get(), form),
                m -> new Unavailable("SF answered " + m));
        if (!"A1000".equals(answer.path("apiResultCode").asString(""))) {
            throw new Unavailable("SF answered " + answer.path("apiResultCode").asString("no apiResultCode"));
        }
        JsonNode result = CarrierFormat.json(answer.path("apiResultData").asString(""),
                m -> new Unavailable("SF's apiResultData is " + m));
        if (!result.path("success").asBoolean(false)) {
            throw new Refused("SF refused the order: " + result.path("errorCode").asString(""));
        }
        String waybill = result.path("msgData").path("waybillNoInfoList").path(0).path("waybillNo").asString("");
        if (waybill.isBlank()) {
            throw new Unavailable("SF accepted the order without a waybill number");
        }
        return waybill;
    }

    @Override
    public List<TrackingEvent> events(byte[] body) {
        return CarrierFormat.events(body, new String[] {"Body", "WaybillRoute"}, (route, path) -> {
            ShipmentStatus status = OP_CODES.get(CarrierFormat.text(route, "opCode", path, 8));
            if (status == null) {
                return null;
            }
            return new TrackingEvent(CarrierFormat.text(route, "id", path, 64),
                    CarrierFormat.text(route, "mailno", path, 40), CarrierFormat.optionalText(route, "orderid", path, 64),
                    status, CarrierFormat.time(route, "acceptTime", path),
                    CarrierFormat.optionalText(route, "acceptAddress", path, 100),
                    CarrierFormat.optionalText(route, "reasonCode", path, 40));
        });
    }

    @Override
    public byte[] push(TrackingEvent event) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        ObjectNode route = body.putObject("Body").putArray("WaybillRoute").addObject();
        route.put("id", event.eventId());
        route.put("mailno", event.trackingNumber());
        route.put("orderid", event.order());
        route.put("acceptTime", CarrierFormat.time(event.at()));
        route.put("acceptAddress", event.location());
        route.put("opCode", CarrierFormat.opCode(OP_CODES, event.status()));
        if (event.reason() != null) {
            route.put("reasonCode", event.reason());
        }
        return Json.write(body).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public String acknowledgement() {
        return "{\"return_code\":\"0000\",\"return_msg\":\"成功\"}";
    }
}
