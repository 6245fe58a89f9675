package io.xborder.classify;

/** What kind of data a passage is about; constant names are the wire values. */
public enum DataCategory {

    PERSONAL_INFORMATION("Personal information / personal data."), SENSITIVE_PERSONAL_INFORMATION(
            "Sensitive personal information, special categories of personal data."), IMPORTANT_DATA(
                    "Important data (as defined by Chinese data law)."), CORE_DATA(
                            "Core data (as defined by Chinese data law)."), VEHICLE_DATA(
                                    "Vehicle, driving and connected-car data."), HEALTH_DATA(
                                            "Health, medical, genetic and biometric research data."), FINANCIAL_DATA(
                                                    "Financial, payment, banking and credit information."), GOVERNMENT_DATA(
                                                            "Data of state organs and government affairs."), OTHER(
                                                                    "Any other data: generic data, customer data, keys, traffic.");

    private final String description;

    DataCategory(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
