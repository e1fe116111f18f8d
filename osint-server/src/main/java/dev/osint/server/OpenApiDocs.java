package dev.osint.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.openapi.plugin.OpenApiPlugin;
import io.javalin.openapi.plugin.swagger.SwaggerPlugin;
import dev.osint.core.Collector;
import dev.osint.core.Json;
import dev.osint.core.OptionSpec;
import dev.osint.core.OptionType;
import dev.osint.core.Settings;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The OpenAPI document at {@code /openapi.json} (generated at compile time from the handlers' {@code @OpenApi}
 * annotations) and Swagger UI at {@code /docs}, served from the jar with no call to an outside validator.
 */
final class OpenApiDocs {
    private static final PropertyNamingStrategies.NamingBase SNAKE_CASE =
            (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;
    /** Enums Jackson writes as declared (PENDING), unlike the wire-named ones (domain, normal). */
    private static final Set<String> ENUMS_AS_DECLARED = Set.of("TaskState");

    static final String BEARER_SCHEME = "BearerAuth";
    static final String API_KEY_SCHEME = "ApiKeyAuth";
    static final String SESSION_SCHEME = "SessionCookie";
    /** Operations anyone may call ({@code method path}), as {@link Access#PUBLIC} marks their routes in {@link ApiRoutes}. */
    static final Set<String> PUBLIC_OPERATIONS = Set.of("get " + ApiRoutes.HEALTH, "post " + ApiRoutes.SESSION,
            "delete " + ApiRoutes.SESSION);

    private OpenApiDocs() {}

    /**
     * @param collectors their options become one schema each ({@code ScanOptions_dns}), with types, defaults,
     *                   bounds and allowed values (read from {@code settings} once, when the document is built)
     */
    static OpenApiPlugin openApi(Collection<Collector> collectors, Settings settings) {
        return new OpenApiPlugin(config -> config
                .withDocumentationPath(ApiRoutes.OPENAPI)
                .withRoles(Access.PUBLIC)
                .withDefinitionConfiguration((version, definition) -> definition
                        .withInfo(info -> info.title("OSINT platform API").version("1")
                                .description("Submit scans of a target by a collector, follow them to a result."
                                        + " Errors are application/problem+json (RFC 9457). When the server has API"
                                        + " keys, every operation but health and session needs one, sent as"
                                        + " 'Authorization: Bearer KEY' or 'X-API-Key: KEY', or the session cookie"
                                        + " POST /api/v1/session gives for a key."))
                        .withSecurity(security -> security
                                .withBearerAuth(BEARER_SCHEME)
                                .withApiKeyAuth(API_KEY_SCHEME, ApiKeyAuthenticator.API_KEY_HEADER)
                                .withCookieAuth(SESSION_SCHEME, SessionCookie.NAME)
                                .withGlobalSecurity(BEARER_SCHEME, requirement -> {})
                                .withGlobalSecurity(API_KEY_SCHEME, requirement -> {})
                                .withGlobalSecurity(SESSION_SCHEME, requirement -> {}))
                        .withDefinitionProcessor(document -> {
                            describeOptions(document, collectors, settings);
                            return matchWireNames(document);
                        })));
    }

    /** The schema name of a collector's options. */
    static String optionsSchema(String type) {
        return "ScanOptions_" + type;
    }

    /**
     * One schema per collector for the {@code options} of a scan, and the submission's {@code options} pointed at
     * them: what a client may send, checked by the API before anything is queued (422 otherwise).
     */
    static void describeOptions(ObjectNode document, Collection<Collector> collectors, Settings settings) {
        JsonNode schemas = document.path("components").path("schemas");
        if (!(schemas instanceof ObjectNode all)) {
            return;
        }
        ArrayNode refs = Json.mapper().createArrayNode();
        for (Collector collector : collectors) {
            String type = collector.spec().type();
            ObjectNode schema = all.putObject(optionsSchema(type));
            schema.put("type", "object").put("description", "Options of the " + type + " collector")
                    .put("additionalProperties", false);
            ObjectNode properties = schema.putObject("properties");
            collector.spec().options().forEach(option -> properties.set(option.name(), optionSchema(option,
                    settings)));
            refs.addObject().put("$ref", "#/components/schemas/" + optionsSchema(type));
        }
        if (all.path("ScanSubmission").path("properties").get("options") instanceof ObjectNode options
                && !refs.isEmpty()) {
            options.removeAll();
            options.put("type", "object").put("description", "Collector options: those of the chosen type, as"
                    + " the ScanOptions_<type> schemas and GET /api/v1/collectors list them; an unknown option, a"
                    + " wrong type, a value out of range or not allowed, or an operator-only option is a 422");
            options.set("anyOf", refs);
        }
    }

    private static ObjectNode optionSchema(OptionSpec option, Settings settings) {
        ObjectNode schema = Json.mapper().createObjectNode();
        schema.put("type", option.type().wireName());
        schema.put("description", option.description() + (option.callerSettable() ? ""
                : " (operator only: a request that sets it is refused)"));
        if (option.defaultValue() != null) {
            schema.set("default", Json.mapper().valueToTree(option.defaultValue()));
        }
        if (option.min() != null) {
            schema.set("minimum", Json.mapper().valueToTree(option.min()));
        }
        if (option.max() != null) {
            schema.set("maximum", Json.mapper().valueToTree(option.max()));
        }
        if (!option.callerSettable()) {
            schema.put("readOnly", true);
        }
        ObjectNode values = schema;
        if (option.type() == OptionType.ARRAY) {
            if (option.maxItems() != null) {
                schema.put("maxItems", option.maxItems());
            }
            values = schema.putObject("items").put("type", "string");
        }
        if (option.maxLength() != null) {
            values.put("maxLength", option.maxLength());
        }
        if (option.choices() != null) {
            ArrayNode allowed = values.putArray("enum");
            option.allowedValues(settings).forEach(allowed::add);
        }
        return schema;
    }

    static SwaggerPlugin swaggerUi() {
        return new SwaggerPlugin(config -> {
            config.setUiPath(ApiRoutes.DOCS);
            config.setWebJarPath(ApiRoutes.DOCS_ASSETS);
            config.setRoles(new io.javalin.security.RouteRole[] {Access.PUBLIC});
            config.setDocumentationPath(ApiRoutes.OPENAPI);
            config.setTitle("OSINT platform API");
            config.setValidatorUrl(null); // the default sends the document to validator.swagger.io
        });
    }

    /**
     * Makes the generated schemas say what {@link dev.osint.core.Json} writes: the processor names properties as
     * Java does (taskId, not task_id), enum values as declared (DOMAIN, not domain; only TaskState is written so), a
     * Java {@code Object} as a JSON object (it is any value), and puts descriptions beside a {@code $ref}, where
     * OpenAPI 3.0 ignores them;
     * it also drops the plugin's empty top-level security object, which is not valid OpenAPI.
     */
    static String matchWireNames(ObjectNode document) {
        if (document.has("security") && !document.get("security").isArray()) {
            document.remove("security"); // the plugin writes {} when no scheme is set; OpenAPI wants an array
        }
        describeAccess(document);
        JsonNode schemas = document.path("components").path("schemas");
        for (Map.Entry<String, JsonNode> named : schemas.properties()) {
            if (named.getValue() instanceof ObjectNode object) {
                snakeCaseProperties(object);
                if (!ENUMS_AS_DECLARED.contains(named.getKey())) {
                    lowerCaseEnum(object);
                }
                if (object.get("properties") instanceof ObjectNode properties) {
                    properties.forEach(p -> {
                        if (p instanceof ObjectNode property) {
                            fixProperty(property);
                        }
                    });
                }
            }
        }
        return document.toPrettyString();
    }

    /**
     * Public operations need no key ({@code security: []}); every other one takes the document's (a bearer token or
     * an X-API-Key header: the processor writes an empty list on each, which would say "no key") and may answer 401.
     */
    private static void describeAccess(ObjectNode document) {
        document.path("paths").properties().forEach(path -> path.getValue().properties().forEach(method -> {
            if (!(method.getValue() instanceof ObjectNode op)) {
                return;
            }
            if (PUBLIC_OPERATIONS.contains(method.getKey() + " " + path.getKey())) {
                op.putArray("security");
                return;
            }
            op.remove("security");
            if (op.get("responses") instanceof ObjectNode responses && !responses.has("401")) {
                ObjectNode unauthorized = responses.putObject("401");
                unauthorized.put("description", "No valid API key was sent (the server has keys); the answer"
                        + " carries WWW-Authenticate: Bearer realm=\"osint\"");
                unauthorized.putObject("content").putObject(Problem.CONTENT_TYPE).putObject("schema")
                        .put("$ref", "#/components/schemas/Problem");
            }
        }));
    }

    private static void fixProperty(ObjectNode property) {
        if (isBareObject(property)) {
            property.remove("type");
        }
        if (property.get("additionalProperties") instanceof ObjectNode values && isBareObject(values)) {
            values.remove("type");
        }
        if (property.has("$ref") && property.size() > 1) {
            JsonNode ref = property.remove("$ref");
            property.putArray("allOf").addObject().set("$ref", ref);
        }
    }

    /** How the processor renders {@code java.lang.Object}: an object with nothing said about its contents. */
    private static boolean isBareObject(ObjectNode schema) {
        return "object".equals(schema.path("type").asText()) && !schema.has("properties")
                && !schema.has("additionalProperties");
    }

    private static void snakeCaseProperties(ObjectNode schema) {
        if (schema.get("properties") instanceof ObjectNode properties) {
            List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
            properties.properties().forEach(e -> entries.add(Map.entry(e.getKey(), e.getValue())));
            properties.removeAll();
            entries.forEach(e -> properties.set(SNAKE_CASE.translate(e.getKey()), e.getValue()));
        }
        if (schema.get("required") instanceof ArrayNode required) {
            List<String> names = new ArrayList<>();
            required.forEach(n -> names.add(SNAKE_CASE.translate(n.asText())));
            required.removeAll();
            names.forEach(required::add);
        }
    }

    private static void lowerCaseEnum(ObjectNode schema) {
        if (schema.get("enum") instanceof ArrayNode values) {
            List<String> names = new ArrayList<>();
            values.forEach(n -> names.add(n.asText().toLowerCase(Locale.ROOT)));
            values.removeAll();
            names.forEach(values::add);
        }
    }
}
