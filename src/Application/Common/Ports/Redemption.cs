namespace FastApiLearning.Application.Common.Ports;

/// <summary>What a one-time use of a stored value came to.</summary>
/// <param name="Record">The record as it was before this use; null when nothing is stored under the hash.</param>
/// <param name="IsFirst">
/// This call marked it used. False for a value used before (a replay), or, for refresh tokens, one whose
/// family is revoked: of two callers racing with one value, exactly one gets true.
/// </param>
public sealed record Redemption<T>(T? Record, bool IsFirst)
    where T : class;
