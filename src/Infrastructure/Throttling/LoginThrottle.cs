using FastApiLearning.Application.Common.Ports;
using Microsoft.Extensions.Options;

namespace FastApiLearning.Infrastructure.Throttling;

/// <summary>
/// The brute-force policy. Per username: after <see cref="ThrottlingOptions.MaxFailuresPerUsername"/>
/// failures, each within <see cref="ThrottlingOptions.UsernameWindow"/> plus <see cref="ThrottlingOptions.MaxBackoff"/>
/// of the last (so a count survives its longest lock), the username is
/// locked for <see cref="ThrottlingOptions.InitialBackoff"/>, doubled for every further failure up to
/// <see cref="ThrottlingOptions.MaxBackoff"/>; a success clears it. Per client IP: at most
/// <see cref="ThrottlingOptions.MaxFailuresPerClient"/> failures in a fixed window.
/// </summary>
public sealed class LoginThrottle(
    IAttemptCounterStore counters,
    IOptions<ThrottlingOptions> options,
    TimeProvider timeProvider) : ILoginThrottle
{
    private readonly ThrottlingOptions _options = options.Value;

    public async ValueTask<TimeSpan?> CheckAsync(string normalizedUsername, string? clientIp, CancellationToken cancellationToken)
    {
        if (!_options.Enabled)
        {
            return null;
        }

        var now = timeProvider.GetUtcNow();
        var lockedUntil = DateTimeOffset.MinValue;

        if (await counters.GetAsync(UsernameKey(normalizedUsername), cancellationToken) is { } user
            && user.Failures >= _options.MaxFailuresPerUsername)
        {
            lockedUntil = user.LastFailureAt + Backoff(user.Failures);
        }

        if (clientIp is not null
            && await counters.GetAsync(ClientKey(clientIp), cancellationToken) is { } client
            && client.Failures >= _options.MaxFailuresPerClient)
        {
            var clientUntil = client.FirstFailureAt + _options.ClientWindow;
            lockedUntil = clientUntil > lockedUntil ? clientUntil : lockedUntil;
        }

        return lockedUntil > now ? lockedUntil - now : null;
    }

    public async ValueTask RecordFailureAsync(string normalizedUsername, string? clientIp, CancellationToken cancellationToken)
    {
        if (!_options.Enabled)
        {
            return;
        }

        var now = timeProvider.GetUtcNow();
        // The count must outlive the longest lock by a whole window: a failure right after a
        // 15-minute lock must double it again, not start a fresh count of free guesses.
        await counters.RecordFailureAsync(
            UsernameKey(normalizedUsername), now, _options.UsernameWindow + _options.MaxBackoff, sliding: true, cancellationToken);
        if (clientIp is not null)
        {
            await counters.RecordFailureAsync(ClientKey(clientIp), now, _options.ClientWindow, sliding: false, cancellationToken);
        }
    }

    public async ValueTask RecordSuccessAsync(string normalizedUsername, CancellationToken cancellationToken)
    {
        if (_options.Enabled)
        {
            await counters.ResetAsync(UsernameKey(normalizedUsername), cancellationToken);
        }
    }

    /// <summary>1, 2, 4 … × the initial back-off for the threshold-th, next, … failure, capped.</summary>
    private TimeSpan Backoff(int failures)
    {
        var doublings = Math.Min(failures - _options.MaxFailuresPerUsername, 20);
        var backoff = _options.InitialBackoff * Math.Pow(2, doublings);
        return backoff < _options.MaxBackoff ? backoff : _options.MaxBackoff;
    }

    private static string UsernameKey(string normalizedUsername) => "throttle:user:" + normalizedUsername;

    private static string ClientKey(string clientIp) => "throttle:ip:" + clientIp;
}
