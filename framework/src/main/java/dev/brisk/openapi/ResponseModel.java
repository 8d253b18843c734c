package dev.brisk.openapi;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Objects;

/**
 * The type a lambda route answers with, for the OpenAPI document (FastAPI's {@code response_model}).
 * Controller methods need none: their generic return type is read. Without one, a lambda route's
 * success response is documented with the permissive schema {@code {}}.
 *
 * <pre>{@code
 * app.get("/items", worker(req -> store.all()))
 *    .extension(ResponseModel.class, ResponseModel.listOf(Item.class));
 * app.post("/items", worker(req -> store.add(req))).status(201)
 *    .extension(ResponseModel.class, ResponseModel.of(Item.class));
 * }</pre>
 *
 * @param type the (possibly generic) type of the response body
 */
public record ResponseModel(Type type) {
    public ResponseModel {
        Objects.requireNonNull(type, "type");
    }

    /** The response is one {@code type}. */
    public static ResponseModel of(Type type) {
        return new ResponseModel(type);
    }

    /** The response is a JSON array of {@code element}. */
    public static ResponseModel listOf(Class<?> element) {
        return new ResponseModel(new ListType(element));
    }

    private record ListType(Class<?> element) implements ParameterizedType {
        @Override
        public Type[] getActualTypeArguments() {
            return new Type[] {element};
        }

        @Override
        public Type getRawType() {
            return List.class;
        }

        @Override
        public Type getOwnerType() {
            return null;
        }

        @Override
        public String getTypeName() {
            return "java.util.List<" + element.getTypeName() + ">";
        }
    }
}
