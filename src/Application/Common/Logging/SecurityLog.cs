using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;

namespace FastApiLearning.Application.Common.Logging;

/// <summary>
/// The security events of the service, as structured log events. Each names the client IP and
/// the normalised username where known; none ever carries a password, a hash or a token.
/// </summary>
/// <remarks>
/// A string value may come from a request, so each public method escapes every one (<see cref="Escape"/>)
/// before the source-generated writer sees it: a value cannot end its line and forge another entry.
/// </remarks>
public static partial class SecurityLog
{
    public const string Category = "FastApiLearning.Security";

    public static void LoginSucceeded(ILogger logger, string username, int empNo, string? clientIp) =>
        WriteLoginSucceeded(logger, Escape(username), empNo, Escape(clientIp));

    [LoggerMessage(EventId = 1001, EventName = "LoginSucceeded", Level = LogLevel.Information,
        Message = "Login succeeded for {Username} (emp_no {EmpNo}) from {ClientIp}")]
    private static partial void WriteLoginSucceeded(ILogger logger, string username, int empNo, string? clientIp);

    public static void LoginFailed(ILogger logger, string username, string? clientIp) =>
        WriteLoginFailed(logger, Escape(username), Escape(clientIp));

    [LoggerMessage(EventId = 1002, EventName = "LoginFailed", Level = LogLevel.Warning,
        Message = "Login failed for {Username} from {ClientIp}")]
    private static partial void WriteLoginFailed(ILogger logger, string username, string? clientIp);

    public static void LoginThrottled(ILogger logger, string username, string? clientIp, int retryAfterSeconds) =>
        WriteLoginThrottled(logger, Escape(username), Escape(clientIp), retryAfterSeconds);

    [LoggerMessage(EventId = 1003, EventName = "LoginThrottled", Level = LogLevel.Warning,
        Message = "Login throttled for {Username} from {ClientIp}; retry in {RetryAfterSeconds} s")]
    private static partial void WriteLoginThrottled(ILogger logger, string username, string? clientIp, int retryAfterSeconds);

    public static void Logout(ILogger logger, string? username, string? clientIp) =>
        WriteLogout(logger, Escape(username), Escape(clientIp));

    [LoggerMessage(EventId = 1004, EventName = "Logout", Level = LogLevel.Information,
        Message = "Logout of {Username} from {ClientIp}")]
    private static partial void WriteLogout(ILogger logger, string? username, string? clientIp);

    public static void TokenRejected(ILogger logger, string reason, string? username, string? clientIp) =>
        WriteTokenRejected(logger, Escape(reason), Escape(username), Escape(clientIp));

    [LoggerMessage(EventId = 1005, EventName = "TokenRejected", Level = LogLevel.Warning,
        Message = "Token rejected ({Reason}) for {Username} from {ClientIp}")]
    private static partial void WriteTokenRejected(ILogger logger, string reason, string? username, string? clientIp);

    public static void PasswordHashUpgraded(ILogger logger, int empNo) => WritePasswordHashUpgraded(logger, empNo);

    [LoggerMessage(EventId = 1006, EventName = "PasswordHashUpgraded", Level = LogLevel.Information,
        Message = "Password hash of emp_no {EmpNo} upgraded to the current parameters")]
    private static partial void WritePasswordHashUpgraded(ILogger logger, int empNo);

    public static void CrossSiteRequestRefused(ILogger logger, string path, string? clientIp, string? origin, string? fetchSite) =>
        WriteCrossSiteRequestRefused(logger, Escape(path), Escape(clientIp), Escape(origin), Escape(fetchSite));

    [LoggerMessage(EventId = 1007, EventName = "CrossSiteRequestRefused", Level = LogLevel.Warning,
        Message = "Cross-site {Path} refused from {ClientIp} (Origin {Origin}, Sec-Fetch-Site {FetchSite})")]
    private static partial void WriteCrossSiteRequestRefused(
        ILogger logger, string path, string? clientIp, string? origin, string? fetchSite);

    public static void LoggedOutEverywhere(ILogger logger, string? username, int empNo, string? clientIp) =>
        WriteLoggedOutEverywhere(logger, Escape(username), empNo, Escape(clientIp));

    [LoggerMessage(EventId = 1008, EventName = "LoggedOutEverywhere", Level = LogLevel.Information,
        Message = "Logout everywhere of {Username} (emp_no {EmpNo}) from {ClientIp}")]
    private static partial void WriteLoggedOutEverywhere(ILogger logger, string? username, int empNo, string? clientIp);

    public static void LegacyHashKept(ILogger logger, int empNo) => WriteLegacyHashKept(logger, empNo);

    [LoggerMessage(EventId = 1009, EventName = "LegacyHashKept", Level = LogLevel.Warning,
        Message = "Password of emp_no {EmpNo} is longer than bcrypt's 72 bytes; its bcrypt hash is kept, not upgraded")]
    private static partial void WriteLegacyHashKept(ILogger logger, int empNo);

    public static void EmployeeAdded(ILogger logger, string username, int empNo) =>
        WriteEmployeeAdded(logger, Escape(username), empNo);

    [LoggerMessage(EventId = 1010, EventName = "EmployeeAdded", Level = LogLevel.Information,
        Message = "Employee {Username} (emp_no {EmpNo}) added")]
    private static partial void WriteEmployeeAdded(ILogger logger, string username, int empNo);

    public static void PasswordSet(ILogger logger, string username, int empNo) =>
        WritePasswordSet(logger, Escape(username), empNo);

    [LoggerMessage(EventId = 1011, EventName = "PasswordSet", Level = LogLevel.Information,
        Message = "Password of {Username} (emp_no {EmpNo}) set; every token issued before is refused")]
    private static partial void WritePasswordSet(ILogger logger, string username, int empNo);

    public static void EmployeeRemoved(ILogger logger, string username, int empNo) =>
        WriteEmployeeRemoved(logger, Escape(username), empNo);

    [LoggerMessage(EventId = 1012, EventName = "EmployeeRemoved", Level = LogLevel.Information,
        Message = "Employee {Username} (emp_no {EmpNo}) removed; every token of theirs is refused")]
    private static partial void WriteEmployeeRemoved(ILogger logger, string username, int empNo);

    /// <param name="withInitialPassword">Whether the new rows share one initial password (sample data), or have none.</param>
    public static void EmployeesImported(ILogger logger, int added, int updated, int skipped, bool withInitialPassword) =>
        WriteEmployeesImported(logger, added, updated, skipped, withInitialPassword);

    [LoggerMessage(EventId = 1013, EventName = "EmployeesImported", Level = LogLevel.Information,
        Message = "Employees imported: {Added} added, {Updated} updated, {Skipped} skipped; an initial password for the new rows: {WithInitialPassword}")]
    private static partial void WriteEmployeesImported(ILogger logger, int added, int updated, int skipped, bool withInitialPassword);

    public static void LegacyHashesWrapped(ILogger logger, int examined, int wrapped, int skipped) =>
        WriteLegacyHashesWrapped(logger, examined, wrapped, skipped);

    [LoggerMessage(EventId = 1014, EventName = "LegacyHashesWrapped", Level = LogLevel.Information,
        Message = "Legacy password hashes wrapped in the current Argon2id: {Examined} employees examined, {Wrapped} wrapped, {Skipped} changed meanwhile and left as they are")]
    private static partial void WriteLegacyHashesWrapped(ILogger logger, int examined, int wrapped, int skipped);

    public static void ScopesGranted(ILogger logger, string username, int empNo, IEnumerable<string> scopes, IEnumerable<string> held) =>
        WriteScopesGranted(logger, Escape(username), empNo, Names(scopes), Names(held));

    [LoggerMessage(EventId = 1015, EventName = "ScopesGranted", Level = LogLevel.Information,
        Message = "Scopes {Scopes} granted to {Username} (emp_no {EmpNo}), who now holds {Held}; every token issued before is refused")]
    private static partial void WriteScopesGranted(ILogger logger, string username, int empNo, string scopes, string held);

    public static void ScopesRevoked(ILogger logger, string username, int empNo, IEnumerable<string> scopes, IEnumerable<string> held) =>
        WriteScopesRevoked(logger, Escape(username), empNo, Names(scopes), Names(held));

    [LoggerMessage(EventId = 1016, EventName = "ScopesRevoked", Level = LogLevel.Information,
        Message = "Scopes {Scopes} revoked from {Username} (emp_no {EmpNo}), who now holds {Held}; every token issued before is refused")]
    private static partial void WriteScopesRevoked(ILogger logger, string username, int empNo, string scopes, string held);

    /// <param name="scope">The <c>scope</c> the login asked for, none of which the employee holds.</param>
    public static void LoginScopeRefused(ILogger logger, string username, int empNo, string? clientIp, string? scope) =>
        WriteLoginScopeRefused(logger, Escape(username), empNo, Escape(clientIp), Escape(scope));

    [LoggerMessage(EventId = 1017, EventName = "LoginScopeRefused", Level = LogLevel.Warning,
        Message = "Login of {Username} (emp_no {EmpNo}) from {ClientIp} refused: none of the requested scopes {Scope} is granted")]
    private static partial void WriteLoginScopeRefused(ILogger logger, string username, int empNo, string? clientIp, string? scope);

    public static void EmployeeUpdated(ILogger logger, string username, int empNo, int callerEmpNo) =>
        WriteEmployeeUpdated(logger, Escape(username), empNo, callerEmpNo);

    [LoggerMessage(EventId = 1018, EventName = "EmployeeUpdated", Level = LogLevel.Information,
        Message = "Employee {Username} (emp_no {EmpNo}) updated by emp_no {CallerEmpNo}")]
    private static partial void WriteEmployeeUpdated(ILogger logger, string username, int empNo, int callerEmpNo);

    public static void EmployeeCreated(ILogger logger, string username, int empNo, int callerEmpNo) =>
        WriteEmployeeCreated(logger, Escape(username), empNo, callerEmpNo);

    [LoggerMessage(EventId = 1019, EventName = "EmployeeCreated", Level = LogLevel.Information,
        Message = "Employee {Username} (emp_no {EmpNo}) added by emp_no {CallerEmpNo}")]
    private static partial void WriteEmployeeCreated(ILogger logger, string username, int empNo, int callerEmpNo);

    /// <param name="callerEmpNo">Who asked, when the token says.</param>
    /// <param name="resource">What was asked for (<c>GET /employees</c>, <c>employee 10005</c>).</param>
    /// <param name="requiredScope">The scope it needs, which the caller's token does not satisfy.</param>
    public static void AccessDenied(ILogger logger, int? callerEmpNo, string resource, string requiredScope, string? clientIp) =>
        WriteAccessDenied(logger, callerEmpNo, Escape(resource), Escape(requiredScope), Escape(clientIp));

    [LoggerMessage(EventId = 1020, EventName = "AccessDenied", Level = LogLevel.Warning,
        Message = "Access of emp_no {CallerEmpNo} to {Resource} from {ClientIp} denied: it needs {RequiredScope}")]
    private static partial void WriteAccessDenied(ILogger logger, int? callerEmpNo, string resource, string requiredScope, string? clientIp);

    // Authorization codes (RFC 6749 §4.1): 1031 onwards, clear of the refresh tokens' events.
    public static void AuthorizationCodeIssued(ILogger logger, int empNo, string clientId, IEnumerable<string> scopes) =>
        WriteAuthorizationCodeIssued(logger, empNo, Escape(clientId), Names(scopes));

    [LoggerMessage(EventId = 1031, EventName = "AuthorizationCodeIssued", Level = LogLevel.Information,
        Message = "Authorization code issued for emp_no {EmpNo} to client {ClientId} with scopes {Scopes}")]
    private static partial void WriteAuthorizationCodeIssued(ILogger logger, int empNo, string clientId, string scopes);

    public static void AuthorizationCodeRedeemed(ILogger logger, int empNo, string clientId, string? clientIp) =>
        WriteAuthorizationCodeRedeemed(logger, empNo, Escape(clientId), Escape(clientIp));

    [LoggerMessage(EventId = 1032, EventName = "AuthorizationCodeRedeemed", Level = LogLevel.Information,
        Message = "Authorization code of emp_no {EmpNo} redeemed by client {ClientId} from {ClientIp}")]
    private static partial void WriteAuthorizationCodeRedeemed(ILogger logger, int empNo, string clientId, string? clientIp);

    /// <param name="clientId">The client the code was issued to.</param>
    /// <param name="presentedBy">The client that presented it again.</param>
    public static void AuthorizationCodeReplayed(ILogger logger, int empNo, string clientId, string presentedBy, string? clientIp) =>
        WriteAuthorizationCodeReplayed(logger, empNo, Escape(clientId), Escape(presentedBy), Escape(clientIp));

    [LoggerMessage(EventId = 1033, EventName = "AuthorizationCodeReplayed", Level = LogLevel.Warning,
        Message = "Authorization code of emp_no {EmpNo} for client {ClientId} presented again by client {PresentedBy} from {ClientIp}; the tokens it was redeemed for are revoked")]
    private static partial void WriteAuthorizationCodeReplayed(ILogger logger, int empNo, string clientId, string presentedBy, string? clientIp);

    public static void AuthorizationCodeRefused(ILogger logger, string reason, string clientId, string? clientIp) =>
        WriteAuthorizationCodeRefused(logger, Escape(reason), Escape(clientId), Escape(clientIp));

    [LoggerMessage(EventId = 1034, EventName = "AuthorizationCodeRefused", Level = LogLevel.Warning,
        Message = "Authorization code refused ({Reason}) for client {ClientId} from {ClientIp}")]
    private static partial void WriteAuthorizationCodeRefused(ILogger logger, string reason, string clientId, string? clientIp);

    /// <param name="scope">The <c>scope</c> the request asked for, none of which both the client may have and the employee holds.</param>
    public static void AuthorizationScopeRefused(ILogger logger, int empNo, string clientId, string? scope) =>
        WriteAuthorizationScopeRefused(logger, empNo, Escape(clientId), Escape(scope));

    [LoggerMessage(EventId = 1035, EventName = "AuthorizationScopeRefused", Level = LogLevel.Warning,
        Message = "Authorization of emp_no {EmpNo} for client {ClientId} refused: none of the requested scopes {Scope} is allowed and granted")]
    private static partial void WriteAuthorizationScopeRefused(ILogger logger, int empNo, string clientId, string? scope);

    /// <summary>
    /// A refresh token that was used before came back (RFC 9700 §4.14): it was stolen, or the client is broken.
    /// Either way its whole family is revoked.
    /// </summary>
    public static void RefreshTokenReused(ILogger logger, int empNo, string familyId, string clientId, string? clientIp) =>
        WriteRefreshTokenReused(logger, empNo, Escape(familyId), Escape(clientId), Escape(clientIp));

    [LoggerMessage(EventId = 1021, EventName = "RefreshTokenReused", Level = LogLevel.Warning,
        Message = "Refresh token of emp_no {EmpNo} reused by client '{ClientId}' from {ClientIp}; its family {FamilyId} is revoked")]
    private static partial void WriteRefreshTokenReused(ILogger logger, int empNo, string familyId, string clientId, string? clientIp);

    /// <param name="reason">Why, in words fit for the log (<c>unknown</c>, <c>expired</c>, <c>another client</c>…).</param>
    /// <param name="empNo">Whose family it was, when the token was known.</param>
    public static void RefreshRefused(ILogger logger, string reason, int? empNo, string clientId, string? clientIp) =>
        WriteRefreshRefused(logger, Escape(reason), empNo, Escape(clientId), Escape(clientIp));

    [LoggerMessage(EventId = 1022, EventName = "RefreshRefused", Level = LogLevel.Warning,
        Message = "Refresh refused ({Reason}) for emp_no {EmpNo}, client '{ClientId}', from {ClientIp}")]
    private static partial void WriteRefreshRefused(ILogger logger, string reason, int? empNo, string clientId, string? clientIp);

    /// <param name="kind"><c>Refresh token</c> (its whole family) or <c>Access token</c>.</param>
    public static void TokenRevoked(ILogger logger, string kind, int empNo, string clientId, string? clientIp) =>
        WriteTokenRevoked(logger, Escape(kind), empNo, Escape(clientId), Escape(clientIp));

    [LoggerMessage(EventId = 1023, EventName = "TokenRevoked", Level = LogLevel.Information,
        Message = "{Kind} of emp_no {EmpNo} revoked by client '{ClientId}' from {ClientIp}")]
    private static partial void WriteTokenRevoked(ILogger logger, string kind, int empNo, string clientId, string? clientIp);

    /// <summary>RFC 7009 §2.1: a client presented a token issued to another client; nothing was revoked.</summary>
    /// <param name="kind"><c>Refresh token</c> or <c>Access token</c>.</param>
    public static void TokenRevocationRefused(ILogger logger, string kind, int empNo, string tokenClientId, string clientId, string? clientIp) =>
        WriteTokenRevocationRefused(logger, Escape(kind), empNo, Escape(tokenClientId), Escape(clientId), Escape(clientIp));

    [LoggerMessage(EventId = 1036, EventName = "TokenRevocationRefused", Level = LogLevel.Warning,
        Message = "{Kind} of emp_no {EmpNo} issued to client '{TokenClientId}' not revoked for client '{ClientId}' from {ClientIp}")]
    private static partial void WriteTokenRevocationRefused(ILogger logger, string kind, int empNo, string tokenClientId, string clientId, string? clientIp);

    /// <param name="clientId">The client id the request named (a registered one, else nothing was refused).</param>
    /// <param name="endpoint">Where (<c>/token</c>, <c>/revoke</c>, <c>/introspect</c>).</param>
    public static void ClientAuthenticationFailed(ILogger logger, string? clientId, string endpoint, string? clientIp) =>
        WriteClientAuthenticationFailed(logger, Escape(clientId), Escape(endpoint), Escape(clientIp));

    [LoggerMessage(EventId = 1024, EventName = "ClientAuthenticationFailed", Level = LogLevel.Warning,
        Message = "Client authentication of '{ClientId}' at {Endpoint} from {ClientIp} failed")]
    private static partial void WriteClientAuthenticationFailed(ILogger logger, string? clientId, string endpoint, string? clientIp);

    /// <summary>
    /// <paramref name="value"/> with every character that could end a log line written as an escape:
    /// <c>\r</c>, <c>\n</c>, <c>\t</c> as such, other control characters and the Unicode line and
    /// paragraph separators as <c>\uXXXX</c>. A value without any is returned as it is.
    /// </summary>
    [return: NotNullIfNotNull(nameof(value))]
    internal static string? Escape(string? value)
    {
        if (value is null || !value.Any(NeedsEscape))
        {
            return value;
        }

        var escaped = new StringBuilder(value.Length + 16);
        foreach (var c in value)
        {
            _ = c switch
            {
                '\r' => escaped.Append(@"\r"),
                '\n' => escaped.Append(@"\n"),
                '\t' => escaped.Append(@"\t"),
                _ when NeedsEscape(c) => escaped.Append(CultureInfo.InvariantCulture, $@"\u{(int)c:X4}"),
                _ => escaped.Append(c),
            };
        }

        return escaped.ToString();
    }

    /// <summary>Scope names for a message: space-separated, <c>(none)</c> when there are none.</summary>
    private static string Names(IEnumerable<string> names) =>
        Escape(string.Join(' ', names)) is { Length: > 0 } joined ? joined : "(none)";

    // U+2028 and U+2029 are not control characters, but editors and log viewers break lines at them.
    private static bool NeedsEscape(char c) => char.IsControl(c) || c is '\u2028' or '\u2029';
}
