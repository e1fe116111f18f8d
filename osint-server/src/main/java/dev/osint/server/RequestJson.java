package dev.osint.server;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.osint.core.Json;
import java.util.List;

/**
 * How request bodies are read: Jackson's parser with limits far below its defaults, so that a small body cannot
 * cost much to parse (deep nesting, a megabyte string, a thousand-digit number). A body past a limit is a 4xx that
 * names the limit, never a 500: 413 for its length, 422 for what it holds.
 */
final class RequestJson {
    /** Options are flat and targets short: a scan body never nests deeper than a few levels. */
    static final int MAX_NESTING_DEPTH = 32;
    static final int MAX_STRING_LENGTH = 16 * 1024;
    static final int MAX_NUMBER_LENGTH = 64;
    static final int MAX_NAME_LENGTH = 256;

    private RequestJson() {}

    /** A reader of JSON trees for bodies of at most {@code maxBodyBytes}; trailing tokens are an error. */
    static ObjectReader reader(int maxBodyBytes) {
        JsonFactory factory = Json.factory().streamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING_DEPTH)
                .maxStringLength(MAX_STRING_LENGTH)
                .maxNumberLength(MAX_NUMBER_LENGTH)
                .maxNameLength(MAX_NAME_LENGTH)
                .maxDocumentLength(maxBodyBytes)
                .build()).build();
        return JsonMapper.builder(factory).build().reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /** The answer to a body past a limit: Jackson's own words, without the name of its Java method. */
    static ProblemException limitExceeded(StreamConstraintsException e) {
        String message = e.getOriginalMessage() == null ? "the body breaks a parsing limit" : e.getOriginalMessage();
        String detail = message.replaceAll(", from `[^`]*`\\)", ")").replaceAll(" \\(from `[^`]*`\\)", "");
        if (message.startsWith("Document length")) {
            return new ProblemException(Problem.of(413, "Content Too Large", "the request body is too large: "
                    + detail));
        }
        return new ProblemException(Problem.validation(List.of(new FieldProblem("body", detail + "; limits:"
                + " nesting " + MAX_NESTING_DEPTH + " levels, strings " + MAX_STRING_LENGTH + " characters, numbers "
                + MAX_NUMBER_LENGTH + " digits, names " + MAX_NAME_LENGTH + " characters"))));
    }
}
