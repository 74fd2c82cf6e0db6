namespace FastApiLearning.Application.Auth.Sessions;

/// <summary>How long refresh tokens last (configuration: <c>Jwt:RefreshToken…</c>, set by Infrastructure).</summary>
/// <param name="Idle">From the last rotation: a token unused this long is dead.</param>
/// <param name="Absolute">From the login: no rotation extends a family past it.</param>
/// <param name="BrowserGrace">
/// How long after a rotation the browser session's own parallel requests may still present the token just
/// rotated without it counting as reuse (they left together with one expired access cookie).
/// </param>
public sealed record RefreshTokenLifetimes(TimeSpan Idle, TimeSpan Absolute, TimeSpan BrowserGrace)
{
    public static RefreshTokenLifetimes Default { get; } = new(TimeSpan.FromDays(7), TimeSpan.FromDays(30), TimeSpan.FromSeconds(10));

    /// <summary>When a token issued at <paramref name="issuedAt"/> in a family started at <paramref name="startedAt"/> expires.</summary>
    public DateTimeOffset ExpiryOf(DateTimeOffset startedAt, DateTimeOffset issuedAt) =>
        issuedAt + Idle < startedAt + Absolute ? issuedAt + Idle : startedAt + Absolute;
}
