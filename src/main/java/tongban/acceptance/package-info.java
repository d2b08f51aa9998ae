/**
 * Unified acceptance (统一受理): one endpoint for every item. Facts come from the applicant's identity, the base
 * libraries and the e-certificate library (数据跑) plus the form and the inspected uploads; the same rule engine
 * as evaluate decides; an acceptable application ends sealed, archived and registered; a retried request never
 * issues twice.
 */
package tongban.acceptance;
