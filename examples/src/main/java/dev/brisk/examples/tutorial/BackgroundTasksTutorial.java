package dev.brisk.examples.tutorial;

import static dev.brisk.Handler.worker;

import dev.brisk.BackgroundTasks;
import dev.brisk.Brisk;
import dev.brisk.BriskConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/** FastAPI's "Background Tasks" page: write a notification to a log file after answering. */
public final class BackgroundTasksTutorial {
    private BackgroundTasksTutorial() {}

    // docs:begin background-tasks
    public static Brisk create(BriskConfig config, Path logFile) {
        Brisk app = Brisk.create(config);
        app.post("/send-notification/{email}", worker(req -> {
            String email = req.pathParam("email");
            BackgroundTasks.of(req).add(() -> writeLog(logFile, "notification for " + email + ": some notification\n"));
            return Map.of("message", "Notification sent in the background");
        }));
        return app;
    }
    // docs:end

    private static void writeLog(Path file, String line) {
        try {
            Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void main(String[] args) {
        create(new BriskConfig().port(8000), Path.of("log.txt")).start();
    }
}
