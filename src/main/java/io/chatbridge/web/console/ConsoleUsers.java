package io.chatbridge.web.console;

import static io.chatbridge.common.Columns.instant;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one user store of the console and the JSON API ({@code console_user}): sign-in by form and by
 * HTTP Basic both read it, so a role given here applies to both.
 */
public class ConsoleUsers implements UserDetailsService {

    private final JdbcClient jdbc;
    private final PasswordEncoder encoder;

    ConsoleUsers(JdbcClient jdbc, PasswordEncoder encoder) {
        this.jdbc = jdbc;
        this.encoder = encoder;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        return jdbc.sql("select username, password_hash, role, enabled from console_user where username = ?")
                .param(username)
                .query((rs, n) -> User.withUsername(rs.getString("username"))
                        .password(rs.getString("password_hash"))
                        .authorities(ConsoleRole.of(rs.getString("role")).authority())
                        .disabled(!rs.getBoolean("enabled"))
                        .build())
                .optional()
                .orElseThrow(() -> new UsernameNotFoundException("no such console user"));
    }

    public List<ConsoleUser> list() {
        return jdbc.sql("select * from console_user order by username")
                .query((rs, n) -> new ConsoleUser(
                        rs.getString("username"),
                        ConsoleRole.of(rs.getString("role")),
                        rs.getBoolean("enabled"),
                        instant(rs.getTimestamp("created_at")),
                        instant(rs.getTimestamp("last_login"))))
                .list();
    }

    public Optional<ConsoleUser> find(String username) {
        return list().stream().filter(u -> u.username().equals(username)).findFirst();
    }

    /** Adds a user; false when the username is taken. */
    public boolean add(String username, String password, ConsoleRole role) {
        return jdbc.sql(
                                """
                        insert into console_user (username, password_hash, role) values (?, ?, ?)
                        on conflict (username) do nothing""")
                        .params(username, encoder.encode(password), role.key())
                        .update()
                == 1;
    }

    /**
     * Changes a user's role and whether they may sign in. Refused (false) when it would leave no enabled
     * admin, so nobody can lock the console away from everyone.
     */
    @Transactional
    public boolean update(String username, ConsoleRole role, boolean enabled) {
        jdbc.sql("select 1 from console_user where role = 'admin' for update")
                .query(Integer.class)
                .list();
        long otherAdmins = jdbc.sql(
                        "select count(*) from console_user where role = 'admin' and enabled and username <> ?")
                .param(username)
                .query(Long.class)
                .single();
        if (otherAdmins == 0 && (role != ConsoleRole.ADMIN || !enabled)) {
            return false;
        }
        return jdbc.sql("update console_user set role = ?, enabled = ? where username = ?")
                        .params(role.key(), enabled, username)
                        .update()
                == 1;
    }

    public boolean setPassword(String username, String password) {
        return jdbc.sql("update console_user set password_hash = ? where username = ?")
                        .params(encoder.encode(password), username)
                        .update()
                == 1;
    }

    void signedIn(String username) {
        jdbc.sql("update console_user set last_login = now() where username = ?")
                .param(username)
                .update();
    }

    /**
     * The admin named by the environment: created when missing, and given the environment's password when
     * its stored hash does not match, so the environment stays the way to get back in.
     */
    void ensureAdmin(String username, String password) {
        Optional<String> hash = jdbc.sql("select password_hash from console_user where username = ?")
                .param(username)
                .query(String.class)
                .optional();
        if (hash.isEmpty()) {
            add(username, password, ConsoleRole.ADMIN);
        } else if (!encoder.matches(password, hash.get())) {
            setPassword(username, password);
        }
        jdbc.sql("update console_user set role = 'admin', enabled = true where username = ?")
                .param(username)
                .update();
    }
}
