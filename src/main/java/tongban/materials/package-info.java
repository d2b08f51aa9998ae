/**
 * Materials inspector (材料核验): what an uploaded material (材料) really is, and whether the item may take it.
 * Every upload gets its SHA-256, its real media type from the bytes (never from its name or declared type,
 * which are only compared with it), and a bounded parse with Apache Tika of accepted types and archives, so
 * that disguised programs, encrypted, damaged and bomb files are refused with a stable code. Nothing an
 * applicant uploads makes it throw, hang or hold more than its limits.
 *
 * <p>API: {@link tongban.materials.MaterialsInspector}, {@link tongban.materials.ReceivedFile},
 * {@link tongban.materials.InspectedMaterial}, {@link tongban.materials.RejectionCode},
 * {@link tongban.materials.InspectionLimits}. Tika stays inside this package.
 */
package tongban.materials;
