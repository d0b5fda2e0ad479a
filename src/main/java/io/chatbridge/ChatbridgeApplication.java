package io.chatbridge;

import io.chatbridge.cli.ChatbridgeCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Starts the chatbridge server, or runs one of the command-line tools ({@code extract},
 * {@code mappings validate}, {@code import}) when the first argument names one. The tools that need
 * no database never start Spring.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ChatbridgeApplication {

    public static void main(String[] args) {
        if (ChatbridgeCommand.handles(args)) {
            System.exit(ChatbridgeCommand.launch(args));
        }
        SpringApplication application = new SpringApplication(ChatbridgeApplication.class);
        application.addListeners(new RoutesDirectoryCheck());
        application.run(args);
    }
}
