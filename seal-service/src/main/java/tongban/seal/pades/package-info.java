/** PAdES sealing with iText: the only package that touches iText. */
package tongban.seal.pades;
