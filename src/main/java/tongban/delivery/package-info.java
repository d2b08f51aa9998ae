/**
 * Delivery (统一物流快递): the paper copy of an issued certificate (a printed copy of the sealed PDF with its QR code)
 * posted to the applicant who chose delivery POST, by a carrier (EMS 中国邮政 or SF Express 顺丰) through its adapter,
 * with the carrier's tracking events received as signed notifications (HMAC-SHA256 over timestamp, nonce and body;
 * replays refused across nodes). A parcel that cannot be delivered goes back to the district's window and the applicant
 * is told. With no carrier configured, an embedded sandbox carrier plays the carrier (demo mode only).
 * {@code GET /api/v1/applications/{id}/delivery}, {@code POST /api/v1/deliveries/notify/{carrier}}.
 */
package tongban.delivery;
