/**
 * Long-term validity renewal (长期验证续期, ETSI EN 319 102-1): archived certificates and notices keep their proof
 * for decades by a new archive timestamp, with fresh validation data for the last one, before that timestamp's
 * certificate or algorithm nears its end. Each renewal is a new archived revision; a scheduled job, one node at a
 * time, and an operator endpoint run it.
 */
package tongban.renewal;
