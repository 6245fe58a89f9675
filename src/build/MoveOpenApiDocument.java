import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Moves the OpenAPI document that Quarkus generated at build time out of its sight in the packaged app, to
 * META-INF/xborder-openapi-doc.JSON and .YAML, where api.OpenApiDocument serves it from. Quarkus reads
 * META-INF/quarkus-generated-openapi-doc.JSON at every start, parses it and writes it again as JSON and YAML (half a
 * second of a start with the JDK 25 AOT cache, performance.md); it has no switch to skip that, and finding no document
 * it skips it. Run by the build after quarkus:build (pom.xml, execution move-openapi-document):
 *
 * <pre>
 * java src/build/MoveOpenApiDocument.java target/quarkus-app/quarkus/generated-bytecode.jar
 * </pre>
 *
 * Fails when the document is not where Quarkus puts it (another Quarkus version): the start would then parse it again.
 */
public class MoveOpenApiDocument {

    static final String FROM = "META-INF/quarkus-generated-openapi-doc.";
    static final String TO = "META-INF/xborder-openapi-doc.";

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException(
                    "usage: java MoveOpenApiDocument.java target/quarkus-app/quarkus/generated-bytecode.jar");
        }
        Path jar = Path.of(args[0]).toAbsolutePath();
        try (FileSystem zip = FileSystems.newFileSystem(URI.create("jar:" + jar.toUri()), Map.of())) {
            for (String format : new String[] { "JSON", "YAML" }) {
                Path from = zip.getPath(FROM + format);
                Path to = zip.getPath(TO + format);
                if (Files.exists(from)) {
                    Files.deleteIfExists(to);
                    Files.move(from, to);
                } else if (!Files.exists(to)) {
                    throw new IllegalStateException("no " + FROM + format + " in " + jar
                            + ": did Quarkus move its build-time OpenAPI document? See api.OpenApiDocument");
                }
            }
        }
        System.out.println("OpenAPI document moved to " + TO + "{JSON,YAML} in " + jar);
    }
}
