namespace FastApiLearning.Application.Common.Ports;

/// <summary>
/// Counts failed logins per username and per client, and says when the next attempt must wait
/// (RFC 6749 §4.3.2 asks a password-grant endpoint to defend against brute force).
/// </summary>
public interface ILoginThrottle
{
    /// <returns><c>null</c> when the attempt may go ahead; otherwise how long to wait.</returns>
    ValueTask<TimeSpan?> CheckAsync(string normalizedUsername, string? clientIp, CancellationToken cancellationToken);

    ValueTask RecordFailureAsync(string normalizedUsername, string? clientIp, CancellationToken cancellationToken);

    ValueTask RecordSuccessAsync(string normalizedUsername, CancellationToken cancellationToken);
}
