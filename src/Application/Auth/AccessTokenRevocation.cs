using System.Globalization;
using FastApiLearning.Application.Common.Ports;

namespace FastApiLearning.Application.Auth;

/// <summary>
/// Whether a valid access token is refused all the same: one rule for every request's check and for introspection.
/// Its jti was logged out, its session (<c>sid</c>) ended, or its employee logged out everywhere (the revocation store: this instance's memory, or
/// Redis shared by all), or the employees database says the employee is gone or that their tokens before some
/// instant are void (a password set or an employee removed by a command in another process, which no revocation
/// store sees).
/// </summary>
public static class AccessTokenRevocation
{
    public static async ValueTask<bool> IsRevokedAsync(
        IRevocationStore revocations,
        IEmployeeStore employees,
        string tokenId,
        string subject,
        string? sessionId,
        DateTimeOffset issuedAt,
        CancellationToken cancellationToken)
    {
        // A token without an id cannot be revoked, nor one without an employee checked: neither is trusted.
        if (string.IsNullOrWhiteSpace(tokenId)
            || !int.TryParse(subject, NumberStyles.None, CultureInfo.InvariantCulture, out var empNo))
        {
            return true;
        }

        if (await revocations.IsRevokedAsync(tokenId, subject, sessionId, issuedAt, cancellationToken))
        {
            return true;
        }

        // Issued in the very instant of the cutoff counts as before it, as with "log out everywhere".
        return await employees.FindTokensValidAfterAsync(empNo, cancellationToken) is not { } validAfter
            || issuedAt <= validAfter;
    }
}
