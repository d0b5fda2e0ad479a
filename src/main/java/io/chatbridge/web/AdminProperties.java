package io.chatbridge.web;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** The admin account of the JSON API; the password comes from {@code CHATBRIDGE_ADMIN_PASSWORD}. */
@ConfigurationProperties("chatbridge.admin")
public record AdminProperties(String user, String password) {

    @Override
    public String toString() {
        return "AdminProperties[user=" + user + ", password=***]";
    }
}
