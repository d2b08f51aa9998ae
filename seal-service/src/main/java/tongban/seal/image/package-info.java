/** Seal images drawn by code (Java2D): ring, star, department name, purpose. */
package tongban.seal.image;
