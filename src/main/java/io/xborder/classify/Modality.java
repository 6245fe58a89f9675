package io.xborder.classify;

/** The force of a passage's main clause; constant names are the wire values. */
public enum Modality {

    REQUIREMENT("An obligation: shall, must, 应当, 须."), PROHIBITION("A ban: shall not, may not, 不得."), PERMISSION(
            "An allowance: may, 可以, 免予."), REPORT(
                    "Narration of events and statements: announced, fined, said, 表示, 宣布.");

    private final String description;

    Modality(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
