namespace FastApiLearning.Application.Common.Ports;

/// <summary>One refresh token as stored: never its value, only <see cref="Auth.TokenHandles.Hash"/> of it.</summary>
/// <param name="ExpiresAt">The idle lifetime from <paramref name="IssuedAt"/>, capped by the family's absolute lifetime.</param>
/// <param name="UsedAt">When it was exchanged for its successor, or null while it is the family's current one.</param>
public sealed record RefreshTokenRecord(
    string TokenHash,
    RefreshTokenFamily Family,
    DateTimeOffset IssuedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? UsedAt = null);
