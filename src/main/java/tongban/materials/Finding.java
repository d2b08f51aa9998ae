package tongban.materials;

/** A reason to refuse a file, found while inspecting it. */
record Finding(RejectionCode code, String detail) {
}
