package dev.osint.collectors.haveibeenpwned;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One breach as HIBP's v3 API documents it (PascalCase on the wire). */
record Breach(
        @JsonProperty("Name") String name,
        @JsonProperty("Title") String title,
        @JsonProperty("Domain") String domain,
        @JsonProperty("BreachDate") String breachDate,
        @JsonProperty("AddedDate") String addedDate,
        @JsonProperty("ModifiedDate") String modifiedDate,
        @JsonProperty("PwnCount") long pwnCount,
        @JsonProperty("Description") String description,
        @JsonProperty("DataClasses") List<String> dataClasses,
        @JsonProperty("IsVerified") boolean isVerified,
        @JsonProperty("IsFabricated") boolean isFabricated,
        @JsonProperty("IsSensitive") boolean isSensitive,
        @JsonProperty("IsRetired") boolean isRetired,
        @JsonProperty("IsSpamList") boolean isSpamList,
        @JsonProperty("IsMalware") boolean isMalware,
        @JsonProperty("LogoPath") String logoPath) {

    Breach {
        dataClasses = dataClasses == null ? List.of() : List.copyOf(dataClasses);
    }

    /** The result's snake_case map of this breach. */
    Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("name", name);
        map.put("title", title);
        map.put("domain", domain == null ? "" : domain);
        map.put("breach_date", breachDate);
        map.put("added_date", addedDate);
        map.put("modified_date", modifiedDate);
        map.put("pwn_count", pwnCount);
        map.put("description", description);
        map.put("data_classes", dataClasses);
        map.put("is_verified", isVerified);
        map.put("is_fabricated", isFabricated);
        map.put("is_sensitive", isSensitive);
        map.put("is_retired", isRetired);
        map.put("is_spam_list", isSpamList);
        map.put("is_malware", isMalware);
        map.put("logo_path", logoPath);
        return map;
    }
}
