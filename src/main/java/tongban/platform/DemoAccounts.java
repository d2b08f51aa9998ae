package tongban.platform;

import java.util.List;
import java.util.Optional;

/**
 * The embedded default's demo logins (演示账号), listed in the README: {@code name} / {@code demo-name}. Applicants act
 * as the person or organisation the {@code account} table names; staff have a role and, for window officers, the
 * district (区) whose queue they serve. They exist only in demo mode; the city's identity provider replaces them.
 */
public final class DemoAccounts {

    /** One demo login; {@code district} is a district code (行政区划代码) or null. */
    public record Account(String name, String role, String district) {
    }

    public static final List<Account> ALL = List.of(
            new Account("zhangsan", Roles.APPLICANT, null),
            new Account("lisi", Roles.APPLICANT, null),
            new Account("wangwu", Roles.APPLICANT, null),
            new Account("acme", Roles.APPLICANT, null),
            new Account("policy", Roles.POLICY, null),
            new Account("officer", Roles.OFFICER, "310101"),
            new Account("officer2", Roles.OFFICER, "310115"),
            new Account("agent", Roles.AGENT, null),
            new Account("supervisor", Roles.SUPERVISOR, null),
            new Account("supervisor2", Roles.SUPERVISOR, null),
            new Account("operator", Roles.OPERATOR, null));

    private DemoAccounts() {
    }

    public static Optional<Account> named(String name) {
        return ALL.stream().filter(a -> a.name().equals(name)).findFirst();
    }
}
