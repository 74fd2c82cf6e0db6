namespace FastApiLearning.Application.Common.Ports;

/// <summary>
/// The refresh tokens of one login (or one redeemed authorization code): each use hands out the next
/// one, and presenting a used one ends them all (RFC 9700 §4.14).
/// </summary>
/// <param name="ClientId">The client the family was issued to; empty for anonymous password-grant clients.</param>
/// <param name="Scopes">What the family was granted; a refresh may ask for less, never more.</param>
/// <param name="StartedAt">The login: the absolute lifetime counts from here, and "tokens valid after" compares with it.</param>
/// <param name="RevokedAt">When the whole family was revoked (reuse, logout), or null.</param>
public sealed record RefreshTokenFamily(
    string FamilyId,
    int EmpNo,
    string ClientId,
    IReadOnlyList<string> Scopes,
    DateTimeOffset StartedAt,
    DateTimeOffset? RevokedAt = null);
