using FastApiLearning.Application.Common.Logging;
using FastApiLearning.Application.UnitTests.Support;
using Microsoft.Extensions.Logging;

namespace FastApiLearning.Application.UnitTests.Common.Logging;

public sealed class SecurityLogTests
{
    private const string Username = "behai_nguyen@hotmail.com";
    private const string ClientIp = "203.0.113.7";

    private CapturingLoggerFactory _logs = null!;
    private ILogger _logger = null!;

    [SetUp]
    public void SetUp()
    {
        _logs = new CapturingLoggerFactory();
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
            }));
        Assert.That(_logs.Entries.Select(e => e.Category), Is.All.EqualTo(SecurityLog.Category));
    }
}
