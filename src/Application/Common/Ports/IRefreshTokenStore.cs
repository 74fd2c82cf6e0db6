namespace FastApiLearning.Application.Common.Ports;

/// <summary>
/// Refresh-token families and their tokens, in the employees database (in memory for the Fake provider),
/// so that they outlive a restart and every instance sees the same ones. Removing an employee removes theirs.
/// A store that cannot be reached throws <see cref="Exceptions.ResourceUnavailableException"/>.
/// </summary>
public interface IRefreshTokenStore
{
    /// <summary>Records a new family with its first token.</summary>
    /// <returns>False when the employee is no longer there (removed while the session was being started): nothing is recorded.</returns>
    ValueTask<bool> StartFamilyAsync(RefreshTokenFamily family, string tokenHash, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    /// <summary>
    /// Marks the token used, atomically, if it is unused and its family is not revoked: the caller that gets
    /// <see cref="Redemption{T}.IsFirst"/> may issue the successor; any other has a reused (or revoked) token.
    /// </summary>
    ValueTask<Redemption<RefreshTokenRecord>> UseAsync(string tokenHash, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Records the successor of a token the caller has just used, in the same family.</summary>
    /// <returns>False when the family is no longer there (its employee removed meanwhile): nothing is recorded.</returns>
    ValueTask<bool> AddAsync(string familyId, string tokenHash, DateTimeOffset issuedAt, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    /// <summary>The token as stored (used or not, its family revoked or not), or null.</summary>
    ValueTask<RefreshTokenRecord?> FindAsync(string tokenHash, CancellationToken cancellationToken);

    /// <summary>Every token of the family, used or not, is refused from now on.</summary>
    /// <returns>False when there is no such family (or it was revoked already).</returns>
    ValueTask<bool> RevokeFamilyAsync(string familyId, DateTimeOffset now, CancellationToken cancellationToken);
}
