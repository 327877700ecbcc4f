/**
 * The settings catalogue's machinery: a {@link dev.sieve.config.Setting} declares one setting once (key, kind,
 * default, unit, allowed range, group, label and documentation); {@link dev.sieve.config.SettingValues} holds a value
 * for every setting of a catalogue, checks ranges with one-line messages and writes them as YAML. The catalogues
 * themselves live with the code they configure ({@code train.TrainSettings}, {@code select.PathSettings},
 * {@code md.MdSettings}); the command line, the {@code --config} keys, {@code --print-config} and the documentation
 * tables are all made from them.
 */
package dev.sieve.config;
