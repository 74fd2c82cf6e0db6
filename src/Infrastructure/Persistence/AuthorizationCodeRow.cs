namespace FastApiLearning.Infrastructure.Persistence;

/// <summary>A row of <c>authorization_codes</c>: the SHA-256 of a code, never the code. Instants are Unix milliseconds.</summary>
internal sealed class AuthorizationCodeRow
{
    public required string CodeHash { get; set; }

    public required string ClientId { get; set; }

    public required string RedirectUri { get; set; }

    public required string CodeChallenge { get; set; }

    public int EmpNo { get; set; }

    /// <summary>The canonical names (<see cref="GrantedScopes"/>), separated by one space.</summary>
    public required string Scopes { get; set; }

    /// <summary>The family its redemption starts (not a foreign key: the family exists only once the code is redeemed).</summary>
    public required string FamilyId { get; set; }

    public long ExpiresAt { get; set; }

    public long? UsedAt { get; set; }

    /// <summary>When it was first presented again after its redemption (a replay), or null.</summary>
    public long? ReplayedAt { get; set; }
}
