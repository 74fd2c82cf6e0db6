namespace FastApiLearning.Infrastructure.Persistence;

/// <summary>
/// A row of <c>refresh_token_families</c>: one login (or one redeemed authorization code). Instants are Unix
/// milliseconds, as <see cref="EmployeeRow.TokensValidAfter"/>.
/// </summary>
internal sealed class RefreshTokenFamilyRow
{
    public required string FamilyId { get; set; }

    public int EmpNo { get; set; }

    /// <summary>The client it was issued to; empty for anonymous password-grant clients.</summary>
    public required string ClientId { get; set; }

    /// <summary>The canonical names (<see cref="GrantedScopes"/>), separated by one space.</summary>
    public required string Scopes { get; set; }

    public long StartedAt { get; set; }

    public long? RevokedAt { get; set; }
}
