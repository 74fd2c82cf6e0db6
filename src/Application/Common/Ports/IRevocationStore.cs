namespace FastApiLearning.Application.Common.Ports;

/// <summary>Remembers revoked tokens by <c>jti</c> until they would have expired anyway.</summary>
public interface IRevocationStore
{
    ValueTask RevokeAsync(string tokenId, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    ValueTask<bool> IsRevokedAsync(string tokenId, CancellationToken cancellationToken);
}
