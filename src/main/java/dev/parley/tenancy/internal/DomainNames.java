package dev.parley.tenancy.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import dev.parley.shared.ParleyException;

/** Validates and normalises the hosts a tenant's widget may run on: {@code example.com}, {@code *.example.com}. */
public final class DomainNames {

    private static final Pattern HOST = Pattern.compile(
            "^(\\*\\.)?[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*(?::[0-9]{1,5})?$");
    static final int MAX_DOMAINS = 100;

    private DomainNames() {
    }

    /** Lower-cased, de-duplicated hosts, or a 400 naming the first one that is not a host. */
    public static List<String> normalise(List<String> hosts) {
        if (hosts == null) {
            return List.of();
        }
        if (hosts.size() > MAX_DOMAINS) {
            throw ParleyException.invalidField("domains", "at most " + MAX_DOMAINS + " domains");
        }
        Set<String> result = new LinkedHashSet<>();
        for (int i = 0; i < hosts.size(); i++) {
            String raw = hosts.get(i);
            String host = raw == null ? "" : raw.trim().toLowerCase(Locale.ROOT);
            if (host.length() > 253 || !HOST.matcher(host).matches()) {
                throw ParleyException.invalidField("domains[" + i + "]",
                        "must be a host name such as example.com or *.example.com, not '" + abbreviate(raw) + "'");
            }
            result.add(host);
        }
        return new ArrayList<>(result);
    }

    private static String abbreviate(String value) {
        if (value == null) {
            return "null";
        }
        return value.length() > 60 ? value.substring(0, 60) + "…" : value;
    }
}
