/** RFC 3161 time-stamping: the in-process authority (Bouncy Castle) and the HTTP client for a remote one. */
package tongban.seal.timestamp;
