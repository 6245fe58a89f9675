package io.xborder.classify;

/** The two finding categories of the taxonomy; constant names are the wire values. */
public enum Category {

    /** Data is stored or processed inside a jurisdiction. */
    DATA_LOCALIZATION("Data is required, promised or reported to be stored or processed inside a jurisdiction."),
    /** Data is moved, provided or made accessible outside a jurisdiction. */
    CROSS_BORDER_TRANSFER("Data is moved, provided or made accessible outside a jurisdiction: conditions, approvals, "
            + "mechanisms, prohibitions, exemptions, foreign-authority access, reports of transfers.");

    private final String description;

    Category(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
