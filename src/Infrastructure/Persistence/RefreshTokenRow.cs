namespace FastApiLearning.Infrastructure.Persistence;

/// <summary>A row of <c>refresh_tokens</c>: the SHA-256 of a refresh token, never the token. Instants are Unix milliseconds.</summary>
internal sealed class RefreshTokenRow
{
    public required string TokenHash { get; set; }

    public required string FamilyId { get; set; }

    public RefreshTokenFamilyRow? Family { get; set; }

    public long IssuedAt { get; set; }

    public long ExpiresAt { get; set; }

    /// <summary>When it was exchanged for its successor; null while it is its family's current token.</summary>
    public long? UsedAt { get; set; }
}
