namespace FastApiLearning.Application.Common.Ports;

/// <summary>
/// Authorization codes between <c>/authorize</c> and their redemption at <c>/token</c>, where every
/// instance sees them. A store that cannot be reached throws <see cref="Exceptions.ResourceUnavailableException"/>.
/// </summary>
public interface IAuthorizationCodeStore
{
    ValueTask AddAsync(AuthorizationCodeRecord code, CancellationToken cancellationToken);

    /// <summary>
    /// Marks the code used, atomically: exactly one caller gets <see cref="Redemption{T}.IsFirst"/>; a later one
    /// gets the record with its <see cref="AuthorizationCodeRecord.UsedAt"/> (a replay). Expiry is the caller's to judge.
    /// </summary>
    ValueTask<Redemption<AuthorizationCodeRecord>> RedeemAsync(string codeHash, DateTimeOffset now, CancellationToken cancellationToken);
}
