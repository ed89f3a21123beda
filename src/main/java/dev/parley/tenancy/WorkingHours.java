package dev.parley.tenancy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.parley.shared.ParleyException;

/**
 * A tenant's opening hours: a weekly schedule of time ranges in the tenant's time zone, plus holidays (closed
 * all day). Outside them the widget offers only the offline form and no new chat is queued. A tenant without
 * a schedule is always open.
 *
 * <p>Stored in the tenant's settings as {@code hours: {timezone, weekly: {mon: [["09:00","17:30"]], …},
 * holidays: ["2026-12-25"]}}.
 */
public final class WorkingHours {

    static final List<String> DAYS = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");

    private WorkingHours() {
    }

    /** Whether the tenant is open at this instant. */
    @SuppressWarnings("unchecked")
    public static boolean isOpen(Map<String, Object> settings, Instant now) {
        if (!(settings.get("hours") instanceof Map<?, ?> hours) || !(hours.get("weekly") instanceof Map<?, ?> weekly)) {
            return true;
        }
        ZoneId zone = ZoneId.of(String.valueOf(hours.get("timezone")));
        ZonedDateTime local = now.atZone(zone);
        if (hours.get("holidays") instanceof List<?> holidays
                && holidays.contains(local.toLocalDate().toString())) {
            return false;
        }
        String day = DAYS.get(local.getDayOfWeek().getValue() - 1);
        if (!(weekly.get(day) instanceof List<?> ranges)) {
            return false;
        }
        LocalTime time = local.toLocalTime();
        for (Object range : ranges) {
            List<String> pair = (List<String>) range;
            if (!time.isBefore(LocalTime.parse(pair.get(0))) && time.isBefore(LocalTime.parse(pair.get(1)))) {
                return true;
            }
        }
        return false;
    }

    /** Checks a schedule from the settings API and returns it in stored form; a 400 names the first bad field. */
    public static Map<String, Object> validate(String timezone, Map<String, List<List<String>>> weekly,
                                               List<String> holidays) {
        try {
            ZoneId.of(timezone == null ? "" : timezone);
        } catch (RuntimeException e) {
            throw ParleyException.invalidField("hours.timezone", "must be a time zone such as Europe/Paris");
        }
        Map<String, Object> days = new LinkedHashMap<>();
        if (weekly != null) {
            for (var entry : weekly.entrySet()) {
                String day = entry.getKey().toLowerCase(Locale.ROOT);
                if (!DAYS.contains(day)) {
                    throw ParleyException.invalidField("hours.weekly." + entry.getKey(), "days are mon … sun");
                }
                List<List<String>> ranges = entry.getValue() == null ? List.of() : entry.getValue();
                if (ranges.size() > 5) {
                    throw ParleyException.invalidField("hours.weekly." + day, "at most 5 ranges a day");
                }
                List<List<String>> clean = new ArrayList<>();
                for (List<String> range : ranges) {
                    clean.add(range(day, range));
                }
                days.put(day, clean);
            }
        }
        List<String> dates = new ArrayList<>();
        if (holidays != null) {
            if (holidays.size() > 200) {
                throw ParleyException.invalidField("hours.holidays", "at most 200 dates");
            }
            for (String holiday : holidays) {
                try {
                    dates.add(LocalDate.parse(holiday).toString());
                } catch (DateTimeParseException | NullPointerException e) {
                    throw ParleyException.invalidField("hours.holidays", "dates are written 2026-12-25");
                }
            }
        }
        Map<String, Object> stored = new LinkedHashMap<>();
        stored.put("timezone", timezone);
        stored.put("weekly", days);
        stored.put("holidays", dates);
        return stored;
    }

    private static List<String> range(String day, List<String> range) {
        try {
            LocalTime from = LocalTime.parse(range.get(0));
            LocalTime to = range.get(1).equals("24:00") ? LocalTime.MAX : LocalTime.parse(range.get(1));
            if (range.size() != 2 || !from.isBefore(to)) {
                throw new IllegalArgumentException();
            }
            return List.of(from.toString(), to.equals(LocalTime.MAX) ? "23:59:59.999999999" : to.toString());
        } catch (RuntimeException e) {
            throw ParleyException.invalidField("hours.weekly." + day,
                    "ranges are [\"09:00\", \"17:30\"], the start before the end");
        }
    }

}
