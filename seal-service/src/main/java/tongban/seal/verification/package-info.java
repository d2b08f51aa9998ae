/**
 * The strict verification core: its own PDF revision parser (no repair), ByteRange and revision-by-revision change
 * analysis, CMS / timestamp / chain / CRL checks with Bouncy Castle.
 */
package tongban.seal.verification;
