package dev.osint.collectors.whois;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UtcDatesTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
            "2019-09-30T18:01:15Z           | 2019-09-30T18:01:15Z",   // ICANN 2013 RAA, Verisign
            "2021-07-26T17:17:18.925Z       | 2021-07-26T17:17:18.925Z", // RDAP with milliseconds
            "2023-12-28T17:24:56-05:00      | 2023-12-28T22:24:56Z",   // ARIN's RDAP, local offset
            "1997-09-15T07:00:00+0000       | 1997-09-15T07:00:00Z",   // MarkMonitor's WHOIS
            "2019-09-30T18:01:15.0Z         | 2019-09-30T18:01:15Z",
            "2024-01-01 12:00:00            | 2024-01-01T12:00:00Z",
            "2024-01-01 12:00:00 UTC        | 2024-01-01T12:00:00Z",
            "1985-01-01                     | 1985-01-01T00:00:00Z",   // IANA
            "11-jan-2009                    | 2009-01-11T00:00:00Z",   // Verisign before 2013
            "2017/02/28                     | 2017-02-28T00:00:00Z",
            "28.02.2017                     | 2017-02-28T00:00:00Z",
            "1992-12                        | null",                   // a month only says too little
            "not a date                     | null"})
    void spellingsBecomeIsoUtc(String text, String expected) {
        assertThat(UtcDates.normalise(text)).isEqualTo(expected);
    }
}
