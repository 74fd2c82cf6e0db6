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
    /// (a replay) marks it replayed (<see cref="AuthorizationCodeRecord.ReplayedAt"/>, the first replay's instant
    /// kept) before it gets the record with its <see cref="AuthorizationCodeRecord.UsedAt"/>. Expiry is the caller's to judge.
    /// </summary>
    ValueTask<Redemption<AuthorizationCodeRecord>> RedeemAsync(string codeHash, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>The code as stored now (used, replayed or not), or null.</summary>
    ValueTask<AuthorizationCodeRecord?> FindAsync(string codeHash, CancellationToken cancellationToken);
}
