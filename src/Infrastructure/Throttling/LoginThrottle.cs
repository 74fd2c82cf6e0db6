using System.Net;
using System.Net.Sockets;
using FastApiLearning.Application.Common.Ports;
using Microsoft.Extensions.Options;

namespace FastApiLearning.Infrastructure.Throttling;

/// <summary>
/// The brute-force policy (<see cref="ThrottlingOptions"/>) on an atomic counter store. Every client
/// without a trusted device shares one strict count per username; a browser with a device cookie for
/// that username counts on its own, so strangers' failures cannot lock its owner out (OWASP's device
/// cookies). Every attempt also counts against its client address: per IPv4 address, per IPv6 /64.
/// </summary>
public sealed class LoginThrottle(
    IAttemptCounterStore counters,
    IOptions<ThrottlingOptions> options,
    TimeProvider timeProvider) : ILoginThrottle
{
    private readonly ThrottlingOptions _options = options.Value;

    private readonly AttemptLimits _limits = new(
        options.Value.MaxFailuresPerUsername,
        // A count must outlive the longest lock by a whole window: an attempt right after a
        // 15-minute lock must double it again, not start a fresh count of free guesses.
        options.Value.UsernameWindow + options.Value.MaxBackoff,
        options.Value.InitialBackoff,
        options.Value.MaxBackoff,
        options.Value.MaxFailuresPerClient,
        options.Value.ClientWindow);

    public async ValueTask<TimeSpan?> TryBeginAsync(LoginAttempt attempt, CancellationToken cancellationToken) =>
        _options.Enabled
            ? await counters.TryReserveAsync(KeysOf(attempt), timeProvider.GetUtcNow(), _limits, cancellationToken)
            : null;

    public async ValueTask SucceededAsync(LoginAttempt attempt, CancellationToken cancellationToken)
    {
        if (_options.Enabled)
        {
            // The device proved itself: its own count starts again. A username's shared count only
            // gets this attempt back, so an owner's login hands strangers no fresh allowance.
            await counters.ReleaseAsync(KeysOf(attempt), clearAccount: attempt.DeviceId is not null, cancellationToken);
        }
    }

    public async ValueTask AbandonAsync(LoginAttempt attempt, CancellationToken cancellationToken)
    {
        if (_options.Enabled)
        {
            await counters.ReleaseAsync(KeysOf(attempt), clearAccount: false, cancellationToken);
        }
    }

    public static AttemptKeys KeysOf(LoginAttempt attempt) => new(
        attempt.DeviceId is { } device ? "throttle:device:" + device : "throttle:user:" + attempt.NormalizedUsername,
        attempt.ClientIp is { } ip ? "throttle:ip:" + ClientKey(ip) : null);

    /// <summary>
    /// An IPv4 address as it is (also when it arrives IPv4-mapped, <c>::ffff:a.b.c.d</c>); an IPv6
    /// address by its /64, which one host or home network usually holds whole.
    /// </summary>
    public static string ClientKey(string clientIp)
    {
        if (!IPAddress.TryParse(clientIp, out var address))
        {
            return clientIp;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4().ToString();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
