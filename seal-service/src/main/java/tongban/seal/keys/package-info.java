/** Key access: the PKCS#12 and PKCS#11 adapters of {@link tongban.seal.KeySource} and the local test authority. */
package tongban.seal.keys;
