using System.Globalization;
using FastApiLearning.Application.Common.Ports;
using Mediator;

namespace FastApiLearning.Application.Auth.IsTokenRevoked;

/// <summary>
/// A token is refused when its jti was logged out, when its employee logged out everywhere (the
/// revocation store: this instance's memory, or Redis shared by all), and when the employees
/// database says the employee is gone or that their tokens before some instant are void (a password
/// set or an employee removed by a command in another process, which no revocation store sees).
/// </summary>
public sealed class IsTokenRevokedQueryHandler(IRevocationStore revocations, IEmployeeStore employees)
    : IQueryHandler<IsTokenRevokedQuery, bool>
{
    public async ValueTask<bool> Handle(IsTokenRevokedQuery query, CancellationToken cancellationToken)
    {
        // A token without an id cannot be revoked, nor one without an employee checked: neither is trusted.
        if (string.IsNullOrWhiteSpace(query.TokenId)
            || !int.TryParse(query.Subject, NumberStyles.None, CultureInfo.InvariantCulture, out var empNo))
        {
            return true;
        }

        if (await revocations.IsRevokedAsync(query.TokenId, query.Subject, query.IssuedAt, cancellationToken))
        {
            return true;
        }

        // Issued in the very instant of the cutoff counts as before it, as with "log out everywhere".
        return await employees.FindTokensValidAfterAsync(empNo, cancellationToken) is not { } validAfter
            || query.IssuedAt <= validAfter;
    }
}
