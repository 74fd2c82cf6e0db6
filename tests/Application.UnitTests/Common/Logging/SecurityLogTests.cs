using FastApiLearning.Application.Common.Logging;
using FastApiLearning.TestSupport.Logging;
using Microsoft.Extensions.Logging;

namespace FastApiLearning.Application.UnitTests.Common.Logging;

public sealed class SecurityLogTests
{
    private const string Username = "behai_nguyen@hotmail.com";
    private const string ClientIp = "203.0.113.7";

    private LogCapture _logs = null!;
    private ILogger _logger = null!;

    [SetUp]
    public void SetUp()
    {
        _logs = new LogCapture();
        _logger = _logs.CreateLogger(SecurityLog.Category);
    }

    [Test]
    public void TokenRejected_WritesEvent1005WithReasonUsernameAndClientIp()
    {
        // Act
        SecurityLog.TokenRejected(_logger, "revoked", Username, ClientIp);

        // Assert
        var entry = _logs.Entries.Single();
        Assert.That(entry.EventId.Id, Is.EqualTo(1005));
        Assert.That(entry.EventId.Name, Is.EqualTo("TokenRejected"));
        Assert.That(entry.Level, Is.EqualTo(LogLevel.Warning));
        Assert.That(entry.State, Does.ContainKey("Reason").WithValue("revoked"));
        Assert.That(entry.State, Does.ContainKey("Username").WithValue(Username));
        Assert.That(entry.State, Does.ContainKey("ClientIp").WithValue(ClientIp));
        Assert.That(entry.Message, Is.EqualTo($"Token rejected (revoked) for {Username} from {ClientIp}"));
    }

    [Test]
    public void LoginFailed_WhenClientIpIsUnknown_StillWritesEvent()
    {
        // Act
        SecurityLog.LoginFailed(_logger, Username, clientIp: null);

        // Assert
        var entry = _logs.Entries.Single();
        Assert.That(entry.EventId.Id, Is.EqualTo(1002));
        Assert.That(entry.State, Does.ContainKey("ClientIp").WithValue(null));
        Assert.That(entry.Message, Does.StartWith($"Login failed for {Username} from "));
    }

    [Test]
    public void Events_WriteTheirIdsAndNamesUnderSecurityCategory()
    {
        // Act
        SecurityLog.LoginSucceeded(_logger, Username, 500222, ClientIp);
        SecurityLog.LoginFailed(_logger, Username, ClientIp);
        SecurityLog.LoginThrottled(_logger, Username, ClientIp, 60);
        SecurityLog.Logout(_logger, Username, ClientIp);
        SecurityLog.TokenRejected(_logger, "expired", Username, ClientIp);
        SecurityLog.PasswordHashUpgraded(_logger, 500222);
        SecurityLog.CrossSiteRequestRefused(_logger, "/logout", ClientIp, "https://evil.example", "cross-site");
        SecurityLog.LoggedOutEverywhere(_logger, Username, 500222, ClientIp);
        SecurityLog.LegacyHashKept(_logger, 500222);
        SecurityLog.EmployeeAdded(_logger, Username, 500222);
        SecurityLog.PasswordSet(_logger, Username, 500222);
        SecurityLog.EmployeeRemoved(_logger, Username, 500222);
        SecurityLog.EmployeesImported(_logger, 300_024, 0, 0, withInitialPassword: false);
        SecurityLog.LegacyHashesWrapped(_logger, 3, 2, 1);
        SecurityLog.ScopesGranted(_logger, Username, 500222, ["admin:read"], ["user:read", "admin:read"]);
        SecurityLog.ScopesRevoked(_logger, Username, 500222, ["admin:read"], ["user:read"]);
        SecurityLog.LoginScopeRefused(_logger, Username, 500222, ClientIp, "admin:write");
        SecurityLog.EmployeeUpdated(_logger, Username, 500222, 10005);
        SecurityLog.EmployeeCreated(_logger, Username, 500222, 10005);
        SecurityLog.AccessDenied(_logger, 500222, "GET /employees", "admin:read", ClientIp);
        SecurityLog.RefreshTokenReused(_logger, 500222, "family", "client", ClientIp);
        SecurityLog.RefreshRefused(_logger, "expired", 500222, "client", ClientIp);
        SecurityLog.TokenRevoked(_logger, "Refresh token", 500222, "client", ClientIp);
        SecurityLog.ClientAuthenticationFailed(_logger, "client", "/introspect", ClientIp);

        // Assert
        Assert.That(
            _logs.Entries.Select(e => (e.EventId.Id, e.EventId.Name)),
            Is.EqualTo(new[]
            {
                (1001, "LoginSucceeded"),
                (1002, "LoginFailed"),
                (1003, "LoginThrottled"),
                (1004, "Logout"),
                (1005, "TokenRejected"),
                (1006, "PasswordHashUpgraded"),
                (1007, "CrossSiteRequestRefused"),
                (1008, "LoggedOutEverywhere"),
                (1009, "LegacyHashKept"),
                (1010, "EmployeeAdded"),
                (1011, "PasswordSet"),
                (1012, "EmployeeRemoved"),
                (1013, "EmployeesImported"),
                (1014, "LegacyHashesWrapped"),
                (1015, "ScopesGranted"),
                (1016, "ScopesRevoked"),
                (1017, "LoginScopeRefused"),
                (1018, "EmployeeUpdated"),
                (1019, "EmployeeCreated"),
                (1020, "AccessDenied"),
                (1021, "RefreshTokenReused"),
                (1022, "RefreshRefused"),
                (1023, "TokenRevoked"),
                (1024, "ClientAuthenticationFailed"),
            }));
        Assert.That(_logs.Entries.Select(e => e.Category), Is.All.EqualTo(SecurityLog.Category));
    }

    [Test]
    public void CrossSiteRequestRefused_WritesEvent1007WithPathClientIpOriginAndFetchSite()
    {
        // Act
        SecurityLog.CrossSiteRequestRefused(_logger, "/logout", ClientIp, "https://evil.example", "cross-site");

        // Assert
        var entry = _logs.Entries.Single();
        Assert.That(entry.Level, Is.EqualTo(LogLevel.Warning));
        Assert.That(entry.State, Does.ContainKey("Path").WithValue("/logout"));
        Assert.That(entry.State, Does.ContainKey("Origin").WithValue("https://evil.example"));
        Assert.That(entry.State, Does.ContainKey("FetchSite").WithValue("cross-site"));
        Assert.That(
            entry.Message,
            Is.EqualTo($"Cross-site /logout refused from {ClientIp} (Origin https://evil.example, Sec-Fetch-Site cross-site)"));
    }

    [Test]
    public void LoggedOutEverywhere_WritesEvent1008WithUsernameEmpNoAndClientIp()
    {
        // Act
        SecurityLog.LoggedOutEverywhere(_logger, Username, 500222, ClientIp);

        // Assert
        var entry = _logs.Entries.Single();
        Assert.That(entry.Level, Is.EqualTo(LogLevel.Information));
        Assert.That(entry.State, Does.ContainKey("EmpNo").WithValue(500222));
        Assert.That(entry.Message, Is.EqualTo($"Logout everywhere of {Username} (emp_no 500222) from {ClientIp}"));
    }

    [Test]
    public void LegacyHashKept_WritesEvent1009WithEmpNo()
    {
        // Act
        SecurityLog.LegacyHashKept(_logger, 500222);

        // Assert
        var entry = _logs.Entries.Single();
        Assert.That(entry.Level, Is.EqualTo(LogLevel.Warning));
        Assert.That(entry.State, Does.ContainKey("EmpNo").WithValue(500222));
        Assert.That(
            entry.Message,
            Is.EqualTo("Password of emp_no 500222 is longer than bcrypt's 72 bytes; its bcrypt hash is kept, not upgraded"));
    }

    [Test]
    public void EmployeeAdded_WritesEvent1010WithUsernameAndEmpNo()
    {
        // Act
        SecurityLog.EmployeeAdded(_logger, Username, 500222);

        // Assert
        var entry = _logs.Entries.Single();
        Assert.That(entry.Level, Is.EqualTo(LogLevel.Information));
        Assert.That(entry.State, Does.ContainKey("Username").WithValue(Username));
        Assert.That(entry.State, Does.ContainKey("EmpNo").WithValue(500222));
        Assert.That(entry.Message, Is.EqualTo($"Employee {Username} (emp_no 500222) added"));
    }

    [Test]
    public void PasswordSet_WritesEvent1011WithUsernameAndEmpNo()
    {
        // Act
        SecurityLog.PasswordSet(_logger, Username, 500222);

        // Assert
        var entry = _logs.Entries.Single();
        Assert.That(entry.Level, Is.EqualTo(LogLevel.Information));
        Assert.That(entry.State, Does.ContainKey("Username").WithValue(Username));
        Assert.That(entry.State, Does.ContainKey("EmpNo").WithValue(500222));
        Assert.That(entry.Message, Is.EqualTo($"Password of {Username} (emp_no 500222) set; every token issued before is refused"));
    }

    [Test]
    public void EmployeeRemoved_WritesEvent1012WithUsernameAndEmpNo()
    {
        // Act
        SecurityLog.EmployeeRemoved(_logger, Username, 500222);

        // Assert
        var entry = _logs.Entries.Single();
        Assert.That(entry.Level, Is.EqualTo(LogLevel.Information));
        Assert.That(entry.State, Does.ContainKey("EmpNo").WithValue(500222));
        Assert.That(entry.Message, Is.EqualTo($"Employee {Username} (emp_no 500222) removed; every token of theirs is refused"));
    }

    [Test]
    public void EmployeesImported_WritesEvent1013WithTheCountsAndWhetherAnInitialPasswordWasGiven()
    {
        // Act
        SecurityLog.EmployeesImported(_logger, 300_024, 2, 1, withInitialPassword: true);

        // Assert
        var entry = _logs.Entries.Single();
        Assert.That(entry.Level, Is.EqualTo(LogLevel.Information));
        Assert.That(entry.State, Does.ContainKey("Added").WithValue(300_024));
        Assert.That(entry.State, Does.ContainKey("Updated").WithValue(2));
        Assert.That(entry.State, Does.ContainKey("Skipped").WithValue(1));
        Assert.That(entry.State, Does.ContainKey("WithInitialPassword").WithValue(true));
        Assert.That(
            entry.Message,
            Is.EqualTo("Employees imported: 300024 added, 2 updated, 1 skipped; an initial password for the new rows: True"));
    }

    [Test]
    public void ScopesGranted_WritesEvent1015WithWhatWasGrantedAndWhatIsHeld()
    {
        // Act
        SecurityLog.ScopesGranted(_logger, Username, 500222, ["admin:read"], ["user:read", "admin:read"]);

        // Assert
        var entry = _logs.Entries.Single();
        Assert.That(entry.Level, Is.EqualTo(LogLevel.Information));
        Assert.That(
            entry.Message,
            Is.EqualTo($"Scopes admin:read granted to {Username} (emp_no 500222), who now holds user:read admin:read; every token issued before is refused"));
    }

    [Test]
    public void ScopesRevoked_WhenNothingIsLeft_WritesNone()
    {
        // Act
        SecurityLog.ScopesRevoked(_logger, Username, 500222, ["user:read"], []);

        // Assert
        var entry = _logs.Entries.Single();
        Assert.That(entry.EventId.Id, Is.EqualTo(1016));
        Assert.That(
            entry.Message,
            Is.EqualTo($"Scopes user:read revoked from {Username} (emp_no 500222), who now holds (none); every token issued before is refused"));
    }

    [Test]
    public void LoginScopeRefused_WritesEvent1017AsAWarning()
    {
        // Act
        SecurityLog.LoginScopeRefused(_logger, Username, 500222, ClientIp, "admin:write");

        // Assert
        var entry = _logs.Entries.Single();
        Assert.That(entry.Level, Is.EqualTo(LogLevel.Warning));
        Assert.That(
            entry.Message,
            Is.EqualTo($"Login of {Username} (emp_no 500222) from {ClientIp} refused: none of the requested scopes admin:write is granted"));
    }

    [Test]
    public void EmployeeUpdatedAndCreated_WriteEvents1018And1019WithTheCaller()
    {
        // Act
        SecurityLog.EmployeeUpdated(_logger, Username, 500222, 10005);
        SecurityLog.EmployeeCreated(_logger, Username, 500222, 10011);

        // Assert
        Assert.That(_logs.Entries.Select(e => e.Message), Is.EqualTo(new[]
        {
            $"Employee {Username} (emp_no 500222) updated by emp_no 10005",
            $"Employee {Username} (emp_no 500222) added by emp_no 10011",
        }));
    }

    [Test]
    public void AccessDenied_WritesEvent1020AsAWarning()
    {
        // Act
        SecurityLog.AccessDenied(_logger, 500222, "GET /employees", "admin:read", ClientIp);

        // Assert
        var entry = _logs.Entries.Single();
        Assert.That(entry.Level, Is.EqualTo(LogLevel.Warning));
        Assert.That(entry.Message, Is.EqualTo($"Access of emp_no 500222 to GET /employees from {ClientIp} denied: it needs admin:read"));
    }

    [Test]
    public void RefreshTokenReused_WritesEvent1021AsAWarningNamingTheFamily()
    {
        // Act
        SecurityLog.RefreshTokenReused(_logger, 500222, "0123abcd", "spa", ClientIp);

        // Assert
        var entry = _logs.Entries.Single();
        Assert.That(entry.Level, Is.EqualTo(LogLevel.Warning));
        Assert.That(entry.Message, Is.EqualTo($"Refresh token of emp_no 500222 reused by client 'spa' from {ClientIp}; its family 0123abcd is revoked"));
    }

    // Every string an event writes, each in turn carrying a forged second entry.
    private static IEnumerable<TestCaseData> StringValues()
    {
        yield return Row("LoginSucceeded", "Username", (log, v) => SecurityLog.LoginSucceeded(log, v, 1, ClientIp));
        yield return Row("LoginSucceeded", "ClientIp", (log, v) => SecurityLog.LoginSucceeded(log, Username, 1, v));
        yield return Row("LoginFailed", "Username", (log, v) => SecurityLog.LoginFailed(log, v, ClientIp));
        yield return Row("LoginFailed", "ClientIp", (log, v) => SecurityLog.LoginFailed(log, Username, v));
        yield return Row("LoginThrottled", "Username", (log, v) => SecurityLog.LoginThrottled(log, v, ClientIp, 60));
        yield return Row("LoginThrottled", "ClientIp", (log, v) => SecurityLog.LoginThrottled(log, Username, v, 60));
        yield return Row("Logout", "Username", (log, v) => SecurityLog.Logout(log, v, ClientIp));
        yield return Row("RefreshTokenReused", "ClientId", (log, v) => SecurityLog.RefreshTokenReused(log, 1, "family", v, ClientIp));
        yield return Row("RefreshRefused", "ClientIp", (log, v) => SecurityLog.RefreshRefused(log, "unknown", null, "client", v));
        yield return Row("TokenRevoked", "ClientId", (log, v) => SecurityLog.TokenRevoked(log, "Access token", 1, v, ClientIp));
        yield return Row("ClientAuthenticationFailed", "ClientId", (log, v) => SecurityLog.ClientAuthenticationFailed(log, v, "/token", ClientIp));
        yield return Row("Logout", "ClientIp", (log, v) => SecurityLog.Logout(log, Username, v));
        yield return Row("TokenRejected", "Reason", (log, v) => SecurityLog.TokenRejected(log, v, Username, ClientIp));
        yield return Row("TokenRejected", "Username", (log, v) => SecurityLog.TokenRejected(log, "revoked", v, ClientIp));
        yield return Row("TokenRejected", "ClientIp", (log, v) => SecurityLog.TokenRejected(log, "revoked", Username, v));
        yield return Row("CrossSiteRequestRefused", "Path", (log, v) => SecurityLog.CrossSiteRequestRefused(log, v, ClientIp, "o", "f"));
        yield return Row("CrossSiteRequestRefused", "ClientIp", (log, v) => SecurityLog.CrossSiteRequestRefused(log, "/p", v, "o", "f"));
        yield return Row("CrossSiteRequestRefused", "Origin", (log, v) => SecurityLog.CrossSiteRequestRefused(log, "/p", ClientIp, v, "f"));
        yield return Row("CrossSiteRequestRefused", "FetchSite", (log, v) => SecurityLog.CrossSiteRequestRefused(log, "/p", ClientIp, "o", v));
        yield return Row("LoggedOutEverywhere", "Username", (log, v) => SecurityLog.LoggedOutEverywhere(log, v, 1, ClientIp));
        yield return Row("LoggedOutEverywhere", "ClientIp", (log, v) => SecurityLog.LoggedOutEverywhere(log, Username, 1, v));
        yield return Row("EmployeeAdded", "Username", (log, v) => SecurityLog.EmployeeAdded(log, v, 1));
        yield return Row("PasswordSet", "Username", (log, v) => SecurityLog.PasswordSet(log, v, 1));
        yield return Row("EmployeeRemoved", "Username", (log, v) => SecurityLog.EmployeeRemoved(log, v, 1));
        yield return Row("ScopesGranted", "Username", (log, v) => SecurityLog.ScopesGranted(log, v, 1, ["user:read"], ["user:read"]));
        yield return Row("ScopesGranted", "Scopes", (log, v) => SecurityLog.ScopesGranted(log, Username, 1, [v], ["user:read"]));
        yield return Row("ScopesRevoked", "Username", (log, v) => SecurityLog.ScopesRevoked(log, v, 1, ["user:read"], []));
        yield return Row("ScopesRevoked", "Held", (log, v) => SecurityLog.ScopesRevoked(log, Username, 1, ["user:read"], [v]));
        yield return Row("LoginScopeRefused", "Username", (log, v) => SecurityLog.LoginScopeRefused(log, v, 1, ClientIp, "admin:read"));
        yield return Row("LoginScopeRefused", "ClientIp", (log, v) => SecurityLog.LoginScopeRefused(log, Username, 1, v, "admin:read"));
        yield return Row("LoginScopeRefused", "Scope", (log, v) => SecurityLog.LoginScopeRefused(log, Username, 1, ClientIp, v));
        yield return Row("EmployeeUpdated", "Username", (log, v) => SecurityLog.EmployeeUpdated(log, v, 1, 2));
        yield return Row("EmployeeCreated", "Username", (log, v) => SecurityLog.EmployeeCreated(log, v, 1, 2));
        yield return Row("AccessDenied", "Resource", (log, v) => SecurityLog.AccessDenied(log, 1, v, "admin:read", ClientIp));
        yield return Row("AccessDenied", "RequiredScope", (log, v) => SecurityLog.AccessDenied(log, 1, "GET /employees", v, ClientIp));
        yield return Row("AccessDenied", "ClientIp", (log, v) => SecurityLog.AccessDenied(log, 1, "GET /employees", "admin:read", v));

        static TestCaseData Row(string eventName, string key, Action<ILogger, string> write) =>
            new TestCaseData(key, write).SetName($"{eventName}_When{key}HasANewline_WritesItEscapedOnOneLine");
    }

    [TestCaseSource(nameof(StringValues))]
    public void Event_WhenAValueHasANewline_WritesItEscapedOnOneLine(string key, Action<ILogger, string> write)
    {
        // Arrange
        const string forged = "x@example.com\r\nLogin succeeded for admin@example.com (emp_no 1) from 10.0.0.1";

        // Act
        write(_logger, forged);

        // Assert
        const string escaped = @"x@example.com\r\nLogin succeeded for admin@example.com (emp_no 1) from 10.0.0.1";
        var entry = _logs.Entries.Single();
        Assert.That(entry.State, Does.ContainKey(key).WithValue(escaped));
        Assert.That(entry.Message, Does.Contain(escaped));
        Assert.That(entry.Message.Any(char.IsControl), Is.False, entry.Message);
    }

    [TestCase("a\nb", @"a\nb", TestName = "Escape_WritesLineFeedAsBackslashN")]
    [TestCase("a\rb", @"a\rb", TestName = "Escape_WritesCarriageReturnAsBackslashR")]
    [TestCase("a\tb", @"a\tb", TestName = "Escape_WritesTabAsBackslashT")]
    [TestCase("a\0b", @"a\u0000b", TestName = "Escape_WritesNulAsUnicodeEscape")]
    [TestCase("\u001b[31mred", @"\u001B[31mred", TestName = "Escape_WritesAnsiEscapeAsUnicodeEscape")]
    [TestCase("a\u007fb", @"a\u007Fb", TestName = "Escape_WritesDeleteAsUnicodeEscape")]
    [TestCase("a\u0085b", @"a\u0085b", TestName = "Escape_WritesNextLineAsUnicodeEscape")]
    [TestCase("a\u2028b\u2029c", @"a\u2028b\u2029c", TestName = "Escape_WritesLineAndParagraphSeparatorsAsUnicodeEscapes")]
    [TestCase("behai_nguyen@hotmail.com", "behai_nguyen@hotmail.com", TestName = "Escape_LeavesAPlainValueAlone")]
    [TestCase("mật khẩu 🔑 \u202E", "mật khẩu 🔑 \u202E", TestName = "Escape_LeavesPrintableUnicodeAlone")]
    public void Escape_WritesEachLineBreakingCharacterAsAnEscape(string value, string expected)
    {
        // Act
        var escaped = SecurityLog.Escape(value);

        // Assert
        Assert.That(escaped, Is.EqualTo(expected));
    }

    [Test]
    public void Logout_WhenUsernameIsUnknown_WritesNull()
    {
        // Act
        SecurityLog.Logout(_logger, username: null, ClientIp);

        // Assert
        Assert.That(_logs.Entries.Single().State, Does.ContainKey("Username").WithValue(null));
    }
}
