/**
 * Statistics (统计): counters of decisions and issued documents, kept from the domain events of acceptance. No API:
 * it only listens.
 */
package tongban.statistics;
