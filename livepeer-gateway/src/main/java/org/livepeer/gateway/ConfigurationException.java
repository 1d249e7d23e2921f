package org.livepeer.gateway;

/** Invalid gateway configuration: the message names the option and, unless it is a secret, the value. */
public class ConfigurationException extends LivepeerException {

    private final String option;

    public ConfigurationException(String option, String message) {
        super(option + ": " + message);
        this.option = option;
    }

    /** The option (or token field) that is wrong. */
    public String option() {
        return option;
    }
}
