package dev.brisk.openapi;

import dev.brisk.Response;
import dev.brisk.Status;
import dev.brisk.routing.Route;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.SpecVersion;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.oas.models.tags.Tag;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes to an OpenAPI 3.1.0 document (swagger-models objects). Runs once, at start-up; every route
 * whose types could not be fully described is named in one WARN line.
 */
final class DocumentBuilder {
    private static final Logger log = LoggerFactory.getLogger("brisk.openapi");
    private static final String VALIDATION_ERROR_REF = "#/components/schemas/HTTPValidationError";

    private final SchemaGenerator schemas;

    private final SecurityDocs security;

    DocumentBuilder(java.util.Map<Class<?>, dev.brisk.params.Converter<?>> converters, dev.brisk.json.Json json,
                    java.util.function.Function<Class<?>, Object> dependencies) {
        this.schemas = new SchemaGenerator(converters, json);
        this.security = new SecurityDocs(dependencies);
    }
    private final Set<String> operationIds = new HashSet<>();
    private final List<String> warnings = new ArrayList<>();
    private boolean validationErrors;

    /** The document for {@code routes}, with {@code info} from the app's title/version/description. */
    OpenAPI build(String title, String version, String description, List<Route> routes) {
        OpenAPI api = new OpenAPI(SpecVersion.V31).openapi("3.1.0");
        api.info(new Info().title(title).version(version).description(description));
        api.servers(List.of(new Server().url("/")));   // the spec's default, written out: linters ask for it
        Paths paths = new Paths();
        Set<String> tagNames = new LinkedHashSet<>();
        for (Route route : routes) {
            if (!route.includeInSchema()) continue;
            String path = openApiPath(route.template());
            PathItem item = paths.computeIfAbsent(path, p -> new PathItem());
            item.operation(PathItem.HttpMethod.valueOf(route.method()), operation(route));
            tagNames.addAll(route.tags());
        }
        api.paths(paths);
        if (!tagNames.isEmpty()) api.tags(tagNames.stream().map(n -> new Tag().name(n)).toList());
        if (validationErrors) addValidationErrorSchemas();
        if (!schemas.components().isEmpty() || !security.schemes().isEmpty()) {
            Components components = new Components();
            schemas.components().forEach(components::addSchemas);
            security.schemes().forEach((name, model) -> components.addSecuritySchemes(name, SpecJson.securityScheme(model)));
            api.components(components);
        }
        return api;
    }

    /** Start-up warnings, one per route that has undescribable types. */
    List<String> warnings() {
        return List.copyOf(warnings);
    }

    /** A route that breaks the generator still gets an operation: start-up must not fail over docs. */
    private Operation operation(Route route) {
        try {
            return describe(route);
        } catch (RuntimeException e) {
            String text = "OpenAPI: " + route.label() + ": cannot be described (" + e
                    + "); documented with a permissive schema";
            warnings.add(text);
            log.warn(text);
            return new Operation().operationId(uniqueId(defaultId(null, route)))
                    .summary(SchemaGenerator.title(lambdaName(route)))
                    .responses(new ApiResponses().addApiResponse(Integer.toString(route.status()),
                            new ApiResponse().description("Successful Response").content(json(SchemaGenerator.permissive()))));
        }
    }

    private Operation describe(Route route) {
        Method method = route.extension(Method.class);
        Operation op = new Operation();
        if (!route.tags().isEmpty()) op.tags(route.tags());
        String name = method == null ? null : method.getName();
        op.summary(route.summary() != null ? route.summary() : SchemaGenerator.title(name != null ? name : lambdaName(route)));
        op.description(route.description());
        op.operationId(uniqueId(route.operationId() != null ? route.operationId() : defaultId(name, route)));
        if (route.deprecated()) op.deprecated(true);
        schemas.clearProblems();
        List<Input> inputs = Inputs.of(route);
        List<Parameter> parameters = new ArrayList<>();
        for (Input in : inputs) {
            if (in.isParameter()) parameters.add(parameter(in));
        }
        if (!parameters.isEmpty()) op.parameters(parameters);
        RequestBody body = requestBody(inputs, Inputs.bodyMediaType(route));
        if (body != null) op.requestBody(body);
        ApiResponses responses = new ApiResponses();
        responses.addApiResponse(Integer.toString(route.status()), success(route, method));
        if (!inputs.isEmpty()) {
            validationErrors = true;
            responses.addApiResponse("422", new ApiResponse().description("Validation Error")
                    .content(json(new Schema<>().$ref(VALIDATION_ERROR_REF))));
        }
        route.responses().forEach((status, description) -> responses.putIfAbsent(Integer.toString(status),
                new ApiResponse().description(description)));
        op.responses(responses);
        var requirements = security.requirements(route);
        if (!requirements.isEmpty()) op.security(requirements);
        List<String> problems = schemas.problems();
        if (!problems.isEmpty()) {
            String text = "OpenAPI: " + route.label() + ": " + String.join("; ", new LinkedHashSet<>(problems))
                    + "; documented with a permissive schema";
            warnings.add(text);
            log.warn(text);
        }
        return op;
    }

    private Parameter parameter(Input in) {
        Schema<?> base = schemas.schema(in.type());
        Schema<?> s = base.get$ref() != null && !in.constraints().isEmpty() ? new Schema<>().allOf(List.of(base)) : base;
        in.constraints().forEach((k, v) -> Constraints.apply(s, k, v));
        if (s.get$ref() == null) s.title(SchemaGenerator.title(in.name()));
        if (in.defaultValue() != null) s.setDefault(typedDefault(in.defaultValue(), s));
        Parameter p = new Parameter().name(in.name()).in(in.in()).schema(s);
        if (in.required() || in.in().equals("path")) p.required(true);
        return p;
    }

    private RequestBody requestBody(List<Input> inputs, String mediaType) {
        Input body = inputs.stream().filter(i -> i.in().equals("body")).findFirst().orElse(null);
        if (body != null) {
            Schema<?> s = schemas.schema(body.type());
            return new RequestBody().required(body.required() ? Boolean.TRUE : null)
                    .content(new Content().addMediaType(mediaType == null ? Response.APPLICATION_JSON : mediaType,
                            new MediaType().schema(s)));
        }
        List<Input> fields = inputs.stream().filter(i -> i.in().equals("form")).toList();
        if (fields.isEmpty()) return null;
        Schema<?> form = SchemaGenerator.typed("object", null);
        List<String> required = new ArrayList<>();
        for (Input f : fields) {
            Schema<?> s = schemas.schema(f.type());
            f.constraints().forEach((k, v) -> Constraints.apply(s, k, v));
            form.addProperty(f.name(), s);
            if (f.required()) required.add(f.name());
        }
        if (!required.isEmpty()) form.required(required);
        String type = mediaType == null ? "application/x-www-form-urlencoded" : mediaType;
        return new RequestBody().required(required.isEmpty() ? null : Boolean.TRUE)
                .content(new Content().addMediaType(type, new MediaType().schema(form)));
    }

    private ApiResponse success(Route route, Method method) {
        ApiResponse r = new ApiResponse().description(route.status() == 200 ? "Successful Response"
                : Status.reason(route.status()));
        if (route.status() == 204 || route.status() == 304 || route.status() < 200) return r;
        ResponseModel model = route.extension(ResponseModel.class);
        Type type = model != null ? model.type() : method != null ? method.getGenericReturnType() : null;
        if (type == null || type == Response.class || type == void.class || type == Void.class) {
            return r.content(json(SchemaGenerator.permissive()));   // FastAPI's "schema: {}" for untyped results
        }
        return r.content(json(schemas.schema(type)));
    }

    private static Content json(Schema<?> schema) {
        return new Content().addMediaType(Response.APPLICATION_JSON, new MediaType().schema(schema));
    }

    private static Object typedDefault(String text, Schema<?> s) {
        Set<String> types = s.getTypes();
        String type = types == null || types.isEmpty() ? "" : types.iterator().next();
        try {
            return switch (type) {
                case "integer" -> Long.parseLong(text.trim());
                case "number" -> new BigDecimal(text.trim());
                case "boolean" -> Boolean.parseBoolean(text.trim());
                default -> text;
            };
        } catch (NumberFormatException e) {
            return text;
        }
    }

    /** FastAPI's {@code generate_unique_id}: {@code {name}{path}_{method}}, non-word characters as '_'. */
    private static String defaultId(String name, Route route) {
        String path = openApiPath(route.template());
        String base = (name == null ? "" : name) + path;
        String id = base.replaceAll("\\W", "_") + "_" + route.method().toLowerCase(Locale.ROOT);
        return name == null && id.startsWith("_") ? id.substring(1) : id;
    }

    /** A lambda has no name to show; FastAPI-like, "get_asyncio_test" for {@code GET /asyncio-test/{user_id}}. */
    private static String lambdaName(Route route) {
        StringBuilder out = new StringBuilder(route.method().toLowerCase(Locale.ROOT));
        for (String segment : route.template().split("/")) {
            if (!segment.isEmpty() && !segment.startsWith("{")) out.append('_').append(segment);
        }
        return out.toString();
    }

    private String uniqueId(String id) {
        String candidate = id;
        for (int n = 2; !operationIds.add(candidate); n++) candidate = id + "_" + n;
        return candidate;
    }

    /** {@code /files/{rest:path}} is {@code /files/{rest}} in OpenAPI. */
    static String openApiPath(String template) {
        return template.replace(":path}", "}");
    }

    private void addValidationErrorSchemas() {
        Schema<?> loc = SchemaGenerator.typed("array", null).title("Location").items(new Schema<>().anyOf(List.of(
                SchemaGenerator.typed("string", null), SchemaGenerator.typed("integer", null))));
        Schema<?> error = SchemaGenerator.typed("object", null).title("ValidationError");
        error.addProperty("loc", loc);
        error.addProperty("msg", SchemaGenerator.typed("string", null).title("Message"));
        error.addProperty("type", SchemaGenerator.typed("string", null).title("Error Type"));
        error.addProperty("input", new Schema<>().title("Input"));
        error.addProperty("ctx", SchemaGenerator.typed("object", null).title("Context"));
        error.required(List.of("loc", "msg", "type"));
        Schema<?> http = SchemaGenerator.typed("object", null).title("HTTPValidationError");
        http.addProperty("detail", SchemaGenerator.typed("array", null).title("Detail")
                .items(new Schema<>().$ref("#/components/schemas/ValidationError")));
        Map<String, Schema<?>> components = schemas.components();
        components.putIfAbsent("ValidationError", error);
        components.putIfAbsent("HTTPValidationError", http);
    }
}
