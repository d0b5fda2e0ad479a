package io.chatbridge.web.console;

import static io.chatbridge.support.console.ConsoleInstance.ADMIN;
import static io.chatbridge.support.console.ConsoleInstance.ADMIN_PASSWORD;
import static io.chatbridge.support.console.ConsoleInstance.AGENT;
import static io.chatbridge.support.console.ConsoleInstance.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import io.chatbridge.support.console.ConsoleBrowser;
import io.chatbridge.support.console.ConsoleInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** Signing in and role limits in a real headless chromium against a whole instance. */
class ConsoleBrowserIT {

    static ConsoleInstance instance;
    static ConsoleBrowser browser;

    @BeforeAll
    static void start() {
        instance = ConsoleInstance.shared();
        browser = ConsoleBrowser.open(instance.port);
    }

    @AfterAll
    static void stop() {
        browser.close();
    }

    @BeforeEach
    void signedOut() {
        browser.go("/login").forget();
    }

    @Test
    void aWrongPasswordShowsAnErrorAndTheRightOneOpensTheConsole() {
        browser.go("/console");
        assertThat(browser.path()).isEqualTo("/login");
        browser.screenshot("signin");

        browser.signIn(ADMIN, "not-the-password");
        assertThat(browser.await(By.id("signin-error")).getText()).contains("Wrong username or password");
        browser.screenshot("signin-error");

        browser.signIn(ADMIN, ADMIN_PASSWORD);
        browser.await(By.cssSelector("nav.nav"));
        assertThat(browser.path()).isEqualTo("/console");
        assertThat(navLabels(browser)).contains("Search", "Finance", "Users");
        browser.screenshot("home-admin");
    }

    @Test
    void anAgentDoesNotSeeFinanceAndGetsTheNotForYourRolePage() {
        browser.signIn(AGENT, PASSWORD);
        browser.await(By.cssSelector("nav.nav"));
        assertThat(navLabels(browser)).contains("Search").doesNotContain("Finance", "Users");

        browser.go("/console/finance");
        assertThat(browser.await(By.id("denied")).getText()).isEqualTo("Not for your role");
        browser.screenshot("agent-finance-denied");
    }

    @Test
    void anAdminAddsAUserWhoCanThenSignIn() {
        browser.signIn(ADMIN, ADMIN_PASSWORD);
        browser.await(By.cssSelector("nav.nav"));
        browser.go("/console/users");
        browser.find(By.name("username")).sendKeys("new.agent");
        browser.find(By.name("password")).sendKeys("a-long-new-password");
        new org.openqa.selenium.support.ui.Select(browser.find(By.cssSelector("form.stack select")))
                .selectByValue("agent");
        browser.find(By.cssSelector("form.stack button")).click();
        browser.awaitText(By.cssSelector(".flash.ok"), "Added new.agent (agent)");
        assertThat(browser.find(By.id("audit")).getText()).contains("user-add");
        browser.screenshot("users");
        browser.forget();
        browser.signIn("new.agent", "a-long-new-password");
        browser.await(By.cssSelector("nav.nav"));
        assertThat(browser.path()).isEqualTo("/console");
    }

    private static java.util.List<String> navLabels(ConsoleBrowser browser) {
        return browser.driver().findElements(By.cssSelector("nav.nav a")).stream()
                .map(WebElement::getText)
                .toList();
    }
}
