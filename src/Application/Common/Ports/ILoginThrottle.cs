namespace FastApiLearning.Application.Common.Ports;

/// <summary>
/// Limits password guessing (RFC 6749 §4.3.2 asks a password-grant endpoint to defend against brute
/// force). An attempt is counted <em>before</em> its password is checked: deciding and counting are one
/// atomic step, so a burst of simultaneous attempts cannot all pass a check that only reads.
/// </summary>
public interface ILoginThrottle
{
    /// <summary>Counts the attempt against its account and client, unless either is locked.</summary>
    /// <returns><c>null</c> when the attempt may go ahead; otherwise how long to wait (nothing was counted).</returns>
    ValueTask<TimeSpan?> TryBeginAsync(LoginAttempt attempt, CancellationToken cancellationToken);

    /// <summary>
    /// The password was right: gives back this attempt's own count, and clears a trusted device's
    /// count. Strangers' failures against the username stay counted.
    /// </summary>
    ValueTask SucceededAsync(LoginAttempt attempt, CancellationToken cancellationToken);

    /// <summary>The password was never checked (nothing could check it): gives back this attempt's count.</summary>
    ValueTask AbandonAsync(LoginAttempt attempt, CancellationToken cancellationToken);
}

/// <param name="NormalizedUsername">The email as the store looks it up.</param>
/// <param name="ClientIp">Where the attempt came from, when known.</param>
/// <param name="DeviceId">
/// A browser that has logged in to this account before (OWASP's "device cookie"): it has an
/// allowance of its own that strangers' failures cannot use up. <c>null</c> for every other client.
/// </param>
public sealed record LoginAttempt(string NormalizedUsername, string? ClientIp, string? DeviceId);
