package dev.osint.cli;

import dev.osint.core.Settings;
import dev.osint.server.ApiKeys;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code osint keys create}: a new API key and the line that lets the server accept it. */
@Command(name = "keys", mixinStandardHelpOptions = true,
        description = "Manage the API's keys (OSINT_API_KEYS, OSINT_API_KEYS_FILE).",
        subcommands = KeysCommand.Create.class)
final class KeysCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.err);
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = {"Print a new random API key (256 bits, URL-safe) on stdout, and on stderr the entry to",
                    "add to OSINT_API_KEYS or as a line of OSINT_API_KEYS_FILE, with the key or only its digest.",
                    "Nothing is stored: the key is shown once."})
    static final class Create implements Callable<Integer> {
        @Option(names = "--name", paramLabel = "NAME",
                description = "Who the key is for (A-Z a-z 0-9 . _ -); recorded as the owner of the scans it submits.")
        String name;

        @Option(names = "--admin", description = "Mark the key as an admin key.")
        boolean admin;

        @Override
        public Integer call() {
            String key = ApiKeys.newKey();
            String prefix = name != null ? name + ":" : "";
            String suffix = admin ? ";admin" : "";
            String entry = prefix + key + suffix;
            ApiKeys.from(new Settings(Map.of(ApiKeys.KEYS_SETTING, entry))); // refuses a malformed name
            System.out.println(key);
            System.err.printf("""
                    id:      %s%s
                    server:  add one of these to %s (comma-separated) or as a line of %s:
                               %s
                               %s
                             (the second holds only the key's SHA-256 digest: a file of those reveals no key)
                    clients: send the key as 'Authorization: Bearer KEY' or 'X-API-Key: KEY'; the osint CLI reads \
                    OSINT_API_KEY.
                    It is shown only now: nothing is stored.
                    """, name != null ? name : ApiKeys.idOf(key), admin ? " (admin)" : "", ApiKeys.KEYS_SETTING,
                    ApiKeys.KEYS_FILE_SETTING, entry, prefix + ApiKeys.digestOf(key) + suffix);
            return Main.OK;
        }
    }
}
