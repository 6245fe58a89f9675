package io.xborder.classify;

/** How a transfer is allowed, reviewed or reached; constant names are the wire values. */
public enum Mechanism {

    SECURITY_ASSESSMENT("Regulator assessment, review, approval or permission of the transfer."), STANDARD_CONTRACT(
            "Standard contract or standard contractual clauses."), CERTIFICATION(
                    "Personal-information protection certification."), ADEQUACY(
                            "Adequacy decision, whitelist, equivalent level of protection."), CONSENT(
                                    "The individual's (separate) consent to the transfer."), BINDING_CORPORATE_RULES(
                                            "Binding corporate rules."), GOVERNMENT_ACCESS(
                                                    "Requests from, or provision to, foreign courts, police or governments."), EXEMPTION(
                                                            "Thresholds, derogations and exemptions from the transfer rules.");

    private final String description;

    Mechanism(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
