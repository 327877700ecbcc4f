package dev.sieve.core;

/**
 * A bad value of a named setting. The message speaks of the setting by its name (the key of a config file, e.g.
 * {@code epochs}); a front end maps the name to its own spelling (the CLI prints {@code --epochs}).
 */
public class SettingException extends InputException {
    private static final long serialVersionUID = 1L;

    private final String setting;

    /** @param setting the setting's name; {@code what} says what was expected and what was given */
    public SettingException(String setting, String what) {
        super(setting + " " + what);
        this.setting = setting;
    }

    /** The setting's name, e.g. {@code epochs}. */
    public String setting() {
        return setting;
    }

    /** The message with the setting spelled as {@code spelled} (e.g. {@code --epochs}) instead of its name. */
    public String messageFor(String spelled) {
        return spelled + getMessage().substring(setting.length());
    }

    /** Throws unless {@code ok}. */
    public static void require(boolean ok, String setting, String what) {
        if (!ok) {
            throw new SettingException(setting, what);
        }
    }
}
