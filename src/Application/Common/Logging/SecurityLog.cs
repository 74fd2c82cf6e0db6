using Microsoft.Extensions.Logging;

namespace FastApiLearning.Application.Common.Logging;

/// <summary>
/// The security events of the service, as structured log events. Each names the client IP and
/// the normalised username where known; none ever carries a password, a hash or a token.
/// </summary>
public static partial class SecurityLog
{
    public const string Category = "FastApiLearning.Security";

    [LoggerMessage(EventId = 1001, EventName = "LoginSucceeded", Level = LogLevel.Information,
        Message = "Login succeeded for {Username} (emp_no {EmpNo}) from {ClientIp}")]
    public static partial void LoginSucceeded(ILogger logger, string username, int empNo, string? clientIp);

    [LoggerMessage(EventId = 1002, EventName = "LoginFailed", Level = LogLevel.Warning,
        Message = "Login failed for {Username} from {ClientIp}")]
    public static partial void LoginFailed(ILogger logger, string username, string? clientIp);

    [LoggerMessage(EventId = 1003, EventName = "LoginThrottled", Level = LogLevel.Warning,
        Message = "Login throttled for {Username} from {ClientIp}; retry in {RetryAfterSeconds} s")]
    public static partial void LoginThrottled(ILogger logger, string username, string? clientIp, int retryAfterSeconds);

    [LoggerMessage(EventId = 1004, EventName = "Logout", Level = LogLevel.Information,
        Message = "Logout of {Username} from {ClientIp}")]
    public static partial void Logout(ILogger logger, string? username, string? clientIp);

    [LoggerMessage(EventId = 1005, EventName = "TokenRejected", Level = LogLevel.Warning,
        Message = "Token rejected ({Reason}) for {Username} from {ClientIp}")]
    public static partial void TokenRejected(ILogger logger, string reason, string? username, string? clientIp);

    [LoggerMessage(EventId = 1006, EventName = "PasswordHashUpgraded", Level = LogLevel.Information,
        Message = "Password hash of emp_no {EmpNo} upgraded to the current parameters")]
    public static partial void PasswordHashUpgraded(ILogger logger, int empNo);

    [LoggerMessage(EventId = 1007, EventName = "CrossSiteRequestRefused", Level = LogLevel.Warning,
        Message = "Cross-site {Path} refused from {ClientIp} (Origin {Origin}, Sec-Fetch-Site {FetchSite})")]
    public static partial void CrossSiteRequestRefused(ILogger logger, string path, string? clientIp, string? origin, string? fetchSite);

    [LoggerMessage(EventId = 1008, EventName = "LoggedOutEverywhere", Level = LogLevel.Information,
        Message = "Logout everywhere of {Username} (emp_no {EmpNo}) from {ClientIp}")]
    public static partial void LoggedOutEverywhere(ILogger logger, string? username, int empNo, string? clientIp);
}
